import { sequentialIds } from '../../../lib/ids';
import { capacity, renderContext } from '../../../mocks/presto-controller/context';
import { createService, runDue } from '../../../mocks/presto-controller/operations';
import type { Json } from '../../../mocks/presto-controller/service';
import { ENNI, evpl, fresh, UNI1, UNI5 } from './inputs';

const M = 1e6;
type Any = Record<string, any>;

/** Every JSON number in a document, with its path: RFC 7951 writes int64/uint64 as strings, and TAPI has no other. */
function numbers(v: unknown, path = ''): string[] {
  if (typeof v === 'number') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => numbers(x, `${path}[${i}]`));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => numbers(x, `${path}/${k}`));
  return [];
}

function active(): Any {
  const ids = sequentialIds();
  // The client sends the int64 leaves as JSON numbers and the augment unprefixed (what ODL accepted).
  const input = evpl(UNI1, UNI5, 301, 100 * M) as Any;
  for (const ep of input['end-point']) {
    const aug = ep['nrp-interface:nrp-carrier-eth-connectivity-end-point-resource'];
    delete ep['nrp-interface:nrp-carrier-eth-connectivity-end-point-resource'];
    ep['nrp-carrier-eth-connectivity-end-point-resource'] = {
      ...aug,
      'ce-vlan-id-list-and-untag': { 'vlan-id': [{ 'vlan-id': 301 }] },
    };
  }
  const r = createService(fresh(), input as Json, { ids, now: 0, stepMs: 1000 });
  if (!r.ok) throw new Error(r.problems[0].message);
  return renderContext(runDue(r.state, 3000).state) as Any;
}

describe('presto-controller tapi-common:context (RFC 7951)', () => {
  it.each([
    [1e9, { value: '1', unit: 'GBPS' }],
    [900 * M, { value: '900', unit: 'MBPS' }],
    [1500, { value: '1', unit: 'KBPS' }],
  ])('capacity %p b/s is %p', (bps, size) => {
    expect(capacity(bps)).toEqual({ 'total-size': size });
  });

  it('an empty controller: SIPs with their nrp-interface augment, the topology with nodes, NEPs and links', () => {
    const doc = renderContext(fresh()) as Any;
    expect(Object.keys(doc)).toEqual(['tapi-common:context']);
    const ctx = doc['tapi-common:context'];
    expect(Object.keys(ctx)).toEqual([
      'uuid',
      'name',
      'service-interface-point',
      'tapi-topology:topology',
      'tapi-topology:nw-topology-service',
    ]);
    const sip = ctx['service-interface-point'].find((s: Any) => s.uuid === UNI1);
    expect(sip).toMatchObject({
      'layer-protocol-name': ['ETH'],
      'administrative-state': 'UNLOCKED',
      'total-potential-capacity': { 'total-size': { value: '1', unit: 'GBPS' } },
      'nrp-interface:nrp-carrier-eth-uni-n-resource': { 'max-frame-size': '1522' },
    });
    expect(ctx['service-interface-point'].find((s: Any) => s.uuid === ENNI)).toHaveProperty(
      ['nrp-interface:nrp-carrier-eth-enni-n-resource', 'max-frame-size'],
      '9216',
    );
    const topo = ctx['tapi-topology:topology'][0];
    expect(topo.node.map((n: Any) => n.uuid)).toEqual(['pe1', 'pe2', 'pe3']);
    const nep = topo.node[0]['owned-node-edge-point'].find((n: Any) => n.uuid === 'nep:pe1:ge-0/0/1');
    expect(nep['mapped-service-interface-point']).toEqual([{ 'service-interface-point-id': UNI1 }]);
    expect(topo.link[0]).toMatchObject({
      uuid: 'link:pe1-pe2',
      'node-edge-point': [
        { 'topology-id': 'topo:presto-metro', 'node-id': 'pe1', 'owned-node-edge-point-id': 'nep:pe1:xe-0/1/0' },
        { 'topology-id': 'topo:presto-metro', 'node-id': 'pe2', 'owned-node-edge-point-id': 'nep:pe2:xe-0/1/0' },
      ],
      'cost-characteristic': [{ 'cost-name': 'HOP_COST', 'cost-value': '10', 'cost-algorithm': 'static' }],
    });
    expect(numbers(doc)).toEqual([]);
  });

  it('an active service: module-prefixed service, connections and CEPs; capacities go down; no JSON numbers', () => {
    const doc = active();
    const ctx = doc['tapi-common:context'];
    const [cs] = ctx['tapi-connectivity:connectivity-service'];
    expect(cs).toMatchObject({
      uuid: 'cs-1',
      'service-type': 'POINT_TO_POINT_CONNECTIVITY',
      'is-exclusive': false,
      'lifecycle-state': 'INSTALLED',
      'operational-state': 'ENABLED',
      connection: ['conn:cs-1'],
      'nrp-interface:nrp-carrier-eth-connectivity-resource': { 'max-frame-size': '1500' },
    });
    const ep = cs['end-point'][0];
    expect(ep).not.toHaveProperty('nrp-carrier-eth-connectivity-end-point-resource');
    expect(ep['nrp-interface:nrp-carrier-eth-connectivity-end-point-resource']).toMatchObject({
      'ce-vlan-id-list-and-untag': { 'vlan-id': [{ 'vlan-id': '301' }] },
      'ingress-bwp-flow': { cir: '100000000' },
    });
    expect(ctx['tapi-connectivity:connection'].map((c: Any) => c.uuid).sort()).toEqual([
      'conn:cs-1',
      'conn:pe1:cs-1',
      'conn:pe2:cs-1',
      'conn:pe3:cs-1',
    ]);
    const sip = ctx['service-interface-point'].find((s: Any) => s.uuid === UNI1);
    expect(sip['available-capacity']).toEqual({ 'total-size': { value: '900', unit: 'MBPS' } });
    const link = ctx['tapi-topology:topology'][0].link.find((l: Any) => l.uuid === 'link:pe1-pe2');
    expect(link['available-capacity']).toEqual({ 'total-size': { value: '9900', unit: 'MBPS' } });
    const pe1 = ctx['tapi-topology:topology'][0].node[0];
    const uniNep = pe1['owned-node-edge-point'].find((n: Any) => n.uuid === 'nep:pe1:ge-0/0/1');
    expect(uniNep['tapi-connectivity:connection-end-point']).toEqual([
      expect.objectContaining({
        uuid: 'cep:pe1:ge-0/0/1:cs-1',
        'connectivity-service-end-point': 'sep:1',
        'parent-node-edge-point': [
          { 'topology-id': 'topo:presto-metro', 'node-id': 'pe1', 'owned-node-edge-point-id': 'nep:pe1:ge-0/0/1' },
        ],
      }),
    ]);
    expect(numbers(doc)).toEqual([]);
  });
});
