import type { Rule } from '../../harness/rules';

/** A rule: a stable dotted id, what it decides, the API it is about, and the MEF requirements it tests. */
export const rule = (id: string, api: string, title: string, requirements: string[]): Rule => ({
  id,
  api,
  title,
  requirements,
});

type ListReq = { contract: string[]; pagination?: string[]; filters?: string[]; empty: string[] };
type ListOut<R extends ListReq> = { contract: Rule; empty: Rule } & ('pagination' extends keyof R
  ? { pagination: Rule }
  : unknown) &
  ('filters' extends keyof R ? { filters: Rule } : unknown);

/** The four list rules of one list operation (see support/list.ts); paging and filters only where asked for. */
export function listRules<R extends ListReq>(prefix: string, api: string, what: string, req: R): ListOut<R> {
  return {
    contract: rule(
      `${prefix}.list.contract`,
      api,
      `GET ${what} answers 200 with a list as the contract says, count headers consistent`,
      req.contract,
    ),
    ...(req.pagination
      ? {
          pagination: rule(
            `${prefix}.list.pagination`,
            api,
            `GET ${what} honours limit and offset, and signals a cut page with X-Total-Count or X-Pagination-Throttled`,
            req.pagination,
          ),
        }
      : {}),
    ...(req.filters
      ? {
          filters: rule(
            `${prefix}.list.filters`,
            api,
            `Every documented filter of GET ${what} returns only, and all, matching resources`,
            req.filters,
          ),
        }
      : {}),
    empty: rule(
      `${prefix}.list.empty`,
      api,
      `GET ${what} with a filter that matches nothing answers 200 with an empty list`,
      req.empty,
    ),
  } as ListOut<R>;
}

type HubReq = {
  register: string[];
  retrieve?: string[];
  unregister: string[];
  delivered: string[];
  silent: string[];
  contract: string[];
  ids: string[];
  filter?: string[];
};
type HubOut<R extends HubReq> = Record<'register' | 'unregister' | 'delivered' | 'contract' | 'ids' | 'silent', Rule> &
  ('retrieve' extends keyof R ? { retrieve: Rule } : unknown) &
  ('filter' extends keyof R ? { filter: Rule } : unknown);

/** The hub and notification rules of one management API (retrieve only where the API has GET /hub/{id}). */
export function hubRules<R extends HubReq>(prefix: string, api: string, req: R): HubOut<R> {
  return {
    register: rule(
      `${prefix}.hub.register`,
      api,
      'POST /hub answers 201 with the EventSubscription (id, callback and query as sent)',
      req.register,
    ),
    ...(req.retrieve
      ? {
          retrieve: rule(
            `${prefix}.hub.retrieve`,
            api,
            'GET /hub/{id} returns the registration; an unknown id is 404',
            req.retrieve,
          ),
        }
      : {}),
    unregister: rule(
      `${prefix}.hub.unregister`,
      api,
      'DELETE /hub/{id} answers 204, and the registration is gone (404 after)',
      req.unregister,
    ),
    delivered: rule(
      `${prefix}.notification.delivered`,
      api,
      'A registered Buyer receives the events of its entities, at <callback><notification base path>/listener/<eventType>',
      req.delivered,
    ),
    contract: rule(
      `${prefix}.notification.contract`,
      api,
      'Every notification conforms to the notification API (envelope, eventType, event.id, item ids)',
      req.contract,
    ),
    ids: rule(
      `${prefix}.notification.buyer-seller-ids`,
      api,
      'buyerId/sellerId of the requests come back in every event',
      req.ids,
    ),
    ...(req.filter
      ? {
          filter: rule(
            `${prefix}.notification.event-type-filter`,
            api,
            'A hub registered for some event types receives only those',
            req.filter,
          ),
        }
      : {}),
    silent: rule(
      `${prefix}.notification.unregistered-silent`,
      api,
      'No event is sent for a registration that was removed',
      req.silent,
    ),
  } as HubOut<R>;
}

/** `{list: {contract…}}` → `{listContract…}`, so each rule has its own key. */
export function prefixed<P extends string, T extends Record<string, unknown>>(
  prefix: P,
  o: T,
): { [K in keyof T & string as `${P}${Capitalize<K>}`]: T[K] } {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [`${prefix}${k[0].toUpperCase()}${k.slice(1)}`, v]),
  ) as never;
}
