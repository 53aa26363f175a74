import http from 'node:http';
import https from 'node:https';
import { systemClock, type Clock } from '../../lib/clock';

/** A request as it goes on the wire; the body is already serialised. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body was longer than the harness keeps; the rest was discarded. */
  truncated: boolean;
}

/**
 * Why no usable HTTP response came back. Each is an `error` verdict (could not check), never a `pass`:
 * - `timeout`: nothing (or not all of it) within the limit;
 * - `reset`: the connection was closed or reset mid-exchange;
 * - `refused`: nothing listens there;
 * - `protocol`: what came back was not HTTP;
 * - `network`: DNS, TLS, routing and the like;
 * - `auth`: the harness could not obtain credentials (OAuth2 token endpoint failed).
 */
export type FailureKind = 'timeout' | 'reset' | 'refused' | 'protocol' | 'network' | 'auth';

export interface WireFailure {
  kind: FailureKind;
  message: string;
}

export type WireResult =
  { ok: true; response: WireResponse; durationMs: number } | { ok: false; failure: WireFailure; durationMs: number };

export interface SendOptions {
  timeoutMs: number;
  /** Measures the duration; the system clock unless a test or scenario injects its own. */
  clock?: Clock;
  /** Bodies beyond this are cut (and marked truncated), so a babbling target cannot exhaust memory. */
  maxBodyBytes?: number;
  signal?: AbortSignal;
}

const DEFAULT_MAX_BODY = 5 * 1024 * 1024;

/** One HTTP exchange with a hard deadline. Never rejects: every outcome is data the caller can turn into a verdict. */
export function sendOnce(req: WireRequest, opts: SendOptions): Promise<WireResult> {
  const clock = opts.clock ?? systemClock;
  const started = clock.now();
  const max = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return new Promise<WireResult>((resolveResult) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (r: { ok: true; response: WireResponse } | { ok: false; failure: WireFailure }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      // max(0, …): a clock set back must not produce a negative duration.
      resolveResult({ ...r, durationMs: Math.max(0, clock.now() - started) } as WireResult);
    };
    const fail = (kind: FailureKind, message: string) => finish({ ok: false, failure: { kind, message } });
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      fail('network', `not a valid URL: ${req.url}`);
      return;
    }
    const lib = url.protocol === 'https:' ? https : http;
    // agent:false: one connection per exchange, so no pooled socket outlives the run or carries state between checks.
    const request = lib.request(url, { method: req.method, headers: req.headers, agent: false });
    // Listened to first: a request destroyed at once (signal already aborted) still emits 'error'.
    request.on('error', (err: NodeJS.ErrnoException) => fail(classify(err), describeError(err)));
    const onAbort = () => {
      fail('timeout', 'cancelled: the scenario ended before the response came');
      request.destroy();
    };
    if (opts.signal?.aborted) {
      onAbort();
      return;
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => {
      fail('timeout', `no complete response within ${opts.timeoutMs} ms`);
      request.destroy();
    }, opts.timeoutMs);
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      res.on('data', (c: Buffer) => {
        if (truncated) return;
        if (size + c.length > max) {
          chunks.push(c.subarray(0, max - size));
          size = max;
          truncated = true;
          res.destroy();
          done();
          return;
        }
        chunks.push(c);
        size += c.length;
      });
      const done = () =>
        finish({
          ok: true,
          response: {
            status: res.statusCode ?? 0,
            headers: flattenHeaders(res.headers),
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
          },
        });
      res.on('end', done);
      res.on('aborted', () => fail('reset', 'the connection closed before the whole body arrived'));
      res.on('error', (err: NodeJS.ErrnoException) => fail(truncated ? 'reset' : classify(err), describeError(err)));
    });
    if (req.body !== undefined) request.write(req.body);
    request.end();
  });
}

function classify(err: NodeJS.ErrnoException): FailureKind {
  const code = err.code ?? '';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') return 'reset';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code.startsWith('HPE_')) return 'protocol';
  if (code === 'ETIMEDOUT') return 'timeout';
  return 'network';
}

function describeError(err: NodeJS.ErrnoException): string {
  return err.code ? `${err.code}: ${err.message}` : err.message;
}

export function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
