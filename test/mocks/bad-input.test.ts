/**
 * Bad input, each kind with its MEF answer: unreadable JSON, wrong content type, oversized body, schema and `@type`
 * violations (422 listing every pointer), unknown ids, transitions not allowed now, another buyer's entity. Never a
 * 500, never a crash, nothing half-written to the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SellerMock } from '../../mocks/sonata-seller';
import { SELLER_APIS } from '../../mocks/sonata-seller/operations';
import { fixture, raw, S1, S2 } from '../fixtures/mock/mef-examples';
import { API, base, call, expectNoSelfCheckFailures, sonataContracts, startSeller, ticket } from './support';

type Json = Record<string, any>;

/** Entities the Buyer can see, per kind: bad input must not change them. */
function snapshot(m: SellerMock): Record<string, string> {
  const kinds = [
    'productOrder',
    'cancelProductOrder',
    'modifyProductOrderItemRequestedDeliveryDate',
    'charge',
    'productOfferingQualification',
    'quote',
    'product',
    'troubleTicket',
    'appointment',
    'workOrder',
    '_hub',
  ];
  return Object.fromEntries(kinds.map((k) => [k, JSON.stringify(m.control.entities(k))]));
}

describe('bad input', () => {
  let m: SellerMock;
  const order = () => `${base(m, API.order)}/productOrder`;
  beforeAll(async () => {
    m = await startSeller({ bodyLimit: 64 * 1024 });
  });
  afterAll(() => m.close());
  afterEach(() => expectNoSelfCheckFailures(m));

  it('answers malformed JSON with 400 invalidBody', async () => {
    for (const payload of ['{"externalId": ', '{bad}', '[1,2', '']) {
      const r = await m.app.inject({
        method: 'POST',
        url: order(),
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect([r.statusCode, JSON.parse(r.body).code]).toEqual([400, 'invalidBody']);
    }
  });

  it('answers a content type the operation does not take with 400 invalidBody, and accepts JSON with or without charset', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/merge-patch+json']) {
      const r = await m.app.inject({
        method: 'POST',
        url: `${base(m, API.tt)}/troubleTicket`,
        payload: JSON.stringify(ticket()),
        headers: { 'content-type': type },
      });
      expect(r.statusCode).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({
        code: 'invalidBody',
        reason: expect.stringContaining(type),
        message: expect.stringContaining('application/json'),
      });
    }
    for (const type of ['application/json', 'application/json;charset=utf-8', 'application/json; charset=UTF-8']) {
      const r = await m.app.inject({
        method: 'POST',
        url: `${base(m, API.tt)}/troubleTicket`,
        payload: JSON.stringify(ticket()),
        headers: { 'content-type': type },
      });
      expect(r.statusCode).toBe(201);
    }
    expect((await call(m, 'POST', `${base(m, API.tt)}/troubleTicket`)).body).toMatchObject({
      code: 'invalidBody',
      reason: expect.stringContaining('missing'),
    });
  });

  it('answers a body over the size limit with 413', async () => {
    const big = {
      ...S1.order(),
      note: [{ id: 'n', author: 'me', date: '2025-01-01T00:00:00Z', source: 'buyer', text: 'x'.repeat(100 * 1024) }],
    };
    const r = await call(m, 'POST', order(), big);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 'invalidBody', reason: expect.stringContaining('larger') });
  });

  it('lists every schema violation with its pointer in one 422', async () => {
    const body = S1.order();
    delete body.relatedContactInformation;
    body.productOrderItem[0].action = 'teleport';
    body.productOrderItem[1].expediteIndicator = 'yes';
    body.productOrderItem[2].requestedCompletionDate = 'tomorrow';
    const r = await call(m, 'POST', order(), body);
    expect(r.status).toBe(422);
    expect(Array.isArray(r.body)).toBe(true);
    const found = r.body.map((e: Json) => [e.propertyPath, e.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['/relatedContactInformation', 'missingProperty'],
        ['/productOrderItem/0/action', 'invalidValue'],
        ['/productOrderItem/1/expediteIndicator', 'invalidFormat'],
        ['/productOrderItem/2/requestedCompletionDate', 'invalidFormat'],
      ]),
    );
    for (const e of r.body)
      expect(e).toEqual({ code: expect.any(String), reason: expect.any(String), propertyPath: expect.any(String) });
  });

  it('checks the @type product payload: an unknown URN and a violation inside the product schema, each at its pointer', async () => {
    // The unrepaired MEF 125 example names a subscriber UNI URN no schema declares (mef-contracts §4.1).
    const r = await call(m, 'POST', order(), raw('mef125', 'Use Case 5 Product Order - new EPL.json'));
    expect(r.status).toBe(422);
    expect(r.body.map((e: Json) => e.propertyPath)).toEqual([
      '/productOrderItem/1/product/productConfiguration/@type',
      '/productOrderItem/2/product/productConfiguration/@type',
    ]);
    expect(r.body[0]).toMatchObject({ code: 'invalidValue', reason: expect.stringContaining('unknown schema URN') });

    const body = S1.order();
    body.productOrderItem[0].product.productConfiguration.maximumFrameSize = 'big';
    delete body.productOrderItem[0].product.productConfiguration.evcEndPointZ;
    const inside = await call(m, 'POST', order(), body);
    expect(inside.body.map((e: Json) => [e.propertyPath, e.code])).toEqual(
      expect.arrayContaining([
        ['/productOrderItem/0/product/productConfiguration/maximumFrameSize', 'invalidFormat'],
        ['/productOrderItem/0/product/productConfiguration/evcEndPointZ', 'missingProperty'],
      ]),
    );
  });

  it('applies the business rules with their own 422s (MEF 123 R13, R14, references)', async () => {
    const body = S1.order();
    body.relatedContactInformation[0].role = 'someoneElse';
    body.productOrderItem[0].relatedContactInformation = [];
    body.productOrderItem[1].productOrderItemRelationship = [{ id: 'item-999', relationshipType: 'CONNECTS_TO' }];
    body.productOrderItem[2].quoteItem = { quoteId: 'no-such-quote', id: 'x' };
    const r = await call(m, 'POST', order(), body);
    expect(r.body.map((e: Json) => [e.propertyPath, e.code])).toEqual([
      ['/relatedContactInformation', 'missingProperty'],
      ['/productOrderItem/0/relatedContactInformation', 'missingProperty'],
      ['/productOrderItem/2/quoteItem/quoteId', 'referenceNotFound'],
      ['/productOrderItem/1/productOrderItemRelationship/0/id', 'referenceNotFound'],
    ]);
    const del = await call(m, 'POST', order(), {
      relatedContactInformation: S1.order().relatedContactInformation,
      productOrderItem: [{ id: '1', action: 'delete', product: { id: 'no-such-product' } }],
    });
    expect(del.body).toEqual([
      expect.objectContaining({ code: 'referenceNotFound', propertyPath: '/productOrderItem/0/product/id' }),
    ]);
  });

  it('applies the product specifications’ relationship and place rules (MEF 123 R11, §5.5: Access E-Line)', async () => {
    // The MEF 106 order as published passes: its ENNI is the seeded SP1_ENNI, its UNI an item of the same order.
    const ok = S2.order();
    expect(ok.productOrderItem[0].product.productRelationship).toEqual([
      { relationshipType: 'CONNECTS_TO_ENNI', id: 'SP1_ENNI' },
    ]);
    const before = snapshot(m);
    const body = S2.order();
    body.productOrderItem[0].product.productRelationship = [{ relationshipType: 'ENNI_REFERENCE', id: 'SP1_ENNI' }];
    delete body.productOrderItem[0].productOrderItemRelationship;
    body.productOrderItem[1].product.place = [];
    const r = await call(m, 'POST', order(), body);
    expect(r.status).toBe(422);
    // MEF 123 names ENNI_REFERENCE (accepted); the UNI relationship is gone and the UNI has no INSTALL_LOCATION.
    expect(r.body.map((e: Json) => [e.propertyPath, e.code, e.reason.split(' (')[0]])).toEqual([
      [
        '/productOrderItem/0/product/productRelationship',
        'missingProperty',
        'the access-eline-ovc product needs a relationship of type UNI_REFERENCE or CONNECTS_TO_UNI to a product in your inventory or another item of this request',
      ],
      [
        '/productOrderItem/1/product/place',
        'missingProperty',
        'the carrier-ethernet-operator-uni product needs a place of role INSTALL_LOCATION',
      ],
    ]);
    // An ENNI the Buyer does not have is one problem, said once, where it is.
    const noEnni = S2.order();
    noEnni.productOrderItem[0].product.productRelationship = [
      { relationshipType: 'CONNECTS_TO_ENNI', id: 'not-an-enni-of-yours' },
    ];
    expect((await call(m, 'POST', order(), noEnni)).body).toEqual([
      expect.objectContaining({
        code: 'referenceNotFound',
        propertyPath: '/productOrderItem/0/product/productRelationship/0/id',
        reason: "no product with id 'not-an-enni-of-yours' in your inventory",
      }),
    ]);
    expect(snapshot(m)).toEqual(before);
    expect((await call(m, 'POST', order(), ok)).status).toBe(201);
  });

  it('refuses an Access E-Line whose ENNI is not an ENNI, and a modify that moves an operator UNI (MEF 123 §5.5)', async () => {
    const uniSpec = 'urn:mef:lso:spec:sonata:carrier-ethernet-operator-uni:v5.0.0:all';
    const installedAt = { '@type': 'GeographicAddressRef', id: 'NewYorkAddress-id-1', role: 'INSTALL_LOCATION' };
    m.control.seed({ product: [{ id: 'SP1_UNI', productSpecification: { id: uniSpec }, _places: [installedAt] }] });
    const before = snapshot(m);
    const body = S2.order();
    body.productOrderItem[0].product.productRelationship = [{ relationshipType: 'CONNECTS_TO_ENNI', id: 'SP1_UNI' }];
    const r = await call(m, 'POST', order(), body);
    expect(r.status).toBe(422);
    expect(r.body).toEqual([
      expect.objectContaining({
        code: 'invalidValue',
        propertyPath: '/productOrderItem/0/product/productRelationship/0/id',
        reason: expect.stringContaining(
          "product 'SP1_UNI' is a carrier-ethernet-operator-uni product; the ENNI_REFERENCE or CONNECTS_TO_ENNI relationship of the access-eline-ovc product needs a carrier-ethernet-enni-sp-so product",
        ),
      }),
    ]);
    // The UNI item changed into a modify of the seeded UNI: the same place by reference is fine, another is not.
    const modify = (place: Json[]) => {
      const it = S2.order().productOrderItem[1];
      return {
        relatedContactInformation: S2.order().relatedContactInformation,
        productOrderItem: [{ ...it, action: 'modify', product: { ...it.product, id: 'SP1_UNI', place } }],
      };
    };
    const moved = await call(m, 'POST', order(), modify([{ ...installedAt, id: 'WashingtonAddress-id-1' }]));
    expect(moved.status).toBe(422);
    expect(moved.body).toEqual([
      expect.objectContaining({
        code: 'invalidValue',
        propertyPath: '/productOrderItem/0/product/place',
        reason: expect.stringContaining(
          '(INSTALL_LOCATION NewYorkAddress-id-1), got INSTALL_LOCATION WashingtonAddress-id-1',
        ),
      }),
    ]);
    expect(snapshot(m)).toEqual(before);
    expect((await call(m, 'POST', order(), modify([installedAt]))).status).toBe(201);
    // A product seeded without the relationships of its add: nothing to compare a modify with.
    m.control.seed({
      product: [{ id: 'SP1_AEL', productSpecification: { id: 'urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all' } }],
    });
    const ael = S2.modify();
    ael.productOrderItem[0].product.id = 'SP1_AEL';
    ael.productOrderItem[0].product.productRelationship = [
      { relationshipType: 'CONNECTS_TO_ENNI', id: 'SP1_ENNI' },
      { relationshipType: 'CONNECTS_TO_UNI', id: 'SP1_UNI' },
    ];
    expect((await call(m, 'POST', order(), ael)).status).toBe(201);
  });

  // MEF 106 UC6, UC7 and UC8 change the same AEL by POQ, quote and order: the three check their items alike.
  const CHANGES = [
    {
      what: 'POQ (MEF 87 R37, R38)',
      api: API.poq,
      path: '/productOfferingQualification',
      field: 'productOfferingQualificationItem',
      body: S2.poqModify,
    },
    { what: 'quote (MEF 115 R45, R46)', api: API.quote, path: '/quote', field: 'quoteItem', body: S2.quoteModify },
    {
      what: 'order (MEF 123 R39, R40)',
      api: API.order,
      path: '/productOrder',
      field: 'productOrderItem',
      body: S2.modify,
    },
  ];
  it.each(CHANGES)(
    'checks the product that the change by $what names: in the inventory, active, its relationships kept',
    async ({ api, path, field, body }) => {
      const uniSpec = 'urn:mef:lso:spec:sonata:carrier-ethernet-operator-uni:v5.0.0:all';
      const aelSpec = 'urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all';
      const relationships = [
        { relationshipType: 'CONNECTS_TO_ENNI', id: 'SP1_ENNI' },
        { relationshipType: 'CONNECTS_TO_UNI', id: 'CH_UNI' },
      ];
      m.control.seed({
        product: [
          { id: 'CH_UNI', productSpecification: { id: uniSpec } },
          { id: 'CH_AEL', productSpecification: { id: aelSpec }, productRelationship: relationships },
          {
            id: 'CH_AEL_GONE',
            status: 'terminated',
            productSpecification: { id: aelSpec },
            productRelationship: relationships,
          },
        ],
      });
      const url = `${base(m, api)}${path}`;
      const on = (id: string, rels: Json[] = relationships) => {
        const b = body();
        Object.assign(b[field][0].product, { id, productRelationship: rels });
        return b;
      };
      const before = snapshot(m);
      // As published, the example names the Buyer's products as its own inventory would: this one has neither.
      const published = await call(m, 'POST', url, body());
      expect(published.status).toBe(422);
      expect(published.body.map((e: Json) => [e.propertyPath, e.code])).toEqual([
        [`/${field}/0/product/id`, 'referenceNotFound'],
        [`/${field}/0/product/productRelationship/1/id`, 'referenceNotFound'],
      ]);
      const gone = await call(m, 'POST', url, on('CH_AEL_GONE'));
      expect(gone.body).toEqual([
        expect.objectContaining({
          code: 'invalidValue',
          propertyPath: `/${field}/0/product/id`,
          reason: "product 'CH_AEL_GONE' is terminated, not active",
        }),
      ]);
      const moved = await call(m, 'POST', url, on('CH_AEL', relationships.slice(0, 1)));
      expect(moved.body).toEqual([
        expect.objectContaining({
          code: 'invalidValue',
          propertyPath: `/${field}/0/product/productRelationship`,
          reason: expect.stringContaining('(CH_UNI), got none'),
        }),
      ]);
      expect(snapshot(m)).toEqual(before);
      expect((await call(m, 'POST', url, on('CH_AEL'))).status).toBe(201);
    },
  );

  it('checks a delete the same way: MEF 139 UC8 quotes the deletion of a product the Buyer does not have', async () => {
    const r = await call(
      m,
      'POST',
      `${base(m, API.quote)}/quote`,
      fixture('mef139', 'Use Case 8 Quote - Basic Internet Access - delete.json'),
    );
    expect(r.status).toBe(422);
    expect(r.body).toEqual([
      expect.objectContaining({
        code: 'referenceNotFound',
        propertyPath: '/quoteItem/0/product/id',
        reason: "no product with id 'SellerBasicInternetAccessId-0001' in your inventory",
      }),
    ]);
  });

  it('answers 404 notFound for an unknown id on every retrieve, patch and action', async () => {
    const c = sonataContracts();
    let n = 0;
    for (const id of SELLER_APIS) {
      const api = c.api(id);
      for (const op of api.operations) {
        if (!op.path.includes('{') || id === API.billing || op.path.startsWith('/hub')) continue;
        // A body the contract accepts, so that what is judged is the id.
        const body =
          op.operationId === 'patchCharge'
            ? { chargeItem: [{ id: 'x', acceptanceIndicator: 'accepted' }] }
            : op.method === 'patch'
              ? {}
              : op.requestBody
                ? { reason: 'because' }
                : undefined;
        const r = await call(
          m,
          op.method.toUpperCase(),
          `${api.basePath}${op.path.replace(/\{[^}]+\}/g, 'no-such-id')}`,
          body,
        );
        expect(`${op.operationId} ${r.status} ${r.body?.code}`).toBe(`${op.operationId} 404 notFound`);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(20);
  });

  it('refuses a transition the state machine does not allow now, with the documented error', async () => {
    const tt = (await call(m, 'POST', `${base(m, API.tt)}/troubleTicket`, ticket())).body;
    const ttUrl = `${base(m, API.tt)}/troubleTicket/${tt.id}`;
    // Closing or reopening an unresolved ticket: 422 (MEF 124 R41/R42).
    expect((await call(m, 'POST', `${ttUrl}/close`)).body).toEqual([
      expect.objectContaining({
        code: 'otherIssue',
        reason: expect.stringContaining('not allowed from "acknowledged"'),
      }),
    ]);
    expect((await call(m, 'POST', `${ttUrl}/reopen`, { reason: 'x' })).status).toBe(422);
    expect((await call(m, 'POST', `${ttUrl}/cancel`)).status).toBe(204);
    // Cancelling twice, or updating while the cancel is assessed: 422 (R40, R35).
    expect((await call(m, 'POST', `${ttUrl}/cancel`)).status).toBe(422);
    expect((await call(m, 'PATCH', ttUrl, { externalId: 'x' })).status).toBe(422);

    const o = (await call(m, 'POST', order(), S1.order())).body;
    m.control.advance('1m');
    // A completed order: no cancel (422, MEF 123 R73), no PATCH (409).
    const cancel = await call(m, 'POST', `${base(m, API.order)}/cancelProductOrder`, {
      productOrder: { productOrderId: o.id },
      relatedContactInformation: [{ role: 'cancelProductOrderContact', name: 'a', emailAddress: 'a@b.c', number: '1' }],
    });
    expect(cancel.body).toEqual([
      expect.objectContaining({ code: 'invalidValue', propertyPath: '/productOrder/productOrderId' }),
    ]);
    expect((await call(m, 'PATCH', `${order()}/${o.id}`, { externalId: 'late' })).body).toMatchObject({
      code: 'conflict',
    });

    // A quote still being worked on cannot be declined; an approved one cannot be cancelled (MEF 115 R53/R54).
    const q = (await call(m, 'POST', `${base(m, API.quote)}/quote`, S1.quote())).body;
    expect((await call(m, 'POST', `${base(m, API.quote)}/rejectQuote`, { quoteId: q.id })).status).toBe(422);
    m.control.advance('1m');
    expect((await call(m, 'POST', `${base(m, API.quote)}/cancelQuote`, { quoteId: q.id })).status).toBe(422);
    expect((await call(m, 'POST', `${base(m, API.quote)}/rejectQuote`, { quoteId: q.id })).status).toBe(200);

    // A charge already answered: 409 (PATCH /charge declares 409).
    const held = (await call(m, 'POST', order(), S1.order(), { 'x-lso-outcome': 'heldForCharge' })).body;
    m.control.advance('2s');
    const charge = (await call(m, 'GET', `${base(m, API.order)}/charge?productOrderId=${held.id}`)).body[0];
    const full = (await call(m, 'GET', `${base(m, API.order)}/charge/${charge.id}`)).body;
    const answer = { chargeItem: full.chargeItem.map((ci: Json) => ({ id: ci.id, acceptanceIndicator: 'rejected' })) };
    expect((await call(m, 'PATCH', `${base(m, API.order)}/charge/${charge.id}`, { chargeItem: [] })).status).toBe(400);
    expect((await call(m, 'PATCH', `${base(m, API.order)}/charge/${charge.id}`, answer)).status).toBe(200);
    expect((await call(m, 'PATCH', `${base(m, API.order)}/charge/${charge.id}`, answer)).body).toMatchObject({
      code: 'conflict',
    });
    // The declined blocking charge failed its item.
    expect((await call(m, 'GET', `${order()}/${held.id}`)).body.productOrderItem[0].state).toBe('failed');
  });

  it('never answers 500 nor falls over on nonsense, and writes nothing for it', async () => {
    const before = snapshot(m);
    const c = sonataContracts();
    const junk: unknown[] = [
      null,
      42,
      'text',
      [],
      [{}],
      { productOrderItem: 'x' },
      { a: { b: { c: [null] } } },
      { quoteId: 7 },
      { chargeItem: [{ id: null }] },
      { '@type': 'x' },
      { callback: 5 },
    ];
    for (const id of SELLER_APIS) {
      if (id === API.billing) continue;
      for (const op of c.api(id).operations) {
        if (!op.requestBody) continue;
        for (const body of junk) {
          const r = await m.app.inject({
            method: op.method.toUpperCase() as 'POST',
            url: `${c.api(id).basePath}${op.path.replace(/\{[^}]+\}/g, 'x')}`,
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          });
          expect(`${op.operationId} ${JSON.stringify(body)} ${r.statusCode}`).toMatch(/ (400|404|409|422)$/);
        }
      }
    }
    expect(snapshot(m)).toEqual(before);
    expect((await call(m, 'GET', `${base(m, API.site)}/geographicSite/NewYork-Site-1`)).status).toBe(200);
  });
});

