import { join } from 'node:path';
import { specFiles } from '../catalogue/discover';
import { OPENAPI_SOURCE } from '../catalogue/openapi-source';
import type { ContractSource } from '../catalogue/source';
import type { ApiEntry, OperationEntry } from '../catalogue/types';
import { SDK_DEFECTS, type DefectApplication } from '../defects';
import { readYaml } from '../sdk/files';
import { locateSdk, SDK_NAMES, type LocateOptions, type SdkName } from '../sdk/locate';
import { HarnessError, UsageError } from '../../lib/errors';
import { SchemaEngine } from './engine';
import { isJsonMediaType, mediaTypeMatches } from './media';
import { coerceParam } from './params';
import { URN_KEYWORD } from './prepare';
import { escapeToken, uriOf } from './uris';
import { UrnIndex } from './urn-index';
import { suggest } from '../../lib/suggest';
import { mergeResults, single, VALID, type ValidationResult, type Violation } from './violations';

type Json = Record<string, any>;

export interface ValidateOptions {
  /** Unknown properties and query parameters are errors (else warnings). */
  strict?: boolean;
  /**
   * `false`: the caller only acts on errors (a mock judging a request), so a conforming payload is accepted by the
   * fast gate without listing its unknown-property warnings. Default `true`.
   */
  warnings?: boolean;
}

export interface RequestToCheck {
  body?: unknown;
  contentType?: string;
  query?: Record<string, string | string[] | undefined>;
  pathParams?: Record<string, string>;
}

export interface ResponseToCheck {
  status: number;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string | string[] | undefined>;
}

interface ParamBinding {
  name: string;
  in: string;
  required: boolean;
  raw: Json;
  uri?: string;
}

interface Binding {
  params: ParamBinding[];
  bodyUri?: string;
  responses: Map<
    string,
    { bodyUri?: string; contentTypes: string[]; headers: Map<string, { uri?: string; raw: Json }> }
  >;
}

export interface LoadOptions extends LocateOptions {
  /** Load only these SDKs (faster start when only Sonata is needed). */
  sdks?: readonly SdkName[];
  /** Where the APIs come from, each source beside the others; the OpenAPI documents of the SDKs by default. */
  sources?: readonly ContractSource[];
}

/**
 * The compiled MEF LSO contracts: the API catalogue plus validators for every operation's parameters, request
 * body and responses, with `@type` dispatch and strict mode. Documents are registered per SDK on first use and
 * validators compiled per schema on first use, so start-up stays cheap.
 */
export class Contracts {
  readonly apis: ApiEntry[];
  readonly urnIndex: UrnIndex;
  private readonly engine: SchemaEngine;
  private readonly byId = new Map<string, ApiEntry>();
  private readonly registered = new Set<SdkName>();
  private readonly bindings = new WeakMap<OperationEntry, Binding>();
  private readonly inline = new Map<string, ReturnType<SchemaEngine['ajv']['compile']>>();

  private constructor(
    readonly sdkDir: string,
    readonly sdks: readonly SdkName[],
    sources: readonly ContractSource[],
  ) {
    this.apis = [];
    const sourceOf = new Map<string, string>();
    for (const source of sources) {
      for (const a of source.apis({ sdkDir, sdks })) {
        // Two contracts under one id would make every report ambiguous about which one was checked.
        const earlier = sourceOf.get(a.id);
        if (earlier !== undefined)
          throw new HarnessError(`API id '${a.id}' comes from both the ${earlier} and the ${source.name} source`);
        sourceOf.set(a.id, source.name);
        this.apis.push(a);
        this.byId.set(a.id, a);
      }
    }
    this.urnIndex = new UrnIndex(sdkDir, sdks);
    this.engine = new SchemaEngine(this.urnIndex);
  }

  static load(opts: LoadOptions = {}): Contracts {
    const { dir } = locateSdk(opts);
    return new Contracts(dir, opts.sdks ?? SDK_NAMES, opts.sources ?? [OPENAPI_SOURCE]);
  }

