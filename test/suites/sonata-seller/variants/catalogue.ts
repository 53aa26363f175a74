import { withJson, type Defect, type ProxyRequest, type ProxyResponse } from './proxy';

/**
 * Seller variants, each the seller mock with one defect injected by the proxy. Each names the scenarios that exercise
 * the defect (the run is limited to them, and with `only` to some of their rules) and the rule that must catch it
 * (its verdict turns `fail` or `error`).
 */
export interface Variant {
  name: string;
  defect: Defect;
  scenarios: string[];
  only?: string[];
  caughtBy: string;
  /** Shorter limits where the defect makes the harness wait (a missing notification, a hanging endpoint). */
  timeouts?: { requestMs?: number; notificationMs?: number };
}

export const ORDER = '/mefApi/sonata/productOrderingManagement/v10';
export const QUOTE = '/mefApi/sonata/quoteManagement/v8';
export const POQ = '/mefApi/sonata/productOfferingQualification/v7';
const INVENTORY = '/mefApi/sonata/productInventory/v7';
const TICKET = '/mefApi/sonata/troubleTicket/v4';
const ADDRESS = '/mefApi/sonata/geographicAddressManagement/v7';
const SITE = '/mefApi/sonata/geographicSiteManagement/v7';

const at = (req: ProxyRequest, method: string, path: string | RegExp) =>
  req.method === method && (typeof path === 'string' ? req.path === path : path.test(req.path));
const ORDER_ID = new RegExp(`^${ORDER}/productOrder/[^/]+$`);

/** Rewrites the JSON body of responses that match. */
function rewrite(
  match: (req: ProxyRequest, res: ProxyResponse) => boolean,
  change: (json: any, req: ProxyRequest) => unknown,
): Defect['response'] {
  return (req, res) =>
    match(req, res) && res.json !== undefined ? withJson(res, change(structuredClone(res.json), req) ?? res.json) : res;
}

/** Rewrites (or drops, when `change` returns null) the notifications of `eventType`. */
function notify(
  eventType: string,
  change: (n: {
    path: string;
    headers: Record<string, string>;
    body: string;
    json?: any;
  }) => { path: string; headers: Record<string, string>; body: string } | null,
): Defect['notification'] {
  return (n) => (n.json?.eventType === eventType ? change(n) : n);
}

/**
 * A Seller that does not look its products up: the first item of a create that names a product no Buyer has (the
 * suite's `lso-no-such-…` ids) reaches the mock as `change` makes it, an item the mock can take.
 */
export function unknownProductTaken(
  path: string,
  items: string,
  change: (item: any) => any,
  headers: Record<string, string> = {},
): Defect {
  return {
    request: (req) => {
      const item = req.json?.[items]?.[0];
      if (!at(req, 'POST', path) || !String(item?.product?.id ?? '').startsWith('lso-no-such-')) return req;
      const json = { ...req.json, [items]: [change(structuredClone(item)), ...req.json[items].slice(1)] };
      return { ...req, headers: { ...req.headers, ...headers }, json, body: JSON.stringify(json) };
    },
  };
}
/** A modify or delete item turned into an add of the configuration it carries. */
export const asAdd = (item: any) => {
  delete item.product.id;
  return { ...item, action: 'add' };
};

/** Ids of orders each Buyer created, so a variant can leak one Buyer's order to another. */
const owners = new Map<string, string>();

