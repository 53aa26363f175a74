import { sequentialIds } from '../../../lib/ids';
import { restconfErrors } from '../../../runtime/server/error-bodies/restconf';
import { createService, setSipAdminState } from '../../../mocks/presto-controller/operations';
import { PrestoError, toHttpError, type PrestoProblem } from '../../../mocks/presto-controller/problems';
import { checkCreate, checkUpdate, CREATE_RULES, UPDATE_RULES } from '../../../mocks/presto-controller/rules';
import type { Json } from '../../../mocks/presto-controller/service';
import type { PrestoState } from '../../../mocks/presto-controller/state';
import { createInput, ENNI, evpl, fresh, UNI1, UNI2, UNI3, UNI4, UNI5, UNI6, type ServiceSpec } from './inputs';

const M = 1e6;
const opts = () => ({ ids: sequentialIds(), now: 0, stepMs: 1000 });

/** A state holding the given services (created through the real operation, so the ledger is the real one). */
function holding(...inputs: Json[]): PrestoState {
  let s = fresh();
  const ids = sequentialIds();
  for (const input of inputs) {
    const r = createService(s, input, { ids, now: 0, stepMs: 1000 });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    s = r.state;
  }
  return s;
}

const EP1_SIP = '/input/end-point[1]/service-interface-point/service-interface-point-id';
const EP2_SIP = '/input/end-point[2]/service-interface-point/service-interface-point-id';
const p2p = (a: string, z: string, extra: Partial<ServiceSpec> = {}, vlan = 301, cir = 100 * M): Json =>
  createInput({
    eps: [
      { sip: a, vlans: [vlan], cir },
      { sip: z, vlans: [vlan], cir },
    ],
    exclusive: false,
    ...extra,
  });

