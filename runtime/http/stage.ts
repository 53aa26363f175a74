import type http from 'node:http';
import type { ApiEntry, Contracts, ValidationResult, Violation } from '../../specs/index';
import type { Clock } from '../../lib/clock';
import type { IdSource } from '../../lib/ids';
import { MEF_JSON } from './checking-client';
import { curlLine } from './curl';
import { clip, redactHeaders, type ExchangeRecord } from '../events/evidence';
import { flattenHeaders } from './transport';
import { MAX_BODY, RecordingServer } from './recording-server';

/** A request the implementation under test sent to the stage, as a responder sees it. */
export interface StageRequest {
  method: string;
  /** Path relative to the API's base path (`/productOrder/42`); the whole path when no API matched. */
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: string;
  /** The parsed body; undefined when there was none. */
  json?: unknown;
  /** The catalogue operation the request matched. */
  api: string;
  operationId: string;
  pathParams: Record<string, string>;
  /** The request's contract check: a responder may refuse what breaks it. */
  check: ValidationResult;
}

export interface StageReply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON. */
  body?: unknown;
}

/** What plays the server side: request in, answer out. It may keep state; it must not assume the request is valid. */
export type Responder = (req: StageRequest) => StageReply | Promise<StageReply>;

/** One exchange the stage took part in: the evidence plus what a scenario judges. */
export interface StageExchange {
  /** Position in arrival order. */
  index: number;
  record: ExchangeRecord;
  /** Undefined when the request matched no operation of the stage's APIs. */
  api?: string;
  operationId?: string;
  pathParams: Record<string, string>;
  json?: unknown;
  status: number;
  /** The answer's body as sent. */
  reply?: unknown;
}

export interface StageOptions {
  host: string;
  port: number;
  /** The APIs served, each at `<stage URL><its MEF base path>`. */
  apis: readonly string[];
  strict: boolean;
}

export interface StageDeps {
  contracts: Contracts;
  clock: Clock;
  ids: IdSource;
}

const notImplemented: Responder = (req) => ({
  status: 501,
  body: { code: 'notImplemented', reason: `the harness has no answer for ${req.operationId} here` },
});

/**
 * The harness as a server: plays the server side of catalogue APIs for an implementation under test that is a
 * client. Every request is matched to an operation, checked against the contract, answered by the responder, the
 * answer checked too, and the whole exchange kept as evidence with a curl line. Nothing a client sends (garbage,
 * huge bodies, unknown paths) stops it: each is an exchange with its violations.
 */
export class Stage extends RecordingServer<StageExchange> {
  private responder: Responder = notImplemented;
  private apis: ApiEntry[] = [];
  /** Kept at start: evidence of a request still being answered while the stage closes names it too. */
  private root = '';

  constructor(
    private readonly opts: StageOptions,
    private readonly deps: StageDeps,
  ) {
    super('stage', 'stage');
  }

  async start(): Promise<void> {
    this.apis = this.opts.apis.map((id) => this.deps.contracts.api(id));
    await this.bind(this.opts.host, this.opts.port);
    this.root = this.address();
  }

  /** The stage's root URL: what the implementation under test is pointed at. */
  url(): string {
    return this.address();
  }

  /** Where each API is served, by id. */
  apiUrls(): Record<string, string> {
    const root = this.url();
    return Object.fromEntries(this.apis.map((a) => [a.id, `${root}${a.basePath}`]));
  }

  /** Who answers from now on; undefined restores the default (501 in the MEF error shape). */
  respondWith(responder: Responder | undefined): void {
    this.responder = responder ?? notImplemented;
  }

