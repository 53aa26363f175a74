import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Contracts, SDK_DEFECTS } from '../../specs';
import { apiNameFromFile } from '../../specs/catalogue/naming';

const contracts = Contracts.load();

describe('the API catalogue', () => {
  const bySdk = (sdk: string) => contracts.apis.filter((a) => a.sdk === sdk);

  it('holds the 20 Sonata and 20 Cantata APIs, the Legato, Interlude and Presto ones', () => {
    expect(bySdk('sonata')).toHaveLength(20);
    expect(bySdk('cantata')).toHaveLength(20);
    // Legato: catalog, inventory, order, PM (each with its notification API) and the two streaming variants.
    expect(
      bySdk('legato')
        .map((a) => a.id)
        .sort(),
    ).toEqual(
      [
        'legato.performanceMonitoring',
        'legato.performanceNotification',
        'legato.serviceCatalog',
        'legato.serviceCatalogNotification',
        'legato.serviceInventory',
        'legato.serviceInventoryNotification',
        'legato.serviceOrdering',
        'legato.serviceOrderingNotification',
        'legato.streamingManagement',
        'legato.streamingManagementAllInOne',
      ].sort(),
    );
    expect(bySdk('interlude')).toHaveLength(4);
    expect(bySdk('presto').map((a) => a.format)).toEqual(['swagger-2.0', 'swagger-2.0', 'swagger-2.0', 'swagger-2.0']);
  });

  it('counts the operations the research note counted (Sonata and Cantata 114 each, 37 of them listeners; Presto 95)', () => {
    const ops = (sdk: string) => bySdk(sdk).flatMap((a) => a.operations);
    expect(ops('sonata')).toHaveLength(114);
    expect(ops('sonata').filter((o) => o.path.startsWith('/listener/'))).toHaveLength(37);
    expect(ops('cantata')).toHaveLength(114);
    expect(ops('presto')).toHaveLength(95);
    expect(ops('interlude')).toHaveLength(57);
  });

  it('gives every API a unique id, a base path from its servers entry and a kind', () => {
    const ids = contracts.apis.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const order = contracts.api('sonata.productOrder');
    expect(order).toMatchObject({
      referencePoint: 'Sonata',
      kind: 'management',
      version: '10.0.0',
      basePath: '/mefApi/sonata/productOrderingManagement/v10',
    });
    expect(contracts.api('cantata.productOrder').basePath).toBe('/mefApi/cantata/productOrderingManagement/v5');
    expect(contracts.api('sonata.productOrderNotification').kind).toBe('notification');
    expect(contracts.api('legato.serviceCatalog').basePath).toBe('/mefApi/legato/serviceCatalog/v4');
    expect(contracts.api('presto.nrp').basePath).toBe('/restconf');
    for (const a of contracts.apis) expect(a.basePath).toMatch(/^\/(mefApi\/|restconf$)/);
  });

  it('describes operations with parameters, body, responses and the security scopes of the generated variant', () => {
    const create = contracts.operation('sonata.productOrder', 'createProductOrder');
    expect(create).toMatchObject({ method: 'post', path: '/productOrder', requestBody: { required: true } });
    expect(create.responses.map((r) => r.status)).toEqual(expect.arrayContaining(['201', '400', '422']));
    expect(create.scopes).toEqual(['createProductOrder']);
    const list = contracts.operation('sonata.productOrder', 'listProductOrder');
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['state', 'orderDate.gt', 'offset', 'limit', 'buyerId']),
    );
    expect(list.responses.find((r) => r.status === '200')?.headers).toEqual([
      'X-Pagination-Throttled',
      'X-Total-Count',
      'X-Result-Count',
    ]);
    // The one generated file without security (mef-contracts.md §1.4).
    expect(
      contracts.operation(
        'cantata.quoteNotification',
        contracts.api('cantata.quoteNotification').operations[0].operationId,
      ).scopes,
    ).toBeUndefined();
  });

  it('names unknown APIs and operations in one line with a suggestion', () => {
    expect(() => contracts.api('sonata.productOrdr')).toThrow(
      /unknown API 'sonata.productOrdr' \(did you mean sonata.productOrder/,
    );
    expect(() => contracts.operation('sonata.productOrder', 'createProductOrdr')).toThrow(
      /no operation 'createProductOrdr' \(did you mean createProductOrder/,
    );
  });

  it('matches a request path to its operation and path parameters', () => {
    const m = contracts.match('sonata.troubleTicket', 'POST', '/troubleTicket/TT-1/cancel');
    expect(m?.op.operationId).toBe('cancelTroubleTicket');
    expect(m?.pathParams).toEqual({ id: 'TT-1' });
    expect(contracts.match('sonata.productOrder', 'DELETE', '/productOrder/1')).toBeUndefined();
  });

  it.each([
    ['productOrderManagement.api.yaml', 'productOrder'],
    ['billingManagement.api.yaml', 'billing'],
    ['serviceCatalogApi.openapi.yaml', 'serviceCatalog'],
    ['streamingManagement.api.all-in-one.yaml', 'streamingManagementAllInOne'],
    ['presto-nrp-rcp-only.yaml', 'nrpRpcOnly'],
  ])('derives the id of %s as %s', (file, id) => {
    expect(apiNameFromFile(file)).toBe(id);
  });
});

