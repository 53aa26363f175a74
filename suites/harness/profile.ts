import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { suggest } from '../../lib/suggest';
import type { AuthConfig } from '../../runtime/http/auth';
import { ProfileError } from './errors';
import schema from './target-profile.schema.json';
import { parseYamlWithPositions, type PositionedYaml } from './yaml-position';

export const CAPABILITIES = ['cancel', 'modifyDeliveryDate', 'charges', 'deferredPoq', 'milestones'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface ProductToOrder {
  name?: string;
  offeringId: string;
  /** The fixture path as written in the profile. */
  fixture: string;
  /** The fixture's content, read when the profile is loaded so a missing file is a profile error, not a verdict. */
  payload: unknown;
}

/** A validated target profile with defaults applied and secrets taken from the environment. */
export interface TargetProfile {
  /** Where it came from, for messages and reports: the path as the user gave it, or `(embedded)`. */
  source: string;
  target: { name?: string; version?: string; baseUrl?: string; apis: Record<string, string> };
  auth: AuthConfig;
  buyerId?: string;
  sellerId?: string;
  /** A second Buyer the credentials may act for: enables multi-buyer isolation checks (MEF 123 R2, R104). */
  otherBuyerId?: string;
  /** A seller control API (the lso seller mock's `/_lso`) for steps that need a seller-side decision. */
  controlUrl?: string;
  products: ProductToOrder[];
  listener: { host: string; port: number; callbackUrl?: string };
  timeouts: { requestMs: number; notificationMs: number; scenarioMs: number };
  capabilities: Record<Capability, boolean>;
}

export interface ProfileOptions {
  env?: NodeJS.ProcessEnv;
}

// verbose: errors carry their schema, which holds the hints and the alternatives the messages name.
const ajv = new Ajv({ allErrors: false, verbose: true, useDefaults: true, discriminator: true, strictTypes: false });
ajv.addVocabulary(['x-hint']);
const validate = ajv.compile(schema);

/** Reads and validates a profile file. Every problem is a `ProfileError` naming the line and the key. */
export function loadProfile(path: string, opts: ProfileOptions = {}): TargetProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ProfileError(path, undefined, '', `cannot read the profile: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseProfile(text, path, { ...opts, baseDir: dirname(resolve(path)) });
}

/** Validates profile text; `source` is the name used in messages, `baseDir` resolves fixture paths. */
export function parseProfile(text: string, source: string, opts: ProfileOptions & { baseDir: string }): TargetProfile {
  const parsed = parseYamlWithPositions(text);
  if (!parsed.ok) throw new ProfileError(source, parsed.line, '', `not valid YAML: ${parsed.message}`);
  return fromValue(parsed.doc.value, source, opts, parsed.doc);
}

/** Validates a profile built in code (a suite's embedded default target); errors carry no line. */
export function profileFromObject(value: unknown, source: string, opts: ProfileOptions & { baseDir: string }): TargetProfile {
  return fromValue(structuredClone(value), source, opts, undefined);
}

type Raw = Omit<TargetProfile, 'source' | 'auth' | 'products' | 'target'> & {
  target: { name?: string; version?: string; baseUrl?: string; apis?: Record<string, string> };
  auth?: { type: string; token?: string; tokenEnv?: string; tokenUrl?: string; clientId?: string; clientSecret?: string; clientSecretEnv?: string; scope?: string };
  products?: Array<{ name?: string; offeringId: string; fixture: string }>;
};

function fromValue(value: unknown, source: string, opts: ProfileOptions & { baseDir: string }, pos: PositionedYaml | undefined): TargetProfile {
  if (value === null || value === undefined) throw new ProfileError(source, 1, '', 'the profile is empty; `lso test --init` writes an example');
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
        ? { type: a.type, tokenUrl: a.tokenUrl!, clientId: a.clientId!, clientSecret: a.clientSecret ?? fromEnv(['auth', 'clientSecretEnv'], a.clientSecretEnv!), scope: a.scope }
        : { type: 'none' };
  const products = (raw.products ?? []).map((p, i) => ({ ...p, payload: readFixture(resolve(opts.baseDir, p.fixture), source, pos, ['products', i, 'fixture']) }));
  return {
    source,
    target: { ...raw.target, apis: raw.target.apis ?? {} },
    auth,
    buyerId: raw.buyerId,
    sellerId: raw.sellerId,
    otherBuyerId: raw.otherBuyerId,
    controlUrl: raw.controlUrl,
    products,
    listener: raw.listener,
    timeouts: raw.timeouts,
    capabilities: raw.capabilities,
  };
}

function readFixture(file: string, source: string, pos: PositionedYaml | undefined, path: Array<string | number>): unknown {
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
    throw fail(`fixture is not valid ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`);
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
  const at = (keyPath: Array<string | number>, problem: string, line = pos?.lineOf(keyPath)) => new ProfileError(source, line, keyOf(keyPath), problem);
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      return at([...path, p.additionalProperty], `unknown key${suggest(p.additionalProperty, known) || `; allowed: ${known.join(', ')}`}`, pos?.lineOfKey(path, p.additionalProperty));
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
        ? at([...path, p.tag], `must be one of none, bearer, oauth2-client-credentials; found '${String((p as { tagValue?: unknown }).tagValue ?? '')}'`, pos?.lineOfKey(path, p.tag))
        : at([...path, p.tag], 'is required');
    case 'propertyNames':
      return at([...path, p.propertyName], `is not ${(e.schema as Record<string, unknown>)['x-hint'] ?? 'an allowed name'}`, pos?.lineOfKey(path, p.propertyName));
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
