import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isoAt, type Clock } from '../../../lib/clock';
import type { IdSource } from '../../../lib/ids';

/**
 * A tiny, conforming stand-in for a Sonata seller, just enough for the harness to test its own machinery end to end:
 * hub registration, one `productOrderStateChangeEvent` delivered to every new hub, the order it names, and empty
 * cancel lists. It is not the seller mock (that lives in mocks/) and models no lifecycle.
 */
export const ORDER_BASE = '/mefApi/sonata/productOrderingManagement/v10';
const NOTIFICATION_BASE = '/mefApi/sonata/productOrderingNotification/v10';
const JSON_TYPE = 'application/json;charset=utf-8';
export const SELFTEST_ORDER_ID = 'SO-SELFTEST-1';

export interface SelftestTarget {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startSelftestTarget(deps: {
  clock: Clock;
  ids: IdSource;
  host?: string;
}): Promise<SelftestTarget> {
  const hubs = new Map<string, { callback: string; query?: string; buyerId?: string; sellerId?: string }>();
  const pending = new Set<Promise<void>>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://target');
      const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, body === undefined ? headers : { 'content-type': JSON_TYPE, ...headers });
        res.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const notFound = () => reply(404, { code: 'notFound', reason: 'no such resource' });
      if (!url.pathname.startsWith(`${ORDER_BASE}/`)) return notFound();
      const path = url.pathname.slice(ORDER_BASE.length);
      const hubId = /^\/hub\/([^/]+)$/.exec(path)?.[1];
      if (req.method === 'POST' && path === '/hub') {
        let input: { callback?: unknown; query?: unknown };
        try {
          input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return reply(400, { code: 'invalidBody', reason: 'the body is not JSON' });
        }
        if (typeof input.callback !== 'string')
          return reply(400, { code: 'invalidBody', reason: 'callback is required' });
        const id = deps.ids.next('hub');
        const hub = {
          callback: input.callback,
          query: typeof input.query === 'string' ? input.query : undefined,
          buyerId: url.searchParams.get('buyerId') ?? undefined,
          sellerId: url.searchParams.get('sellerId') ?? undefined,
        };
        hubs.set(id, hub);
        reply(201, { id, callback: hub.callback, ...(hub.query !== undefined ? { query: hub.query } : {}) });
        const delivery = notify(hub, deps).finally(() => pending.delete(delivery));
        pending.add(delivery);
        return;
      }
      if (hubId && req.method === 'GET')
        return hubs.has(hubId) ? reply(200, { id: hubId, ...hubs.get(hubId) }) : notFound();
      if (hubId && req.method === 'DELETE') return hubs.delete(hubId) ? reply(204) : notFound();
      if (req.method === 'GET' && path === `/productOrder/${SELFTEST_ORDER_ID}`) return reply(200, order());
      if (req.method === 'GET' && path === '/cancelProductOrder')
        return reply(200, [], { 'x-total-count': '0', 'x-result-count': '0' });
      return notFound();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, deps.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await Promise.allSettled([...pending]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One state-change event to the hub's callback, as MEF 123 §6.16 describes it; delivery failures are ignored. */
async function notify(
  hub: { callback: string; buyerId?: string; sellerId?: string },
  deps: { clock: Clock; ids: IdSource },
): Promise<void> {
  const body = JSON.stringify({
    eventId: deps.ids.next('event'),
    eventTime: isoAt(deps.clock),
    eventType: 'productOrderStateChangeEvent',
    event: {
      id: SELFTEST_ORDER_ID,
      href: `${ORDER_BASE}/productOrder/${SELFTEST_ORDER_ID}`,
      ...(hub.buyerId ? { buyerId: hub.buyerId } : {}),
      ...(hub.sellerId ? { sellerId: hub.sellerId } : {}),
    },
  });
  const url = `${hub.callback.replace(/\/+$/, '')}${NOTIFICATION_BASE}/listener/productOrderStateChangeEvent`;
  await new Promise<void>((resolve) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { 'content-type': JSON_TYPE }, agent: false, timeout: 5000 },
      (res) => {
        res.resume();
        res.on('end', resolve);
        res.on('error', () => resolve());
      },
    );
    req.on('error', () => resolve());
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

function order(): Record<string, unknown> {
  const contact = (role: string) => ({
    role,
    name: 'Self-test Contact',
    emailAddress: 'contact@example.com',
    number: '+1-555-0100',
  });
  return {
    id: SELFTEST_ORDER_ID,
    href: `${ORDER_BASE}/productOrder/${SELFTEST_ORDER_ID}`,
    state: 'inProgress',
    orderDate: '2024-01-01T00:00:00Z',
    relatedContactInformation: [contact('productOrderContact'), contact('sellerContact')],
    stateChange: [
      { state: 'acknowledged', changeDate: '2024-01-01T00:00:00Z' },
      { state: 'inProgress', changeDate: '2024-01-01T00:01:00Z' },
    ],
    productOrderItem: [
      {
        id: '1',
        action: 'add',
        state: 'inProgress',
        requestedCompletionDate: '2024-02-01T00:00:00Z',
        expectedCompletionDate: '2024-02-01T00:00:00Z',
        relatedContactInformation: [
          contact('buyerProductOrderItemContact'),
          contact('buyerImplementationContact'),
          contact('buyerTechnicalContact'),
        ],
      },
    ],
  };
}
