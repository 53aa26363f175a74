/**
 * The engine over HTTP (fastify.inject): every operation routed, the boot-time coverage check, MEF error shapes,
 * lists and filters, partners, strict mode, the self-check failing loudly, and the control API.
 */
import { sequentialIds } from '../../lib/ids';
import { silentLogger } from '../../lib/logger';
import { VirtualClock } from '../../lib/clock';
import { HarnessError } from '../../lib/errors';
import { FaultInjector } from '../../runtime/server/faults';
import { DEFAULT_RETRY, Notifier } from '../../runtime/hubs/notifier';
import { Pipeline } from '../../runtime/server/pipeline';
import { mefErrors } from '../../runtime/server/error-bodies/mef';
import { singleTenant } from '../../runtime/server/tenancy';
import { SelfCheck } from '../../runtime/server/self-check';
import { buildServer } from '../../runtime/server/edge';
import { MemoryStore } from '../../runtime/state/store/memory';
import type { HandlerTable } from '../../runtime/server/types';
import type { SellerMock } from '../../mocks/sonata-seller';
import { SELLER_APIS } from '../../mocks/sonata-seller/operations';
import { S1 } from '../fixtures/mock/mef-examples';
import { API, base, call, expectNoSelfCheckFailures, sonataContracts, startSeller, ticket } from '../mocks/support';