export const VARIANTS: readonly Variant[] = [
  {
    name: 'create answers 200 instead of 201',
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.order.create'],
    caughtBy: 'sonata.order.create.contract',
    defect: {
      response: (req, res) =>
        at(req, 'POST', `${ORDER}/productOrder`) && res.status === 201 ? { ...res, status: 200 } : res,
    },
  },
  {
    name: 'lists without X-Total-Count or X-Pagination-Throttled',
    scenarios: ['sonata.order.list'],
    only: ['sonata.order.list.pagination'],
    caughtBy: 'sonata.order.list.pagination',
    defect: {
      response: (req, res) => {
        if (!at(req, 'GET', `${ORDER}/productOrder`)) return res;
        const { ['x-total-count']: _t, ['x-pagination-throttled']: _p, ...headers } = res.headers;
        return { ...res, headers };
      },
    },
  },
  {
    name: 'pagination ignores limit and offset',
    scenarios: ['sonata.order.list'],
    only: ['sonata.order.list.pagination'],
    caughtBy: 'sonata.order.list.pagination',
    defect: {
      request: (req) => {
        if (!at(req, 'GET', `${ORDER}/productOrder`)) return req;
        const q = new URLSearchParams(req.query);
        q.delete('limit');
        q.delete('offset');
        return { ...req, query: q };
      },
    },
  },
  {
    name: 'the state filter of GET /productOrder is ignored',
    scenarios: ['sonata.order.list'],
    only: ['sonata.order.list.filters'],
    caughtBy: 'sonata.order.list.filters',
    defect: {
      request: (req) => {
        if (!at(req, 'GET', `${ORDER}/productOrder`)) return req;
        const q = new URLSearchParams(req.query);
        q.delete('state');
        return { ...req, query: q };
      },
    },
  },
  {
    name: 'an order response breaks its schema (orderDate not a date-time)',
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.order.retrieve.contract'],
    caughtBy: 'sonata.order.retrieve.contract',
    defect: {
      response: rewrite(
        (req) => at(req, 'GET', ORDER_ID),
        (o) => ({ ...o, orderDate: 'yesterday' }),
      ),
    },
  },
  {
    name: 'the 201 echoes another @type for the product configuration',
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.order.create.echo'],
    caughtBy: 'sonata.order.create.echo',
    defect: {
      response: rewrite(
        (req, res) => at(req, 'POST', `${ORDER}/productOrder`) && res.status === 201,
        (o) => {
          o.productOrderItem[0].product.productConfiguration['@type'] =
            'urn:mef:lso:spec:cantata-sonata:evpl-evc:v1.0.0:all';
          return o;
        },
      ),
    },
  },
  {
    name: 'errors in a non-MEF shape',
    scenarios: ['sonata.order.invalid-payloads'],
    only: ['sonata.order.retrieve.unknown-id'],
    caughtBy: 'sonata.order.retrieve.unknown-id',
    defect: {
      response: (_req, res) => (res.status === 404 ? withJson(res, { error: 'not found', status: 404 }) : res),
    },
  },
  {
    name: '422 without propertyPath',
    scenarios: ['sonata.order.invalid-payloads'],
    only: ['sonata.order.create.invalid-payload'],
    caughtBy: 'sonata.order.create.invalid-payload',
    defect: {
      response: rewrite(
        (_req, res) => res.status === 422,
        (list) => (Array.isArray(list) ? list.map(({ propertyPath: _p, ...e }: any) => e) : list),
      ),
    },
  },
  {
    name: 'stateChange skips inProgress',
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.order.state-history'],
    caughtBy: 'sonata.order.state-history',
    defect: {
      response: rewrite(
        (req) => at(req, 'GET', ORDER_ID),
        (o) => ({ ...o, stateChange: (o.stateChange ?? []).filter((s: any) => s.state !== 'inProgress') }),
      ),
    },
  },
  {
    name: 'an illegal transition is accepted (cancel an approved quote)',
    scenarios: ['sonata.quote.immediate-firm'],
    only: ['sonata.quote.cancel.wrong-state'],
    caughtBy: 'sonata.quote.cancel.wrong-state',
    defect: {
      response: (req, res) =>
        at(req, 'POST', `${QUOTE}/cancelQuote`) && res.status === 422
          ? withJson({ ...res, status: 200 }, req.json)
          : res,
    },
  },
  {
    name: 'productOrderStateChangeEvent never sent',
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.order.notification'],
    caughtBy: 'sonata.order.notification.delivered',
    timeouts: { notificationMs: 1500 },
    defect: { notification: notify('productOrderStateChangeEvent', () => null) },
  },
  {
    name: 'notifications carry the wrong eventType',
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.order.notification.contract'],
    caughtBy: 'sonata.order.notification.contract',
    defect: {
      notification: notify('productOrderItemStateChangeEvent', (n) => ({
        ...n,
        body: JSON.stringify({ ...n.json, eventType: 'productOrderStateChangeEvent' }),
      })),
    },
  },
  {
    name: 'malformed notification bodies',
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.order.notification.contract'],
    caughtBy: 'sonata.order.notification.contract',
    defect: {
      notification: notify('productOrderItemStateChangeEvent', (n) => ({
        ...n,
        body: n.body.slice(0, Math.floor(n.body.length / 2)),
      })),
    },
  },
  {
    name: "notifications not sent to the hub's callback path",
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.order.notification.delivered'],
    caughtBy: 'sonata.order.notification.delivered',
    timeouts: { notificationMs: 1500 },
    defect: {
      notification: (n) => ({ ...n, path: `/notifications${n.path.replace(/^\/mefApi\/[^/]+\/[^/]+\/v\d+/, '')}` }),
    },
  },
  {
    name: 'buyerId missing from events',
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.order.notification.buyer-seller-ids'],
    caughtBy: 'sonata.order.notification.buyer-seller-ids',
    defect: {
      notification: (n) =>
        n.json?.event
          ? { ...n, body: JSON.stringify({ ...n.json, event: { ...n.json.event, buyerId: undefined } }) }
          : n,
    },
  },
  {
    name: 'inventory not updated after completion',
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.inventory.after-order'],
    caughtBy: 'sonata.inventory.after-order',
    defect: {
      response: rewrite(
        (req) => at(req, 'GET', `${INVENTORY}/product`),
        (list) => (Array.isArray(list) ? list.map((p: any) => ({ ...p, status: 'pendingActive' })) : list),
      ),
    },
  },
  {
    name: "buyer isolation broken (another Buyer's order is readable)",
    scenarios: ['sonata.isolation.two-buyers'],
    only: ['sonata.isolation.order.retrieve'],
    caughtBy: 'sonata.isolation.order.retrieve',
    defect: {
      request: (req) => {
        const id = ORDER_ID.test(req.path) ? decodeURIComponent(req.path.split('/').pop()!) : undefined;
        const owner = id ? owners.get(id) : undefined;
        if (!owner || req.method !== 'GET') return req;
        const q = new URLSearchParams(req.query);
        q.set('buyerId', owner);
        return { ...req, query: q };
      },
      response: (req, res) => {
        const body = res.status === 201 && at(req, 'POST', `${ORDER}/productOrder`) ? JSON.parse(res.body) : undefined;
        if (body?.id) owners.set(body.id, req.query.get('buyerId') ?? '');
        return res;
      },
    },
  },
  {
    name: 'a hanging endpoint (address validation never answers)',
    scenarios: ['sonata.address.validate-and-retrieve'],
    only: ['sonata.address.validation.contract'],
    caughtBy: 'sonata.address.validation.contract',
    timeouts: { requestMs: 600 },
    defect: { answer: (req) => (at(req, 'POST', `${ADDRESS}/geographicAddressValidation`) ? 'hang' : undefined) },
  },
  {
    name: 'a garbage body (GET /geographicSite)',
    scenarios: ['sonata.site.list-and-retrieve'],
    only: ['sonata.site.list.contract'],
    caughtBy: 'sonata.site.list.contract',
    defect: {
      response: (req, res) =>
        at(req, 'GET', `${SITE}/geographicSite`) && !req.query.has('city')
          ? { ...res, body: '<html><body>Gateway says hello</body></html>' }
          : res,
    },
  },
  {
    name: 'DELETE /hub answers 204 but the hub stays',
    scenarios: ['sonata.order.hub-semantics'],
    only: ['sonata.order.notification.unregistered-silent'],
    caughtBy: 'sonata.order.notification.unregistered-silent',
    defect: {
      answer: (req) =>
        req.method === 'DELETE' && req.path.startsWith(`${ORDER}/hub/`)
          ? { status: 204, headers: {}, body: '' }
          : undefined,
    },
  },
  {
    name: 'the eventType query of a hub is ignored',
    scenarios: ['sonata.order.hub-semantics'],
    only: ['sonata.order.notification.event-type-filter'],
    caughtBy: 'sonata.order.notification.event-type-filter',
    defect: {
      request: (req) =>
        at(req, 'POST', `${ORDER}/hub`) && req.json?.query
          ? { ...req, json: { callback: req.json.callback }, body: JSON.stringify({ callback: req.json.callback }) }
          : req,
    },
  },
  {
    name: 'an immediate POQ answers acknowledged',
    scenarios: ['sonata.poq.immediate'],
    only: ['sonata.poq.instant.final-state'],
    caughtBy: 'sonata.poq.instant.final-state',
    defect: {
      response: rewrite(
        (req, res) => at(req, 'POST', `${POQ}/productOfferingQualification`) && res.status === 201,
        (q) => ({ ...q, state: 'acknowledged' }),
      ),
    },
  },
  {
    name: 'an item in progress without expectedCompletionDate',
    scenarios: ['sonata.order.internet-access-lifecycle'],
    only: ['sonata.order.item.dates'],
    caughtBy: 'sonata.order.item.dates',
    defect: {
      response: rewrite(
        (req) => at(req, 'GET', ORDER_ID),
        (o) => ({
          ...o,
          productOrderItem: (o.productOrderItem ?? []).map(({ expectedCompletionDate: _e, ...i }: any) =>
            i.state === 'inProgress' ? i : { ...i, expectedCompletionDate: _e },
          ),
        }),
      ),
    },
  },
  {
    name: 'a list that matches nothing answers 404',
    scenarios: ['sonata.order.list'],
    only: ['sonata.order.list.empty'],
    caughtBy: 'sonata.order.list.empty',
    defect: {
      response: (req, res) =>
        at(req, 'GET', `${ORDER}/productOrder`) && res.body.trim() === '[]'
          ? withJson({ ...res, status: 404 }, { code: 'notFound', reason: 'nothing matches' })
          : res,
    },
  },
  {
    name: 'cancelling a closed trouble ticket is accepted',
    scenarios: ['sonata.ticket.resolve-reopen-close'],
    only: ['sonata.ticket.cancel.wrong-state'],
    caughtBy: 'sonata.ticket.cancel.wrong-state',
    defect: {
      response: (req, res) =>
        req.method === 'POST' &&
        new RegExp(`^${TICKET}/troubleTicket/[^/]+/cancel$`).test(req.path) &&
        res.status === 422
          ? { status: 204, headers: {}, body: '' }
          : res,
    },
  },
  {
    name: 'chargeCreateEvent never sent',
    scenarios: ['sonata.order.charges'],
    only: ['sonata.order.charge.create-event'],
    caughtBy: 'sonata.order.charge.create-event',
    timeouts: { notificationMs: 1500 },
    defect: { notification: notify('chargeCreateEvent', () => null) },
  },
  {
    name: 'the best match of an address validation changes the address type',
    scenarios: ['sonata.address.validate-and-retrieve'],
    only: ['sonata.address.validation.same-type'],
    caughtBy: 'sonata.address.validation.same-type',
    defect: {
      response: rewrite(
        (req, res) => at(req, 'POST', `${ADDRESS}/geographicAddressValidation`) && res.status === 200,
        (v) =>
          v.bestMatchGeographicAddress
            ? {
                ...v,
                bestMatchGeographicAddress: {
                  '@type': 'FormattedAddress',
                  id: v.bestMatchGeographicAddress.id,
                  addrLine1: '1 Harness Street',
                  city: 'Sample City',
                  country: 'US',
                },
              }
            : v,
      ),
    },
  },
  {
    name: 'a firm quote answered at budgetary level',
    scenarios: ['sonata.quote.immediate-firm'],
    only: ['sonata.quote.level'],
    caughtBy: 'sonata.quote.level',
    defect: {
      response: rewrite(
        (req, res) => at(req, 'POST', `${QUOTE}/quote`) && res.status === 201,
        (q) => ({ ...q, quoteLevel: 'budgetary' }),
      ),
    },
  },
  {
    name: 'a POQ qualifies the change of a product the Buyer does not have',
    scenarios: ['sonata.poq.list-and-errors'],
    only: ['sonata.poq.create.unknown-product'],
    caughtBy: 'sonata.poq.create.unknown-product',
    defect: unknownProductTaken(`${POQ}/productOfferingQualification`, 'productOfferingQualificationItem', asAdd),
  },
  {
    name: 'a quote prices the deletion of a product the Buyer does not have',
    scenarios: ['sonata.quote.list-and-errors'],
    only: ['sonata.quote.create.unknown-product'],
    caughtBy: 'sonata.quote.create.unknown-product',
    // The seeded ENNI is every Buyer's: the mock prices its deletion as the defective Seller would the unknown one's.
    defect: unknownProductTaken(`${QUOTE}/quote`, 'quoteItem', (item) => ({ ...item, product: { id: 'SP1_ENNI' } })),
  },
  {
    name: 'an order completes the change of a product the Buyer does not have',
    scenarios: ['sonata.order.invalid-payloads'],
    only: ['sonata.order.create.unknown-product'],
    caughtBy: 'sonata.order.create.unknown-product',
    defect: unknownProductTaken(`${ORDER}/productOrder`, 'productOrderItem', asAdd),
  },
];
