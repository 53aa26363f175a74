import {
  change,
  claimOf,
  conflicts,
  endPointClaimOf,
  VLAN_MAX,
  VLAN_MIN,
  UNTAGGED,
  type LedgerResult,
  type ServiceClaim,
} from './ledger';
import { routeBetween, type Route } from './path';
import type { PrestoProblem } from './problems';
import {
  asObj,
  augment,
  CS_AUGMENT,
  demandOf,
  endPointDemand,
  EP_AUGMENT,
  NRP,
  type ConnectivityService,
  type EndPointDemand,
  type Json,
  type ServiceDemand,
} from './service';
import type { PrestoState } from './state';

/**
 * The controller's semantic checks of a `create-connectivity-service` input, beyond what the YANG says (the YANG
 * itself is the validator's job). One row per rule, each citing its source: the YANG statement, MEF 60/NRP text, or
 * the de-facto rule of the research (`presto-adagio.md` section). Every problem carries its RFC 8040 error-tag and
 * error-path (problems.ts); a request that breaks any rule creates nothing.
 *
 * The resource rows (VLANs, exclusivity, bandwidth) read the ledger's own check (ledger.ts `conflicts`), so the
 * table and the ledger can never disagree about what fits.
 */
export interface ServiceRule {
  id: string;
  source: string;
  check: (input: Json, state: PrestoState) => PrestoProblem[];
}

/** What the rules work out from one request against one state, once. */
export interface Admission {
  demand: ServiceDemand;
  /** The route over the topology, when every SIP is known and a path with the bandwidth exists. */
  route?: Route;
  /** The route ignoring bandwidth, when one exists. */
  anyRoute?: Route;
  /** The claim the service would make, with its route's links (the unconstrained route when none has capacity). */
  claim: ServiceClaim;
  conflicts: PrestoProblem[];
}

const memo = new WeakMap<Json, WeakMap<PrestoState, Admission>>();
/** The service uuid a claim is checked under before the service has one. */
export const CANDIDATE = '(new service)';

export function admission(input: Json, state: PrestoState): Admission {
  let byState = memo.get(input);
  const hit = byState?.get(state);
  if (hit) return hit;
  const demand = demandOf(input);
  const { topology, ledger } = state;
  const sips = demand.endPoints.map((e) => (e.sip ? topology.sips[e.sip] : undefined));
  const known = sips.every((s) => s !== undefined) && sips.length > 0;
  const nodes = known ? sips.map((s) => s!.node) : [];
  const bandwidth = Math.max(0, ...demand.endPoints.map((e) => e.cir));
  const anyRoute = known ? routeBetween(topology, nodes) : undefined;
  const route = known
    ? routeBetween(topology, nodes, { bandwidth, committed: (l) => ledger.links[l]?.cir ?? 0 })
    : undefined;
  const claim = claimOf(CANDIDATE, demand, (route ?? anyRoute)?.links ?? []);
  const a: Admission = { demand, route, anyRoute, claim, conflicts: known ? conflicts(ledger, topology, claim) : [] };
  if (!byState) memo.set(input, (byState = new WeakMap()));
  byState.set(state, a);
  return a;
}

const ep = (n: number, rest = '') => `/input/end-point[${n}]${rest}`;
const SIP_PATH = '/service-interface-point/service-interface-point-id';
const fromLedger = (rule: string) => (input: Json, state: PrestoState) =>
  admission(input, state).conflicts.filter((p) => p.rule === rule);