describe('the seller mock serves the catalogue', () => {
  let m: SellerMock;
  beforeAll(async () => {
    m = await startSeller();
  });
  afterAll(() => m.close());
  afterEach(() => expectNoSelfCheckFailures(m));

  it('serves all 12 Sonata management APIs, whose 8 notification APIs carry its events', () => {
    const c = sonataContracts();
    const management = c.apis.filter((a) => a.sdk === 'sonata' && a.kind === 'management').map((a) => a.id);
    expect([...SELLER_APIS].sort()).toEqual(management.sort());
    const notification = c.apis
      .filter((a) => a.sdk === 'sonata' && a.kind === 'notification')
      .map((a) => a.id.replace(/Notification$/, ''));
    for (const n of notification) expect(SELLER_APIS).toContain(n);
    expect(management.length + notification.length).toBe(20);
  });

  it('routes every operation of every served API at its MEF base path', async () => {
    const c = sonataContracts();
    let n = 0;
    for (const id of SELLER_APIS) {
      const api = c.api(id);
      for (const op of api.operations) {
        const path = op.path.replace(/\{[^}]+\}/g, 'no-such-id');
        const r = await call(m, op.method.toUpperCase(), `${api.basePath}${path}`, op.requestBody ? {} : undefined);
        // Whatever the handler says about an empty body or an unknown id, the route exists.
        expect(`${op.operationId} ${r.status} ${r.body?.reason ?? ''}`).not.toMatch(/no operation at/);
        expect(`${op.operationId} ${r.status}`).toBe(`${op.operationId} ${r.status < 500 ? r.status : 'below 500'}`);
        n++;
      }
    }
    expect(n).toBe(77);
  });

  it('answers an unknown path with a MEF 404', async () => {
    const r = await call(m, 'GET', '/mefApi/sonata/nothing/v1/here');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ code: 'notFound', reason: expect.stringContaining('no operation') });
  });

  it('sets X-Total-Count and X-Result-Count and pages with limit/offset', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (await call(m, 'POST', `${base(m, API.tt)}/troubleTicket`, ticket({ externalId: `TT-${i}` }))).status,
      ).toBe(201);
    const r = await call(m, 'GET', `${base(m, API.tt)}/troubleTicket?limit=2&offset=1`);
    expect(r.status).toBe(200);
    expect(r.headers['x-total-count']).toBe('5');
    expect(r.headers['x-result-count']).toBe('2');
    expect(r.body.map((t: { externalId: string }) => t.externalId)).toEqual(['TT-1', 'TT-2']);
    const none = await call(m, 'GET', `${base(m, API.tt)}/troubleTicket?externalId=nope`);
    expect(none).toMatchObject({ status: 200, body: [] });
    expect(none.headers['x-total-count']).toBe('0');
  });

  it('applies the documented filters, .gt/.lt included', async () => {
    const b = base(m, API.order);
    const first = (await call(m, 'POST', `${b}/productOrder`, S1.order())).body;
    m.control.advance('1h');
    const second = (await call(m, 'POST', `${b}/productOrder`, { ...S1.order(), externalId: 'second' })).body;
    const after = await call(m, 'GET', `${b}/productOrder?orderDate.gt=${encodeURIComponent(first.orderDate)}`);
    expect(after.body.map((o: { id: string }) => o.id)).toEqual([second.id]);
    const before = await call(m, 'GET', `${b}/productOrder?orderDate.lt=${encodeURIComponent(second.orderDate)}`);
    expect(before.body.map((o: { id: string }) => o.id)).toEqual([first.id]);
    expect((await call(m, 'GET', `${b}/productOrder?state=completed`)).body.map((o: { id: string }) => o.id)).toEqual([
      first.id,
    ]);
    expect((await call(m, 'GET', `${b}/productOrder?externalId=second`)).body.map((o: { id: string }) => o.id)).toEqual(
      [second.id],
    );
    // The list view is the _Find projection: no items.
    expect(after.body[0].productOrderItem).toBeUndefined();
    const sites = await call(m, 'GET', `${base(m, API.site)}/geographicSite?city=Budapest`);
    expect(sites.body.map((s: { id: string }) => s.id)).toEqual(['Budapest-Site-1']);
    const specs = await call(
      m,
      'GET',
      `${base(m, API.catalog)}/productOffering?productSpecification.id=${encodeURIComponent('urn:mef:lso:spec:cantata-sonata:epl-evc:v1.0.0:all')}`,
    );
    expect(specs.body.map((o: { id: string }) => o.id)).toEqual(['000073']);
  });

  it('answers a query parameter without a value with 400 missingQueryValue, a bad one with 400 invalidQuery', async () => {
    expect((await call(m, 'GET', `${base(m, API.order)}/productOrder?state=`)).body).toMatchObject({
      code: 'missingQueryValue',
    });
    const r = await call(m, 'GET', `${base(m, API.order)}/productOrder?state=bogus`);
    expect(r).toMatchObject({ status: 400, body: { code: 'invalidQuery', reason: expect.stringContaining('state') } });
    expect((await call(m, 'GET', `${base(m, API.order)}/productOrder?limit=ten`)).status).toBe(400);
  });

  it('answers an injected fault with a MEF 500, and keeps count of failNext', async () => {
    const url = `${base(m, API.site)}/geographicSite`;
    const r = await call(m, 'GET', url, undefined, { 'x-lso-fault': 'status=500' });
    expect(r).toMatchObject({ status: 500, body: { code: 'internalError', reason: 'injected fault' } });
    m.control.setFaults({ http: { failNext: 1, apiId: API.site } });
    expect((await call(m, 'GET', url)).status).toBe(500);
    expect((await call(m, 'GET', url)).status).toBe(200);
    m.control.clearFaults();
  });

  it('keeps a journal of requests', async () => {
    const before = m.control.journal().length;
    await call(m, 'GET', `${base(m, API.site)}/geographicSite/NewYork-Site-1`);
    const last = m.control.journal().slice(-1)[0];
    expect(m.control.journal().length).toBe(before + 1);
    expect(last).toMatchObject({
      method: 'GET',
      operationId: 'retrieveGeographicSite',
      status: 200,
      path: `${base(m, API.site)}/geographicSite/NewYork-Site-1`,
    });
  });

  it('serves billing from the spec (Prism) behind the same validation', async () => {
    const r = await call(m, 'GET', `${base(m, API.billing)}/customerBill/any`);
    expect(r.status).toBe(200);
    expect(Array.isArray(r.body)).toBe(true);
    expect((await call(m, 'GET', `${base(m, API.billing)}/customerBill?state=bogus`)).body).toMatchObject({
      code: 'invalidQuery',
    });
  });
});

