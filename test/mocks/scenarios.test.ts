/**
 * Scenarios S1–S3 of mef-contracts.md §4.2 against the seller mock over real HTTP, with a real Buyer listener that
 * receives every notification and checks it against its notification API (strict). The MEF 125/106/139 examples
 * come from the SDK, repaired at run time (test/fixtures/mock/mef-examples.ts).
 */
import { checkHistory, getStateMachine } from '../../specs/state-machines';
import type { SellerMock } from '../../mocks/sonata-seller';
import { S1, S2, S3 } from '../fixtures/mock/mef-examples';
import { API, expectNoSelfCheckFailures, Listener, sonataContracts, startSeller } from './support';

type Json = Record<string, any>;

let m: SellerMock;
let listener: Listener;

beforeAll(async () => {
  m = await startSeller({ listen: true });
  listener = await new Listener(sonataContracts()).start();
  // Every scenario's events reach the listener, so that each also runs on its own (jest -t).
  await registerHubs([API.poq, API.quote, API.order, API.tt, API.appointment, API.workOrder]);
});

afterAll(async () => {
  await m?.close();
  await listener?.close();
});

afterEach(() => {
  expectNoSelfCheckFailures(m);
  expect(listener.takeProblems()).toEqual([]);
});

async function http(
  method: string,
  apiId: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${m.baseUrls[apiId]}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json;charset=utf-8' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function ok(
  method: string,
  apiId: string,
  path: string,
  body?: unknown,
  status = method === 'POST' ? 201 : 200,
): Promise<any> {
  const r = await http(method, apiId, path, body);
  if (r.status !== status)
    throw new Error(`${method} ${path}: expected ${status}, got ${r.status} ${JSON.stringify(r.body).slice(0, 800)}`);
  return r.body;
}

/** Moves virtual time and waits until every event it caused reached the listener. */
async function advance(by: string): Promise<void> {
  m.control.advance(by);
  await m.control.waitForDeliveries();
}

function expectHistory(machine: string, history: Json[], key = 'state'): void {
  expect(
    checkHistory(
      getStateMachine(machine),
      history.map((h) => h[key]),
      { strict: true },
    ),
  ).toEqual([]);
}

async function registerHubs(apis: string[]): Promise<void> {
  for (const apiId of apis) {
    const hub = await ok('POST', apiId, '/hub', { callback: listener.url });
    expect(hub).toEqual({ id: expect.any(String), callback: listener.url });
  }
}

/** Address validation then retrieval (UC1 of each set). */
async function validateAddress(body: Json): Promise<Json> {
  const v = await ok('POST', API.address, '/geographicAddressValidation', body, 200);
  expect(v.validationResult).toBe('success');
  const address = await ok('GET', API.address, `/geographicAddress/${v.bestMatchGeographicAddress.id}`);
  expect(address.city).toBe(body.submittedGeographicAddress.city);
  return address;
}

/**
 * A POQ to done.ready: deferred through acknowledged and inProgress with state and item events, or immediate with
 * its create event only (MEF 87 R45/R46).
 */
async function qualify(body: Json): Promise<Json> {
  const instant = body.instantSyncQualification === true;
  const created = await ok('POST', API.poq, '/productOfferingQualification', body);
  expect(created.state).toBe(instant ? 'done.ready' : 'acknowledged');
  await advance('1m');
  const poq = await ok('GET', API.poq, `/productOfferingQualification/${created.id}`);
  expect(poq.state).toBe('done.ready');
  expectHistory('sonata.poq', poq.stateChange);
  for (const it of poq.productOfferingQualificationItem) {
    expect(it).toMatchObject({
      state: 'done.ready',
      serviceabilityConfidence: 'green',
      installationInterval: expect.any(Object),
    });
    expectHistory('sonata.poqItem', it.stateChange);
  }
  const seq = listener.sequence(created.id);
  expect(seq[0]).toBe('poqCreateEvent');
  if (instant) expect(seq).toEqual(['poqCreateEvent']);
  else {
    expect(seq.filter((t) => t === 'poqStateChangeEvent')).toHaveLength(2);
    for (const it of poq.productOfferingQualificationItem)
      expect(seq.filter((t) => t === `poqItemStateChangeEvent:${it.id}`)).toHaveLength(2);
  }
  return poq;
}