export const CREATE_RULES: readonly ServiceRule[] = [
  {
    id: 'end-point-count',
    source:
      'tapi-connectivity@2018-03-07 rpc create-connectivity-service input/end-point min-elements 2; Unimgr decomposer (presto-adagio.md §1.4)',
    check: (input) => {
      const n = demandOf(input).endPoints.length;
      return n >= 2
        ? []
        : [
            {
              rule: 'end-point-count',
              tag: 'invalid-value',
              path: '/input/end-point',
              message: `a connectivity service needs at least 2 end-points, got ${n}`,
            },
          ];
    },
  },
  {
    id: 'sip-exists',
    source:
      'tapi-common@2018-03-07 service-interface-point-ref: leafref to /context/service-interface-point/uuid; Unimgr "Some service interface points not found in the system" (presto-adagio.md §1.4, §1.11)',
    check: (input, state) =>
      demandOf(input).endPoints.flatMap((e): PrestoProblem[] =>
        e.sip && state.topology.sips[e.sip]
          ? []
          : [
              {
                rule: 'sip-exists',
                tag: 'invalid-value',
                path: ep(e.position, SIP_PATH),
                message: e.sip
                  ? `Some service interface points not found in the system: [${e.sip}]`
                  : `end-point ${e.position} names no service-interface-point-id`,
              },
            ],
      ),
  },
  {
    id: 'local-id-unique',
    source:
      "tapi-connectivity@2018-03-07 connectivity-service end-point list key 'local-id': the kept service cannot hold two end-points with one local-id",
    check: (input) => {
      const seen = new Set<string>();
      return demandOf(input).endPoints.flatMap((e): PrestoProblem[] => {
        if (e.localId === undefined) return [];
        if (!seen.has(e.localId)) {
          seen.add(e.localId);
          return [];
        }
        return [
          {
            rule: 'local-id-unique',
            tag: 'invalid-value',
            path: ep(e.position, '/local-id'),
            message: `end-point local-id '${e.localId}' is used by an earlier end-point`,
          },
        ];
      });
    },
  },
  {
    id: 'sip-unlocked',
    source:
      'tapi-common admin-state-pac administrative-state, set by update-service-interface-point; scenario "SIP locked" (presto-adagio.md §4.3)',
    check: (input, state) =>
      demandOf(input).endPoints.flatMap((e): PrestoProblem[] =>
        e.sip && state.topology.sips[e.sip]?.administrativeState === 'LOCKED'
          ? [
              {
                rule: 'sip-unlocked',
                tag: 'resource-denied',
                appTag: 'sip-locked',
                path: ep(e.position, SIP_PATH),
                message: `service interface point ${e.sip} is LOCKED`,
              },
            ]
          : [],
      ),
  },
  {
    id: 'p2p-two-end-points',
    source:
      'tapi-connectivity service-type POINT_TO_POINT_CONNECTIVITY; "P2P means exactly 2 end-points" (presto-adagio.md §1.4)',
    check: (input) => {
      const d = demandOf(input);
      return d.serviceType === 'POINT_TO_POINT_CONNECTIVITY' && d.endPoints.length !== 2
        ? [
            {
              rule: 'p2p-two-end-points',
              tag: 'invalid-value',
              path: '/input/conn-constraint/service-type',
              message: `a POINT_TO_POINT_CONNECTIVITY service has exactly 2 end-points, got ${d.endPoints.length}`,
            },
          ]
        : [];
    },
  },
  {
    id: 'vlan-range',
    source:
      'mef-common-types vlan-id is an unranged int64 (positive-integer); VLAN ids are 1..4094 (IEEE 802.1Q; presto-adagio.md §1.4). "0" is accepted only on an exclusive end-point: Unimgr\'s port-based EPL (§1.4)',
    check: (input) => {
      const d = demandOf(input);
      return d.endPoints.flatMap((e) =>
        e.vlans.ids
          .filter((v) => !(v >= VLAN_MIN && v <= VLAN_MAX) && !(v === UNTAGGED && d.isExclusive))
          .map((v): PrestoProblem => ({
            rule: 'vlan-range',
            tag: 'invalid-value',
            path: ep(e.position, `/${NRP}:${EP_AUGMENT}/ce-vlan-id-list-and-untag/vlan-id[vlan-id='${v}']`),
            message: `VLAN id ${Number.isNaN(v) ? '(not an integer)' : v} is outside 1..4094`,
          })),
      );
    },
  },
  {
    id: 'vlan-in-use',
    source:
      'a CE-VLAN maps to at most one service at a UNI, an S-VLAN to one at an ENNI (MEF 10.4 CE-VLAN ID/EVC map, MEF 26.2; presto-adagio.md §1.4, §4.1)',
    check: fromLedger('vlan-in-use'),
  },
  {
    id: 'port-exclusive',
    source:
      'tapi-connectivity connectivity-constraint is-exclusive (default "true": EPL vs EVPL): an exclusive service takes the whole port, a non-exclusive one cannot join it, nor it a used port (presto-adagio.md §1.4, §3.2)',
    check: fromLedger('port-exclusive'),
  },
  {
    id: 'max-frame-size',
    source:
      "nrp-interface nrp-carrier-eth-connectivity-resource max-frame-size no larger than each SIP's carrier-eth-interface-resource max-frame-size (presto-adagio.md §1.4)",
    check: (input, state) => {
      const mfs = augment(input, CS_AUGMENT)?.['max-frame-size'];
      const d = demandOf(input);
      const path = `/input/${NRP}:${CS_AUGMENT}/max-frame-size`;
      if (d.maxFrameSize === undefined) return [];
      if (!Number.isSafeInteger(d.maxFrameSize) || d.maxFrameSize < 1) {
        return [{ rule: 'max-frame-size', tag: 'invalid-value', path, message: `max-frame-size '${String(mfs)}'` }];
      }
      const small = d.endPoints
        .map((e) => (e.sip ? state.topology.sips[e.sip] : undefined))
        .filter((s) => s !== undefined && s.maxFrameSize < d.maxFrameSize!);
      return small.length
        ? [
            {
              rule: 'max-frame-size',
              tag: 'invalid-value',
              path,
              message: `max-frame-size ${d.maxFrameSize} exceeds ${small.map((s) => `${s!.uuid}'s ${s!.maxFrameSize}`).join(', ')}`,
            },
          ]
        : [];
    },
  },
  {
    id: 'sip-bandwidth',
    source:
      'the sum of ingress CIR at a SIP is within its capacity (tapi-common capacity-pac available-capacity; presto-adagio.md §1.4, §4.1)',
    check: fromLedger('sip-bandwidth'),
  },
  {
    id: 'path-exists',
    source:
      'a path must exist between the SIPs\' nodes over enabled links; Unimgr "Cannot define activation scheme" (presto-adagio.md §1.4, §1.11)',
    check: (input, state) => {
      const a = admission(input, state);
      const known =
        a.demand.endPoints.length > 0 && a.demand.endPoints.every((e) => e.sip && state.topology.sips[e.sip]);
      return known && !a.anyRoute
        ? [
            {
              rule: 'path-exists',
              tag: 'resource-denied',
              appTag: 'no-path',
              message: `Cannot define activation scheme: no path joins ${[...new Set(a.demand.endPoints.map((e) => state.topology.sips[e.sip!].node))].join(', ')}`,
            },
          ]
        : [];
    },
  },
  {
    id: 'link-bandwidth',
    source:
      'every link the route crosses carries the service\'s CIR within its capacity (TAPI link capacity-pac; presto-adagio.md §1.6 (3), §4.1 "no path once links are saturated")',
    check: (input, state) => {
      const a = admission(input, state);
      return a.anyRoute && !a.route ? a.conflicts.filter((p) => p.rule === 'link-bandwidth') : [];
    },
  },
];