type Case = [string, () => PrestoState, Json, Partial<PrestoProblem>[]];
const cases: Case[] = [
  ['a good EVPL', fresh, evpl(UNI1, UNI5, 301), []],
  [
    'an EVPL UNI to ENNI (S-VLAN at the ENNI)',
    fresh,
    createInput({
      eps: [
        { sip: UNI3, vlans: [301] },
        { sip: ENNI, vlans: [1201] },
      ],
      exclusive: false,
    }),
    [],
  ],
  [
    'one end-point',
    fresh,
    createInput({ eps: [{ sip: UNI1, vlans: [301] }], serviceType: 'MULTIPOINT_CONNECTIVITY' }),
    [{ rule: 'end-point-count', tag: 'invalid-value', path: '/input/end-point' }],
  ],
  [
    'no end-point list',
    fresh,
    { 'conn-constraint': { 'service-type': 'MULTIPOINT_CONNECTIVITY' } },
    [{ rule: 'end-point-count' }],
  ],
  [
    'an unknown SIP',
    fresh,
    p2p(UNI1, 'sip:pe9:ge-0/0/1'),
    [
      {
        rule: 'sip-exists',
        tag: 'invalid-value',
        path: EP2_SIP,
        message: 'Some service interface points not found in the system: [sip:pe9:ge-0/0/1]',
      },
    ],
  ],
  [
    'an end-point without a SIP',
    fresh,
    { ...p2p(UNI1, UNI5), 'end-point': [{ direction: 'BIDIRECTIONAL' }, (p2p(UNI1, UNI5)['end-point'] as Json[])[1]] },
    [{ rule: 'sip-exists', path: EP1_SIP }],
  ],
  [
    'two end-points with one local-id',
    fresh,
    createInput({
      eps: [
        { sip: UNI1, vlans: [1], localId: 'x' },
        { sip: UNI5, vlans: [1], localId: 'x' },
      ],
      exclusive: false,
    }),
    [{ rule: 'local-id-unique', path: '/input/end-point[2]/local-id' }],
  ],
  [
    'a LOCKED SIP',
    () => (setSipAdminState(fresh(), UNI5, 'LOCKED', 0) as { state: PrestoState }).state,
    p2p(UNI1, UNI5),
    [{ rule: 'sip-unlocked', tag: 'resource-denied', appTag: 'sip-locked', path: EP2_SIP }],
  ],
  [
    'P2P with three end-points',
    fresh,
    createInput({
      eps: [
        { sip: UNI1, vlans: [7] },
        { sip: UNI3, vlans: [7] },
        { sip: UNI5, vlans: [7] },
      ],
      exclusive: false,
    }),
    [{ rule: 'p2p-two-end-points', tag: 'invalid-value', path: '/input/conn-constraint/service-type' }],
  ],
  [
    'a multipoint service with three end-points',
    fresh,
    createInput({
      eps: [
        { sip: UNI1, vlans: [7] },
        { sip: UNI3, vlans: [7] },
        { sip: UNI5, vlans: [7] },
      ],
      exclusive: false,
      serviceType: 'MULTIPOINT_CONNECTIVITY',
    }),
    [],
  ],
  [
    'VLAN 5000 (the YANG allows it)',
    fresh,
    p2p(UNI1, UNI5, {}, 5000),
    [
      {
        rule: 'vlan-range',
        tag: 'invalid-value',
        path: "/input/end-point[1]/nrp-interface:nrp-carrier-eth-connectivity-end-point-resource/ce-vlan-id-list-and-untag/vlan-id[vlan-id='5000']",
      },
      {
        rule: 'vlan-range',
        path: "/input/end-point[2]/nrp-interface:nrp-carrier-eth-connectivity-end-point-resource/ce-vlan-id-list-and-untag/vlan-id[vlan-id='5000']",
      },
    ],
  ],
  ['VLAN 0 on an EVPL', fresh, p2p(UNI1, UNI5, {}, 0), [{ rule: 'vlan-range' }, { rule: 'vlan-range' }]],
  [
    'VLAN 0 on an EPL (Unimgr port-based)',
    fresh,
    createInput({
      eps: [
        { sip: UNI1, vlans: [0] },
        { sip: UNI5, vlans: [0] },
      ],
      exclusive: true,
    }),
    [],
  ],
  [
    'a CE-VLAN already mapped at the UNI',
    () => holding(evpl(UNI1, UNI5, 301)),
    evpl(UNI1, UNI3, 301),
    [{ rule: 'vlan-in-use', tag: 'resource-denied', appTag: 'vlan-in-use', path: '/input/end-point[1]' }],
  ],
  ['the same CE-VLAN on another UNI', () => holding(evpl(UNI1, UNI5, 301)), evpl(UNI2, UNI3, 301), []],
  [
    'an EVPL on a port an EPL holds',
    () => holding(createInput({ eps: [{ sip: UNI1 }, { sip: UNI5 }], exclusive: true })),
    evpl(UNI1, UNI3, 9),
    [
      {
        rule: 'port-exclusive',
        appTag: 'port-exclusive',
        path: '/input/end-point[1]',
        message: 'sip:pe1:ge-0/0/1 is held exclusively by service cs-1',
      },
    ],
  ],
  [
    'an EPL on a port an EVPL uses',
    () => holding(evpl(UNI1, UNI5, 301)),
    createInput({ eps: [{ sip: UNI3 }, { sip: UNI5 }], exclusive: true }),
    [{ rule: 'port-exclusive', path: '/input/end-point[2]' }],
  ],
  [
    'an EVPL that omits is-exclusive is port-based (YANG default true), so a second one cannot join',
    () =>
      holding(
        createInput({
          eps: [
            { sip: UNI1, vlans: [301] },
            { sip: UNI5, vlans: [301] },
          ],
        }),
      ),
    evpl(UNI1, UNI3, 302),
    [{ rule: 'port-exclusive', path: '/input/end-point[1]' }],
  ],
  [
    "max-frame-size above a SIP's",
    fresh,
    p2p(UNI1, UNI5, { maxFrameSize: 1600 }),
    [
      {
        rule: 'max-frame-size',
        tag: 'invalid-value',
        path: '/input/nrp-interface:nrp-carrier-eth-connectivity-resource/max-frame-size',
        message: "max-frame-size 1600 exceeds sip:pe1:ge-0/0/1's 1522",
      },
    ],
  ],
  ['max-frame-size within both', fresh, p2p(UNI4, UNI6, { maxFrameSize: 9216 }), []],
  [
    'CIR beyond the UNI',
    fresh,
    p2p(UNI1, UNI6, {}, 301, 1001 * M),
    [{ rule: 'sip-bandwidth', tag: 'resource-denied', appTag: 'bandwidth-exhausted', path: '/input/end-point[1]' }],
  ],
  [
    'CIR that both UNIs take but no route can carry (pe1-pe2 nearly full, the direct 1G link partly taken)',
    () => holding(p2p(ENNI, UNI4, { maxFrameSize: 9000 }, 10, 9_500 * M), p2p(UNI2, UNI5, {}, 11, 800 * M)),
    p2p(UNI1, UNI6, {}, 12, 600 * M),
    [
      {
        rule: 'link-bandwidth',
        tag: 'resource-denied',
        appTag: 'bandwidth-exhausted',
        message: 'does not fit link link:pe1-pe2: 500 Mb/s of 10000 Mb/s left',
      },
    ],
  ],
  [
    'a service that takes the direct link when the way through pe2 is full',
    () => holding(p2p(ENNI, UNI4, { maxFrameSize: 9000 }, 10, 9_500 * M)),
    p2p(UNI2, UNI6, {}, 11, 600 * M),
    [],
  ],
  [
    "no path between the SIPs' nodes",
    () => {
      const s = fresh();
      const links = Object.fromEntries(
        Object.entries(s.topology.links).map(([k, l]) => [
          k,
          k === 'link:pe1-pe2' ? l : { ...l, operationalState: 'DISABLED' as const },
        ]),
      );
      return { ...s, topology: { ...s.topology, links } };
    },
    p2p(UNI1, UNI5),
    [
      {
        rule: 'path-exists',
        tag: 'resource-denied',
        appTag: 'no-path',
        message: 'Cannot define activation scheme: no path joins pe1, pe3',
      },
    ],
  ],
];