describe('multi-partner mode', () => {
  let m: SellerMock;
  beforeAll(async () => {
    m = await startSeller({ multiPartner: true, buyers: ['B1', 'B2'] });
  });
  afterAll(() => m.close());
  afterEach(() => expectNoSelfCheckFailures(m));

  it('requires buyerId (400), refuses a buyer it does not serve (403), and shows each buyer only its own entities (404)', async () => {
    const tt = `${base(m, API.tt)}/troubleTicket`;
    expect((await call(m, 'POST', tt, ticket())).body).toMatchObject({ code: 'missingQueryParameter' });
    expect((await call(m, 'POST', `${tt}?buyerId=B9`, ticket())).body).toMatchObject({ code: 'forbiddenRequester' });
    const mine = await call(m, 'POST', `${tt}?buyerId=B1`, ticket());
    expect(mine.status).toBe(201);
    expect((await call(m, 'GET', `${tt}/${mine.body.id}?buyerId=B1`)).status).toBe(200);
    expect((await call(m, 'GET', `${tt}/${mine.body.id}?buyerId=B2`)).body).toMatchObject({ code: 'notFound' });
    expect((await call(m, 'GET', `${tt}?buyerId=B2`)).body).toEqual([]);
    expect((await call(m, 'GET', `${tt}?buyerId=B1`)).body).toHaveLength(1);
    // Public seed data (the catalog, addresses) is visible to every buyer.
    expect(
      (await call(m, 'GET', `${base(m, API.address)}/geographicAddress/NewYorkAddress-id-1?buyerId=B2`)).status,
    ).toBe(200);
  });

  it('answers another buyer’s quote in cancelQuote as 422 referenceNotFound (MEF 115 §6.5)', async () => {
    const q = await call(m, 'POST', `${base(m, API.quote)}/quote?buyerId=B1`, S1.quote());
    expect(q.status).toBe(201);
    const r = await call(m, 'POST', `${base(m, API.quote)}/cancelQuote?buyerId=B2`, { quoteId: q.body.id });
    expect(r).toMatchObject({ status: 422, body: [{ code: 'referenceNotFound', propertyPath: '/quoteId' }] });
  });
});

describe('single-partner mode and tokens', () => {
  let m: SellerMock;
  beforeAll(async () => {
    m = await startSeller({ tokens: { secret: {} } });
  });
  afterAll(() => m.close());

  it('answers 401 without credentials or with bad ones, and 400 when a single-partner caller names a buyer', async () => {
    const url = `${base(m, API.site)}/geographicSite`;
    expect(await call(m, 'GET', url)).toMatchObject({ status: 401, body: { code: 'missingCredentials' } });
    expect(await call(m, 'GET', url, undefined, { authorization: 'Bearer wrong' })).toMatchObject({
      status: 401,
      body: { code: 'invalidCredentials' },
    });
    expect((await call(m, 'GET', url, undefined, { authorization: 'Bearer secret' })).status).toBe(200);
    expect(await call(m, 'GET', `${url}?buyerId=B1`, undefined, { authorization: 'Bearer secret' })).toMatchObject({
      status: 400,
      body: { code: 'invalidQuery' },
    });
    expectNoSelfCheckFailures(m);
  });
});

describe('strict mode', () => {
  let m: SellerMock;
  beforeAll(async () => {
    m = await startSeller({ strict: true });
  });
  afterAll(() => m.close());

  it('refuses unknown properties (422 unexpectedProperty) and unknown query parameters (400)', async () => {
    const r = await call(m, 'POST', `${base(m, API.tt)}/troubleTicket`, ticket({ colour: 'red' }));
    expect(r).toMatchObject({ status: 422, body: [{ code: 'unexpectedProperty', propertyPath: '/colour' }] });
    expect((await call(m, 'GET', `${base(m, API.tt)}/troubleTicket?colour=red`)).body).toMatchObject({
      code: 'invalidQuery',
    });
    // The same request is accepted without --strict (as a warning only): checked in the bad-input tests.
    expectNoSelfCheckFailures(m);
  });
});

