import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { suggest } from '../../lib/suggest';
import type { AuthConfig } from '../../runtime/http/auth';
import { ProfileError } from './errors';
import schema from './target-profile.schema.json';
import { parseYamlWithPositions, type PositionedYaml } from './yaml-position';

/** The role of a profile that names none: profiles written before roles existed all describe a Sonata Seller. */
export const DEFAULT_ROLE = 'sonata-seller';

/**
 * A validated target profile with defaults applied and secrets taken from the environment: the keys every role has.
 * A role's own keys come on top (`SonataSellerProfile` in suites/sonata-seller/profile.ts), so the profiles a run can
 * get form a union keyed by `role`.
 */
export interface TargetProfile {
  /** Where it came from, for messages and reports: the path as the user gave it, or `(embedded)`. */
  source: string;
  /** What the implementation under test is (`sonata-seller`, `client`…); the suite run must accept it. */
  role: string;
  target: { name?: string; version?: string; baseUrl?: string; apis: Record<string, string> };
  auth: AuthConfig;
  /** Where the harness listens for notifications, and the URL the target must call back. */
  listener: { host: string; port: number; callbackUrl?: string };
  /** Where the harness serves the APIs the target calls (a suite with a stage port). */
  stage: { host: string; port: number };
  timeouts: { requestMs: number; notificationMs: number; scenarioMs: number };
  /** The optional capabilities the role defines, each claimed or not; scenarios `require` them. */
  capabilities: Readonly<Record<string, boolean>>;
}

/** What a role may ask of the loader while reading its own keys. */
export interface RoleReader {
  /** The content of a fixture file named at `path` (relative to the profile); a missing or broken one is a profile error. */
  fixture(path: Array<string | number>, file: string): unknown;
}

/**
 * A kind of target profile, declared by the suites that accept it: the role's name, its own keys (a JSON Schema
 * fragment merged into the generic schema, so typos in them get the same one-line errors) and its capabilities.
 */
export interface ProfileRole<P extends TargetProfile = TargetProfile> {
  id: P['role'];
  /** What the implementation under test is, for messages: `a Sonata Seller`. */
  describes: string;
  /** The target is a server the harness calls, so `target.baseUrl` or `target.apis` is required. */
  serves: boolean;
  capabilities: readonly string[];
  /** `properties` of the role's own top-level keys; `$ref`s may use the generic schema's definitions. */
  schema: { properties: Record<string, unknown> };
  /** The role's own keys, from the validated value (defaults applied). */
  read(raw: Record<string, any>, reader: RoleReader): Omit<P, keyof TargetProfile>;
}

export interface ProfileOptions {
  env?: NodeJS.ProcessEnv;
}

// verbose: errors carry their schema, which holds the hints and the alternatives the messages name.
const ajv = new Ajv({ allErrors: false, verbose: true, useDefaults: true, discriminator: true, strictTypes: false });
ajv.addVocabulary(['x-hint']);
const validators = new WeakMap<ProfileRole<any>, ValidateFunction>();

/** The generic schema with the role's keys and capabilities merged in, compiled once per role. */
function validatorOf(role: ProfileRole<any>): ValidateFunction {
  let v = validators.get(role);
  if (!v) {
    const target = {
      ...schema.properties.target,
      ...(role.serves ? { anyOf: [{ required: ['baseUrl'] }, { required: ['apis'] }] } : {}),
    };
    const capabilities = {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(role.capabilities.map((c) => [c, { type: 'boolean', default: false }])),
      default: {},
    };
    const { $id: _id, ...rest } = schema;
    v = ajv.compile({ ...rest, properties: { ...schema.properties, target, ...role.schema.properties, capabilities } });
    validators.set(role, v);
  }
  return v;
}

