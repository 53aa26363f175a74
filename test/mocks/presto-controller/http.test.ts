import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequentialIds } from '../../../lib/ids';
import { silentLogger } from '../../../lib/logger';
import { buildPrestoController, type PrestoController } from '../../../mocks/presto-controller';
import { Contracts } from '../../../specs';
import { YangValidator } from '../../../specs/yang';
import { createInput, evpl, UNI1, UNI3, UNI5, UNI6 } from './inputs';

const CREATE = '/restconf/operations/tapi-connectivity:create-connectivity-service';
const DETAILS = '/restconf/operations/tapi-connectivity:get-connectivity-service-details';
const DELETE = '/restconf/operations/tapi-connectivity:delete-connectivity-service';
const YANG = { 'content-type': 'application/yang-data+json' };
const OUT = 'tapi-connectivity:output';

describe('the Presto controller mock over RESTCONF', () => {
  let validator: YangValidator;
  let lenient: PrestoController;
  let strict: PrestoController;
  const post = (m: PrestoController, url: string, input: unknown) =>
    m.app.inject({
      method: 'POST',
      url,
      headers: YANG,
      // RFC 8040 names the input member by module; the Swagger form sends plain `input`.
      payload: JSON.stringify({
        [url.includes(':') ? `${/operations\/([^:/]+):/.exec(url)?.[1]}:input` : 'input']: input,
      }),
    });
  const advance = (m: PrestoController, by: string) =>
    m.app.inject({ method: 'POST', url: '/_lso/clock/advance', payload: { by } });
  const journal = (m: PrestoController) => m.ctx.store.readLog('journal');

  beforeAll(async () => {
    validator = await YangValidator.start();
    const contracts = Contracts.load({ sdks: ['presto'] });
    const common = { listen: false, contracts, clockRate: 0, logger: silentLogger, validator };
    lenient = await buildPrestoController({ ...common, ids: sequentialIds() });
    strict = await buildPrestoController({ ...common, ids: sequentialIds(), strict: true });
  }, 60_000);
  afterAll(async () => {
    await lenient?.close();
    await strict?.close();
    await validator?.close();
  });

  it('creates an EVPL in RFC 8040 form: PLANNED, then INSTALLED on the virtual clock; reads it back both ways', async () => {
    const r = await post(lenient, CREATE, evpl(UNI1, UNI3, 100));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/yang-data\+json/);
    const svc = r.json()[OUT].service;
    expect(svc).toMatchObject({ 'lifecycle-state': 'PLANNED', 'operational-state': 'DISABLED' });
    expect((await advance(lenient, '1m')).statusCode).toBe(200);
    const d = await post(lenient, DETAILS, { 'service-id-or-name': svc.uuid });
    expect(d.statusCode).toBe(200);
    expect(d.json()[OUT].service).toMatchObject({ uuid: svc.uuid, 'lifecycle-state': 'INSTALLED' });
    const g = await lenient.app.inject({
      method: 'GET',
      url: `/restconf/data/tapi-common:context/tapi-connectivity:connectivity-service=${encodeURIComponent(svc.uuid)}`,
    });
    expect(g.statusCode).toBe(200);
    expect(g.json()['tapi-connectivity:connectivity-service']).toEqual([
      expect.objectContaining({ uuid: svc.uuid, 'lifecycle-state': 'INSTALLED', 'operational-state': 'ENABLED' }),
    ]);
    const ctx = await lenient.app.inject({ method: 'GET', url: '/restconf/data/tapi-common:context' });
    expect(ctx.json()['tapi-common:context']['service-interface-point'].length).toBeGreaterThan(0);
    // Each connection the service lists is readable through get-connection-details; another one is not.
    const connections = d.json()[OUT].service.connection as string[];
    expect(connections.length).toBeGreaterThan(0);
    const conn = await post(lenient, '/restconf/operations/tapi-connectivity:get-connection-details', {
      'service-id-or-name': svc.uuid,
      'connection-id-or-name': connections[0],
    });
    expect(conn.statusCode).toBe(200);
    expect(conn.json()[OUT].connection).toMatchObject({ uuid: connections[0], 'lifecycle-state': 'INSTALLED' });
    const none = await post(lenient, '/restconf/operations/tapi-connectivity:get-connection-details', {
      'service-id-or-name': svc.uuid,
      'connection-id-or-name': 'conn:nowhere',
    });
    expect(none.statusCode).toBe(400);
    expect(none.json()['ietf-restconf:errors'].error[0]).toMatchObject({
      'error-tag': 'invalid-value',
      'error-path': '/input/connection-id-or-name',
    });
  });

  it('takes the Swagger and ODL forms in lenient mode (a journal warning each) and refuses them in strict', async () => {
    const swagger = '/restconf/operations/create-connectivity-service/';
    const s = await post(lenient, swagger, evpl(UNI1, UNI5, 101));
    expect(s.statusCode).toBe(200);
    expect(s.json().output.service['lifecycle-state']).toBe('PLANNED');
    const odl = await lenient.app.inject({
      method: 'GET',
      url: `/restconf/operational/tapi-common:context/tapi-connectivity:connectivity-service/${encodeURIComponent(s.json().output.service.uuid)}`,
    });
    expect(odl.statusCode).toBe(200);
    const warnings = journal(lenient).flatMap((e) => (e.warnings as string[] | undefined) ?? []);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('SDK Swagger URL; RFC 8040: /restconf/operations/tapi-connectivity:create-'),
        expect.stringContaining('OpenDaylight draft URL'),
      ]),
    );
    const refused = await post(strict, swagger, evpl(UNI1, UNI5, 102));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()['ietf-restconf:errors'].error[0]).toMatchObject({
      'error-tag': 'invalid-value',
      'error-message': expect.stringContaining(`not RFC 8040; use POST ${CREATE}`),
    });
    const odlStrict = await strict.app.inject({
      method: 'GET',
      url: '/restconf/operational/tapi-common:context',
    });
    expect(odlStrict.statusCode).toBe(400);
  });

  it('refuses one end-point (libyang), an unknown SIP (invalid-value at its error-path) and a VLAN clash (409)', async () => {
    const one = await post(lenient, CREATE, createInput({ eps: [{ sip: UNI1, vlans: [110] }] }));
    expect(one.statusCode).toBe(400);
    expect(one.json()['ietf-restconf:errors'].error[0]['error-type']).toBe('application');

    const unknown = await post(lenient, CREATE, evpl('sip:nowhere', UNI3, 111));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()['ietf-restconf:errors'].error[0]).toMatchObject({
      'error-type': 'application',
      'error-tag': 'invalid-value',
      'error-path': '/input/end-point[1]/service-interface-point/service-interface-point-id',
    });

    expect((await post(lenient, CREATE, evpl(UNI1, UNI3, 120))).statusCode).toBe(200);
    const clash = await post(lenient, CREATE, evpl(UNI1, UNI3, 120));
    expect(clash.statusCode).toBe(409);
    expect(clash.json()['ietf-restconf:errors'].error[0]).toMatchObject({
      'error-type': 'application',
      'error-tag': 'resource-denied',
      'error-app-tag': 'vlan-in-use',
    });
  });

  it('takes an unprefixed augment leniently and refuses it in strict mode', async () => {
    const input = evpl(UNI1, UNI3, 130);
    input['nrp-carrier-eth-connectivity-resource'] = input['nrp-interface:nrp-carrier-eth-connectivity-resource'];
    delete input['nrp-interface:nrp-carrier-eth-connectivity-resource'];
    expect((await post(lenient, CREATE, input)).statusCode).toBe(200);
    const r = await post(strict, CREATE, input);
    expect(r.statusCode).toBe(400);
    expect(r.json()['ietf-restconf:errors'].error[0]['error-tag']).toMatch(/unknown-element|invalid-value/);
  });

  it('gives the resources back on delete: the same create then succeeds', async () => {
    const first = await post(lenient, CREATE, evpl(UNI1, UNI3, 140));
    const uuid = first.json()[OUT].service.uuid;
    await advance(lenient, '1m');
    expect((await post(lenient, CREATE, evpl(UNI1, UNI3, 140))).statusCode).toBe(409);
    const del = await post(lenient, DELETE, { 'service-id-or-name': uuid });
    expect(del.statusCode).toBe(200);
    expect(del.json()[OUT].service['lifecycle-state']).toBe('PENDING_REMOVAL');
    await advance(lenient, '1m');
    expect((await post(lenient, DETAILS, { 'service-id-or-name': uuid })).statusCode).toBe(400);
    expect((await post(lenient, CREATE, evpl(UNI1, UNI3, 140))).statusCode).toBe(200);
  });

  it('answers malformed JSON with 400 malformed-message and XML with 415, never a 500', async () => {
    const bad = await lenient.app.inject({ method: 'POST', url: CREATE, headers: YANG, payload: '{"input": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()['ietf-restconf:errors'].error[0]['error-tag']).toBe('malformed-message');
    const xml = await lenient.app.inject({
      method: 'POST',
      url: CREATE,
      headers: { 'content-type': 'application/yang-data+xml' },
      payload: '<input xmlns="urn:onf:otcc:yang:tapi-connectivity"/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.headers['content-type']).toMatch(/^application\/yang-data\+json/);
    const notObject = await lenient.app.inject({ method: 'POST', url: CREATE, headers: YANG, payload: '[1]' });
    expect(notObject.statusCode).toBe(400);
  });

  it('locks a SIP (204, no output): a create on it is then refused 409 sip-locked', async () => {
    const lock = (state: string) =>
      post(lenient, '/restconf/operations/tapi-common:update-service-interface-point', {
        'sip-id-or-name': UNI6,
        state,
      });
    expect((await lock('LOCKED')).statusCode).toBe(204);
    const r = await post(lenient, CREATE, evpl(UNI5, UNI6, 160));
    expect(r.statusCode).toBe(409);
    expect(r.json()['ietf-restconf:errors'].error[0]['error-app-tag']).toBe('sip-locked');
    expect((await lock('UNLOCKED')).statusCode).toBe(204);
    expect((await post(lenient, CREATE, evpl(UNI5, UNI6, 160))).statusCode).toBe(200);
  });

  it('keeps its state and pending activation steps in a --store file across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lso-presto-'));
    try {
      const file = join(dir, 'presto.sqlite');
      const common = { listen: false, clockRate: 0, logger: silentLogger, validator, store: file };
      const m1 = await buildPrestoController({ ...common, ids: sequentialIds() });
      const uuid = (await post(m1, CREATE, evpl(UNI1, UNI3, 150))).json()[OUT].service.uuid;
      await m1.close();
      const m2 = await buildPrestoController({ ...common, ids: sequentialIds() });
      try {
        expect((await post(m2, DETAILS, { 'service-id-or-name': uuid })).json()[OUT].service['lifecycle-state']).toBe(
          'PLANNED',
        );
        await advance(m2, '1m');
        expect((await post(m2, DETAILS, { 'service-id-or-name': uuid })).json()[OUT].service['lifecycle-state']).toBe(
          'INSTALLED',
        );
      } finally {
        await m2.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves the list and detail RPCs, data sub-resources, host-meta and 404 for what is not there', async () => {
    const sips = await lenient.app.inject({
      method: 'POST',
      url: '/restconf/operations/tapi-common:get-service-interface-point-list',
    });
    expect(sips.statusCode).toBe(200);
    expect(sips.json()['tapi-common:output'].sip.length).toBeGreaterThan(0);
    // An RPC without input sent with RESTCONF's media type and an empty body is invoked, not refused (RFC 8040 §3.6).
    const empty = await lenient.app.inject({
      method: 'POST',
      url: '/restconf/operations/tapi-common:get-service-interface-point-list',
      headers: { 'content-type': 'application/yang-data+json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(200);
    const topo = await lenient.app.inject({
      method: 'POST',
      url: '/restconf/operations/tapi-topology:get-topology-list',
    });
    const t = topo.json()['tapi-topology:output'].topology[0];
    const node = await post(lenient, '/restconf/operations/tapi-topology:get-node-details', {
      'topology-id-or-name': t.uuid,
      'node-id-or-name': t.node[0].uuid,
    });
    expect(node.json()['tapi-topology:output'].node.uuid).toBe(t.node[0].uuid);
    const data = await lenient.app.inject({
      method: 'GET',
      url: `/restconf/data/tapi-common:context/tapi-topology:topology=${encodeURIComponent(t.uuid)}/node=${encodeURIComponent(t.node[0].uuid)}`,
    });
    expect(data.json()['tapi-topology:node'][0].uuid).toBe(t.node[0].uuid);
    const missing = await lenient.app.inject({
      method: 'GET',
      url: '/restconf/data/tapi-common:context/tapi-connectivity:connectivity-service=nope',
    });
    expect(missing.statusCode).toBe(404);
    const path = await post(lenient, '/restconf/operations/tapi-path-computation:compute-p-2-p-path', {});
    expect(path.statusCode).toBe(501);
    expect((await lenient.app.inject({ method: 'GET', url: '/.well-known/host-meta' })).body).toContain(
      "rel='restconf'",
    );
  });
});
