import { Contracts } from '../../specs';
import { eplOrder, EPL_URN } from '../fixtures/payloads';

const contracts = Contracts.load({ sdks: ['sonata'] });
const create = (body: unknown, strict = false) =>
  contracts.validateRequest(
    'sonata.productOrder',
    'createProductOrder',
    { body, contentType: 'application/json;charset=utf-8' },
    { strict },
  );
const pointers = (r: { violations: Array<{ pointer: string }> }) => r.violations.map((v) => v.pointer);

describe('@type dispatch on the envelope and the product payload', () => {
  it('accepts a full, valid EPL order (envelope and product payload)', () => {
    const r = create(eplOrder());
    expect(r.violations).toEqual([]);
    expect(r.unchecked).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('rejects a FieldedAddress place without city at the city pointer, citing the mapped subtype', () => {
    const order = eplOrder();
    order.productOrderItem[0].product.place = [
      { '@type': 'FieldedAddress', role: 'INSTALL_ADDRESS', streetName: 'Main', country: 'US' },
    ];
    const r = create(order);
    expect(r.valid).toBe(false);
    expect(r.violations).toEqual([
      expect.objectContaining({
        pointer: '/productOrderItem/0/product/place/0/city',
        rule: 'required',
        specLocation: expect.stringMatching(/productOrderManagement\.api\.yaml#\/components\/schemas\/FieldedAddress/),
      }),
    ]);
  });

  it('rejects an unknown place @type, naming the known ones', () => {
    const order = eplOrder();
    order.productOrderItem[0].product.place = [{ '@type': 'PostalAddress', role: 'INSTALL_ADDRESS' }];
    const r = create(order);
    expect(r.violations).toEqual([
      expect.objectContaining({
        pointer: '/productOrderItem/0/product/place/0/@type',
        rule: '@type',
        found: 'PostalAddress',
        expected: expect.arrayContaining(['FieldedAddress', 'GeographicSiteRef']),
      }),
    ]);
  });

  it('rejects a wrongly typed field of the EPL productConfiguration at its pointer', () => {
    const order = eplOrder();
    order.productOrderItem[0].product.productConfiguration.maximumFrameSize = 'jumbo';
    const r = create(order);
    expect(r.valid).toBe(false);
    expect(r.violations).toEqual([
      expect.objectContaining({
        pointer: '/productOrderItem/0/product/productConfiguration/maximumFrameSize',
        rule: 'type',
        expected: 'integer',
        found: 'string',
      }),
    ]);
    expect(r.violations[0].specLocation).toMatch(/^sonata\/productSchema\//);
  });

  it('reports every violation of one payload, not just the first', () => {
    const order = eplOrder();
    order.productOrderItem[0].product.productConfiguration.maximumFrameSize = 'jumbo';
    order.productOrderItem[0].product.place = [{ '@type': 'FieldedAddress', role: 'INSTALL_ADDRESS' }];
    delete order.productOrderItem[0].action;
    expect(pointers(create(order))).toEqual(
      expect.arrayContaining([
        '/productOrderItem/0/product/productConfiguration/maximumFrameSize',
        '/productOrderItem/0/product/place/0/city',
        '/productOrderItem/0/action',
      ]),
    );
  });

  it('rejects an unknown product URN, naming it and the nearest known ones', () => {
    const order = eplOrder();
    order.productOrderItem[0].product.productConfiguration['@type'] =
      'urn:mef:lso:spec:cantata-sonata:epl-evc:v9.0.0:all';
    const r = create(order);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({
      pointer: '/productOrderItem/0/product/productConfiguration/@type',
      rule: '@type',
      found: 'urn:mef:lso:spec:cantata-sonata:epl-evc:v9.0.0:all',
    });
    expect(r.violations[0].message).toContain(
      "unknown schema URN 'urn:mef:lso:spec:cantata-sonata:epl-evc:v9.0.0:all'",
    );
    expect((r.violations[0].expected as string[])[0]).toBe(EPL_URN);
  });

  it('validates a product payload on its own by its URN', () => {
    const config = eplOrder().productOrderItem[0].product.productConfiguration;
    expect(contracts.validatePayload(config).valid).toBe(true);
    expect(contracts.validatePayload({ ...config, maximumFrameSize: 'x' }).valid).toBe(false);
    expect(contracts.validatePayload({ maximumFrameSize: 1 }).violations[0]).toMatchObject({
      rule: 'required',
      pointer: '/@type',
    });
  });
});

describe('strict mode', () => {
  it('reports unknown properties as warnings by default and as errors in strict mode, in the envelope and the payload', () => {
    const order = eplOrder();
    order.externalIdd = 'typo';
    order.productOrderItem[0].product.productConfiguration.maximumFrameSizee = 1522;
    const lenient = create(order);
    expect(lenient.valid).toBe(true);
    expect(lenient.warnings.map((w) => [w.pointer, w.rule]).sort()).toEqual([
      ['/externalIdd', 'unknownProperty'],
      ['/productOrderItem/0/product/productConfiguration/maximumFrameSizee', 'unknownProperty'],
    ]);
    const strict = create(order, true);
    expect(strict.valid).toBe(false);
    expect(strict.violations.map((w) => w.pointer).sort()).toEqual([
      '/externalIdd',
      '/productOrderItem/0/product/productConfiguration/maximumFrameSizee',
    ]);
  });

  it('does not flag properties declared by a subtype chosen through @type', () => {
    const order = eplOrder();
    order.productOrderItem[0].product.place = [
      {
        '@type': 'FieldedAddress',
        role: 'INSTALL_ADDRESS',
        city: 'Paris',
        country: 'FR',
        streetName: 'Rue',
        postcode: '75001',
      },
    ];
    const r = create(order, true);
    expect(r.violations).toEqual([]);
    expect(r.warnings).toEqual([]);
  });
});

describe('parameters, statuses, headers and content types', () => {
  const list = (query: Record<string, string>) =>
    contracts.validateRequest('sonata.productOrder', 'listProductOrder', { query });

  it('coerces and checks query parameters, and flags unknown ones', () => {
    expect(list({ state: 'completed', limit: '10', 'orderDate.gt': '2024-01-01T00:00:00Z' }).valid).toBe(true);
    expect(list({ state: 'done' }).violations).toEqual([
      expect.objectContaining({ in: 'query', pointer: '/state', rule: 'enum', found: 'done' }),
    ]);
    expect(list({ limit: 'ten' }).violations).toEqual([
      expect.objectContaining({ in: 'query', pointer: '/limit', rule: 'type', found: 'string' }),
    ]);
    expect(list({ colour: 'red' }).warnings).toEqual([
      expect.objectContaining({ in: 'query', rule: 'unknownParameter', found: 'colour' }),
    ]);
  });

  it('checks a response: documented status, header types, content type and body', () => {
    const ok = contracts.validateResponse('sonata.productOrder', 'listProductOrder', {
      status: 200,
      body: [],
      contentType: 'application/json;charset=utf-8',
      headers: { 'X-Total-Count': '0', 'X-Result-Count': '0' },
    });
    expect(ok.valid).toBe(true);
    const badStatus = contracts.validateResponse('sonata.productOrder', 'listProductOrder', { status: 418, body: [] });
    expect(badStatus.violations[0]).toMatchObject({ in: 'status', rule: 'status', found: 418 });
    const badHeader = contracts.validateResponse('sonata.productOrder', 'listProductOrder', {
      status: 200,
      body: [],
      headers: { 'x-total-count': 'many' },
    });
    expect(badHeader.violations[0]).toMatchObject({ in: 'header', pointer: '/x-total-count', rule: 'type' });
    const badType = contracts.validateResponse('sonata.productOrder', 'listProductOrder', {
      status: 200,
      body: [],
      contentType: 'text/html',
    });
    expect(badType.violations[0]).toMatchObject({ in: 'content-type', rule: 'contentType' });
    const noBody = contracts.validateResponse('sonata.productOrder', 'retrieveProductOrder', { status: 200 });
    expect(noBody.violations[0]).toMatchObject({ rule: 'body' });
    const error422 = contracts.validateResponse('sonata.productOrder', 'createProductOrder', {
      status: 422,
      body: [{ code: 'missingProperty', reason: 'x', propertyPath: '/a' }],
    });
    expect(error422.valid).toBe(true);
    const error422AsObject = contracts.validateResponse('sonata.productOrder', 'createProductOrder', {
      status: 422,
      body: { code: 'missingProperty', reason: 'x' },
    });
    expect(error422AsObject.violations[0]).toMatchObject({ rule: 'type', expected: 'array' });
  });

  it('checks a notification payload against the notification API', () => {
    const api = contracts.api('sonata.productOrderNotification');
    const op = api.operations.find((o) => o.path === '/listener/productOrderStateChangeEvent')!;
    const event = {
      eventId: 'e1',
      eventType: 'productOrderStateChangeEvent',
      eventTime: '2026-01-01T00:00:00Z',
      event: { id: 'PO-1', href: 'http://x/productOrder/PO-1', state: 'inProgress' },
    };
    expect(contracts.validateRequest(api.id, op.operationId, { body: event }).violations).toEqual([]);
    const bad = contracts.validateRequest(api.id, op.operationId, { body: { ...event, eventType: 'orderDone' } });
    expect(bad.violations[0]).toMatchObject({ pointer: '/eventType', rule: 'enum' });
  });
});

describe('service payloads (Legato)', () => {
  const legato = Contracts.load({ sdks: ['legato'] });
  const EVC = 'urn:mef:lso:spec:legato:carrier-ethernet-evc:v0.0.1:all';
  const schema = legato.api('legato.serviceOrdering').operations.length > 0 ? 'MefServiceConfiguration' : '';

  it('dispatches serviceConfiguration by URN to the Legato service schema and reports its own rules', () => {
    const r = legato.validateSchema('legato.serviceOrdering', schema, { '@type': EVC, identifier: 'x'.repeat(46) });
    expect(r.valid).toBe(false);
    expect(r.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/identifier', rule: 'maxLength' }),
        expect.objectContaining({
          pointer: '/adminState',
          rule: 'required',
          specLocation:
            'legato/serviceSchema/carrierEthernet/carrierEthernetCommon.yaml#/definitions/CarrierEthernetService',
        }),
      ]),
    );
  });

  it('names the nearest known URNs for a version the SDK does not have (Legato guides say v0.0.1 for IPVC; the file is v0.0.4)', () => {
    const r = legato.validateSchema('legato.serviceOrdering', schema, {
      '@type': 'urn:mef:lso:spec:legato:ipvc:v0.0.1:all',
    });
    expect(r.violations[0]).toMatchObject({ pointer: '/@type', rule: '@type' });
    expect(r.violations[0].expected).toContain('urn:mef:lso:spec:legato:ipvc:v0.0.4:all');
  });
});
