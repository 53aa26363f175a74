import { clip, redactHeaders, type ExchangeRecord } from '../events/evidence';
import { curlLine } from './curl';
import type { WireRequest, WireResult } from './transport';

/**
 * One exchange as evidence: the request (credentials redacted) with its curl line, and the response or the failure,
 * bodies clipped. Contract findings are the caller's to add: every client of the harness records exchanges this way.
 */
export function exchangeRecord(
  id: string,
  about: { api?: string; operationId?: string },
  startedAt: number,
  wire: WireRequest,
  result: WireResult,
): ExchangeRecord {
  const record: ExchangeRecord = {
    id,
    ...(about.api ? { api: about.api } : {}),
    ...(about.operationId ? { operationId: about.operationId } : {}),
    startedAt: new Date(startedAt).toISOString(),
    durationMs: result.durationMs,
    request: { method: wire.method, url: wire.url, headers: redactHeaders(wire.headers), body: clip(wire.body) },
    curl: curlLine(wire),
    requestViolations: [],
    violations: [],
    warnings: [],
  };
  if (!result.ok) record.failure = result.failure;
  else {
    const res = result.response;
    record.response = {
      status: res.status,
      headers: res.headers,
      body: clip(res.body),
      ...(res.truncated ? { truncated: true } : {}),
    };
  }
  return record;
}