describe('compiled contracts', () => {
  it('compiles every operation of every API of the five SDKs (parameters, request body, every response and header)', () => {
    expect(contracts.compileAll()).toEqual([]);
  });

  it('compiles every product and service schema the URN index holds', () => {
    // 57 distinct `$id` URNs in the Grace release (mef-contracts.md §1.5), shared ones counted once.
    expect(contracts.urnIndex.urns()).toHaveLength(57);
    expect(contracts.urnIndex.urns()).toEqual(
      expect.arrayContaining([
        'urn:mef:lso:spec:cantata-sonata:epl-evc:v1.0.0:all',
        'urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all',
        'urn:mef:lso:spec:sonata:carrier-ethernet-enni-sp-so:v5.0.0:inventory',
        'urn:mef:lso:spec:legato:ip-performance-monitoring-results:v0.0.1:all',
      ]),
    );
    expect(contracts.compileAllSchemas()).toEqual([]);
  });

  it('applies only registered defect patches, each recorded with its file and pointer', () => {
    const applied = contracts.defectApplications();
    const ids = new Set(SDK_DEFECTS.map((d) => d.id));
    expect(applied.length).toBeGreaterThan(0);
    for (const a of applied) {
      expect(ids.has(a.defectId)).toBe(true);
      expect(existsSync(join(contracts.sdkDir, a.file))).toBe(true);
    }
    const where = (id: string) => applied.filter((a) => a.defectId === id).map((a) => a.file);
    expect(where('SDK-NULL-KEYWORD')).toContain(
      'sonata/productSchema/carrierEthernet/operatorEthernet/accessEline/accessElineOvc.yaml',
    );
    expect(where('SDK-SELF-RECURSION')).toEqual([
      'sonata/productSchema/carrierEthernet/operatorEthernet/operatorEthernetCommon/ovcEgressMaps.yaml',
    ]);
    expect(where('SDK-PM-MEASUREMENT-DATA-POINT').sort()).toEqual([
      'interlude/serviceApi/pm/performanceMonitoring.api.yaml',
      'legato/serviceApi/pm/performanceMonitoring.api.yaml',
    ]);
    expect(where('SDK-REMOTE-REF').length).toBeGreaterThan(0);
  });

  it('lists every defect with an id, files that exist, a problem and a handling', () => {
    for (const d of SDK_DEFECTS) {
      expect(d.id).toMatch(/^SDK-[A-Z0-9-]+$/);
      expect(d.problem.length).toBeGreaterThan(20);
      expect(d.handling.length).toBeGreaterThan(10);
      for (const f of d.files) expect(existsSync(join(contracts.sdkDir, f))).toBe(true);
    }
  });
});
