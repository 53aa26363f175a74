import type { ApiEntry, Contracts, OperationEntry } from '../../specs';

/** One HTTP route of a mock, derived from the catalogue. */
export interface RouteSpec {
  api: ApiEntry;
  op: OperationEntry;
  /** Full path in fastify syntax: `/mefApi/sonata/productOrderingManagement/v10/productOrder/:id`. */
  url: string;
}

export function routesOf(apis: ApiEntry[]): RouteSpec[] {
  return apis.flatMap((api) =>
    api.operations.map((op) => ({
      api,
      op,
      url: api.basePath + op.path.replace(/\/+$/, '').replace(/\{([^}]+)\}/g, ':$1'),
    })),
  );
}

/** Where an event type is delivered: its notification API, listener operation and path. */
export interface ListenerTarget {
  notificationApi: ApiEntry;
  operationId: string;
  /** Path relative to the notification API's base path: `/listener/productOrderStateChangeEvent`. */
  path: string;
}

/**
 * The catalog listener paths say `…StatusChangeEvent` while the eventType enum says `…StateChangeEvent`
 * (mef-contracts §6.3 #13): a payload typed with the enum value goes to the path the spec defines.
 */
const LISTENER_ALIASES: Record<string, string> = {
  categoryStateChangeEvent: 'categoryStatusChangeEvent',
  productOfferingStateChangeEvent: 'productOfferingStatusChangeEvent',
  productSpecificationStateChangeEvent: 'productSpecificationStatusChangeEvent',
};

/** eventType → listener, for the notification API paired with one management API (`sonata.quote` → `sonata.quoteNotification`). */
export function listenersOf(contracts: Contracts, managementApiId: string): Map<string, ListenerTarget> {
  const out = new Map<string, ListenerTarget>();
  const notificationApi = contracts.apis.find(
    (a) => a.id === `${managementApiId}Notification` && a.kind === 'notification',
  );
  if (!notificationApi) return out;
  const byPath = new Map(notificationApi.operations.map((o) => [o.path, o]));
  for (const op of notificationApi.operations) {
    const type = op.path.replace(/^\/listener\//, '');
    out.set(type, { notificationApi, operationId: op.operationId, path: op.path });
  }
  for (const [type, pathType] of Object.entries(LISTENER_ALIASES)) {
    const op = byPath.get(`/listener/${pathType}`);
    if (op) out.set(type, { notificationApi, operationId: op.operationId, path: op.path });
  }
  return out;
}

/**
 * Fails fast when a role's handler table and the catalogue disagree: every operation of every served API needs a
 * handler, and every handler must name a real operation (a typo would otherwise leave an operation unserved).
 */
export function checkHandlerCoverage(apis: ApiEntry[], table: Record<string, Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const api of apis) {
    const handlers = table[api.id];
    if (!handlers) {
      problems.push(`${api.id}: no handler table`);
      continue;
    }
    for (const op of api.operations)
      if (!handlers[op.operationId])
        problems.push(`${api.id} ${op.method.toUpperCase()} ${op.path}: no handler for ${op.operationId}`);
    const known = new Set(api.operations.map((o) => o.operationId));
    for (const id of Object.keys(handlers))
      if (!known.has(id)) problems.push(`${api.id}: handler for unknown operation ${id}`);
  }
  for (const id of Object.keys(table))
    if (!apis.some((a) => a.id === id)) problems.push(`handler table for an API not served: ${id}`);
  return problems;
}