  api(id: string): ApiEntry {
    const a = this.byId.get(id);
    if (!a)
      throw new UsageError(
        `unknown API '${id}'${suggest(id, [...this.byId.keys()])}; \`lso specs list\` shows them all`,
      );
    return a;
  }

  operation(apiId: string, operationId: string): OperationEntry {
    const api = this.api(apiId);
    const op = api.operations.find((o) => o.operationId === operationId);
    if (!op) {
      throw new UsageError(
        `API ${apiId} has no operation '${operationId}'${suggest(
          operationId,
          api.operations.map((o) => o.operationId),
        )}`,
      );
    }
    return op;
  }

  /** Finds the operation a request addresses, by method and path relative to the API base path. */
  match(
    apiId: string,
    method: string,
    path: string,
  ): { op: OperationEntry; pathParams: Record<string, string> } | undefined {
    const m = method.toLowerCase();
    for (const op of this.api(apiId).operations) {
      if (op.method !== m) continue;
      const names: string[] = [];
      const re = new RegExp(
        `^${op.path
          .replace(/\/+$/, '')
          .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          .replace(/\{([^}]+)\}/g, (_x, n: string) => (names.push(n), '([^/]+)'))}/?$`,
      );
      const hit = re.exec(path);
      if (hit) return { op, pathParams: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(hit[i + 1])])) };
    }
    return undefined;
  }

  /** Defect patches applied so far (all SDKs after `registerAll`). */
  defectApplications(): DefectApplication[] {
    return [...this.engine.prep.applications];
  }

  /** Registers every loaded SDK now (doctor, benchmarks); otherwise this happens on first validation. */
  registerAll(): void {
    for (const s of this.sdks) this.ensureSdk(s);
  }

  private ensureSdk(sdk: SdkName): void {
    if (this.registered.has(sdk)) return;
    this.registered.add(sdk);
    const apiDocs = specFiles(this.sdkDir, sdk).map((rel) => ({
      file: `${sdk}/${rel}`,
      doc: readYaml(join(this.sdkDir, sdk, rel)) as Json,
    }));
    const schemaFiles = this.urnIndex.files
      .filter((f) => f.sdk === sdk)
      .map((f) => ({ file: f.file, doc: readYaml(join(this.sdkDir, f.file)) as Json }));
    const isApi = (d: { doc: Json }) => !!d.doc && !!(d.doc.openapi || d.doc.swagger);
    // Plain JSON Schema files beside the APIs (streaming `models/*.yaml`) are referenced by file like product schemas.
    const apiSchemas = apiDocs.filter((d) => d.doc && typeof d.doc === 'object' && !isApi(d) && !d.doc.asyncapi);
    this.engine.registerSdk(apiDocs.filter(isApi), [...apiSchemas, ...schemaFiles]);
  }

  /** Validators are compiled from JSON Schema (OpenAPI, Swagger); a YANG contract has none until its source brings them. */
  private requireJsonSchema(api: ApiEntry): void {
    if (api.format === 'yang')
      throw new UsageError(
        `API ${api.id} is a YANG contract: it is in the catalogue, but no validators are built for YANG yet`,
      );
  }

  private binding(api: ApiEntry, op: OperationEntry): Binding {
    let b = this.bindings.get(op);
    if (b) return b;
    this.requireJsonSchema(api);
    this.ensureSdk(api.sdk);
    const doc = readYaml(join(this.sdkDir, api.file)) as Json;
    const uri = uriOf(api.file);
    const item = doc.paths[op.path];
    const raw = item[op.method];
    const base = `#/paths/${escapeToken(op.path)}`;
    const deref = (p: Json, ptr: string): [Json, string] => {
      if (typeof p.$ref === 'string' && p.$ref.startsWith('#/')) {
        const target = p.$ref
          .slice(2)
          .split('/')
          .reduce((n: Json, k: string) => n?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
        return [target, p.$ref];
      }
      return [p, ptr];
    };
    const params: ParamBinding[] = [];
    const collectParams = (list: Json[] | undefined, ptr: string) =>
      (list ?? []).forEach((p0, i) => {
        const [p, at] = deref(p0, `${ptr}/${i}`);
        if (!p || p.in === 'body') return;
        const existing = params.findIndex((x) => x.name === p.name && x.in === p.in);
        const entry: ParamBinding = {
          name: p.name,
          in: p.in,
          required: p.required === true || p.in === 'path',
          raw: p.schema ?? p,
          uri: p.schema ? `${uri}${at}/schema` : undefined,
        };
        if (existing >= 0) params[existing] = entry;
        else params.push(entry);
      });
    collectParams(item.parameters, `${base}/parameters`);
    collectParams(raw.parameters, `${base}/${op.method}/parameters`);
    let bodyUri: string | undefined;
    if (api.format === 'swagger-2.0') {
      const i = (raw.parameters ?? []).findIndex((p: Json) => p.in === 'body');
      if (i >= 0) bodyUri = `${uri}${base}/${op.method}/parameters/${i}/schema`;
    } else {
      const ct = jsonContentType(Object.keys(raw.requestBody?.content ?? {}));
      if (ct) bodyUri = `${uri}${base}/${op.method}/requestBody/content/${escapeToken(ct)}/schema`;
    }
    const responses: Binding['responses'] = new Map();
    for (const [status, r] of Object.entries<Json>(raw.responses ?? {})) {
      const rptr = `${base}/${op.method}/responses/${escapeToken(status)}`;
      const headers = new Map<string, { uri?: string; raw: Json }>();
      for (const [h, hv] of Object.entries<Json>(r.headers ?? {})) {
        headers.set(h.toLowerCase(), {
          uri: hv.schema ? `${uri}${rptr}/headers/${escapeToken(h)}/schema` : undefined,
          raw: hv.schema ?? hv,
        });
      }
      if (api.format === 'swagger-2.0') {
        responses.set(status, {
          bodyUri: r.schema ? `${uri}${rptr}/schema` : undefined,
          contentTypes: r.schema ? (raw.produces ?? doc.produces ?? []) : [],
          headers,
        });
      } else {
        const cts = Object.keys(r.content ?? {});
        const ct = jsonContentType(cts);
        responses.set(status, {
          bodyUri: ct ? `${uri}${rptr}/content/${escapeToken(ct)}/schema` : undefined,
          contentTypes: cts,
          headers,
        });
      }
    }
    b = { params, bodyUri, responses };
    this.bindings.set(op, b);
    return b;
  }

  private validateParam(
    api: ApiEntry,
    p: ParamBinding,
    raw: string | string[],
    strict: boolean,
    warnings: boolean,
  ): ValidationResult {
    const value = coerceParam(raw, p.raw);
    let r: ValidationResult;
    if (p.uri) r = this.engine.validate(p.uri, value, strict, warnings);
    else {
      // Swagger 2.0 parameters carry their schema keywords inline on the parameter object.
      const key = `${api.id} ${p.in} ${p.name} ${JSON.stringify(p.raw)}`;
      let v = this.inline.get(key);
      if (!v) {
        const { name: _n, in: _i, required: _r, description: _d, ...schema } = p.raw;
        v = this.engine.ajv.compile(schema);
        this.inline.set(key, v);
      }
      r = this.engine.run(v, value, strict);
    }
    return relocate(r, p.in as 'query' | 'path' | 'header', `/${escapeToken(p.name)}`);
  }

  /** Checks a request a client sends (or a mock receives) against the operation's contract. */
  validateRequest(
    apiId: string,
    operationId: string,
    req: RequestToCheck,
    opts: ValidateOptions = {},
  ): ValidationResult {
    const api = this.api(apiId);
    const op = this.operation(apiId, operationId);
    const b = this.binding(api, op);
    const strict = opts.strict === true;
    const warnings = opts.warnings !== false;
    const results: ValidationResult[] = [];
    for (const [where, values] of [
      ['query', req.query],
      ['path', req.pathParams],
    ] as const) {
      if (!values) continue;
      const declared = b.params.filter((p) => p.in === where);
      for (const p of declared) {
        const v = values[p.name];
        if (v === undefined) {
          if (p.required)
            results.push(
              single({
                pointer: `/${p.name}`,
                in: where,
                rule: 'required',
                message: `required ${where} parameter '${p.name}' is missing`,
                expected: 'present',
                found: 'absent',
              }),
            );
          continue;
        }
        results.push(this.validateParam(api, p, v, strict, warnings));
      }
      for (const name of Object.keys(values)) {
        if (values[name] === undefined || declared.some((p) => p.name === name)) continue;
        results.push(
          single({
            pointer: `/${name}`,
            in: where,
            rule: 'unknownParameter',
            message: `${where} parameter '${name}' is not defined by the operation`,
            expected: declared.map((p) => p.name),
            found: name,
            severity: strict ? 'error' : 'warning',
          }),
        );
      }
    }
    if (op.requestBody) {
      if (req.body === undefined) {
        if (op.requestBody.required)
          results.push(
            single({
              pointer: '',
              in: 'body',
              rule: 'required',
              message: 'request body is required',
              expected: 'a JSON body',
              found: 'none',
            }),
          );
      } else {
        if (req.contentType !== undefined && !mediaTypeMatches(req.contentType, op.requestBody.contentTypes)) {
          results.push(
            single({
              pointer: '',
              in: 'content-type',
              rule: 'contentType',
              message: `content type '${req.contentType}' is not one the operation accepts`,
              expected: op.requestBody.contentTypes,
              found: req.contentType,
            }),
          );
        }
        if (b.bodyUri) results.push(this.engine.validate(b.bodyUri, req.body, strict, warnings));
      }
    }
    return mergeResults(VALID, ...results);
  }

  /** Checks a response a server sends (or the harness receives) against the operation's contract. */
  validateResponse(
    apiId: string,
    operationId: string,
    res: ResponseToCheck,
    opts: ValidateOptions = {},
  ): ValidationResult {
    const api = this.api(apiId);
    const op = this.operation(apiId, operationId);
    const b = this.binding(api, op);
    const strict = opts.strict === true;
    const warnings = opts.warnings !== false;
    const status = String(res.status);
    const key = b.responses.has(status)
      ? status
      : b.responses.has(`${status[0]}XX`)
        ? `${status[0]}XX`
        : b.responses.has('default')
          ? 'default'
          : undefined;
    if (!key) {
      return single({
        pointer: '',
        in: 'status',
        rule: 'status',
        message: `status ${status} is not documented for ${operationId}`,
        expected: [...b.responses.keys()],
        found: res.status,
      });
    }
    const r = b.responses.get(key)!;
    const results: ValidationResult[] = [];
    for (const [name, h] of r.headers) {
      const raw = lookupHeader(res.headers, name);
      if (raw === undefined) continue;
      const value = coerceParam(raw, h.raw);
      if (h.uri) results.push(relocate(this.engine.validate(h.uri, value, strict, warnings), 'header', `/${name}`));
    }
    const hasBody = res.body !== undefined && res.body !== '';
    if (r.bodyUri || r.contentTypes.length) {
      if (!hasBody) {
        results.push(
          single({
            pointer: '',
            in: 'body',
            rule: 'body',
            message: `status ${status} must carry a body`,
            expected: r.contentTypes,
            found: 'no body',
          }),
        );
      } else {
        if (res.contentType !== undefined && !mediaTypeMatches(res.contentType, r.contentTypes)) {
          results.push(
            single({
              pointer: '',
              in: 'content-type',
              rule: 'contentType',
              message: `content type '${res.contentType}' is not one documented for status ${status}`,
              expected: r.contentTypes,
              found: res.contentType,
            }),
          );
        }
        if (
          r.bodyUri &&
          (res.contentType === undefined ||
            isJsonMediaType(res.contentType) ||
            mediaTypeMatches(res.contentType, r.contentTypes))
        ) {
          results.push(this.engine.validate(r.bodyUri, res.body, strict, warnings));
        }
      }
    } else if (hasBody) {
      results.push(
        single({
          pointer: '',
          in: 'body',
          rule: 'body',
          message: `status ${status} has no body in the contract, but one was sent`,
          expected: 'no body',
          found: typeof res.body,
        }),
      );
    }
    return mergeResults(VALID, ...results);
  }

  /** Validates a value against a named component schema of an API (`ProductOrder_Create`, `FieldedAddress`…). */
  validateSchema(apiId: string, schemaName: string, value: unknown, opts: ValidateOptions = {}): ValidationResult {
    const api = this.api(apiId);
    this.requireJsonSchema(api);
    this.ensureSdk(api.sdk);
    const doc = readYaml(join(this.sdkDir, api.file)) as Json;
    const defs = api.format === 'swagger-2.0' ? doc.definitions : doc.components?.schemas;
    if (!defs?.[schemaName])
      throw new UsageError(`API ${apiId} has no schema '${schemaName}'${suggest(schemaName, Object.keys(defs ?? {}))}`);
    const ptr = api.format === 'swagger-2.0' ? '#/definitions' : '#/components/schemas';
    return this.engine.validate(
      `${uriOf(api.file)}${ptr}/${escapeToken(schemaName)}`,
      value,
      opts.strict === true,
      opts.warnings !== false,
    );
  }

  /** Validates a product or service payload (`{"@type": "<URN>", …}`) by its URN alone. */
  validatePayload(value: unknown, opts: ValidateOptions & { sdk?: SdkName } = {}): ValidationResult {
    const sdk = opts.sdk ?? this.sdks[0];
    this.ensureSdk(sdk);
    const key = `payload ${sdk}`;
    let v = this.inline.get(key);
    if (!v) {
      v = this.engine.ajv.compile({
        type: 'object',
        required: ['@type'],
        [URN_KEYWORD]: { propertyName: '@type', sdk },
      });
      this.inline.set(key, v);
    }
    return this.engine.run(v, value, opts.strict === true);
  }

  /** Compiles every operation's validators now; returns what did not compile (tests, `specs doctor`, benches). */
  compileAll(apiIds?: string[]): Array<{ apiId: string; operationId: string; target: string; error: string }> {
    const failures: Array<{ apiId: string; operationId: string; target: string; error: string }> = [];
    for (const api of this.apis) {
      if (apiIds && !apiIds.includes(api.id)) continue;
      for (const op of api.operations) {
        // Said, not skipped: a doctor that passed over a YANG API would claim validators that do not exist.
        if (api.format === 'yang') {
          failures.push({
            apiId: api.id,
            operationId: op.operationId,
            target: api.file,
            error: 'no validators are built for YANG yet',
          });
          continue;
        }
        const b = this.binding(api, op);
        const targets = [
          b.bodyUri,
          ...b.params.map((p) => p.uri),
          ...[...b.responses.values()].flatMap((r) => [r.bodyUri, ...[...r.headers.values()].map((h) => h.uri)]),
        ];
        for (const t of targets) {
          if (!t) continue;
          const v = this.engine.validator(t);
          if (!('call' in v)) failures.push({ apiId: api.id, operationId: op.operationId, target: t, error: v.failed });
        }
      }
    }
    return failures;
  }

  /** Compiles every product/service schema root; returns those that did not compile. */
  compileAllSchemas(): Array<{ urn: string; file: string; error: string }> {
    const failures: Array<{ urn: string; file: string; error: string }> = [];
    for (const urn of this.urnIndex.urns()) {
      for (const sdk of this.sdks) {
        const e = this.urnIndex.resolve(urn, sdk);
        if (!e || e.sdk !== sdk) continue;
        this.ensureSdk(sdk);
        const v = this.engine.validator(uriOf(e.file));
        if (!('call' in v)) failures.push({ urn, file: e.file, error: v.failed });
      }
    }
    return failures;
  }

  knownDefects() {
    return SDK_DEFECTS;
  }
}

function jsonContentType(types: string[]): string | undefined {
  return types.find((t) => isJsonMediaType(t)) ?? types.find((t) => t === '*/*') ?? types[0];
}

function lookupHeader(headers: ResponseToCheck['headers'], name: string): string | string[] | undefined {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function relocate(r: ValidationResult, where: NonNullable<Violation['in']>, prefix: string): ValidationResult {
  const move = (v: Violation): Violation => ({ ...v, in: where, pointer: prefix + v.pointer });
  return { ...r, violations: r.violations.map(move), warnings: r.warnings.map(move) };
}