  /** Every exchange so far, in arrival order. */
  exchanges(): readonly StageExchange[] {
    return this.log;
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const started = this.deps.clock.now();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const incoming = {
        method: (req.method ?? 'GET').toUpperCase(),
        url: req.url ?? '/',
        headers: flattenHeaders(req.headers),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      void this.answer(incoming, size > MAX_BODY, started).then(
        ({ exchange, wire }) => {
          exchange.index = this.log.length; // at the end: answers of concurrent requests may finish out of order
          res.writeHead(exchange.status, wire.headers);
          res.end(wire.body);
          this.record(exchange);
        },
        () => res.destroy(), // only a harness bug gets here; the client sees a reset, never a hung connection
      );
    });
  }

  private async answer(
    incoming: { method: string; url: string; headers: Record<string, string>; body: string },
    tooLarge: boolean,
    started: number,
  ) {
    const { contracts } = this.deps;
    const url = new URL(incoming.url, 'http://stage');
    const requestViolations: Violation[] = [];
    const warnings: Violation[] = [];
    const violations: Violation[] = [];
    let target: { api: ApiEntry; operationId: string; path: string; pathParams: Record<string, string> } | undefined;
    for (const api of this.apis) {
      if (!url.pathname.startsWith(`${api.basePath}/`)) continue;
      const rel = url.pathname.slice(api.basePath.length);
      const hit = contracts.match(api.id, incoming.method, rel);
      if (hit) target = { api, operationId: hit.op.operationId, path: rel, pathParams: hit.pathParams };
    }
    let json: unknown;
    let reply: StageReply;
    if (!target) {
      requestViolations.push({
        pointer: '',
        in: 'path',
        rule: 'path',
        message: `${incoming.method} ${url.pathname} is not an operation of ${this.apis.map((a) => a.id).join(', ')}`,
        expected: this.apis.map((a) => `${a.basePath}/…`),
        found: url.pathname,
        severity: 'error',
      });
      reply = { status: 404, body: { code: 'notFound', reason: `no operation at ${incoming.method} ${url.pathname}` } };
    } else if (tooLarge) {
      requestViolations.push({
        pointer: '',
        in: 'body',
        rule: 'size',
        message: `the body is larger than ${MAX_BODY} bytes`,
        severity: 'error',
      });
      reply = { status: 413, body: { code: 'payloadTooLarge', reason: `the body is larger than ${MAX_BODY} bytes` } };
    } else {
      const parsed = parseBody(incoming.body);
      json = parsed.value;
      const query = queryOf(url);
      const check = contracts.validateRequest(
        target.api.id,
        target.operationId,
        { body: json, contentType: incoming.headers['content-type'], query, pathParams: target.pathParams },
        { strict: this.opts.strict },
      );
      if (parsed.error !== undefined) {
        requestViolations.push({
          pointer: '',
          in: 'body',
          rule: 'json',
          message: `the body is not valid JSON: ${parsed.error}`,
          expected: 'a JSON document',
          found: incoming.body.slice(0, 200),
          severity: 'error',
        });
        reply = { status: 400, body: { code: 'invalidBody', reason: 'the body is not valid JSON' } };
      } else {
        requestViolations.push(...check.violations);
        warnings.push(...check.warnings);
        const request: StageRequest = {
          method: incoming.method,
          path: target.path,
          query,
          headers: incoming.headers,
          body: incoming.body,
          json,
          api: target.api.id,
          operationId: target.operationId,
          pathParams: target.pathParams,
          check,
        };
        try {
          reply = await this.responder(request);
        } catch (err) {
          violations.push({
            pointer: '',
            in: 'body',
            rule: 'responder',
            message: `the harness responder failed: ${(err as Error).message}`,
            severity: 'error',
          });
          reply = { status: 500, body: { code: 'internalError', reason: 'the harness responder failed' } };
        }
        const headers = { ...(reply.body !== undefined ? { 'content-type': MEF_JSON } : {}), ...reply.headers };
        const r = contracts.validateResponse(
          target.api.id,
          target.operationId,
          { status: reply.status, body: reply.body, contentType: headers['content-type'], headers },
          { strict: this.opts.strict },
        );
        violations.push(...r.violations);
        warnings.push(...r.warnings);
      }
    }
    const headers: Record<string, string> = {
      ...(reply.body !== undefined ? { 'content-type': MEF_JSON } : {}),
      ...reply.headers,
    };
    const body = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    const wire = {
      method: incoming.method,
      url: `${this.root}${incoming.url}`,
      headers: incoming.headers,
      body: incoming.body.length ? incoming.body : undefined,
    };
    const record: ExchangeRecord = {
      id: this.deps.ids.next('stg'),
      ...(target ? { api: target.api.id, operationId: target.operationId } : {}),
      startedAt: new Date(started).toISOString(),
      durationMs: Math.max(0, this.deps.clock.now() - started),
      request: { method: wire.method, url: wire.url, headers: redactHeaders(wire.headers), body: clip(wire.body) },
      response: { status: reply.status, headers, body: clip(body) },
      curl: curlLine(wire),
      requestViolations,
      violations,
      warnings,
    };
    const exchange: StageExchange = {
      index: -1,
      record,
      api: target?.api.id,
      operationId: target?.operationId,
      pathParams: target?.pathParams ?? {},
      json,
      status: reply.status,
      reply: reply.body,
    };
    return { exchange, wire: { headers, body } };
  }
}

function parseBody(text: string): { value?: unknown; error?: string } {
  if (!text.length) return {};
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function queryOf(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}
