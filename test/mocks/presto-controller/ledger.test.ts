import {
  audit,
  change,
  emptyLedger,
  isEmpty,
  linkAvailable,
  release,
  reserve,
  sipAvailable,
  vlansOf,
  type EndPointClaim,
  type Ledger,
  type ServiceClaim,
} from '../../../mocks/presto-controller/ledger';
import { defaultTopology } from '../../../mocks/presto-controller/seed/topology';

const t = defaultTopology();
const [UNI1, UNI2, UNI3, UNI5, UNI6, ENNI] = [
  'sip:pe1:ge-0/0/1',
  'sip:pe1:ge-0/0/2',
  'sip:pe2:ge-0/0/1',
  'sip:pe3:ge-0/0/1',
  'sip:pe3:xe-0/0/9',
  'sip:pe1:xe-0/0/5',
];
const ep = (localId: string, sip: string, vlans: number[], cir: number, exclusive = false): EndPointClaim => ({
  localId,
  sip,
  vlans,
  cir,
  exclusive,
});
const svc = (service: string, endPoints: EndPointClaim[], links = ['link:pe1-pe2', 'link:pe2-pe3']): ServiceClaim => ({
  service,
  endPoints,
  links,
});
const ok = (r: ReturnType<typeof reserve>): Ledger => {
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.ledger;
};
const M = 1e6;