/** A firm quote (referencing the items of the POQ, if there was one), to approved.orderable. */
async function quoteFrom(body: Json, poq?: Json): Promise<Json> {
  for (const it of body.quoteItem) {
    if (poq?.productOfferingQualificationItem.some((p: Json) => p.id === it.id))
      it.productOfferingQualificationItem = { productOfferingQualificationId: poq.id, id: it.id };
  }
  const created = await ok('POST', API.quote, '/quote', body);
  expect(created.state).toBe(body.instantSyncQuote ? 'approved.orderable' : 'acknowledged');
  await advance('1m');
  const q = await ok('GET', API.quote, `/quote/${created.id}`);
  expect(q.state).toBe('approved.orderable');
  expect(q).toMatchObject({
    quoteLevel: 'firm',
    validFor: { startDateTime: expect.any(String), endDateTime: expect.any(String) },
    effectiveQuoteCompletionDate: expect.any(String),
  });
  for (const it of q.quoteItem)
    expect(it).toMatchObject({
      state: 'approved.orderable',
      quoteItemPrice: expect.any(Array),
      quoteItemTerm: expect.any(Array),
    });
  expectHistory('sonata.quote', q.stateChange);
  if (!body.instantSyncQuote)
    expect(listener.sequence(created.id).filter((t) => t === 'quoteStateChangeEvent')).toHaveLength(2);
  return q;
}

/** An order through to completion; returns the order and the products it created or changed. */
async function fulfil(body: Json): Promise<{ order: Json; products: Json[] }> {
  const created = await ok('POST', API.order, '/productOrder', body);
  expect(created.state).toBe('acknowledged');
  // The 201 stands in for the create notification: nothing is sent for acknowledged (MEF 123 §6.16).
  await m.control.waitForDeliveries();
  expect(listener.sequence(created.id)).toEqual([]);
  await advance('1m');
  const order = await ok('GET', API.order, `/productOrder/${created.id}`);
  expect(order.state).toBe('completed');
  expect(order.completionDate).toEqual(expect.any(String));
  expectHistory('sonata.productOrder', order.stateChange);
  const seq = listener.sequence(order.id);
  expect(seq[0]).toBe('productOrderStateChangeEvent');
  expect(seq[seq.length - 1]).toBe('productOrderStateChangeEvent');
  expect(seq.filter((t) => t === 'productOrderStateChangeEvent')).toHaveLength(2);
  for (const it of order.productOrderItem) {
    expect(it).toMatchObject({
      state: 'completed',
      completionDate: expect.any(String),
      product: { id: expect.any(String) },
    });
    expectHistory('sonata.productOrderItem', it.stateChange);
    expect(seq.filter((t) => t === `productOrderItemStateChangeEvent:${it.id}`)).toHaveLength(2);
  }
  const products = await ok('GET', API.inventory, `/product?productOrderId=${order.id}`);
  expect(products).toHaveLength(order.productOrderItem.length);
  return { order, products };
}

function productOf(order: Json, itemId: string): string {
  return order.productOrderItem.find((it: Json) => it.id === itemId).product.id;
}

