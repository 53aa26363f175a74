/**
 * Hubs and notifications over real sockets: registration, the query filter, thin payloads, partners, retries with
 * back-off, the delivery log, and injected notification faults (dropped, duplicated, reordered).
 */
import type { SellerMock } from '../../mocks/sonata-seller';
import { S1 } from '../fixtures/mock/mef-examples';
import { API, base, call, expectNoSelfCheckFailures, Listener, sonataContracts, startSeller } from './support';

let listener: Listener;
beforeAll(async () => {
  listener = await new Listener(sonataContracts()).start();
});
afterAll(() => listener.close());
afterEach(() => {
  const problems = listener.takeProblems();
  listener.clear();
  listener.respond = () => 204;
  expect(problems).toEqual([]);
});

describe('hubs', () => {
  let m: SellerMock;
  beforeAll(async () => {
    m = await startSeller();
  });
  afterAll(() => m.close());
  afterEach(() => expectNoSelfCheckFailures(m));

  const orderApi = () => base(m, API.order);

  async function orderThrough(outcome?: string): Promise<string> {
    const o = await call(
      m,
      'POST',
      `${orderApi()}/productOrder`,
      S1.order(),
      outcome ? { 'x-lso-outcome': outcome } : {},
    );
    expect(o.status).toBe(201);
    m.control.advance('1m');
    await m.control.waitForDeliveries();
    return o.body.id;
  }

  it('registers, retrieves and removes a hub; an unknown one is 404; Quote and POQ have no GET /hub/{id}', async () => {
    const hub = await call(m, 'POST', `${orderApi()}/hub`, {
      callback: listener.url,
      query: 'eventType=productOrderStateChangeEvent',
    });
    expect(hub).toMatchObject({
      status: 201,
      body: { id: expect.any(String), callback: listener.url, query: 'eventType=productOrderStateChangeEvent' },
    });
    expect((await call(m, 'GET', `${orderApi()}/hub/${hub.body.id}`)).body).toEqual(hub.body);
    expect((await call(m, 'DELETE', `${orderApi()}/hub/${hub.body.id}`)).status).toBe(204);
    expect((await call(m, 'GET', `${orderApi()}/hub/${hub.body.id}`)).body).toMatchObject({ code: 'notFound' });
    expect((await call(m, 'DELETE', `${orderApi()}/hub/${hub.body.id}`)).status).toBe(404);
    const quoteHub = await call(m, 'POST', `${base(m, API.quote)}/hub`, { callback: listener.url });
    expect((await call(m, 'GET', `${base(m, API.quote)}/hub/${quoteHub.body.id}`)).body.reason).toMatch(/no operation/);
    expect((await call(m, 'DELETE', `${base(m, API.quote)}/hub/${quoteHub.body.id}`)).status).toBe(204);
  });

  it('refuses a callback that is not a URL and a query on anything but eventType (400: registerListener declares no 422)', async () => {
    expect(await call(m, 'POST', `${orderApi()}/hub`, { callback: 'not a url' })).toMatchObject({
      status: 400,
      body: { code: 'invalidBody', message: expect.stringContaining('/callback') },
    });
    expect(
      await call(m, 'POST', `${orderApi()}/hub`, { callback: listener.url, query: 'state=completed' }),
    ).toMatchObject({ status: 400, body: { message: expect.stringContaining('/query') } });
    expect(
      (await call(m, 'POST', `${orderApi()}/hub`, { callback: listener.url, query: 'eventType=noSuchEvent' })).status,
    ).toBe(400);
  });

  it('sends each hub exactly the event types its query asks for, thin, to callback + notification base path + /listener/<type>', async () => {
    const only = await call(m, 'POST', `${orderApi()}/hub`, {
      callback: `${listener.url}/only`,
      query: 'eventType=productOrderStateChangeEvent',
    });
    const all = await call(m, 'POST', `${orderApi()}/hub`, { callback: `${listener.url}/all` });
    const id = await orderThrough();
    const toOnly = listener.received.filter((r) => r.path.startsWith('/only'));
    const toAll = listener.received.filter((r) => r.path.startsWith('/all'));
    expect(toOnly.map((r) => r.body.eventType)).toEqual([
      'productOrderStateChangeEvent',
      'productOrderStateChangeEvent',
    ]);
    expect(toOnly[0].path).toBe(
      '/only/mefApi/sonata/productOrderingNotification/v10/listener/productOrderStateChangeEvent',
    );
    expect(new Set(toAll.map((r) => r.body.eventType))).toEqual(
      new Set([
        'productOrderStateChangeEvent',
        'productOrderItemStateChangeEvent',
        'productOrderItemExpectedCompletionDateSet',
      ]),
    );
    // MEF 123 §6.16: ids only, and the item named in item events (R106).
    expect(toOnly[0].body.event).toEqual({ id, href: `http://localhost${orderApi()}/productOrder/${id}` });
    const itemEvent = toAll.find((r) => r.body.eventType === 'productOrderItemStateChangeEvent')!;
    expect(Object.keys(itemEvent.body.event).sort()).toEqual(['href', 'id', 'orderItemId']);
    expect(new Set(toAll.map((r) => r.body.eventId)).size).toBe(toAll.length);
    const log = m.control.deliveries({ hubId: only.body.id });
    expect(log.map((d) => d.status)).toEqual(['delivered', 'delivered']);
    for (const h of [only, all]) await call(m, 'DELETE', `${orderApi()}/hub/${h.body.id}`);
  });

  it('sends nothing after the hub is removed', async () => {
    const hub = await call(m, 'POST', `${orderApi()}/hub`, { callback: listener.url });
    await call(m, 'DELETE', `${orderApi()}/hub/${hub.body.id}`);
    await orderThrough();
    expect(listener.received).toEqual([]);
  });

  it('retries with back-off until the listener answers, and records every attempt', async () => {
    const hub = await call(m, 'POST', `${orderApi()}/hub`, {
      callback: listener.url,
      query: 'eventType=productOrderStateChangeEvent',
    });
    listener.respond = (_r, attempt) => (attempt < 3 ? 503 : 204);
    await orderThrough();
    expect(listener.of('productOrderStateChangeEvent')).toHaveLength(2);
    const log = m.control.deliveries({ hubId: hub.body.id });
    expect(log.map((d) => d.status)).toEqual(['delivered', 'delivered']);
    expect(log[0].attempts.map((a) => a.status)).toEqual([503, 503, 204]);
    await call(m, 'DELETE', `${orderApi()}/hub/${hub.body.id}`);
  });

  it('gives up after the last attempt and says so in the log', async () => {
    const hub = await call(m, 'POST', `${orderApi()}/hub`, {
      callback: listener.url,
      query: 'eventType=productOrderStateChangeEvent',
    });
    listener.respond = () => 500;
    await orderThrough();
    const log = m.control.deliveries({ hubId: hub.body.id });
    expect(log.map((d) => d.status)).toEqual(['failed', 'failed']);
    expect(log[0].attempts).toHaveLength(4);
    await call(m, 'DELETE', `${orderApi()}/hub/${hub.body.id}`);
  });

  it('drops, duplicates and reorders events when told to', async () => {
    const hub = await call(m, 'POST', `${orderApi()}/hub`, {
      callback: listener.url,
      query: 'eventType=productOrderStateChangeEvent,productOrderItemStateChangeEvent',
    });
    m.control.setFaults({ notifications: { dropNext: 1 } });
    await orderThrough();
    // The first event (order inProgress) never left; its log entry says so.
    expect(m.control.deliveries({ hubId: hub.body.id, status: 'dropped' })).toHaveLength(1);
    expect(listener.of('productOrderStateChangeEvent')).toHaveLength(1);
    listener.clear();

    m.control.setFaults({ notifications: { duplicate: true } });
    await orderThrough();
    const ids = listener.received.map((r) => r.body.eventId);
    expect(ids.length).toBe(2 * new Set(ids).size);
    listener.clear();

    m.control.setFaults({ notifications: { reorder: true } });
    const id = await orderThrough();
    // Validation announces the order first, then its items; reordered, the order's event comes last.
    const seq = listener.sequence(id);
    expect(seq.slice(0, 4)).toEqual([
      'productOrderItemStateChangeEvent:item-003',
      'productOrderItemStateChangeEvent:item-002',
      'productOrderItemStateChangeEvent:item-001',
      'productOrderStateChangeEvent',
    ]);
    m.control.clearFaults();
    await call(m, 'DELETE', `${orderApi()}/hub/${hub.body.id}`);
  });

  it('announces a charge by its own id and resumes the order once the Buyer accepts it', async () => {
    const hub = await call(m, 'POST', `${orderApi()}/hub`, { callback: listener.url });
    const o = await call(m, 'POST', `${orderApi()}/productOrder`, S1.order(), { 'x-lso-outcome': 'heldForCharge' });
    m.control.advance('2s');
    await m.control.waitForDeliveries();
    const held = (await call(m, 'GET', `${orderApi()}/productOrder/${o.body.id}`)).body;
    expect(held.state).toBe('held.assessingCharge');
    expect(held.productOrderItem[0].state).toBe('held');
    const [created] = listener.of('chargeCreateEvent');
    const charge = (await call(m, 'GET', `${orderApi()}/charge/${created.body.event.id}`)).body;
    expect(charge).toMatchObject({
      state: 'awaitingResponse',
      productOrderItem: { productOrderId: o.body.id, productOrderItemId: 'item-001' },
    });
    const answer = {
      chargeItem: charge.chargeItem.map((ci: { id: string }) => ({ id: ci.id, acceptanceIndicator: 'accepted' })),
    };
    expect((await call(m, 'PATCH', `${orderApi()}/charge/${charge.id}`, answer)).body.state).toBe('completed');
    m.control.advance('1m');
    await m.control.waitForDeliveries();
    expect(listener.of('chargeStateChangeEvent', charge.id)).toHaveLength(1);
    expect((await call(m, 'GET', `${orderApi()}/productOrder/${o.body.id}`)).body.state).toBe('completed');
    await call(m, 'DELETE', `${orderApi()}/hub/${hub.body.id}`);
  });

  it('sends catalog state events to the …StatusChangeEvent listener path with the …StateChangeEvent type', async () => {
    const hub = await call(m, 'POST', `${base(m, API.catalog)}/hub`, { callback: listener.url });
    m.control.fire('productOffering', '000073', 'hold');
    await m.control.waitForDeliveries();
    const [e] = listener.of('productOfferingStateChangeEvent');
    expect(e.path).toBe('/mefApi/sonata/productCatalogNotifications/v2/listener/productOfferingStatusChangeEvent');
    expect((await call(m, 'GET', `${base(m, API.catalog)}/productOffering/000073`)).body.lifecycleStatus).toBe(
      'onHold',
    );
    await call(m, 'DELETE', `${base(m, API.catalog)}/hub/${hub.body.id}`);
  });
});

