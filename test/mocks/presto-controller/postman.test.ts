/**
 * MEF's own Postman collection (presto/documentation/examples in the SDK, research §1.8) run by newman against the
 * Presto controller mock, lenient and strict. The collection and its environment are read from the SDK at run time;
 * only the environment's `host` is overridden. The seed names what the collection names: the topology
 * `mef:presto-nrp-topology`, its node `mef:presto-nrp-abstract-node` and the SIPs `{{sip1_uuid}}`, `{{sip2_uuid}}`.
 *
 * Each request is asserted against the answer a conforming controller gives, and where the collection's own body
 * breaks RFC 7951, the refusal and its reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import newman from 'newman';
import { silentLogger } from '../../../lib/logger';
import { buildPrestoController, type PrestoController } from '../../../mocks/presto-controller';
import { Contracts } from '../../../specs';
import { locateSdk } from '../../../specs/sdk/locate';
import { YangValidator } from '../../../specs/yang';

type Doc = Record<string, unknown>;
interface Answer {
  code: number;
  body: Doc;
}

const EXAMPLES = join(locateSdk().dir, 'presto', 'documentation', 'examples');
const readJson = (file: string): Doc => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Doc;

const NODE = 'mef:presto-nrp-abstract-node';
const SIP1 = 'sip:ovs-node:s1:s1-eth1';
const SIP2 = 'sip:ovs-node:s2:s2-eth1';
const seed = {
  context: { uuid: 'ctx:presto-postman', name: 'presto-postman' },
  topology: { uuid: 'mef:presto-nrp-topology', name: 'mef:presto-nrp-topology' },
  nodes: [
    {
      uuid: NODE,
      ports: [
        { port: 's1-eth1', capacity: '1G' },
        { port: 's2-eth1', capacity: '1G' },
      ],
    },
  ],
  sips: [
    { uuid: SIP1, node: NODE, port: 's1-eth1', role: 'UNI-N', 'max-frame-size': 9216 },
    { uuid: SIP2, node: NODE, port: 's2-eth1', role: 'UNI-N', 'max-frame-size': 9216 },
  ],
  links: [],
};

/** The collection's item names, whitespace collapsed (some end in a space, some hold two). */
const R = {
  ovsdbAdd: 'Step 0 Init - add OVSDB Node',
  statistics: 'Step 0.1 change statistics manager mode - disable',
  topology: 'Step 1 - get Tapi Topology - mef:presto-nrp-topology',
  create: 'Step 2 - create connnectivity service',
  list: 'Step 3 - get connnectivity service list',
  delete: 'Step 4 - delete connectivity service',
  ovsdbDelete: 'Extra del OVSDB Node',
  ovsdbGet: 'Extra Init - get OVSDB Node',
  topologyList: 'Ex. get topology list RPC',
  topologyDetails: 'Ex. get topology details RPC',
  sipDetails: 'Ex. get sip details RPC',
  sipList: 'Ex. get sip list RPC',
  nodeDetails: 'Ex. get node details RPC',
  details: 'Ex. get connnectivity service details',
  context: 'Ex. get context',
} as const;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

type Item = { name: string; item?: Item[]; event?: Array<{ script?: { exec?: string[] } }>; request?: Doc };

/**
 * The collection with its two RFC 7951 defects corrected (research §1.9): the end-point augment gets its
 * `nrp-interface:` prefix and `vlan-id` (int64) becomes a string. Its test script, which reads `output.service.uuid`,
 * also reads the RFC 8040 reply member `tapi-connectivity:output` (RFC 8040 §3.6.2), and the details call is moved
 * right after the create so that it reads the service before Step 4 deletes it.
 */
function corrected(collection: Doc): Doc {
  const copy = structuredClone(collection) as { item: Item[] };
  for (const it of copy.item) {
    if (norm(it.name) !== R.create) continue;
    const body = it.request?.body as { raw: string };
    body.raw = body.raw
      .replace(
        /"nrp-carrier-eth-connectivity-end-point-resource"/g,
        '"nrp-interface:nrp-carrier-eth-connectivity-end-point-resource"',
      )
      .replace(/"vlan-id"\s*:\s*(\d+)/g, '"vlan-id": "$1"');
    for (const ev of it.event ?? [])
      if (ev.script?.exec)
        ev.script.exec = ev.script.exec.map((l) =>
          l.replace('jsonData.output.service', "(jsonData.output || jsonData['tapi-connectivity:output']).service"),
        );
  }
  const at = (name: string) => copy.item.findIndex((it) => norm(it.name) === name);
  const [details] = copy.item.splice(at(R.details), 1);
  copy.item.splice(at(R.create) + 1, 0, details);
  return copy as unknown as Doc;
}

