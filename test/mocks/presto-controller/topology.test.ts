import { UsageError } from '../../../lib/errors';
import { defaultTopology, loadTopology, parseCapacity } from '../../../mocks/presto-controller/seed/topology';
import defaultDoc from '../../../mocks/presto-controller/seed/default-topology.json';

const clone = (): Record<string, any> => structuredClone(defaultDoc) as Record<string, any>;

describe('presto-controller seed topology', () => {
  it('the default network: pe1..pe3, six UNIs and one ENNI on their ports, three INNI links', () => {
    const t = defaultTopology();
    expect(Object.keys(t.nodes)).toEqual(['pe1', 'pe2', 'pe3']);
    const roles = Object.values(t.sips).map((s) => s.role);
    expect(roles.filter((r) => r === 'UNI-N')).toHaveLength(6);
    expect(roles.filter((r) => r === 'ENNI-N')).toHaveLength(1);
    expect(Object.keys(t.links)).toEqual(['link:pe1-pe2', 'link:pe2-pe3', 'link:pe1-pe3']);
    expect(t.sips['sip:pe1:ge-0/0/1']).toMatchObject({
      node: 'pe1',
      nep: 'nep:pe1:ge-0/0/1',
      capacity: 1e9,
      maxFrameSize: 1522,
      administrativeState: 'UNLOCKED',
    });
    expect(t.neps['nep:pe1:ge-0/0/1'].sip).toBe('sip:pe1:ge-0/0/1');
    expect(t.neps['nep:pe1:xe-0/1/0'].link).toBe('link:pe1-pe2');
    expect(t.links['link:pe1-pe3']).toMatchObject({ nodes: ['pe1', 'pe3'], capacity: 1e9, cost: 30 });
  });

  it.each([
    ['1G', 1e9],
    ['10G', 1e10],
    ['100M', 1e8],
    ['2.5G', 2.5e9],
    ['1000000000', 1e9],
    [1e9, 1e9],
    ['10Gbps', 1e10],
    ['fast', undefined],
    ['-1G', undefined],
    [0, undefined],
    [null, undefined],
  ])('capacity %p is %p b/s', (v, want) => {
    expect(parseCapacity(v)).toBe(want);
  });

  const cases: [string, (d: Record<string, any>) => void, RegExp][] = [
    [
      'a SIP on an unknown node',
      (d) => (d.sips[2].node = 'pe9'),
      /sips\[2\] \(sip:pe2:ge-0\/0\/1\): node 'pe9' is not in nodes/,
    ],
    [
      'a SIP on an unknown port',
      (d) => (d.sips[0].port = 'ge-9/9/9'),
      /sips\[0\] \(sip:pe1:ge-0\/0\/1\): node 'pe1' has no port 'ge-9\/9\/9'/,
    ],
    [
      'two SIPs on one port',
      (d) => (d.sips[1].port = 'ge-0/0/1'),
      /sips\[1\] \(sip:pe1:ge-0\/0\/2\): port 'ge-0\/0\/1' of 'pe1' already maps SIP 'sip:pe1:ge-0\/0\/1'/,
    ],
    [
      'an unknown role',
      (d) => (d.sips[6].role = 'NNI'),
      /sips\[6\] \(sip:pe1:xe-0\/0\/5\): role 'NNI' is not one of UNI-N, ENNI-N, INNI-N/,
    ],
    [
      'a bad max-frame-size',
      (d) => (d.sips[3]['max-frame-size'] = '9216'),
      /sips\[3\] .*max-frame-size '9216' is not an integer/,
    ],
    [
      'a duplicate SIP uuid',
      (d) => (d.sips[1].uuid = d.sips[0].uuid),
      /sips\[1\] \(sip:pe1:ge-0\/0\/1\): duplicate SIP uuid/,
    ],
    [
      'a bad port capacity',
      (d) => (d.nodes[1].ports[0].capacity = 'lots'),
      /nodes\[1\] \(pe2\)\.ports\[0\]: capacity 'lots'/,
    ],
    ['a duplicate node', (d) => (d.nodes[2].uuid = 'pe1'), /nodes\[2\] \(pe1\): duplicate node uuid 'pe1'/],
    [
      'a link to an unknown port',
      (d) => (d.links[0].z = 'pe2:xe-9/9/9'),
      /links\[0\] \(link:pe1-pe2\): z 'pe2:xe-9\/9\/9' is not a '<node>:<port>'/,
    ],
    [
      'a link on a SIP port',
      (d) => (d.links[0].a = 'pe1:ge-0/0/1'),
      /links\[0\] \(link:pe1-pe2\): a 'pe1:ge-0\/0\/1' maps SIP/,
    ],
    [
      'a link looping on a node',
      (d) => (d.links[0].z = 'pe1:xe-0/1/1'),
      /links\[0\] \(link:pe1-pe2\): both ends are on node 'pe1'/,
    ],
    [
      'a port in two links',
      (d) => (d.links[2].a = 'pe1:xe-0/1/0'),
      /links\[2\] \(link:pe1-pe3\): a 'pe1:xe-0\/1\/0' already terminates link 'link:pe1-pe2'/,
    ],
    ['a bad cost', (d) => (d.links[1].cost = 0), /links\[1\] \(link:pe2-pe3\): cost '0'/],
    ['no context uuid', (d) => delete d.context.uuid, /context: needs a uuid/],
    ['sips not a list', (d) => (d.sips = {}), /sips: expected a list/],
  ];
  it.each(cases)('refuses %s, naming the entry', (_name, spoil, message) => {
    const d = clone();
    spoil(d);
    expect(() => loadTopology(d)).toThrow(UsageError);
    expect(() => loadTopology(d)).toThrow(message);
  });

  it('lists every bad entry at once', () => {
    const d = clone();
    d.sips[0].node = 'px';
    d.links[1].cost = -1;
    expect(() => loadTopology(d)).toThrow(/sips\[0\].*; links\[1\]/);
  });
});