/** Reads and validates a profile file. Every problem is a `ProfileError` naming the line and the key. */
export function loadProfile<P extends TargetProfile>(path: string, role: ProfileRole<P>, opts: ProfileOptions = {}): P {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ProfileError(
      path,
      undefined,
      '',
      `cannot read the profile: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return parseProfile(text, path, role, { ...opts, baseDir: dirname(resolve(path)) });
}

/** Validates profile text; `source` is the name used in messages, `baseDir` resolves fixture paths. */
export function parseProfile<P extends TargetProfile>(
  text: string,
  source: string,
  role: ProfileRole<P>,
  opts: ProfileOptions & { baseDir: string },
): P {
  const parsed = parseYamlWithPositions(text);
  if (!parsed.ok) throw new ProfileError(source, parsed.line, '', `not valid YAML: ${parsed.message}`);
  return fromValue(parsed.doc.value, source, role, opts, parsed.doc);
}

/** Validates a profile built in code (a suite's embedded default target); errors carry no line. */
export function profileFromObject<P extends TargetProfile>(
  value: unknown,
  source: string,
  role: ProfileRole<P>,
  opts: ProfileOptions & { baseDir: string },
): P {
  return fromValue(structuredClone(value), source, role, opts, undefined);
}

type Raw = Omit<TargetProfile, 'source' | 'auth' | 'target' | 'role'> & {
  role?: string;
  target: { name?: string; version?: string; baseUrl?: string; apis?: Record<string, string> };
  auth?: {
    type: string;
    token?: string;
    tokenEnv?: string;
    tokenUrl?: string;
    clientId?: string;
    clientSecret?: string;
    clientSecretEnv?: string;
    scope?: string;
  };
};

function fromValue<P extends TargetProfile>(
  value: unknown,
  source: string,
  role: ProfileRole<P>,
  opts: ProfileOptions & { baseDir: string },
  pos: PositionedYaml | undefined,
): P {
  if (value === null || value === undefined)
    throw new ProfileError(source, 1, '', 'the profile is empty; `lso test --init` writes an example');
  checkRole(value, source, role, pos);
  const validate = validatorOf(role);
  // Stopping at the first error, ajv lists the failing keyword first and its enclosing anyOf/oneOf/propertyNames
  // last; the enclosing one says what the user has to do.
  if (!validate(value)) throw toProfileError(validate.errors![validate.errors!.length - 1], source, pos);
  const raw = value as Raw;
  const env = opts.env ?? process.env;
  const fromEnv = (path: Array<string | number>, name: string): string => {
    const v = env[name];
    if (!v) throw new ProfileError(source, pos?.lineOf(path), keyOf(path), `environment variable ${name} is not set`);
    return v;
  };
  const a = raw.auth ?? { type: 'none' };
  const auth: AuthConfig =
    a.type === 'bearer'
      ? { type: 'bearer', token: a.token ?? fromEnv(['auth', 'tokenEnv'], a.tokenEnv!) }
      : a.type === 'oauth2-client-credentials'
        ? {
            type: a.type,
            tokenUrl: a.tokenUrl!,
            clientId: a.clientId!,
            clientSecret: a.clientSecret ?? fromEnv(['auth', 'clientSecretEnv'], a.clientSecretEnv!),
            scope: a.scope,
          }
        : { type: 'none' };
  const generic: TargetProfile = {
    source,
    role: role.id,
    target: { ...raw.target, apis: raw.target.apis ?? {} },
    auth,
    listener: raw.listener,
    stage: raw.stage,
    timeouts: raw.timeouts,
    capabilities: raw.capabilities,
  };
  const own = role.read(value as Record<string, any>, {
    fixture: (path, file) => readFixture(resolve(opts.baseDir, file), source, pos, path),
  });
  return { ...generic, ...own } as P;
}

/** A profile for another role is refused before its keys are judged by the wrong schema. */
function checkRole(value: unknown, source: string, role: ProfileRole<any>, pos: PositionedYaml | undefined): void {
  const named = typeof value === 'object' && value !== null ? (value as { role?: unknown }).role : undefined;
  if (named !== undefined && typeof named !== 'string') return; // the schema reports the type
  const found = named ?? DEFAULT_ROLE;
  if (found === role.id) return;
  const problem =
    named === undefined
      ? `is required: this suite tests ${role.describes}; set role: ${role.id} (a profile without role describes a ${DEFAULT_ROLE})`
      : `this suite tests ${role.describes} (role: ${role.id}); the profile is for a ${found}`;
  throw new ProfileError(source, named === undefined ? 1 : pos?.lineOfKey([], 'role'), 'role', problem);
}

function readFixture(
  file: string,
  source: string,
  pos: PositionedYaml | undefined,
  path: Array<string | number>,
): unknown {
  const fail = (problem: string) => new ProfileError(source, pos?.lineOf(path), keyOf(path), problem);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw fail(`cannot read fixture: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw fail(
      `fixture is not valid ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
}

/** `auth.tokenUrl`, `products[0].fixture`: how a key is named in messages. */
export function keyOf(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
}

function pathOf(instancePath: string): Array<string | number> {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t));
}

/** One ajv error as `file:line key: problem`, pointing at the offending key where there is one. */
function toProfileError(e: ErrorObject, source: string, pos: PositionedYaml | undefined): ProfileError {
  const path = pathOf(e.instancePath);
  const p = e.params as Record<string, any>;
  const hint = (e.parentSchema as Record<string, unknown> | undefined)?.['x-hint'];
  const at = (keyPath: Array<string | number>, problem: string, line = pos?.lineOf(keyPath)) =>
    new ProfileError(source, line, keyOf(keyPath), problem);
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      return at(
        [...path, p.additionalProperty],
        `unknown key${suggest(p.additionalProperty, known) || `; allowed: ${known.join(', ')}`}`,
        pos?.lineOfKey(path, p.additionalProperty),
      );
    }
    case 'required':
      return at([...path, p.missingProperty], `is required`, pos?.lineOf(path));
    case 'anyOf':
    case 'oneOf': {
      const alternatives = ((e.schema as Array<{ required?: string[] }>) ?? []).flatMap((s) => s.required ?? []);
      if (alternatives.length) return at(path, `needs exactly one of ${alternatives.join(', ')}`);
      return at(path, e.message ?? 'is not valid');
    }
    case 'discriminator':
      return p.error === 'mapping'
        ? at(
            [...path, p.tag],
            `must be one of none, bearer, oauth2-client-credentials; found '${String((p as { tagValue?: unknown }).tagValue ?? '')}'`,
            pos?.lineOfKey(path, p.tag),
          )
        : at([...path, p.tag], 'is required');
    case 'propertyNames':
      return at(
        [...path, p.propertyName],
        `is not ${(e.schema as Record<string, unknown>)['x-hint'] ?? 'an allowed name'}`,
        pos?.lineOfKey(path, p.propertyName),
      );
    case 'pattern':
    case 'format':
    case 'minimum':
    case 'maximum':
    case 'type':
      return at(path, typeof hint === 'string' ? `must be ${hint}` : (e.message ?? 'is not valid'));
    default:
      return at(path, e.message ?? 'is not valid');
  }
}
