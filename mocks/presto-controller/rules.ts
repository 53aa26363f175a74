import { claimOf, conflicts, VLAN_MAX, VLAN_MIN, UNTAGGED, type ServiceClaim } from './ledger';
import { routeBetween, type Route } from './path';
import type { PrestoProblem } from './problems';
import { augment, CS_AUGMENT, demandOf, EP_AUGMENT, NRP, type Json, type ServiceDemand } from './service';
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
