import net from 'node:net';
import { HarnessError } from '../../lib/errors';
import { systemClock } from '../../lib/clock';
import { CancelledError, WaitTimeoutError } from '../../runtime/http/errors';
import { sequentialIds } from '../../lib/ids';
import { Listener } from '../../runtime/http/listener';
import { sonata } from '../suites/harness/helpers/contracts';

const NTF = '/mefApi/sonata/productOrderingNotification/v10/listener';
const event = (eventType: string, id: string, extra: Record<string, unknown> = {}) => ({
  eventId: `e-${id}`,
  eventTime: '2024-01-01T00:00:00.000Z',
  eventType,
  event: { id, href: `/productOrder/${id}`, ...extra },
});

let listener: Listener;
async function start(callbackUrl?: string) {
  listener = new Listener(
    { host: '127.0.0.1', port: 0, callbackUrl, apis: ['sonata.productOrderNotification'], strict: true },
    { contracts: sonata(), clock: systemClock, ids: sequentialIds() },
  );
  await listener.start();
  return listener;
}
afterEach(async () => listener?.close());

async function post(
  path: string,
  body: string | object,
  contentType = 'application/json;charset=utf-8',
  method = 'POST',
): Promise<number> {
  const payload = method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${listener.address()}${path}`, {
    method,
    headers: { 'content-type': contentType },
    body: payload,
  });
  return res.status;
}

describe('listener: receives, validates and correlates notifications', () => {
  test('a valid notification is answered 204, checked and correlated with the entity it names', async () => {
    await start();
    expect(await post(`${NTF}/productOrderStateChangeEvent`, event('productOrderStateChangeEvent', 'PO-1'))).toBe(204);
    const [n] = listener.notifications();
    expect(n.record).toMatchObject({
      id: 'ntf-1',
      api: 'sonata.productOrderNotification',
      eventType: 'productOrderStateChangeEvent',
      entityId: 'PO-1',
      href: '/productOrder/PO-1',
      violations: [],
    });
    expect(n.json).toEqual(event('productOrderStateChangeEvent', 'PO-1'));
  });

  test('waitFor finds a notification already received, and one still to come, by the entity it names', async () => {
    await start();
    await post(`${NTF}/productOrderStateChangeEvent`, event('productOrderStateChangeEvent', 'PO-A'));
    const early = await listener.waitFor((n) => n.record.entityId === 'PO-A', { timeoutMs: 1000, what: 'PO-A event' });
    expect(early.record.entityId).toBe('PO-A');
    const later = listener.waitFor((n) => n.record.entityId === 'PO-B', { timeoutMs: 5000, what: 'PO-B event' });
    await post(
      `${NTF}/productOrderItemStateChangeEvent`,
      event('productOrderItemStateChangeEvent', 'PO-C', { orderItemId: '1' }),
    );
    await post(`${NTF}/productOrderStateChangeEvent`, event('productOrderStateChangeEvent', 'PO-B'));
    expect((await later).record).toMatchObject({ entityId: 'PO-B', eventType: 'productOrderStateChangeEvent' });
  });

  test('the callback path given to the Seller is stripped before matching the listener path', async () => {
    await start('https://buyer.example.net/lso-listener');
    expect(listener.callbackUrl()).toBe('https://buyer.example.net/lso-listener');
    expect(
      await post(`/lso-listener${NTF}/productOrderStateChangeEvent`, event('productOrderStateChangeEvent', 'PO-1')),
    ).toBe(204);
    expect(listener.notifications()[0].record.violations).toEqual([]);
  });

  test('any content type is accepted on the wire; the contract decides whether it was right', async () => {
    await start();
    // cancelProductOrderStateChangeEvent declares */*, productOrderStateChangeEvent application/json;charset=utf-8.
    expect(
      await post(
        `${NTF}/cancelProductOrderStateChangeEvent`,
        event('cancelProductOrderStateChangeEvent', 'C-1'),
        'text/plain',
      ),
    ).toBe(204);
    expect(
      await post(`${NTF}/productOrderStateChangeEvent`, event('productOrderStateChangeEvent', 'PO-1'), 'text/plain'),
    ).toBe(204);
    const [star, json] = listener.notifications();
    expect(star.record.violations).toEqual([]);
    expect(json.record.entityId).toBe('PO-1');
    expect(json.record.violations).toEqual([
      expect.objectContaining({ in: 'content-type', rule: 'contentType', found: 'text/plain' }),
    ]);
  });
});

describe('listener: malformed notifications are recorded with what is wrong', () => {
  test.each([
    ['a body that is not JSON', '{"eventType": "productOrderStateChangeEvent",', { rule: 'json', in: 'body' }],
    [
      'a missing eventId',
      { ...event('productOrderStateChangeEvent', 'PO-1'), eventId: undefined },
      { rule: 'required', pointer: '/eventId' },
    ],
    [
      'an event without id',
      { ...event('productOrderStateChangeEvent', 'PO-1'), event: { href: '/x' } },
      { rule: 'required', pointer: '/event/id' },
    ],
    [
      "a type posted to another type's listener path",
      event('productOrderItemStateChangeEvent', 'PO-1', { orderItemId: '1' }),
      { rule: 'listenerPath', pointer: '/eventType' },
    ],
  ])('%s', async (_name, body, violation) => {
    await start();
    expect(await post(`${NTF}/productOrderStateChangeEvent`, body as object)).toBe(204);
    const [n] = listener.notifications();
    expect(n.record.violations).toContainEqual(expect.objectContaining(violation));
    expect(n.record.body.length).toBeGreaterThan(0);
  });

  test('a path that is no listener operation is answered 404 and still recorded', async () => {
    await start();
    expect(await post('/mefApi/sonata/productOrderingNotification/v10/listener/noSuchEvent', event('x', '1'))).toBe(
      404,
    );
    expect(await post(`${NTF}/productOrderStateChangeEvent`, '', 'application/json', 'GET')).toBe(404);
    expect(listener.notifications().map((n) => n.record.violations[0]?.rule)).toEqual(['listenerPath', 'listenerPath']);
  });
});

describe('listener: every wait is bounded', () => {
  test('a notification that never comes times out', async () => {
    await start();
    await expect(listener.waitFor(() => true, { timeoutMs: 50, what: 'anything' })).rejects.toThrow(WaitTimeoutError);
  });

  test('an aborted signal and closing the listener end pending waits', async () => {
    await start();
    const controller = new AbortController();
    const byAbort = listener.waitFor(() => false, { timeoutMs: 60_000, what: 'x', signal: controller.signal });
    const byClose = listener.waitFor(() => false, { timeoutMs: 60_000, what: 'y' });
    controller.abort();
    await expect(byAbort).rejects.toThrow(CancelledError);
    await listener.close();
    await expect(byClose).rejects.toThrow(CancelledError);
  });

  test('a predicate that throws on an odd body does not match instead of breaking the listener', async () => {
    await start();
    const w = listener.waitFor((n) => (n.json as { event: { id: string } }).event.id === 'PO-2', {
      timeoutMs: 5000,
      what: 'PO-2',
    });
    await post(`${NTF}/productOrderStateChangeEvent`, 'garbage');
    await post(`${NTF}/productOrderStateChangeEvent`, event('productOrderStateChangeEvent', 'PO-2'));
    expect((await w).record.entityId).toBe('PO-2');
  });

  test('a port already in use is a harness error', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const l = new Listener(
      { host: '127.0.0.1', port, strict: false },
      { contracts: sonata(), clock: systemClock, ids: sequentialIds() },
    );
    await expect(l.start()).rejects.toThrow(HarnessError);
    await new Promise<void>((r) => blocker.close(() => r()));
  });
});