async function runCollection(mock: PrestoController, collection: Doc, delayRequest = 0): Promise<Map<string, Answer>> {
  const summary = await new Promise<newman.NewmanRunSummary>((resolve, reject) =>
    newman.run(
      {
        collection: collection as never,
        environment: readJson('localhost.postman_environment.json') as never,
        envVar: [{ key: 'host', value: mock.url }],
        reporters: [],
        delayRequest,
      },
      (err, s) => (err ? reject(err) : resolve(s)),
    ),
  );
  const answers = new Map<string, Answer>();
  for (const x of summary.run.executions) {
    const text = x.response?.stream?.toString() ?? '';
    answers.set(norm(x.item.name), { code: x.response?.code ?? 0, body: text ? (JSON.parse(text) as Doc) : {} });
  }
  return answers;
}

const firstError = (a: Answer | undefined) =>
  (a?.body['ietf-restconf:errors'] as { error: Doc[] } | undefined)?.error[0] ?? {};

describe("MEF's Postman collection (newman) against the Presto controller mock", () => {
  let validator: YangValidator;
  const mocks: PrestoController[] = [];
  const runs: Record<'lenient' | 'strict' | 'lenientFixed' | 'strictFixed', Map<string, Answer>> = {
    lenient: new Map(),
    strict: new Map(),
    lenientFixed: new Map(),
    strictFixed: new Map(),
  };

  beforeAll(async () => {
    validator = await YangValidator.start();
    const contracts = Contracts.load({ sdks: ['presto'] });
    const collection = readJson('MEF-LSO-Presto-SDK-ODL.postman_collection');
    for (const strict of [false, true]) {
      const mock = await buildPrestoController({
        listen: true,
        host: '127.0.0.1',
        contracts,
        validator,
        logger: silentLogger,
        // 1 s of virtual time per real ms: the 2 s activation step is done before Step 4 deletes the service (a
        // delete during activation is 409 in-use).
        clockRate: 1000,
        seed,
        strict,
      });
      mocks.push(mock);
      runs[strict ? 'strict' : 'lenient'] = await runCollection(mock, collection);
      runs[strict ? 'strictFixed' : 'lenientFixed'] = await runCollection(mock, corrected(collection), 100);
    }
  }, 120_000);
  afterAll(async () => {
    for (const m of mocks) await m.close();
    await validator?.close();
  });

  it('runs all 15 requests of the collection, every answer an RFC 8040 JSON body', () => {
    for (const run of Object.values(runs)) {
      expect([...run.keys()].sort()).toEqual(Object.values(R).sort());
      for (const a of run.values()) expect(a.body).toEqual(expect.any(Object));
    }
  });

  describe('lenient (the default)', () => {
    const a = (name: string) => runs.lenient.get(name);

    it('Step 1, topology details, topology list, node details and the context GET (ODL URLs) succeed', () => {
      expect(a(R.topology)?.code).toBe(200);
      expect(a(R.topology)?.body['tapi-topology:topology']).toEqual([
        expect.objectContaining({ uuid: 'mef:presto-nrp-topology' }),
      ]);
      expect(a(R.topologyList)?.code).toBe(200);
      expect(a(R.topologyDetails)?.code).toBe(200);
      expect(a(R.nodeDetails)?.code).toBe(200);
      expect(a(R.nodeDetails)?.body['tapi-topology:output']).toMatchObject({ node: { uuid: NODE } });
      expect(a(R.context)?.code).toBe(200);
    });

    it('Step 2 (create) as published is refused: its vlan-id 301 is a JSON number, RFC 7951 §6.1 wants int64 as a string', () => {
      // libyang refuses the number before any rule runs; lenient mode adds the missing `nrp-interface:` prefix of the
      // end-point augment (a journal warning) but does not quote numbers.
      expect(a(R.create)?.code).toBe(400);
      expect(firstError(a(R.create))).toMatchObject({
        'error-type': 'application',
        'error-tag': 'invalid-value',
        'error-path':
          '/input/end-point[1]/nrp-interface:nrp-carrier-eth-connectivity-end-point-resource/ce-vlan-id-list-and-untag/vlan-id/vlan-id',
        'error-message': expect.stringContaining('non-num64-encoded int64'),
      });
    });

    it("Step 4 and the details call, with no service created, name the environment's stale service_uuid: 400 does not exist", () => {
      for (const name of [R.delete, R.details]) {
        expect(a(name)?.code).toBe(400);
        expect(firstError(a(name))).toMatchObject({
          'error-tag': 'invalid-value',
          'error-path': '/input/service-id-or-name',
          'error-message': 'Service cs:1620016e611:-5b449b0c does not exist',
        });
      }
    });

    it('the non-Presto ODL requests get 404: statistics-manager RPC and the OVSDB topology GET', () => {
      expect(a(R.statistics)?.code).toBe(404);
      expect(a(R.ovsdbGet)?.code).toBe(404);
    });

    // There is no network-topology resource to POST into: 404, not the read-only tree's 405.
    it('Step 0 (POST an OVSDB node into network-topology, ODL only) gets 404', () => {
      expect(a(R.ovsdbAdd)?.code).toBe(404);
    });

    // Sent with `Content-Type: application/json` and no body: an RPC without input is invoked with no body (RFC 8040
    // §3.6), so these succeed, and the DELETE reaches routing (404: no such data node).
    it('Step 3 (service list) and the SIP list, sent with an empty application/json body, succeed', () => {
      expect(a(R.list)?.code).toBe(200);
      expect(a(R.sipList)?.code).toBe(200);
    });
    it('Extra del OVSDB Node (DELETE, empty application/json body, ODL only) gets 404', () => {
      expect(a(R.ovsdbDelete)?.code).toBe(404);
    });
    // The collection sends get-service-interface-point-details with no input at all: a conforming controller refuses
    // it for the missing sip-id-or-name, not for the (legitimately) empty body.
    it('the SIP details call, sent with no body, is refused for its missing sip-id-or-name', () => {
      expect(a(R.sipDetails)?.code).toBe(400);
      expect(firstError(a(R.sipDetails))).toMatchObject({ 'error-path': '/input/sip-id-or-name' });
    });
  });

  describe('strict (RFC 8040 URLs and RFC 7951 bodies only)', () => {
    const a = (name: string) => runs.strict.get(name);

    it('refuses the ODL /restconf/operational URLs (Step 1, the context GET) with 400, naming the RFC 8040 URL', () => {
      expect(a(R.topology)?.code).toBe(400);
      expect(firstError(a(R.topology))['error-message']).toContain(
        'use GET /restconf/data/tapi-common:context/tapi-topology:topology=mef%3Apresto-nrp-topology',
      );
      expect(a(R.context)?.code).toBe(400);
      expect(firstError(a(R.context))['error-message']).toContain('use GET /restconf/data/tapi-common:context');
    });

    it('refuses Step 2 first for the unprefixed end-point augment (RFC 7951 §4): 400 unknown-element', () => {
      expect(a(R.create)?.code).toBe(400);
      expect(firstError(a(R.create))).toMatchObject({
        'error-tag': 'unknown-element',
        'error-path': '/input/end-point[1]',
        'error-message': expect.stringContaining('"nrp-carrier-eth-connectivity-end-point-resource" not found'),
      });
    });

    it('answers the RPCs whose URL is also RFC 8040 (/restconf/operations/<module>:<rpc>) as lenient does', () => {
      for (const name of [R.topologyList, R.topologyDetails, R.nodeDetails]) expect(a(name)?.code).toBe(200);
      for (const name of [R.delete, R.details]) expect(a(name)?.code).toBe(400);
      expect(a(R.statistics)?.code).toBe(404);
      expect(a(R.ovsdbGet)?.code).toBe(404);
    });
  });

  describe('the collection with its RFC 7951 defects corrected (prefixed augment, vlan-id "301")', () => {
    for (const mode of ['lenientFixed', 'strictFixed'] as const) {
      it(`${mode === 'lenientFixed' ? 'lenient' : 'strict'}: create, details and delete of the created service succeed`, () => {
        const a = (name: string) => runs[mode].get(name);
        expect(a(R.create)?.code).toBe(200);
        const svc = (a(R.create)?.body['tapi-connectivity:output'] as { service: Doc }).service;
        expect(svc).toMatchObject({ 'lifecycle-state': 'PLANNED' });
        expect(a(R.details)?.code).toBe(200);
        expect(a(R.details)?.body['tapi-connectivity:output']).toMatchObject({ service: { uuid: svc.uuid } });
        expect(a(R.delete)?.code).toBe(200);
      });
    }
  });
});