/** Every problem of a create request, in table order; empty when it may be admitted. */
export function checkCreate(input: Json, state: PrestoState): PrestoProblem[] {
  return CREATE_RULES.flatMap((r) => r.check(input, state));
}

/** A service by uuid or by a name value (`service-id-or-name`), or `undefined`. */
export function findService(state: PrestoState, idOrName: unknown): ConnectivityService | undefined {
  const id = typeof idOrName === 'string' ? idOrName : '';
  if (!id) return undefined;
  return state.services[id] ?? Object.values(state.services).find((s) => (s.name ?? []).some((n) => n['value'] === id));
}

/** What the update rules work out from one request against one state, once. */
export interface UpdateAdmission {
  service?: ConnectivityService;
  /** The one end-point asked for, when the input has one (a container). */
  endPoint?: EndPointDemand;
  /** The end-point of the service it names by local-id. */
  current?: Json;
  /** The ledger with the end-point changed, or the problems; only when the service and end-point are known. */
  change?: LedgerResult;
}

const updateMemo = new WeakMap<Json, WeakMap<PrestoState, UpdateAdmission>>();

export function updateAdmission(input: Json, state: PrestoState): UpdateAdmission {
  let byState = updateMemo.get(input);
  const hit = byState?.get(state);
  if (hit) return hit;
  const a: UpdateAdmission = {};
  a.service = findService(state, input['service-id-or-name']);
  const ep = input['end-point'];
  if (typeof ep === 'object' && ep !== null && !Array.isArray(ep)) a.endPoint = endPointDemand(ep as Json, 1);
  if (a.service && a.endPoint?.localId !== undefined) {
    a.current = a.service.endPoints.find((e) => e['local-id'] === a.endPoint!.localId);
  }
  if (a.service && a.endPoint && a.current) {
    const sip = String(asObj(a.current['service-interface-point'])['service-interface-point-id']);
    const claim = endPointClaimOf(
      { ...a.endPoint, sip: a.endPoint.sip ?? sip },
      a.service.isExclusive,
      '/input/end-point',
    );
    a.change = change(state.ledger, state.topology, a.service.uuid, claim);
  }
  if (!byState) updateMemo.set(input, (byState = new WeakMap()));
  byState.set(state, a);
  return a;
}

/** "Service X does not exist" (Unimgr's wording) for update and delete, or nothing. */
export function serviceExists(input: Json, state: PrestoState): PrestoProblem[] {
  if (findService(state, input['service-id-or-name'])) return [];
  const id = input['service-id-or-name'];
  return [
    {
      rule: 'service-exists',
      tag: 'invalid-value',
      path: '/input/service-id-or-name',
      message: `Service ${typeof id === 'string' && id ? id : '(none)'} does not exist`,
    },
  ];
}

const fromChange = (rule: string) => (input: Json, state: PrestoState) => {
  const c = updateAdmission(input, state).change;
  return c && !c.ok ? c.problems.filter((p) => p.rule === rule) : [];
};