describe('presto-controller semantic rules of create-connectivity-service', () => {
  it.each(cases)('%s', (_name, state, input, want) => {
    const got = checkCreate(input, state());
    expect(got).toHaveLength(want.length);
    want.forEach((w, i) => {
      const { message, ...rest } = w;
      expect(got[i]).toMatchObject(rest);
      if (message) expect(got[i].message).toContain(message);
    });
  });

  it.each([
    ['create', CREATE_RULES],
    ['update', UPDATE_RULES],
  ])('every %s rule cites its source and has a unique id', (_n, rules) => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) expect(r.source).toMatch(/presto-adagio\.md §|@2018-03-07/);
  });

  it('update: a service not INSTALLED, or with a transaction under way, is in-use; problems of all rules at once', () => {
    const planned = holding(evpl(UNI1, UNI5, 301));
    const input = {
      'service-id-or-name': 'cs-1',
      'end-point': { 'local-id': 'sep:1', 'nrp-interface:nrp-carrier-eth-connectivity-end-point-resource': {} },
    };
    expect(checkUpdate(input, planned)).toEqual([expect.objectContaining({ rule: 'service-idle', tag: 'in-use' })]);
    const pending = {
      ...planned,
      transactions: {},
      services: { 'cs-1': { ...planned.services['cs-1'], lifecycleState: 'PENDING_REMOVAL' as const } },
    };
    expect(checkUpdate(input, pending)).toEqual([
      expect.objectContaining({ rule: 'service-idle', message: 'service cs-1 is PENDING_REMOVAL, not INSTALLED' }),
    ]);
    expect(checkUpdate({}, planned).map((p) => p.rule)).toEqual(['service-exists', 'one-end-point']);
  });

  it('a refused create changes nothing; an admitted one leaves the rules true of the next request', () => {
    const s = holding(evpl(UNI1, UNI5, 301));
    const before = structuredClone(s);
    expect(createService(s, evpl(UNI1, UNI3, 301), opts()).ok).toBe(false);
    expect(s).toEqual(before);
  });

  it('problems become one typed error, rendered as RFC 8040 errors with their error-path', () => {
    const err = toHttpError(checkCreate(p2p(UNI1, 'sip:nope'), fresh()));
    expect(err).toBeInstanceOf(PrestoError);
    expect(err).toMatchObject({ status: 400, tag: 'invalid-value' });
    const reply = restconfErrors.render(err);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      'ietf-restconf:errors': {
        error: [
          {
            'error-tag': 'invalid-value',
            'error-path': EP2_SIP,
            'error-message': 'Some service interface points not found in the system: [sip:nope]',
          },
        ],
      },
    });
  });

  it('a request both invalid and short of resources is refused as invalid first; resources alone give 409', () => {
    const s = holding(evpl(UNI1, UNI5, 301));
    const mixed = toHttpError(checkCreate(p2p(UNI1, 'sip:nope'), s));
    expect(mixed.tag).toBe('invalid-value');
    expect(mixed.problems).toHaveLength(1);
    const denied = toHttpError(checkCreate(evpl(UNI1, UNI3, 301), s));
    expect(denied).toMatchObject({ status: 409, tag: 'resource-denied', appTag: 'vlan-in-use' });
    expect(restconfErrors.render(denied).status).toBe(409);
  });
});
