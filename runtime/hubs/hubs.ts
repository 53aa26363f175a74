import type { IdSource } from '../../lib/ids';
import { NotFound, Unprocessable } from '../server/errors';
import { visibleTo, type Tenant } from '../server/tenancy';
import type { Store } from '../state/store/store';
import type { Json, OperationHandler } from '../server/types';

export const HUB_KIND = '_hub';

/** A registration (MEF 123 §6.15): where to send which events of one management API, for which tenant. */
export interface Hub {
  id: string;
  apiId: string;
  callback: string;
  query?: string;
  /** Event types asked for; undefined means all (an absent or empty query). */
  eventTypes?: string[];
  tenant: Tenant;
}

/**
 * Reads a hub `query` (TMF 630 style, parsed leniently as the specs' own examples need): `eventType=a`,
 * `eventType=a,b`, `eventType=a&eventType=b`, with or without spaces around `=`. Only eventType is supported
 * (Order R101, Quote R55, POQ R53, TT R58); anything else is refused rather than silently ignored.
 */
export function parseHubQuery(query: string | undefined, known: ReadonlySet<string>): string[] | undefined {
  if (query === undefined || query.trim() === '') return undefined;
  const types: string[] = [];
  for (const part of query.split('&')) {
    if (part.trim() === '') continue;
    const m = /^\s*([^=\s]+)\s*=\s*(.*?)\s*$/.exec(part);
    if (!m || m[1] !== 'eventType') {
      throw Unprocessable.one(
        'invalidValue',
        '/query',
        `unsupported hub query '${part.trim()}': only eventType=<type>[,<type>…] is supported`,
      );
    }
    for (const t of decodeURIComponent(m[2])
      .split(',')
      .map((s) => s.trim())) {
      if (!t) continue;
      if (!known.has(t))
        throw Unprocessable.one('invalidValue', '/query', `unknown event type '${t}'; known: ${[...known].join(', ')}`);
      types.push(t);
    }
  }
  if (types.length === 0) throw Unprocessable.one('invalidValue', '/query', 'the query names no event type');
  return [...new Set(types)];
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function hubsOf(store: Store, apiId: string): Hub[] {
  return store
    .list(HUB_KIND)
    .map((r) => r.data as Hub)
    .filter((h) => h.apiId === apiId);
}

const view = (h: Hub): Json => ({
  id: h.id,
  callback: h.callback,
  ...(h.query !== undefined ? { query: h.query } : {}),
});

/** The three hub operations of one management API, as handlers. */
export function hubHandlers(
  store: Store,
  ids: IdSource,
  apiId: string,
  eventTypes: ReadonlySet<string>,
): Record<'registerListener' | 'retrieveHub' | 'unregisterListener', OperationHandler> {
  const find = (id: string, tenant: Tenant): Hub => {
    const rec = store.get(HUB_KIND, id);
    const hub = rec?.data as Hub | undefined;
    if (!rec || !hub || hub.apiId !== apiId || !visibleTo(rec.owner, tenant))
      throw new NotFound(`no hub with id '${id}'`);
    return hub;
  };
  return {
    registerListener: (req) => {
      const body = req.body as { callback: string; query?: string };
      if (!isHttpUrl(body.callback))
        throw Unprocessable.one(
          'invalidValue',
          '/callback',
          `callback '${body.callback}' is not an absolute http(s) URL`,
        );
      const hub: Hub = {
        id: ids.next('hub'),
        apiId,
        callback: body.callback,
        query: body.query,
        eventTypes: parseHubQuery(body.query, eventTypes),
        tenant: req.tenant,
      };
      store.put({ kind: HUB_KIND, id: hub.id, owner: req.tenant.key, data: hub, meta: {} });
      return { status: 201, body: view(hub) };
    },
    retrieveHub: (req) => ({ status: 200, body: view(find(req.params.id, req.tenant)) }),
    unregisterListener: (req) => {
      find(req.params.id, req.tenant);
      store.delete(HUB_KIND, req.params.id);
      return { status: 204 };
    },
  };
}
