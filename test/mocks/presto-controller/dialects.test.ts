import { routeRestconf, type Routed } from '../../../mocks/presto-controller/dialects';

const CS = { name: 'connectivity-service', module: 'tapi-connectivity', keys: ['cs:123'] };
const CTX = { name: 'context', module: 'tapi-common', keys: [] };
const CREATE = { kind: 'rpc', module: 'tapi-connectivity', name: 'create-connectivity-service' };
const RFC_CS = '/restconf/data/tapi-common:context/tapi-connectivity:connectivity-service=cs%3A123';

describe('RESTCONF URL dialects', () => {
  const cases: Array<[string, string, string, object, string]> = [
    ['POST', '/restconf/operations/tapi-connectivity:create-connectivity-service', 'rfc8040', CREATE, ''],
    ['POST', '/restconf/operations/create-connectivity-service/', 'swagger', CREATE, ''],
    ['POST', '/restconf/operations/create-connectivity-service', 'swagger', CREATE, ''],
    ['GET', RFC_CS, 'rfc8040', { kind: 'data', path: [CTX, CS] }, ''],
    ['GET', '/restconf/data/context/connectivity-service=cs:123/', 'swagger', { kind: 'data', path: [CTX, CS] }, ''],
    [
      'GET',
      '/restconf/operational/tapi-common:context/tapi-connectivity:connectivity-service/cs%3A123',
      'odl',
      { kind: 'data', path: [CTX, CS] },
      '',
    ],
    [
      'GET',
      '/restconf/config/tapi-common:context/tapi-topology:topology/mef:presto-nrp-topology',
      'odl',
      { kind: 'data', path: [CTX, { name: 'topology', module: 'tapi-topology', keys: ['mef:presto-nrp-topology'] }] },
      '',
    ],
    [
      'GET',
      '/restconf/data/tapi-common:context/tapi-topology:topology=t1/node=pe%2C1?depth=2',
      'rfc8040',
      {
        kind: 'data',
        path: [
          CTX,
          { name: 'topology', module: 'tapi-topology', keys: ['t1'] },
          { name: 'node', module: 'tapi-topology', keys: ['pe,1'] },
        ],
      },
      '',
    ],
    ['GET', '/restconf/data/tapi-common:context/connectivity-service=x', 'swagger', {}, ''],
  ];
  it.each(cases)('%s %s is %s', (method, url, dialect, target) => {
    const r = routeRestconf(method, url);
    expect(r).toMatchObject({ ok: true, dialect, target });
  });

  it('writes the RFC 8040 URL of any dialect, keys percent-encoded', () => {
    const r = routeRestconf('GET', '/restconf/data/context/connectivity-service=cs:123/') as Routed & { ok: true };
    expect(r.rfc8040).toBe(RFC_CS);
    expect((routeRestconf('POST', '/restconf/operations/get-topology-list/') as { rfc8040: string }).rfc8040).toBe(
      '/restconf/operations/tapi-topology:get-topology-list',
    );
  });

  it('in strict mode refuses the Swagger and ODL forms, naming the RFC 8040 URL', () => {
    expect(routeRestconf('GET', RFC_CS, { strict: true }).ok).toBe(true);
    expect(routeRestconf('POST', '/restconf/operations/create-connectivity-service/', { strict: true })).toEqual({
      ok: false,
      status: 400,
      message: expect.stringContaining(
        'not RFC 8040; use POST /restconf/operations/tapi-connectivity:create-connectivity-service',
      ),
    });
    expect(
      routeRestconf(
        'GET',
        '/restconf/operational/tapi-common:context/tapi-connectivity:connectivity-service/cs%3A123',
        {
          strict: true,
        },
      ),
    ).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringContaining(`OpenDaylight draft form, not RFC 8040; use GET ${RFC_CS}`),
    });
  });

  it.each([
    ['POST', '/restconf/operations/tapi-connectivity:no-such-rpc', 404],
    ['POST', '/restconf/operations/tapi-topology:create-connectivity-service', 404],
    ['GET', '/restconf/operations/tapi-connectivity:create-connectivity-service', 405],
    ['DELETE', RFC_CS, 405],
    ['GET', '/restconf/data/tapi-common:context/tapi-connectivity:connectivity-service=%E0%A4%A', 400],
    ['GET', '/restconf/data/ietf-interfaces:interfaces', 404],
    // Not there is 404 whatever the method: the read-only tree's 405 is only for nodes that exist.
    ['POST', '/restconf/config/network-topology:network-topology/topology/ovsdb%3A1', 404],
    ['DELETE', '/restconf/data/ietf-interfaces:interfaces', 404],
    ['GET', '/restconf/streams', 404],
  ])('%s %s → %i', (method, url, status) => {
    expect(routeRestconf(method, url)).toMatchObject({ ok: false, status });
  });
});