describe('presto-controller resource ledger', () => {
  it('reserve records VLANs, the exclusive holder and CIR per SIP and the largest CIR per link', () => {
    const l = ok(
      reserve(emptyLedger(), t, svc('cs-1', [ep('a', UNI1, [301], 100 * M), ep('z', UNI5, [301], 200 * M)])),
    );
    expect(l.sips[UNI1]).toEqual({ vlans: { 301: 'cs-1' }, cir: 100 * M, services: { 'cs-1': ['a'] } });
    expect(l.sips[UNI5].cir).toBe(200 * M);
    expect(l.links['link:pe1-pe2']).toEqual({ cir: 200 * M, services: { 'cs-1': 200 * M } });
    expect(sipAvailable(l, t, UNI1)).toBe(900 * M);
    expect(linkAvailable(l, t, 'link:pe2-pe3')).toBe(10_000 * M - 200 * M);
    expect(linkAvailable(l, t, 'link:pe1-pe3')).toBe(1000 * M);
    expect(audit(l)).toEqual([]);
  });

  type Case = [string, ServiceClaim, string, string];
  const base = (): Ledger =>
    [
      svc('evpl', [ep('a', UNI1, [301, 302], 600 * M), ep('z', UNI5, [301, 302], 100 * M)]),
      svc('epl', [ep('a', UNI2, [], 100 * M, true), ep('z', UNI3, [], 100 * M, true)], ['link:pe1-pe2']),
      svc('ovc', [ep('a', ENNI, [1201], 100 * M), ep('z', UNI6, [10], 100 * M)]),
    ].reduce((l, c) => ok(reserve(l, t, c)), emptyLedger());
  const refusals: Case[] = [
    [
      'a CE-VLAN in use at a UNI',
      svc('n', [ep('a', UNI1, [302], 1), ep('z', UNI3, [5], 1)]),
      'vlan-in-use',
      'CE-VLAN 302 at sip:pe1:ge-0/0/1 already in use by evpl',
    ],
    [
      'an S-VLAN in use at an ENNI',
      svc('n', [ep('a', ENNI, [1200, 1201], 1), ep('z', UNI3, [5], 1)]),
      'vlan-in-use',
      'S-VLAN 1201 at sip:pe1:xe-0/0/5',
    ],
    [
      'the same VLAN twice at one SIP in one request',
      svc('n', [ep('a', UNI3, [7], 1), ep('b', UNI3, [7, 8], 1)], []),
      'vlan-in-use',
      'end-point a of this request',
    ],
    [
      'a port an exclusive service holds',
      svc('n', [ep('a', UNI2, [9], 1), ep('z', UNI3, [9], 1)]),
      'port-exclusive',
      'held exclusively by service epl',
    ],
    [
      'an exclusive service on a used port',
      svc('n', [ep('a', UNI1, [], 1, true), ep('z', UNI3, [], 1, true)]),
      'port-exclusive',
      'which service evpl uses',
    ],
    [
      'CIR beyond the SIP',
      svc('n', [ep('a', UNI1, [400], 401 * M), ep('z', UNI6, [400], 1)]),
      'bandwidth-exhausted',
      '400 Mb/s of 1000 Mb/s left',
    ],
    [
      'CIR beyond a link',
      svc('n', [ep('a', UNI6, [401], 9_000 * M), ep('z', UNI5, [401], 1)], ['link:pe1-pe3']),
      'bandwidth-exhausted',
      'link link:pe1-pe3',
    ],
    [
      'an unknown SIP',
      svc('n', [ep('a', 'sip:pe9:x', [1], 1), ep('z', UNI3, [1], 1)]),
      '',
      'not found in the system: [sip:pe9:x]',
    ],
  ];
  it.each(refusals)('refuses %s, and leaves the ledger as it was', (_name, claim, appTag, message) => {
    const l = base();
    const before = structuredClone(l);
    const r = reserve(l, t, claim);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual(
      expect.objectContaining({ ...(appTag ? { appTag } : {}), message: expect.stringContaining(message) }),
    );
    expect(l).toEqual(before);
  });

  it('a service reserves once; release gives back exactly what it took, and twice is once', () => {
    const l = base();
    const again = reserve(l, t, svc('evpl', [ep('a', UNI3, [1], 1), ep('z', UNI5, [1], 1)]));
    expect(again.ok).toBe(false);
    const without = release(l, 'evpl');
    expect(release(without, 'evpl')).toBe(without);
    expect(without.sips[UNI1]).toBeUndefined();
    expect(without.links['link:pe2-pe3']).toEqual({ cir: 100 * M, services: { ovc: 100 * M } });
    expect(audit(without)).toEqual([]);
    expect(isEmpty(['epl', 'ovc'].reduce(release, without))).toBe(true);
  });

  it('VLAN mappings: LIST, EXCEPT, ALL and untagged', () => {
    const d = (type: 'LIST' | 'EXCEPT' | 'ALL', ids: number[], untagged = false) => ({
      position: 1,
      vlans: { type, ids, untagged },
      cir: 0,
    });
    expect(vlansOf(d('LIST', [5, 3, 3, 5000]))).toEqual([3, 5]);
    expect(vlansOf(d('EXCEPT', [1, 2]))).toHaveLength(4092);
    expect(vlansOf(d('ALL', []))).toHaveLength(4094);
    expect(vlansOf(d('LIST', [7], true))).toEqual([0, 7]);
    expect(vlansOf(d('LIST', [0]))).toEqual([0]);
  });

  describe('change: one end-point per update-connectivity-service', () => {
    it.each([
      ['raises CIR within capacity', ep('a', UNI1, [301, 302], 900 * M), true, 900 * M],
      ['moves to free VLANs, freeing the old', ep('a', UNI1, [310], 600 * M), true, 600 * M],
      ['lowers CIR', ep('a', UNI1, [301, 302], 50 * M), true, 100 * M],
    ])('%s', (_n, newEp, _ok, linkCir) => {
      const l = base();
      const r = change(l, t, 'evpl', newEp);
      if (!r.ok) throw new Error(r.problems[0].message);
      expect(r.ledger.sips[UNI1].cir).toBe(newEp.cir);
      expect(r.ledger.links['link:pe1-pe2'].services.evpl).toBe(linkCir);
      expect(Object.keys(r.ledger.sips[UNI1].vlans).map(Number)).toEqual(newEp.vlans);
      expect(audit(r.ledger)).toEqual([]);
    });

    it.each([
      ['an unknown service', 'nope', ep('a', UNI1, [1], 1), 'Service nope does not exist'],
      ['an unknown end-point', 'evpl', ep('q', UNI1, [1], 1), "has no end-point 'q'"],
      ['another SIP', 'evpl', ep('a', UNI3, [1], 1), 'Sip mapping for endpoint a is not matching'],
      [
        'a VLAN another service uses there',
        'ovc',
        ep('z', UNI6, [10, 11], 1),
        'CE-VLAN 11 at sip:pe3:xe-0/0/9 already in use by other',
      ],
      ['CIR beyond the SIP', 'evpl', ep('a', UNI1, [301], 1001 * M), 'does not fit sip:pe1:ge-0/0/1'],
    ])('refuses %s, untouched', (_n, service, newEp, message) => {
      let l = base();
      if (service === 'ovc') l = ok(reserve(l, t, svc('other', [ep('x', UNI6, [11], 1), ep('y', UNI5, [11], 1)])));
      const before = structuredClone(l);
      const r = change(l, t, service, newEp);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0].message).toContain(message);
      expect(l).toEqual(before);
    });
  });

  it('random creates, updates and deletes keep the totals exact and drain to empty', () => {
    // A small deterministic PRNG (mulberry32), so a failure replays.
    let seed = 0x5eed;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const sips = Object.keys(t.sips);
    const links = Object.keys(t.links);
    let l = emptyLedger();
    const live = new Set<string>();
    let refused = 0;
    for (let i = 0; i < 1500; i++) {
      const r = rand();
      if (r < 0.5 || live.size === 0) {
        const exclusive = rand() < 0.15;
        const claim = svc(
          `cs-${i}`,
          ['a', 'z'].map((id) =>
            ep(id, pick(sips), exclusive ? [] : [1 + Math.floor(rand() * 20)], Math.floor(rand() * 400) * M, exclusive),
          ),
          links.filter(() => rand() < 0.5),
        );
        const before = structuredClone(l);
        const res = reserve(l, t, claim);
        if (res.ok) {
          l = res.ledger;
          live.add(claim.service);
        } else {
          refused++;
          expect(l).toEqual(before);
        }
      } else if (r < 0.75) {
        const s = pick([...live]);
        const old = pick(l.claims[s].endPoints);
        const res = change(l, t, s, {
          ...old,
          vlans: old.exclusive ? [] : [1 + Math.floor(rand() * 20)],
          cir: Math.floor(rand() * 400) * M,
        });
        if (res.ok) l = res.ledger;
      } else {
        const s = pick([...live]);
        l = release(l, s);
        live.delete(s);
      }
      expect(audit(l)).toEqual([]);
      for (const [sip, u] of Object.entries(l.sips)) expect(u.cir).toBeLessThanOrEqual(t.sips[sip].capacity);
      for (const [link, u] of Object.entries(l.links)) expect(u.cir).toBeLessThanOrEqual(t.links[link].capacity);
    }
    expect(refused).toBeGreaterThan(50); // the loop did meet every kind of refusal, not only successes
    for (const s of live) l = release(l, s);
    expect(l).toEqual(emptyLedger());
  });
});