describe('S1: Sonata EPL, full lifecycle with notifications', () => {
  it('qualifies, quotes, orders, fills inventory, handles a ticket, changes the bandwidth and disconnects', async () => {
    await validateAddress(S1.address());
    const poq = await qualify(S1.poq());
    const quote = await quoteFrom(S1.quote(), poq);

    // The order references the quote items and the POQ items it was qualified and priced by.
    const orderBody = S1.order();
    for (const it of orderBody.productOrderItem) {
      it.quoteItem = { quoteId: quote.id, id: it.id };
      it.productOfferingQualificationItem = { productOfferingQualificationId: poq.id, id: it.id };
    }
    const { order, products } = await fulfil(orderBody);
    const accepted = await ok('GET', API.quote, `/quote/${quote.id}`);
    expect(accepted.state).toBe('accepted');
    expect(listener.sequence(quote.id)).toContain('quoteStateChangeEvent');

    // Inventory: the EPL and its two UNIs, active, the EPL related to the UNIs it connects.
    const epl = productOf(order, 'item-001');
    const uniA = productOf(order, 'item-002');
    const uniZ = productOf(order, 'item-003');
    expect(products.map((p: Json) => p.status)).toEqual(['active', 'active', 'active']);
    const eplProduct = await ok('GET', API.inventory, `/product/${epl}`);
    expect(eplProduct.productRelationship).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: uniA, relationshipType: 'CONNECTS_TO_UNI_A' }),
        expect.objectContaining({ id: uniZ, relationshipType: 'CONNECTS_TO_UNI_Z' }),
      ]),
    );
    expect(eplProduct.productConfiguration['@type']).toBe('urn:mef:lso:spec:cantata-sonata:epl-evc:v1.0.0:all');
    expectHistory('sonata.product', eplProduct.statusChange, 'status');

    // Trouble ticket on the EPL: acknowledged → inProgress → resolved, closed by the Buyer.
    const tt = await ok('POST', API.tt, '/troubleTicket', {
      description: 'EPL down since 08:00',
      observedImpact: 'down',
      priority: 'high',
      severity: 'extensive',
      ticketType: 'assistance',
      relatedContactInformation: [
        { role: 'reporterContact', name: 'NOC', emailAddress: 'noc@buyer.example.com', number: '+1-555-0199' },
      ],
      relatedEntity: [{ id: epl, '@referredType': 'Product', role: 'affectedProduct' }],
    });
    expect(tt.status).toBe('acknowledged');
    await advance('1m');
    expect((await ok('GET', API.tt, `/troubleTicket/${tt.id}`)).status).toBe('resolved');
    expect((await http('POST', API.tt, `/troubleTicket/${tt.id}/close`)).status).toBe(204);
    await m.control.waitForDeliveries();
    const closed = await ok('GET', API.tt, `/troubleTicket/${tt.id}`);
    expect(closed).toMatchObject({ status: 'closed', resolutionDate: expect.any(String) });
    expectHistory('sonata.troubleTicket', closed.statusChange, 'status');
    expect(listener.sequence(tt.id)).toEqual([
      'troubleTicketStatusChangeEvent',
      'troubleTicketStatusChangeEvent',
      'troubleTicketResolvedEvent',
      'troubleTicketStatusChangeEvent',
    ]);

    // Bandwidth change: POQ UC6 on the EPL, then a modify order; the product shows the pending change, then the new configuration.
    const bw = S1.poqBandwidth();
    const bwItem = bw.productOfferingQualificationItem[0];
    bwItem.product.id = epl;
    bwItem.product.productRelationship = [
      { relationshipType: 'CONNECTS_TO_UNI_A', id: uniA },
      { relationshipType: 'CONNECTS_TO_UNI_Z', id: uniZ },
    ];
    const bwPoq = await qualify(bw);
    const modify = {
      externalId: 'BuyerOrder-00008',
      relatedContactInformation: orderBody.relatedContactInformation,
      productOrderItem: [
        {
          id: 'item-001',
          action: 'modify',
          requestedCompletionDate: '2025-04-01T00:00:00Z',
          relatedContactInformation: orderBody.productOrderItem[0].relatedContactInformation,
          productOfferingQualificationItem: { productOfferingQualificationId: bwPoq.id, id: 'item-001' },
          product: {
            id: epl,
            productOffering: bwItem.product.productOffering,
            productConfiguration: bwItem.product.productConfiguration,
            productRelationship: bwItem.product.productRelationship,
          },
        },
      ],
    };
    const modifyOrder = await ok('POST', API.order, '/productOrder', modify);
    await advance('1s');
    expect((await ok('GET', API.inventory, `/product/${epl}`)).status).toBe('active.pendingChange');
    await advance('1m');
    expect((await ok('GET', API.order, `/productOrder/${modifyOrder.id}`)).state).toBe('completed');
    const changed = await ok('GET', API.inventory, `/product/${epl}`);
    expect(changed.status).toBe('active');
    expect(changed.productConfiguration).toEqual(bwItem.product.productConfiguration);
    expect(changed.statusChange.map((s: Json) => s.status)).toEqual([
      'pendingActive',
      'active',
      'active.pendingChange',
      'active',
    ]);

    // Disconnect (UC12): the three products are terminated.
    const disconnect = S1.disconnect();
    const ids: Record<string, string> = { EPL: epl, NewYork_UNI: uniA, Washington_UNI: uniZ };
    for (const it of disconnect.productOrderItem) it.product.id = ids[it.product.id];
    const d = await ok('POST', API.order, '/productOrder', disconnect);
    await advance('1s');
    expect((await ok('GET', API.inventory, `/product/${uniA}`)).status).toBe('pendingTerminate');
    await advance('1m');
    expect((await ok('GET', API.order, `/productOrder/${d.id}`)).state).toBe('completed');
    for (const id of [epl, uniA, uniZ]) {
      const p = await ok('GET', API.inventory, `/product/${id}`);
      expect(p).toMatchObject({ status: 'terminated', terminationDate: expect.any(String) });
      expectHistory('sonata.product', p.statusChange, 'status');
    }
    const terminated = await ok('GET', API.inventory, `/product?status=terminated&productOrderId=${d.id}`);
    expect(terminated.map((p: Json) => p.id).sort()).toEqual([epl, uniA, uniZ].sort());
  });
});