describe('boot-time checks and the self-check', () => {
  const c = sonataContracts();
  const api = c.api(API.site);
  const deps = () => {
    const store = new MemoryStore();
    const clock = new VirtualClock({ rate: 0 });
    const ids = sequentialIds();
    const selfCheck = new SelfCheck(c, false, silentLogger);
    const notifier = new Notifier({ store, clock, ids, listeners: new Map(), retry: DEFAULT_RETRY, log: silentLogger });
    return {
      contracts: c,
      apis: [api],
      store,
      notifier,
      faults: new FaultInjector(),
      tenancy: singleTenant,
      errors: mefErrors,
      clock,
      log: silentLogger,
      strict: false,
      selfCheck,
      journal: false,
    };
  };

  it('refuses to start when an operation has no handler, or a handler names no operation', () => {
    const table: HandlerTable = {
      [API.site]: {
        listGeographicSite: () => ({ status: 200, body: [] }),
        retrieveGeographicSitee: () => ({ status: 200 }),
      },
    };
    expect(() => new Pipeline({ ...deps(), handlers: table })).toThrow(HarnessError);
    expect(() => new Pipeline({ ...deps(), handlers: table })).toThrow(
      /no handler for retrieveGeographicSite[\s\S]*unknown operation retrieveGeographicSitee/,
    );
  });

  it('turns a response that breaks the contract into a loud 500 and records the violation', async () => {
    const d = deps();
    const handlers: HandlerTable = {
      [API.site]: {
        listGeographicSite: () => ({
          status: 200,
          body: [{ name: 'a site without its required id' }],
          headers: { 'x-total-count': '1', 'x-result-count': '1' },
        }),
        retrieveGeographicSite: () => ({ status: 200, body: { id: 'S1' } }),
      },
    };
    const app = buildServer(new Pipeline({ ...d, handlers }), { bodyLimit: 1024, controlPrefix: '/_lso', control: [] });
    const bad = await app.inject({ method: 'GET', url: `${api.basePath}/geographicSite` });
    expect(bad.statusCode).toBe(500);
    expect(bad.headers['x-lso-self-check']).toBe('failed');
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'internalError', message: expect.stringContaining("'id'") });
    expect(d.selfCheck.failures()).toEqual([
      expect.objectContaining({
        what: 'response',
        operationId: 'listGeographicSite',
        violations: [expect.objectContaining({ pointer: '/0/id', rule: 'required' })],
      }),
    ]);
    const good = await app.inject({ method: 'GET', url: `${api.basePath}/geographicSite/S1` });
    expect(good.statusCode).toBe(200);
    expect(d.selfCheck.failures()).toHaveLength(1);
    await app.close();
  });

  it('checks events too, and does not send one that breaks the contract', () => {
    const selfCheck = new SelfCheck(c, true, silentLogger);
    const r = selfCheck.notification('sonata.productOrderNotification', 'productOrderStateChangeEvent', {
      eventId: 'e',
      eventTime: 'not a date',
      eventType: 'productOrderStateChangeEvent',
      event: { id: 'o' },
    });
    expect(r.valid).toBe(false);
    expect(selfCheck.failures()[0]).toMatchObject({
      what: 'notification',
      violations: [expect.objectContaining({ pointer: '/eventTime' })],
    });
  });
});