describe('partners and notifications', () => {
  let m: SellerMock;
  beforeAll(async () => {
    m = await startSeller({ multiPartner: true });
  });
  afterAll(() => m.close());
  afterEach(() => expectNoSelfCheckFailures(m));

  it('echoes buyerId in events and sends a buyer only what concerns it (MEF 123 R6, MEF 124 R71)', async () => {
    const tt = base(m, API.tt);
    await call(m, 'POST', `${tt}/hub?buyerId=B1`, { callback: `${listener.url}/b1` });
    await call(m, 'POST', `${tt}/hub?buyerId=B2`, { callback: `${listener.url}/b2` });
    const order = await call(m, 'POST', `${base(m, API.order)}/productOrder?buyerId=B1`, S1.order());
    m.control.advance('1m');
    const product = (
      await call(m, 'GET', `${base(m, API.inventory)}/product?buyerId=B1&productOrderId=${order.body.id}`)
    ).body[0];
    const incident = m.control.openIncident(product.id);
    m.control.advance('1m');
    await m.control.waitForDeliveries();
    expect(listener.received.filter((r) => r.path.startsWith('/b2'))).toEqual([]);
    const b1 = listener.received.filter((r) => r.path.startsWith('/b1'));
    expect(b1.map((r) => r.body.eventType)).toEqual([
      'incidentCreateEvent',
      'incidentStatusChangeEvent',
      'incidentStatusChangeEvent',
    ]);
    for (const r of b1) expect(r.body.event).toEqual({ id: incident.id, href: expect.any(String), buyerId: 'B1' });
    const closed = (await call(m, 'GET', `${tt}/incident/${incident.id}?buyerId=B1`)).body;
    expect(closed).toMatchObject({
      status: 'closed',
      closedDate: expect.any(String),
      expectedClosedDate: expect.any(String),
    });
    expect((await call(m, 'GET', `${tt}/incident/${incident.id}?buyerId=B2`)).status).toBe(404);
  });
});