describe('another buyer’s entity', () => {
  let m: SellerMock;
  beforeAll(async () => {
    m = await startSeller({ multiPartner: true });
  });
  afterAll(() => m.close());
  afterEach(() => expectNoSelfCheckFailures(m));

  it('does not exist for this buyer: 404 on retrieve, patch and actions', async () => {
    const o = (await call(m, 'POST', `${base(m, API.order)}/productOrder?buyerId=B1`, S1.order())).body;
    const t = (await call(m, 'POST', `${base(m, API.tt)}/troubleTicket?buyerId=B1`, ticket())).body;
    const poq = (await call(m, 'POST', `${base(m, API.poq)}/productOfferingQualification?buyerId=B1`, S1.poq())).body;
    expect((await call(m, 'GET', `${base(m, API.order)}/productOrder/${o.id}?buyerId=B2`)).status).toBe(404);
    expect(
      (await call(m, 'PATCH', `${base(m, API.order)}/productOrder/${o.id}?buyerId=B2`, { externalId: 'mine now' }))
        .status,
    ).toBe(404);
    expect((await call(m, 'GET', `${base(m, API.tt)}/troubleTicket/${t.id}?buyerId=B2`)).status).toBe(404);
    expect((await call(m, 'POST', `${base(m, API.tt)}/troubleTicket/${t.id}/cancel?buyerId=B2`)).status).toBe(404);
    expect((await call(m, 'GET', `${base(m, API.poq)}/productOfferingQualification/${poq.id}?buyerId=B2`)).status).toBe(
      404,
    );
    // …and referring to it in a request body is a reference not found.
    const cancel = await call(m, 'POST', `${base(m, API.order)}/cancelProductOrder?buyerId=B2`, {
      productOrder: { productOrderId: o.id },
      relatedContactInformation: [{ role: 'cancelProductOrderContact', name: 'a', emailAddress: 'a@b.c', number: '1' }],
    });
    expect(cancel.body).toEqual([expect.objectContaining({ code: 'referenceNotFound' })]);
    expect((await call(m, 'GET', `${base(m, API.order)}/productOrder/${o.id}?buyerId=B1`)).body.externalId).toBe(
      S1.order().externalId,
    );
  });
});

