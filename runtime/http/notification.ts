import type { ApiEntry, Contracts, Violation } from '../../specs/index';
import type { NotificationRecord } from '../events/evidence';
import { clip, redactHeaders } from '../events/evidence';

/** What the listener got, before it is checked. */
export interface IncomingNotification {
  method: string;
  /** Path and query as received. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface InspectDeps {
  contracts: Contracts;
  /** The notification APIs of the catalogue the listener serves. */
  apis: readonly ApiEntry[];
  /** The path part of the callback URL the Seller was given (`/lso-listener`), or '' for the root. */
  callbackPath: string;
  strict: boolean;
}

export type Inspection = Omit<NotificationRecord, 'id' | 'receivedAt'> & { json?: unknown; matched: boolean };

/**
 * Checks one notification: it must arrive at `<callback><notification API base path>/listener/<eventType>` (MEF 123
 * §6.15), carry a JSON body that validates against that listener operation, and name the same event type as its path.
 * Any Content-Type is accepted on the wire (five order listener paths declare the any-type wildcard); the contract judges it.
 */
export function inspectNotification(n: IncomingNotification, deps: InspectDeps): Inspection {
  const violations: Violation[] = [];
  const warnings: Violation[] = [];
  const pathOnly = n.path.split('?')[0];
  const rel =
    deps.callbackPath && pathOnly.startsWith(`${deps.callbackPath}/`)
      ? pathOnly.slice(deps.callbackPath.length)
      : pathOnly;
  const base: Omit<Inspection, 'violations' | 'warnings' | 'matched'> = {
    method: n.method,
    path: n.path,
    headers: redactHeaders(n.headers),
    body: clip(n.body) ?? '',
  };
  let target: { api: ApiEntry; operationId: string; tail: string } | undefined;
  for (const api of deps.apis) {
    if (!rel.startsWith(`${api.basePath}/`)) continue;
    const hit = deps.contracts.match(api.id, n.method, rel.slice(api.basePath.length));
    if (hit) target = { api, operationId: hit.op.operationId, tail: hit.op.path.split('/').pop() ?? '' };
  }
  if (!target) {
    violations.push({
      pointer: '',
      in: 'path',
      rule: 'listenerPath',
      message: `${n.method} ${pathOnly} is not a listener operation of any notification API`,
      expected: '<callback><notification API base path>/listener/<eventType>',
      found: pathOnly,
      severity: 'error',
    });
    return { ...base, violations, warnings, matched: false };
  }
  let json: unknown;
  try {
    json = JSON.parse(n.body);
  } catch (err) {
    violations.push({
      pointer: '',
      in: 'body',
      rule: 'json',
      message: `the notification body is not valid JSON: ${(err as Error).message}`,
      expected: 'a JSON document',
      found: n.body.slice(0, 200),
      severity: 'error',
    });
  }
  const contentType = n.headers['content-type'];
  if (json !== undefined) {
    const r = deps.contracts.validateRequest(
      target.api.id,
      target.operationId,
      { body: json, contentType },
      { strict: deps.strict },
    );
    violations.push(...r.violations);
    warnings.push(...r.warnings);
    for (const u of r.unchecked)
      warnings.push({
        pointer: u.pointer,
        rule: 'unchecked',
        message: `not checked: ${u.reason}`,
        severity: 'warning',
      });
  }
  const env = (json && typeof json === 'object' ? json : {}) as {
    eventType?: unknown;
    event?: { id?: unknown; href?: unknown };
  };
  const eventType = typeof env.eventType === 'string' ? env.eventType : undefined;
  // A type that names another listener path of the same API was posted to the wrong path.
  const tails = new Set(target.api.operations.map((o) => o.path.split('/').pop()));
  if (eventType && eventType !== target.tail && tails.has(eventType)) {
    violations.push({
      pointer: '/eventType',
      in: 'body',
      rule: 'listenerPath',
      message: `a ${eventType} was posted to the ${target.tail} listener path`,
      expected: target.tail,
      found: eventType,
      severity: 'error',
    });
  }
  return {
    ...base,
    api: target.api.id,
    eventType: eventType ?? target.operationId,
    entityId: typeof env.event?.id === 'string' ? env.event.id : undefined,
    href: typeof env.event?.href === 'string' ? env.event.href : undefined,
    violations,
    warnings,
    json,
    matched: true,
  };
}