describe('S2: Access E-Line with a seeded ENNI', () => {
  it('orders an AEL and an operator UNI against the ENNI in inventory, qualifies and quotes a change (UC6, UC7), changes the AEL twice (UC8, UC9) and deletes both (UC10)', async () => {
    const enni = await ok('GET', API.inventory, '/product/SP1_ENNI');
    expect(enni).toMatchObject({
      status: 'active',
      productConfiguration: { '@type': 'urn:mef:lso:spec:sonata:carrier-ethernet-enni-sp-so:v5.0.0:inventory' },
    });
    await validateAddress(S2.address());
    const poq = await qualify(S2.poq());
    const quoteBody = S2.quote();
    quoteBody.instantSyncQuote = false;
    await quoteFrom(quoteBody, poq);
    const { order, products } = await fulfil(S2.order());
    const ael = await ok('GET', API.inventory, `/product/${productOf(order, 'item-001')}`);
    expect(ael.productConfiguration['@type']).toBe('urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all');
    expect(ael.productRelationship).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'SP1_ENNI', relationshipType: 'CONNECTS_TO_ENNI' }),
        expect.objectContaining({ id: productOf(order, 'item-002'), relationshipType: 'CONNECTS_TO_UNI' }),
      ]),
    );
    expect(products.every((p: Json) => p.status === 'active')).toBe(true);

    // MEF 106 UC8 and UC9 change the AEL; the examples name the products as the Buyer's inventory would.
    const uni = productOf(order, 'item-002');
    const ids: Record<string, string> = { 'AccessEline-0001': ael.id, NewYork_UNI: uni, SP1_ENNI: 'SP1_ENNI' };
    const named = (body: Json, field = 'productOrderItem') => {
      for (const it of body[field]) {
        it.product.id = ids[it.product.id];
        for (const r of it.product.productRelationship ?? []) r.id = ids[r.id];
      }
      return body;
    };
    // UC6 and UC7: the POQ and the quote of the change, on the AEL as the inventory has it; UC8 orders that quote.
    const poqChange = await qualify(named(S2.poqModify(), 'productOfferingQualificationItem'));
    const quoteChange = await quoteFrom(named(S2.quoteModify(), 'quoteItem'), poqChange);
    expect(quoteChange.quoteItem[0]).toMatchObject({ action: 'modify', product: { id: ael.id } });
    // A modify keeps the relationships of the add (MEF 123 §5.5): moving the AEL to another UNI is refused.
    const moved = named(S2.modify());
    moved.productOrderItem[0].product.productRelationship = [{ relationshipType: 'CONNECTS_TO_ENNI', id: 'SP1_ENNI' }];
    const refused = await http('POST', API.order, '/productOrder', moved);
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual([
      expect.objectContaining({
        code: 'invalidValue',
        propertyPath: '/productOrderItem/0/product/productRelationship',
        reason: expect.stringContaining(`(${uni}), got none`),
      }),
    ]);
    for (const [n, body] of [S2.modify(), S2.modifyAgain()].entries()) {
      if (n === 0) body.productOrderItem[0].quoteItem = { quoteId: quoteChange.id, id: quoteChange.quoteItem[0].id };
      const { order: changed } = await fulfil(named(body));
      expect(productOf(changed, 'item-001')).toBe(ael.id);
      const now = await ok('GET', API.inventory, `/product/${ael.id}`);
      expect(now.productConfiguration).toEqual(body.productOrderItem[0].product.productConfiguration);
      expect(now.statusChange.map((s: Json) => s.status)).toEqual([
        'pendingActive',
        'active',
        ...Array(n + 1)
          .fill(['active.pendingChange', 'active'])
          .flat(),
      ]);
    }
    expect(S2.modify().productOrderItem[0].product.productConfiguration).not.toEqual(
      S2.modifyAgain().productOrderItem[0].product.productConfiguration,
    );
    expect((await ok('GET', API.quote, `/quote/${quoteChange.id}`)).state).toBe('accepted');

    // UC10: both deleted; the ENNI, which the order did not name, stays.
    const disconnect = S2.disconnect();
    for (const it of disconnect.productOrderItem) it.product.id = ids[it.product.id];
    await fulfil(disconnect);
    for (const id of [ael.id, uni])
      expect((await ok('GET', API.inventory, `/product/${id}`)).status).toBe('terminated');
    expect((await ok('GET', API.inventory, '/product/SP1_ENNI')).status).toBe('active');
  });
});

