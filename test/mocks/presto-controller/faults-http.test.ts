import { sequentialIds } from '../../../lib/ids';
import { silentLogger } from '../../../lib/logger';
import { buildPrestoController, type PrestoController } from '../../../mocks/presto-controller';
import { stateOf } from '../../../mocks/presto-controller/actor-state';
import { Contracts } from '../../../specs';
import { YangValidator } from '../../../specs/yang';
import { evpl, UNI1, UNI3, UNI5 } from './inputs';

const CS = 'tapi-connectivity';
const CREATE = `/restconf/operations/${CS}:create-connectivity-service`;
const YANG = { 'content-type': 'application/yang-data+json' };
const OUT = `${CS}:output`;

describe('the Presto controller mock: faults and outcomes', () => {
  let validator: YangValidator;
  let contracts: Contracts;
  let mock: PrestoController;
  const post = (url: string, input: unknown, headers: Record<string, string> = {}) =>
    mock.app.inject({
      method: 'POST',
      url,
      headers: { ...YANG, ...headers },
      payload: JSON.stringify({ [`${/operations\/([^:/]+):/.exec(url)?.[1]}:input`]: input }),
    });
  const rpc = (name: string, input: unknown, headers?: Record<string, string>) =>
    post(`/restconf/operations/${CS}:${name}`, input, headers);
  const control = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    mock.app.inject({ method, url: `/_lso${url}`, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const advance = (by = '1m') => control('POST', '/clock/advance', { by });
  const details = async (uuid: string) =>
    (await rpc('get-connectivity-service-details', { 'service-id-or-name': uuid })).json();
  const create = async (a = UNI1, z = UNI3, vlan = 100, headers?: Record<string, string>) => {
    const r = await post(CREATE, evpl(a, z, vlan), headers);
    expect(r.statusCode).toBe(200);
    return r.json()[OUT].service.uuid as string;
  };

  beforeAll(async () => {
    validator = await YangValidator.start();
    contracts = Contracts.load({ sdks: ['presto'] });
  }, 60_000);
  beforeEach(async () => {
    mock = await buildPrestoController({
      listen: false,
      contracts,
      clockRate: 0,
      logger: silentLogger,
      validator,
      ids: sequentialIds(),
    });
  });
  afterEach(async () => mock?.close());
  afterAll(async () => validator?.close());

  // UNI1 (pe1) to UNI3 (pe2): the route is pe1, pe2 over link:pe1-pe2.
  const failures: {
    name: string;
    ask: (c: typeof control) => Promise<unknown>;
    header?: string;
    gone: boolean;
  }[] = [
    {
      name: 'activation fails on pe2 (control API): rolled back, the service gone',
      ask: (c) => c('POST', '/presto/faults/activation', { node: 'pe2' }),
      gone: true,
    },
    {
      name: 'activation fails on pe2 (X-LSO-Outcome): rolled back, the service gone',
      ask: async () => undefined,
      header: 'fail-on=pe2',
      gone: true,
    },
    {
      name: 'rollback fails on pe1 too (control API): PENDING_REMOVAL / DISABLED, resources kept',
      ask: (c) => c('POST', '/presto/faults/activation', { node: 'pe2', rollbackFailsOn: ['pe1'] }),
      gone: false,
    },
    {
      name: 'rollback fails on pe1 too (X-LSO-Outcome): PENDING_REMOVAL / DISABLED, resources kept',
      ask: async () => undefined,
      header: 'fail-on=pe2; rollback-fails-on=pe1',
      gone: false,
    },
  ];

  it.each(failures)('$name', async ({ ask, header, gone }) => {
    const before = structuredClone(stateOf(mock.ctx).ledger);
    await ask(control);
    const uuid = await create(UNI1, UNI3, 100, header ? { 'x-lso-outcome': header } : {});
    expect(stateOf(mock.ctx).ledger.claims[uuid]).toBeDefined();
    await advance();
    const state = stateOf(mock.ctx);
    if (gone) {
      expect(state.services[uuid]).toBeUndefined();
      // Exactly what it was before the create: every VLAN, port and bit per second given back.
      expect(state.ledger).toEqual(before);
      expect(Object.values(state.connections).filter((c) => c.service === uuid)).toEqual([]);
      const d = await rpc('get-connectivity-service-details', { 'service-id-or-name': uuid });
      expect(d.statusCode).toBe(400);
    } else {
      expect((await details(uuid))[OUT].service).toMatchObject({
        'lifecycle-state': 'PENDING_REMOVAL',
        'operational-state': 'DISABLED',
      });
      expect(state.ledger.claims[uuid]).toBeDefined();
      // The node whose rollback failed still has the service's connection.
      expect(state.connections[`conn:pe1:${uuid}`]).toBeDefined();
    }
    // The fault was used up: the next service on the same route installs.
    const next = await create(UNI1, UNI3, 101);
    await advance();
    expect((await details(next))[OUT].service['lifecycle-state']).toBe('INSTALLED');
  });

  it('an activation fault limited to an action leaves the others alone, and is listed until used', async () => {
    await control('POST', '/presto/faults/activation', { node: 'pe1', action: 'deactivate', reason: 'device busy' });
    const uuid = await create();
    await advance();
    expect((await details(uuid))[OUT].service['lifecycle-state']).toBe('INSTALLED');
    expect((await control('GET', '/presto/faults')).json().activation).toEqual([
      { node: 'pe1', action: 'deactivate', reason: 'device busy', remaining: 1 },
    ]);
    expect((await rpc('delete-connectivity-service', { 'service-id-or-name': uuid })).statusCode).toBe(200);
    await advance();
    // The delete failed on its first node: the service stays PENDING_REMOVAL and a new delete retries it.
    expect((await details(uuid))[OUT].service['lifecycle-state']).toBe('PENDING_REMOVAL');
    expect((await control('GET', '/presto/faults')).json().activation).toEqual([]);
    expect((await rpc('delete-connectivity-service', { 'service-id-or-name': uuid })).statusCode).toBe(200);
    await advance();
    expect(stateOf(mock.ctx).services[uuid]).toBeUndefined();
    expect(stateOf(mock.ctx).ledger.claims).toEqual({});
  });

  const badControl: { name: string; method: 'POST' | 'PUT'; url: string; body: unknown; message: RegExp }[] = [
    { name: 'no node', method: 'POST', url: '/presto/faults/activation', body: {}, message: /node must name/ },
    {
      name: 'an unknown node',
      method: 'POST',
      url: '/presto/faults/activation',
      body: { node: 'pe9' },
      message: /pe1, pe2, pe3/,
    },
    {
      name: 'an unknown action',
      method: 'POST',
      url: '/presto/faults/activation',
      body: { node: 'pe1', action: 'explode' },
      message: /action is one of/,
    },
    {
      name: 'rollbackFailsOn not a node list',
      method: 'POST',
      url: '/presto/faults/activation',
      body: { node: 'pe1', rollbackFailsOn: 'pe2' },
      message: /rollbackFailsOn/,
    },
    {
      name: 'a count of 0',
      method: 'POST',
      url: '/presto/faults/activation',
      body: { node: 'pe1', count: 0 },
      message: /count/,
    },
    {
      name: 'an unknown member',
      method: 'POST',
      url: '/presto/faults/activation',
      body: { node: 'pe1', nodes: ['pe2'] },
      message: /unknown member\(s\) nodes/,
    },
    {
      name: 'neither sip nor link',
      method: 'PUT',
      url: '/presto/operational-state',
      body: { state: 'DISABLED' },
      message: /one sip or one link/,
    },
    {
      name: 'both sip and link',
      method: 'PUT',
      url: '/presto/operational-state',
      body: { sip: UNI1, link: 'link:pe1-pe2', state: 'DISABLED' },
      message: /one sip or one link/,
    },
    {
      name: 'an unknown link',
      method: 'PUT',
      url: '/presto/operational-state',
      body: { link: 'link:pe1-pe9', state: 'DISABLED' },
      message: /no link/,
    },
    {
      name: 'a state that is not one',
      method: 'PUT',
      url: '/presto/operational-state',
      body: { sip: UNI1, state: 'DOWN' },
      message: /ENABLED or DISABLED/,
    },
  ];

  it.each(badControl)(
    'control input with $name is a clear 400 and changes nothing',
    async ({ method, url, body, message }) => {
      const uuid = await create();
      await advance();
      const state = structuredClone(stateOf(mock.ctx));
      const journal = mock.ctx.store.readLog('journal').length;
      const r = await control(method, url, body);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'invalidBody', reason: expect.stringMatching(message) });
      expect(stateOf(mock.ctx)).toEqual(state);
      expect((await control('GET', '/presto/faults')).json()).toEqual({ activation: [] });
      expect(mock.ctx.store.readLog('journal').length).toBe(journal);
      expect(stateOf(mock.ctx).services[uuid].operationalState).toBe('ENABLED');
    },
  );

  it.each([
    ['an unknown outcome', 'explode=pe1', /'explode' is not an outcome/],
    ['an unknown node', 'fail-on=pe9', /node must name/],
    ['no key=value', 'fail-on', /not key=value/],
  ])('an X-LSO-Outcome with %s is a 400 in RESTCONF form and creates nothing', async (_name, header, message) => {
    const ledger = structuredClone(stateOf(mock.ctx).ledger);
    const r = await post(CREATE, evpl(UNI1, UNI3, 100), { 'x-lso-outcome': header });
    expect(r.statusCode).toBe(400);
    expect(r.json()['ietf-restconf:errors'].error[0]).toMatchObject({
      'error-tag': 'invalid-value',
      'error-message': expect.stringMatching(message),
    });
    expect(stateOf(mock.ctx).services).toEqual({});
    expect(stateOf(mock.ctx).ledger).toEqual(ledger);
  });

  it('a link that goes down disables the services crossing it, is avoided by new routes, and recovers', async () => {
    const crossing = await create(UNI1, UNI3, 100); // pe1–pe2
    const elsewhere = await create(UNI3, UNI5, 200); // pe2–pe3
    await advance();
    const down = await control('PUT', '/presto/operational-state', { link: 'link:pe1-pe2', state: 'DISABLED' });
    expect(down.statusCode).toBe(200);
    expect(down.json().changed).toEqual(
      expect.arrayContaining([
        {
          'object-type': 'LINK',
          uuid: 'link:pe1-pe2',
          'changed-attributes': [
            { 'value-name': 'operational-state', 'old-value': 'ENABLED', 'new-value': 'DISABLED' },
          ],
        },
        {
          'object-type': 'CONNECTIVITY_SERVICE',
          uuid: crossing,
          'changed-attributes': [
            { 'value-name': 'operational-state', 'old-value': 'ENABLED', 'new-value': 'DISABLED' },
          ],
        },
      ]),
    );
    expect((await details(crossing))[OUT].service).toMatchObject({
      'lifecycle-state': 'INSTALLED',
      'operational-state': 'DISABLED',
    });
    expect((await details(elsewhere))[OUT].service['operational-state']).toBe('ENABLED');
    const link = await post('/restconf/operations/tapi-topology:get-link-details', {
      'topology-id-or-name': 'topo:presto-metro',
      'link-id-or-name': 'link:pe1-pe2',
    });
    expect(link.json()[`tapi-topology:output`].link['operational-state']).toBe('DISABLED');

    // A new pe1–pe2 service goes round by pe3 (path computation skips the disabled link).
    const detour = await create(UNI1, UNI3, 102);
    expect(stateOf(mock.ctx).services[detour].route.links).not.toContain('link:pe1-pe2');
    expect(stateOf(mock.ctx).services[detour].route.nodes).toContain('pe3');

    await control('PUT', '/presto/operational-state', { link: 'link:pe1-pe2', state: 'ENABLED' });
    expect((await details(crossing))[OUT].service['operational-state']).toBe('ENABLED');

    // Subscribers are told: the link and the service, down then up.
    const told = await post('/restconf/operations/tapi-notification:get-notification-list', {});
    const changes = (told.json()['tapi-notification:output'].notification as Record<string, unknown>[])
      .filter((n) => n['target-object-identifier'] === 'link:pe1-pe2' || n['target-object-identifier'] === crossing)
      .filter((n) => n['notification-type'] === 'ATTRIBUTE_VALUE_CHANGE')
      .map((n) => [
        n['target-object-type'],
        (n['changed-attributes'] as { 'new-value': string }[]).map((c) => c['new-value']).join(),
      ]);
    expect(changes.slice(-4)).toEqual([
      ['LINK', 'DISABLED'],
      ['CONNECTIVITY_SERVICE', 'DISABLED'],
      ['LINK', 'ENABLED'],
      ['CONNECTIVITY_SERVICE', 'ENABLED'],
    ]);
  });

  it('a service activated while its SIP is down is INSTALLED but DISABLED, and ENABLED when the SIP comes back', async () => {
    const uuid = await create(UNI1, UNI3, 100);
    await control('PUT', '/presto/operational-state', { sip: UNI3, state: 'DISABLED' });
    await advance();
    expect((await details(uuid))[OUT].service).toMatchObject({
      'lifecycle-state': 'INSTALLED',
      'operational-state': 'DISABLED',
    });
    await control('PUT', '/presto/operational-state', { sip: UNI3, state: 'ENABLED' });
    expect((await details(uuid))[OUT].service['operational-state']).toBe('ENABLED');
  });

  it('a SIP that goes down disables the services ending on it and shows DISABLED itself', async () => {
    const uuid = await create(UNI1, UNI3, 100);
    const other = await create(UNI5, UNI3, 200);
    await advance();
    const r = await control('PUT', '/presto/operational-state', { sip: UNI1, state: 'DISABLED' });
    expect(r.statusCode).toBe(200);
    expect((await details(uuid))[OUT].service['operational-state']).toBe('DISABLED');
    expect((await details(other))[OUT].service['operational-state']).toBe('ENABLED');
    const sip = await post('/restconf/operations/tapi-common:get-service-interface-point-details', {
      'sip-id-or-name': UNI1,
    });
    expect(sip.json()['tapi-common:output'].sip['operational-state']).toBe('DISABLED');
    // The same state again changes nothing.
    expect((await control('PUT', '/presto/operational-state', { sip: UNI1, state: 'DISABLED' })).json()).toEqual({
      changed: [],
    });
  });

  it('HTTP faults from /_lso/faults reach the RESTCONF mount, limited to one RPC, as ietf-restconf:errors', async () => {
    const set = await control('PUT', '/faults', {
      http: { failNext: 1, errorStatus: 503, operationId: 'create-connectivity-service' },
    });
    expect(set.statusCode).toBe(200);
    const list = await rpc('get-connectivity-service-list', {});
    expect(list.statusCode).toBe(200);
    const failed = await post(CREATE, evpl(UNI1, UNI3, 100));
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['content-type']).toMatch(/yang-data\+json/);
    expect(failed.json()['ietf-restconf:errors'].error[0]['error-tag']).toBe('operation-failed');
    expect(stateOf(mock.ctx).services).toEqual({});
    const entry = mock.ctx.store.readLog('journal').at(-1) as Record<string, unknown>;
    expect(entry).toMatchObject({ status: 503, fault: 503, mount: '/restconf' });
    // failNext: 1 is used up.
    expect((await post(CREATE, evpl(UNI1, UNI3, 100))).statusCode).toBe(200);
  });

  it.each([
    ['status=500', 500],
    ['status=404', 404],
    ['latency=1', 200],
  ])('X-LSO-Fault: %s on a data read answers %s', async (header, status) => {
    const r = await mock.app.inject({
      method: 'GET',
      url: '/restconf/data/tapi-common:context',
      headers: { 'x-lso-fault': header },
    });
    expect(r.statusCode).toBe(status);
    if (status >= 400) expect(r.json()['ietf-restconf:errors'].error).toHaveLength(1);
    else expect(r.json()['tapi-common:context']).toBeDefined();
  });
});
