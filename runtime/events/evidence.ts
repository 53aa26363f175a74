import type { Violation } from '../../specs/index';
import type { FailureKind } from '../http/transport';

/** How much of a body the evidence keeps: enough to show what was wrong, bounded so reports stay readable. */
export const EVIDENCE_BODY_LIMIT = 64 * 1024;

/** One request/response pair as a certifier sees it in the report, with the curl line that reproduces it. */
export interface ExchangeRecord {
  id: string;
  api?: string;
  operationId?: string;
  startedAt: string;
  durationMs: number;
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  response?: { status: number; headers: Record<string, string>; body?: string; truncated?: boolean };
  failure?: { kind: FailureKind; message: string };
  curl: string;
  /** Contract violations of the request (a fixture problem unless the request was deliberately wrong). */
  requestViolations: Violation[];
  /** Contract violations of the response. */
  violations: Violation[];
  warnings: Violation[];
}

/** One notification the listener received, checked against the notification API. */
export interface NotificationRecord {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  api?: string;
  eventType?: string;
  /** `event.id`: the entity the notification is about. */
  entityId?: string;
  href?: string;
  violations: Violation[];
  warnings: Violation[];
}

/** What a check cites as evidence. */
export interface Evidence {
  exchanges: ExchangeRecord[];
  notifications: NotificationRecord[];
}

export function clip(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  return body.length > EVIDENCE_BODY_LIMIT
    ? `${body.slice(0, EVIDENCE_BODY_LIMIT)}\n… (${body.length - EVIDENCE_BODY_LIMIT} more characters not kept)`
    : body;
}

/** Evidence never carries credentials: the token is replaced, the scheme kept. */
export function redactHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    out[k] = k.toLowerCase() === 'authorization' ? v.replace(/^(\S+)\s+.*$/, '$1 ***') : v;
  return out;
}