describe('S3: Internet Access', () => {
  it('qualifies, quotes and orders Basic Internet Access through completion and inventory', async () => {
    await validateAddress(S3.address());
    const poq = await qualify(S3.poq());
    const quoteBody = S3.quote();
    const q = await quoteFrom(quoteBody, poq);
    const orderBody = S3.order();
    for (const it of orderBody.productOrderItem) it.quoteItem = { quoteId: q.id, id: q.quoteItem[0].id };
    const { order, products } = await fulfil(orderBody);
    expect(products).toEqual([
      expect.objectContaining({
        status: 'active',
        productSpecification: { id: 'urn:mef:lso:spec:cantata-sonata:basic-internet-access:v1.0.0:all' },
      }),
    ]);
    expect((await ok('GET', API.quote, `/quote/${q.id}`)).state).toBe('accepted');
    expect(order.productOrderItem[0].product.productConfiguration['@type']).toBe(
      'urn:mef:lso:spec:cantata-sonata:basic-internet-access:v1.0.0:all',
    );
  });

  it('orders Advanced and Exclusive Advanced Internet Access (UC3, UC4), changes the IP UNI (UC7, UC9) and deletes what was ordered (UC8–UC10)', async () => {
    // UC3: the IPVC, its IP UNI, the access link and the trunk it is carried over, related item to item.
    const advanced = await fulfil(orderFrom(await qualify(S3.poqAdvanced())));
    const [ipvc, ipUni, link, trunk] = ['item-00001', 'item-00002', 'item-00003', 'item-00004'].map((id) =>
      productOf(advanced.order, id),
    );
    expect((await ok('GET', API.inventory, `/product/${ipvc}`)).productRelationship).toEqual([
      expect.objectContaining({ relationshipType: 'CONNECTS_TO_IPUNI', id: ipUni }),
    ]);
    expect((await ok('GET', API.inventory, `/product/${link}`)).productRelationship).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ relationshipType: 'PART_OF_IPUNI', id: ipUni }),
        expect.objectContaining({ relationshipType: 'CARRIED_OVER_TRUNK', id: trunk }),
      ]),
    );

    // UC7 qualifies the IP UNI's new bandwidth; UC9 orders it and deletes the IPVC. The examples name the products as the Buyer's inventory would.
    const ids: Record<string, string> = {
      'SellerIpUniId-0001': ipUni,
      'SellerAdvancedInternetAccessIpvcId-0001': ipvc,
    };
    const named = (body: Json, field: string) => {
      for (const it of body[field]) it.product.id = ids[it.product.id] ?? it.product.id;
      return body;
    };
    const bandwidth = await qualify(named(S3.poqBandwidth(), 'productOfferingQualificationItem'));
    const change = named(S3.deleteAdvanced(), 'productOrderItem');
    const modifyItem = change.productOrderItem.find((it: Json) => it.action === 'modify');
    expect(modifyItem.product.productConfiguration).toEqual(
      bandwidth.productOfferingQualificationItem[0].product.productConfiguration,
    );
    await fulfil(change);
    expect((await ok('GET', API.inventory, `/product/${ipvc}`)).status).toBe('terminated');
    const changed = await ok('GET', API.inventory, `/product/${ipUni}`);
    expect(changed).toMatchObject({ status: 'active', productConfiguration: modifyItem.product.productConfiguration });
    for (const id of [link, trunk]) expect((await ok('GET', API.inventory, `/product/${id}`)).status).toBe('active');

    // UC4, then UC10 deletes the Exclusive Advanced Internet Access and its trunk.
    const exclusive = await fulfil(orderFrom(await qualify(S3.poqExclusive())));
    Object.assign(ids, {
      'SellerExclusiveAdvancedInternetAccessId-0001': productOf(exclusive.order, 'item-00001'),
      'SellerAdvancedInternetAccessIpUniAccessLinkTrunkId-0001': productOf(exclusive.order, 'item-00002'),
    });
    const { products: deleted } = await fulfil(named(S3.deleteExclusive(), 'productOrderItem'));
    expect(deleted.map((p: Json) => p.status)).toEqual(['terminated', 'terminated']);

    // UC8 quotes the deletion of Basic Internet Access; the order that deletes it names that quote.
    const basic = await fulfil(S3.order());
    ids['SellerBasicInternetAccessId-0001'] = productOf(basic.order, 'item-00001');
    const quote = await quoteFrom(named(S3.quoteDelete(), 'quoteItem'));
    const disconnect = {
      externalId: 'BuyerOrder-IA-delete',
      relatedContactInformation: S3.order().relatedContactInformation,
      productOrderItem: [
        {
          id: 'item-00001',
          action: 'delete',
          product: { id: ids['SellerBasicInternetAccessId-0001'] },
          quoteItem: { quoteId: quote.id, id: quote.quoteItem[0].id },
        },
      ],
    };
    await fulfil(disconnect);
    expect((await ok('GET', API.inventory, `/product/${ids['SellerBasicInternetAccessId-0001']}`)).status).toBe(
      'terminated',
    );
    expect((await ok('GET', API.quote, `/quote/${quote.id}`)).state).toBe('accepted');
  });
});

/** An order for what a POQ qualified: its items, related as in the POQ, with the item terms and contacts of MEF 139 UC6. */
function orderFrom(poq: Json): Json {
  const template = S3.order();
  const { id: _id, action: _action, product: _product, ...terms } = template.productOrderItem[0];
  return {
    externalId: `BuyerOrder-${poq.id}`,
    relatedContactInformation: template.relatedContactInformation,
    productOrderItem: poq.productOfferingQualificationItem.map((q: Json) => ({
      ...terms,
      id: q.id,
      action: q.action,
      product: Object.fromEntries(
        Object.entries(q.product).filter(([k]) =>
          ['productOffering', 'productConfiguration', 'place', 'productRelationship'].includes(k),
        ),
      ),
      productOfferingQualificationItem: { productOfferingQualificationId: poq.id, id: q.id },
      ...(q.qualificationItemRelationship ? { productOrderItemRelationship: q.qualificationItemRelationship } : {}),
    })),
  };
}