/**
 * The checks of an `update-connectivity-service` input: ONE end-point (a container), matched by local-id, its SIP
 * unchanged (Unimgr's validator, presto-adagio.md §1.5), and the resources it asks for free. A rule whose subject is
 * missing (no such service, no end-point) says nothing; the rule about that subject does.
 */
export const UPDATE_RULES: readonly ServiceRule[] = [
  {
    id: 'service-exists',
    source: 'Unimgr UpdateConnectivityAction: "Service {0} does not exist" (presto-adagio.md §1.5, §1.11)',
    check: (input, state) => serviceExists(input, state),
  },
  {
    id: 'service-idle',
    source:
      'one activation transaction per service at a time (Unimgr ActivationTransaction, presto-adagio.md §1.5); RFC 8040 §7 in-use',
    check: (input, state) => {
      const svc = updateAdmission(input, state).service;
      const tx = svc && state.transactions[svc.uuid];
      if (svc && tx) {
        return [
          {
            rule: 'service-idle',
            tag: 'in-use',
            path: '/input/service-id-or-name',
            message: `service ${svc.uuid} is being ${tx.kind === 'delete' ? 'deleted' : tx.kind === 'update' ? 'updated' : 'activated'}; try again when it is done`,
          },
        ];
      }
      if (svc && svc.lifecycleState !== 'INSTALLED') {
        return [
          {
            rule: 'service-idle',
            tag: 'in-use',
            path: '/input/service-id-or-name',
            message: `service ${svc.uuid} is ${svc.lifecycleState}, not INSTALLED`,
          },
        ];
      }
      return [];
    },
  },
  {
    id: 'one-end-point',
    source:
      'tapi-connectivity@2018-03-07 rpc update-connectivity-service input: end-point is a container, one end-point per call (presto-adagio.md §1.5)',
    check: (input, state) =>
      updateAdmission(input, state).endPoint
        ? []
        : [
            {
              rule: 'one-end-point',
              tag: 'invalid-value',
              path: '/input/end-point',
              message: 'update-connectivity-service changes one end-point (a container); none given',
            },
          ],
  },
  {
    id: 'end-point-exists',
    source: 'Unimgr update validator: an end-point with that local-id exists in the service (presto-adagio.md §1.5)',
    check: (input, state) => {
      const a = updateAdmission(input, state);
      if (!a.service || !a.endPoint || a.current) return [];
      return [
        {
          rule: 'end-point-exists',
          tag: 'invalid-value',
          path: '/input/end-point/local-id',
          message:
            a.endPoint.localId === undefined
              ? 'the end-point needs its local-id'
              : `service ${a.service.uuid} has no end-point '${a.endPoint.localId}'`,
        },
      ];
    },
  },
  {
    id: 'sip-unchanged',
    source:
      'Unimgr update validator: "Sip mapping for endpoint … is not matching", the SIP of an end-point cannot change (presto-adagio.md §1.5)',
    check: (input, state) => {
      const c = updateAdmission(input, state).change;
      return c && !c.ok
        ? c.problems.filter((p) => p.rule === 'ledger').map((p) => ({ ...p, rule: 'sip-unchanged' }))
        : [];
    },
  },
  {
    id: 'vlan-range',
    source: 'as for create: VLAN ids 1..4094, "0" only on an exclusive service (presto-adagio.md §1.4)',
    check: (input, state) => {
      const a = updateAdmission(input, state);
      if (!a.endPoint) return [];
      const exclusive = a.service?.isExclusive ?? false;
      return a.endPoint.vlans.ids
        .filter((v) => !(v >= VLAN_MIN && v <= VLAN_MAX) && !(v === UNTAGGED && exclusive))
        .map((v): PrestoProblem => ({
          rule: 'vlan-range',
          tag: 'invalid-value',
          path: `/input/end-point/${NRP}:${EP_AUGMENT}/ce-vlan-id-list-and-untag/vlan-id[vlan-id='${v}']`,
          message: `VLAN id ${Number.isNaN(v) ? '(not an integer)' : v} is outside 1..4094`,
        }));
    },
  },
  { id: 'vlan-in-use', source: 'as for create (presto-adagio.md §1.4)', check: fromChange('vlan-in-use') },
  { id: 'port-exclusive', source: 'as for create (presto-adagio.md §1.4)', check: fromChange('port-exclusive') },
  { id: 'sip-bandwidth', source: 'as for create (presto-adagio.md §1.4, §4.1)', check: fromChange('sip-bandwidth') },
  {
    id: 'link-bandwidth',
    source:
      'the new largest CIR fits every link of the route the service already has; an update does not reroute (presto-adagio.md §3.4)',
    check: fromChange('link-bandwidth'),
  },
];

/** Every problem of an update request, in table order; empty when it may be applied. */
export function checkUpdate(input: Json, state: PrestoState): PrestoProblem[] {
  return UPDATE_RULES.flatMap((r) => r.check(input, state));
}
