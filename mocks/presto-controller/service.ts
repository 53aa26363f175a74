/**
 * A connectivity service as the controller reads it from an RPC input (tapi-connectivity@2018-03-07
 * `create-connectivity-service` / `update-connectivity-service`, with the nrp-interface augments) and as it keeps
 * it. Reading is lenient about the two things field clients get wrong (presto-adagio.md §1.9): augment members
 * without their `nrp-interface:` prefix, and int64 leaves sent as JSON numbers; what is kept is RFC 7951.
 */

export type Json = Record<string, unknown>;

export const NRP = 'nrp-interface';
export const EP_AUGMENT = 'nrp-carrier-eth-connectivity-end-point-resource';
export const CS_AUGMENT = 'nrp-carrier-eth-connectivity-resource';

export type ServiceType =
  | 'POINT_TO_POINT_CONNECTIVITY'
  | 'POINT_TO_MULTIPOINT_CONNECTIVITY'
  | 'MULTIPOINT_CONNECTIVITY'
  | 'ROOTED_MULTIPOINT_CONNECTIVITY';

export type LifecycleState = 'PLANNED' | 'INSTALLED' | 'PENDING_REMOVAL';
export type OperationalState = 'ENABLED' | 'DISABLED';

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asObj = (v: unknown): Json => (isObj(v) ? v : {});
export const asList = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** A member of an augment: `nrp-interface:<name>` or, leniently, `<name>`. */
export function augment(obj: Json, name: string): Json | undefined {
  const v = obj[`${NRP}:${name}`] ?? obj[name];
  return isObj(v) ? v : undefined;
}

/** An int64/uint64 leaf (RFC 7951 §6.1: a string; a number accepted); `undefined` when absent, NaN when unreadable. */
export function int64(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? v : NaN;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return NaN;
}

/** The VLAN ids an end-point maps: `ce-vlan-id-list-and-untag` (or `s-vlan-id-list` at an ENNI). */
export interface VlanMapping {
  type: 'LIST' | 'EXCEPT' | 'ALL';
  /** The listed ids as sent (may be out of range: rules.ts says so). */
  ids: number[];
  untagged: boolean;
}

/** What one end-point asks of the network. */
export interface EndPointDemand {
  /** Position in the request's end-point list, 1-based (the error-path predicate). */
  position: number;
  localId?: string;
  sip?: string;
  direction?: string;
  vlans: VlanMapping;
  /** Ingress bandwidth profile CIR, bits per second (mef-common bwp-flow `cir`); 0 when none. */
  cir: number;
}

export interface ServiceDemand {
  endPoints: EndPointDemand[];
  serviceType?: string;
  /** tapi-connectivity connectivity-constraint `is-exclusive`, `default "true"` when omitted. */
  isExclusive: boolean;
  /** Whether `is-exclusive` was sent at all (false means the YANG default applied). */
  exclusiveGiven: boolean;
  maxFrameSize?: number;
}

export function vlanMappingOf(ep: Json): VlanMapping {
  const aug = augment(ep, EP_AUGMENT) ?? {};
  const ce = asObj(aug['ce-vlan-id-list-and-untag']);
  const sv = asObj(aug['s-vlan-id-list']);
  const fromCe = asList(ce['vlan-id']).map((v) => int64(v['vlan-id']) ?? NaN);
  const fromS = asList(sv['vlan-id-list']).map((v) => int64(v['vlan-id']) ?? NaN);
  const ids = [...fromCe, ...fromS];
  const rawType = ce['vlan-id-mapping-type'] ?? sv['type'];
  const type = rawType === 'ALL' || rawType === 'EXCEPT' ? rawType : 'LIST';
  return { type, ids, untagged: ce['untagged-and-prio-tagged-included'] === true };
}

export function endPointDemand(ep: Json, position: number): EndPointDemand {
  const aug = augment(ep, EP_AUGMENT) ?? {};
  const sipRef = asObj(ep['service-interface-point'])['service-interface-point-id'];
  const cir = int64(asObj(aug['ingress-bwp-flow'])['cir']);
  return {
    position,
    localId: typeof ep['local-id'] === 'string' ? ep['local-id'] : undefined,
    sip: typeof sipRef === 'string' ? sipRef : undefined,
    direction: typeof ep.direction === 'string' ? ep.direction : undefined,
    vlans: vlanMappingOf(ep),
    cir: cir !== undefined && Number.isFinite(cir) ? cir : 0,
  };
}

/** What a `create-connectivity-service` input asks for. */
export function demandOf(input: Json): ServiceDemand {
  const cc = asObj(input['conn-constraint']);
  const mfs = int64(augment(input, CS_AUGMENT)?.['max-frame-size']);
  return {
    endPoints: asList(input['end-point']).map((ep, i) => endPointDemand(ep, i + 1)),
    serviceType: typeof cc['service-type'] === 'string' ? cc['service-type'] : undefined,
    isExclusive: cc['is-exclusive'] !== false,
    exclusiveGiven: typeof cc['is-exclusive'] === 'boolean',
    maxFrameSize: mfs,
  };
}

/** Leaves typed int64/uint64 in the nrp-interface augments and TAPI capacities, written as strings (RFC 7951 §6.1). */
const INT64_LEAVES = new Set([
  'vlan-id',
  'cir',
  'cir-max',
  'cbs',
  'eir',
  'eir-max',
  'ebs',
  'rank',
  'token-request-offset',
  'max-frame-size',
  'value',
  'limit',
]);

/** A copy with augment members prefixed (`nrp-interface:`) and int64 leaves as strings: what the controller keeps. */
export function normalized<T>(v: T, key = ''): T {
  if (Array.isArray(v)) return v.map((x) => normalized(x, key)) as T;
  if (isObj(v)) {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      const name = k === EP_AUGMENT || k === CS_AUGMENT ? `${NRP}:${k}` : k;
      out[name] = normalized(x, k);
    }
    return out as T;
  }
  if (typeof v === 'number' && INT64_LEAVES.has(key) && Number.isInteger(v)) return String(v) as T;
  return v;
}

/** A connectivity service the controller keeps (the `tapi-connectivity:connectivity-service` list entry's data). */
export interface ConnectivityService {
  uuid: string;
  name?: Json[];
  /** The end-points as kept (normalized), each with its `local-id` (assigned `sep:<n>` when the client sent none). */
  endPoints: Json[];
  serviceType: string;
  serviceLevel?: string;
  isExclusive: boolean;
  /** The `nrp-interface:nrp-carrier-eth-connectivity-resource` augment, normalized. */
  resource?: Json;
  administrativeState: 'LOCKED' | 'UNLOCKED';
  operationalState: OperationalState;
  lifecycleState: LifecycleState;
  /** The route it was given: nodes in path order and the links between them. */
  route: { nodes: string[]; links: string[] };
  /** Top-level connection uuids (read-only `connection` leaf-list). */
  connections: string[];
  /** Bumped on every change, for the journal and notifications. */
  revision: number;
}