describe('nothing lost from the store', () => {
  it('keeps what was stored, and only that, across bad requests and a restart (SQLite)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lso-mock-store-'));
    const file = join(dir, 'seller.sqlite');
    try {
      const m1 = await startSeller({ store: file });
      const o = (await call(m1, 'POST', `${base(m1, API.order)}/productOrder`, S1.order())).body;
      for (const payload of ['{nope', JSON.stringify({ productOrderItem: [] })]) {
        const r = await m1.app.inject({
          method: 'POST',
          url: `${base(m1, API.order)}/productOrder`,
          payload,
          headers: { 'content-type': 'application/json' },
        });
        expect(r.statusCode).toBeGreaterThanOrEqual(400);
      }
      // A handler that fails half-way (a charge while one awaits an answer) leaves nothing behind either.
      const before = snapshot(m1);
      expect(() => m1.control.fire('productOrder', o.id, 'raiseCharge')).toThrow();
      expect(snapshot(m1)).toEqual(before);
      const stored = snapshot(m1);
      await m1.close();
      const m2 = await startSeller({ store: file });
      expect(snapshot(m2)).toEqual(stored);
      expect((await call(m2, 'GET', `${base(m2, API.order)}/productOrder/${o.id}`)).body).toEqual(o);
      expect((await call(m2, 'GET', `${base(m2, API.order)}/productOrder`)).body).toHaveLength(1);
      await m2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