describe('the control API over HTTP', () => {
  let m: SellerMock;
  beforeAll(async () => {
    m = await startSeller();
  });
  afterAll(() => m.close());
  afterEach(() => expectNoSelfCheckFailures(m));
  const ctl = (method: string, path: string, body?: unknown) => call(m, method, `${m.controlPrefix}${path}`, body);

  it('lists itself, tells what it is, and moves the clock', async () => {
    const index = await ctl('GET', '');
    expect(index.body.map((r: { path: string }) => r.path)).toEqual(
      expect.arrayContaining([
        '/clock/advance',
        '/outcomes',
        '/entities/:kind/:id/events/:event',
        '/faults',
        '/seed',
        '/reset',
        '/journal',
        '/deliveries',
      ]),
    );
    expect((await ctl('GET', '/status')).body).toMatchObject({ mock: 'sonata-seller' });
    const before = Date.parse((await ctl('GET', '/clock')).body.now);
    const after = await ctl('POST', '/clock/advance', { by: 'P1D' });
    expect(Date.parse(after.body.now) - before).toBe(86_400_000);
    expect((await ctl('POST', '/clock/advance', { by: 'soon' })).status).toBe(400);
  });

  it('forces the outcome of the next order (reject) and fires a transition on demand', async () => {
    expect((await ctl('POST', '/outcomes', { kind: 'productOrder', outcome: 'reject' })).status).toBe(200);
    expect((await ctl('POST', '/outcomes', { kind: 'productOrder', outcome: 'teleport' })).status).toBe(422);
    const o = (await call(m, 'POST', `${base(m, API.order)}/productOrder`, S1.order())).body;
    await ctl('POST', '/clock/advance', { by: '1m' });
    const rejected = (await call(m, 'GET', `${base(m, API.order)}/productOrder/${o.id}`)).body;
    expect(rejected.state).toBe('rejected');
    expect(rejected.productOrderItem.map((i: { state: string }) => i.state)).toEqual([
      'rejected',
      'rejected.validated',
      'rejected.validated',
    ]);
    expect(rejected.productOrderItem[0].terminationError).toEqual([expect.objectContaining({ code: 'otherIssue' })]);
    // A forced transition the table does not allow is a conflict.
    expect((await ctl('POST', `/entities/productOrder/${o.id}/events/validate`)).status).toBe(409);
    const t = (await call(m, 'POST', `${base(m, API.tt)}/troubleTicket`, ticket())).body;
    const fired = await ctl('POST', `/entities/troubleTicket/${t.id}/events/start`);
    expect(fired).toMatchObject({ status: 200, body: { status: 'inProgress' } });
    expect((await ctl('POST', `/entities/troubleTicket/${t.id}/actions/requestInformation`)).body).toMatchObject({
      status: 'pending',
    });
  });

  it('chooses an outcome per request with X-LSO-Outcome', async () => {
    const o = await call(m, 'POST', `${base(m, API.order)}/productOrder`, S1.order(), { 'x-lso-outcome': 'failed' });
    expect(o.status).toBe(201);
    m.control.advance('1m');
    expect((await call(m, 'GET', `${base(m, API.order)}/productOrder/${o.body.id}`)).body.state).toBe('failed');
    expect(
      (await call(m, 'POST', `${base(m, API.order)}/productOrder`, S1.order(), { 'x-lso-outcome': 'nonsense' })).body,
    ).toEqual([expect.objectContaining({ code: 'otherIssue', reason: expect.stringContaining('outcomes: default') })]);
  });

  it('seeds, resets, and reads the journal and the delivery log', async () => {
    expect((await ctl('POST', '/seed', { geographicSite: [{ id: 'Extra-Site', name: 'extra' }] })).body).toEqual({
      seeded: expect.any(Number),
    });
    expect((await call(m, 'GET', `${base(m, API.site)}/geographicSite/Extra-Site`)).status).toBe(200);
    expect((await ctl('GET', '/journal?limit=1')).body).toHaveLength(1);
    expect((await ctl('GET', '/deliveries')).status).toBe(200);
    expect((await ctl('POST', '/reset', {})).status).toBe(204);
    expect((await call(m, 'GET', `${base(m, API.site)}/geographicSite/Extra-Site`)).status).toBe(404);
    expect((await call(m, 'GET', `${base(m, API.site)}/geographicSite/NewYork-Site-1`)).status).toBe(200);
    expect((await call(m, 'GET', `${base(m, API.order)}/productOrder`)).body).toEqual([]);
  });
});
