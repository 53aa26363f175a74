import type { Contracts, OperationEntry, ValidationResult, Violation } from '../../specs/index';
import { HarnessError } from '../../lib/errors';
import type { AuthProvider } from './auth';
import type { Clock } from '../../lib/clock';
import { exchangeRecord } from './exchange-record';
import type { ExchangeRecord } from '../events/evidence';
import type { IdSource } from '../../lib/ids';
import { sendOnce, type WireRequest, type WireResult } from './transport';

export const MEF_JSON = 'application/json;charset=utf-8';

/** What a scenario asks the client to send: an operation of the catalogue, never a bare URL. */
export interface CallSpec {
  api: string;
  operationId: string;
  pathParams?: Record<string, string>;
  query?: Record<string, string | string[] | undefined>;
  /** Serialised as JSON unless `rawBody` is given. */
  body?: unknown;
  /** Sent as is (negative tests: malformed JSON and the like). */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** The request breaks the contract on purpose, so request violations are expected rather than a fixture problem. */
  negative?: boolean;
}

/** One checked exchange: the evidence plus what a scenario needs to go on (status, parsed body). */
export interface Exchange {
  record: ExchangeRecord;
  spec: CallSpec;
  /** Undefined when no HTTP response came back (see `record.failure`). */
  status?: number;
  json?: unknown;
  /** Why the body could not be read as JSON, when it should have been. */
  jsonError?: string;
  requestCheck: ValidationResult;
  responseCheck?: ValidationResult;
}

export interface ClientDeps {
  contracts: Contracts;
  baseUrls: ReadonlyMap<string, string>;
  auth: AuthProvider;
  clock: Clock;
  ids: IdSource;
  timeoutMs: number;
  /** Unknown properties and parameters are violations, not warnings. */
  strict: boolean;
  /** Query parameters put on every request whose operation declares them, unless the spec gives its own (Sonata's buyerId/sellerId). */
  defaultQuery?: Readonly<Record<string, string>>;
}

/**
 * The harness as an API client: every exchange is checked against the compiled contract (status allowed for the
 * operation, headers, content type, body and `@type` payloads) and kept as evidence with a curl line.
 */
export class CheckingClient {
  private readonly log: Exchange[] = [];

  constructor(private readonly deps: ClientDeps) {}

  /** Every exchange so far, oldest first. */
  exchanges(): readonly Exchange[] {
    return this.log;
  }

  baseUrl(api: string): string {
    const b = this.deps.baseUrls.get(api);
    if (!b) throw new HarnessError(`no base URL was resolved for API ${api}; add it to the suite's APIs`);
    return b;
  }

  /** The catalogue entry of an operation (parameters, responses). */
  operationEntry(api: string, operationId: string): OperationEntry {
    return this.deps.contracts.operation(api, operationId);
  }

  /** The operationId at `method path` (relative to the API base path), e.g. the hub's `POST /hub`. */
  operationAt(api: string, method: string, path: string): string | undefined {
    return this.deps.contracts.match(api, method, path)?.op.operationId;
  }

  async send(asked: CallSpec, signal?: AbortSignal): Promise<Exchange> {
    const { contracts, clock, strict } = this.deps;
    const op = contracts.operation(asked.api, asked.operationId);
    const spec = this.withDefaultQuery(asked, op);
    const wire = this.wireRequest(spec, op.method, op.path);
    const requestCheck = contracts.validateRequest(
      spec.api,
      spec.operationId,
      {
        body: spec.rawBody !== undefined ? safeJson(spec.rawBody).value : spec.body,
        contentType: wire.headers['content-type'],
        query: spec.query,
        pathParams: spec.pathParams,
      },
      { strict },
    );
    const startedAt = clock.now();
    const auth = await this.deps.auth.authorization(signal);
    let result: WireResult;
    if (auth.ok) {
      if (auth.value) wire.headers.authorization = auth.value;
      result = await sendOnce(wire, { timeoutMs: this.deps.timeoutMs, clock, signal });
    } else {
      result = { ok: false, failure: auth.failure, durationMs: 0 };
    }
    const ex = this.check(spec, wire, result, requestCheck, startedAt);
    this.log.push(ex);
    return ex;
  }

  private withDefaultQuery(spec: CallSpec, op: OperationEntry): CallSpec {
    const defaults = Object.entries(this.deps.defaultQuery ?? {});
    if (!defaults.length) return spec;
    const declared = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    const query = { ...spec.query };
    for (const [name, value] of defaults) if (declared.has(name) && query[name] === undefined) query[name] = value;
    return { ...spec, query };
  }

  private wireRequest(spec: CallSpec, method: string, template: string): WireRequest {
    const path = template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const v = spec.pathParams?.[name];
      if (v === undefined)
        throw new HarnessError(`${spec.api} ${spec.operationId}: path parameter '${name}' not given`);
      return encodeURIComponent(v);
    });
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(spec.query ?? {})) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
    }
    const url = `${this.baseUrl(spec.api)}${path}${qs.size ? `?${qs}` : ''}`;
    const headers: Record<string, string> = { accept: MEF_JSON, ...lower(spec.headers ?? {}) };
    const body = spec.rawBody ?? (spec.body !== undefined ? JSON.stringify(spec.body) : undefined);
    if (body !== undefined) headers['content-type'] = spec.contentType ?? headers['content-type'] ?? MEF_JSON;
    return { method: method.toUpperCase(), url, headers, body };
  }

  private check(
    spec: CallSpec,
    wire: WireRequest,
    result: WireResult,
    requestCheck: ValidationResult,
    startedAt: number,
  ): Exchange {
    const record = exchangeRecord(this.deps.ids.next('ex'), spec, startedAt, wire, result);
    record.requestViolations = requestCheck.violations;
    record.warnings = [...requestCheck.warnings];
    if (!result.ok) return { record, spec, requestCheck };
    const res = result.response;
    const contentType = res.headers['content-type'];
    const hasBody = res.body.length > 0;
    const parsed = hasBody ? safeJson(res.body) : { value: undefined };
    const extra: Violation[] = [];
    if (hasBody && contentType === undefined) {
      extra.push({
        pointer: '',
        in: 'content-type',
        rule: 'contentType',
        message: 'the response has a body but no Content-Type header',
        expected: MEF_JSON,
        found: 'none',
        severity: 'error',
      });
    }
    let jsonError: string | undefined;
    if (hasBody && parsed.error !== undefined && (contentType === undefined || /json/i.test(contentType))) {
      jsonError = parsed.error;
      extra.push({
        pointer: '',
        in: 'body',
        rule: 'json',
        message: `the body is not valid JSON: ${parsed.error}`,
        expected: 'a JSON document',
        found: res.body.slice(0, 200),
        severity: 'error',
      });
    }
    const checked = this.deps.contracts.validateResponse(
      spec.api,
      spec.operationId,
      {
        status: res.status,
        body: jsonError ? undefined : hasBody ? (parsed.error === undefined ? parsed.value : res.body) : undefined,
        contentType,
        headers: res.headers,
      },
      { strict: this.deps.strict },
    );
    // Without a parsable body the schema has nothing to check; the 'json' violation says why, not "body missing".
    const violations = [
      ...extra,
      ...checked.violations.filter((v) => !(jsonError && v.in === 'body' && v.rule === 'body')),
    ];
    const responseCheck: ValidationResult = {
      valid: violations.length === 0 && checked.unchecked.length === 0,
      violations,
      warnings: checked.warnings,
      unchecked: checked.unchecked,
    };
    record.violations = violations;
    record.warnings.push(...checked.warnings);
    return {
      record,
      spec,
      status: res.status,
      json: parsed.error === undefined ? parsed.value : undefined,
      jsonError,
      requestCheck,
      responseCheck,
    };
  }
}

function safeJson(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function lower(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
