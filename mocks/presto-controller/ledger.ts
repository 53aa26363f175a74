import type { PrestoProblem } from './problems';
import type { Topology } from './seed/topology';
import type { EndPointDemand, ServiceDemand } from './service';

/**
 * The resource ledger of presto-adagio.md §1.6 (4): per SIP the VLANs in use (CE-VLANs at a UNI, S-VLANs at an
 * ENNI), which service holds the port exclusively, and the committed CIR; per link the committed CIR. It keeps each
 * service's claim, so a release is exact and can be repeated, and the totals are kept beside the claims (`audit`
 * recomputes them). Every operation is pure and all-or-nothing: it returns a new ledger, or the problems and no
 * ledger, and never changes the one it was given.
 *
 * Bandwidth model: a SIP commits the sum of the ingress CIR of the end-points on it. A link is full duplex, so a
 * service commits on every link of its route the largest ingress CIR among its end-points (the heaviest direction).
 */

/** VLAN 0 stands for untagged and priority-tagged frames (and for Unimgr's port-based EPL, presto-adagio.md §1.4). */
export const UNTAGGED = 0;
export const VLAN_MIN = 1;
export const VLAN_MAX = 4094;

export interface EndPointClaim {
  localId: string;
  sip: string;
  /** VLAN ids the end-point maps at its SIP; 0 for untagged. */
  vlans: number[];
  /** The service holds the whole port (EPL, `is-exclusive` true). */
  exclusive: boolean;
  /** Ingress CIR, bits per second. */
  cir: number;
  /** The end-point's error-path in the request, e.g. `/input/end-point[2]` or `/input/end-point`. */
  at?: string;
}

export interface ServiceClaim {
  service: string;
  endPoints: EndPointClaim[];
  /** Links of its route. */
  links: string[];
}

export interface SipUsage {
  /** VLAN id → the service using it. */
  vlans: Record<string, string>;
  /** The service holding the port exclusively, if any. */
  exclusive?: string;
  /** Committed ingress CIR, bits per second. */
  cir: number;
  /** Service → the local-ids of its end-points on this SIP. */
  services: Record<string, string[]>;
}

export interface LinkUsage {
  cir: number;
  /** Service → the CIR it commits on this link. */
  services: Record<string, number>;
}

export interface Ledger {
  sips: Record<string, SipUsage>;
  links: Record<string, LinkUsage>;
  claims: Record<string, ServiceClaim>;
}

export type LedgerResult = { ok: true; ledger: Ledger } | { ok: false; problems: PrestoProblem[] };

export const emptyLedger = (): Ledger => ({ sips: {}, links: {}, claims: {} });

/** The VLAN ids a mapping covers: LIST its ids, EXCEPT all others, ALL every one; plus 0 when untagged is included. */
export function vlansOf(ep: EndPointDemand): number[] {
  const valid = ep.vlans.ids.filter((v) => v >= VLAN_MIN && v <= VLAN_MAX);
  let ids: number[];
  if (ep.vlans.type === 'LIST') ids = valid;
  else {
    const except = new Set(ep.vlans.type === 'EXCEPT' ? valid : []);
    ids = [];
    for (let v = VLAN_MIN; v <= VLAN_MAX; v++) if (!except.has(v)) ids.push(v);
  }
  const untagged = ep.vlans.untagged || ep.vlans.ids.includes(UNTAGGED);
  return [...new Set(untagged ? [UNTAGGED, ...ids] : ids)].sort((a, b) => a - b);
}

/** The claim a service demand makes (its end-points must carry their local-id and SIP). */
export function claimOf(service: string, demand: ServiceDemand, links: string[]): ServiceClaim {
  return {
    service,
    links,
    endPoints: demand.endPoints.map((ep) =>
      endPointClaimOf(ep, demand.isExclusive, `/input/end-point[${ep.position}]`),
    ),
  };
}

export function endPointClaimOf(ep: EndPointDemand, exclusive: boolean, at: string): EndPointClaim {
  return { localId: ep.localId ?? '', sip: ep.sip ?? '', vlans: vlansOf(ep), exclusive, cir: ep.cir, at };
}

/** What a service commits on each link of its route. */
export const linkCir = (claim: ServiceClaim): number => Math.max(0, ...claim.endPoints.map((e) => e.cir));

const bps = (n: number) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6} Mb/s` : `${n} b/s`);

function vlanRanges(vlans: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < vlans.length;) {
    let j = i;
    while (j + 1 < vlans.length && vlans[j + 1] === vlans[j] + 1) j++;
    const name = (v: number) => (v === UNTAGGED ? 'untagged' : String(v));
    out.push(i === j ? name(vlans[i]) : `${name(vlans[i])}-${vlans[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

/**
 * The problems a claim would meet on this ledger (its own service's present claim, if any, is not counted: `change`
 * checks the new claim against the ledger without the old one). Empty means it fits.
 */
export function conflicts(ledger: Ledger, topology: Topology, claim: ServiceClaim): PrestoProblem[] {
  const problems: PrestoProblem[] = [];
  const s = claim.service;
  const others = (u: SipUsage | undefined) => Object.keys(u?.services ?? {}).filter((x) => x !== s);
  const seenVlans = new Map<string, Map<number, string>>(); // sip → vlan → local-id within this claim
  const cirAt = new Map<string, number>();
  for (const ep of claim.endPoints) {
    const sip = topology.sips[ep.sip];
    if (!sip) {
      problems.push({
        rule: 'ledger-sip',
        tag: 'invalid-value',
        path: ep.at && `${ep.at}/service-interface-point/service-interface-point-id`,
        message: `Some service interface points not found in the system: [${ep.sip}]`,
      });
      continue;
    }
    const u = ledger.sips[ep.sip];
    const kind = sip.role === 'ENNI-N' ? 'S-VLAN' : 'CE-VLAN';
    const holder = u?.exclusive !== undefined && u.exclusive !== s ? u.exclusive : undefined;
    if (holder) {
      problems.push({
        rule: 'port-exclusive',
        tag: 'resource-denied',
        appTag: 'port-exclusive',
        path: ep.at,
        message: `${ep.sip} is held exclusively by service ${holder}`,
      });
    } else if (ep.exclusive && others(u).length) {
      problems.push({
        rule: 'port-exclusive',
        tag: 'resource-denied',
        appTag: 'port-exclusive',
        path: ep.at,
        message: `an exclusive service needs the whole of ${ep.sip}, which service ${others(u).join(', ')} uses`,
      });
    }
    const mine = seenVlans.get(ep.sip) ?? new Map<number, string>();
    seenVlans.set(ep.sip, mine);
    const taken = ep.vlans.filter((v) => {
      const owner = u?.vlans[v];
      return (owner !== undefined && owner !== s) || mine.has(v);
    });
    if (taken.length) {
      const owners = [...new Set(taken.map((v) => u?.vlans[v] ?? `end-point ${mine.get(v)} of this request`))];
      problems.push({
        rule: 'vlan-in-use',
        tag: 'resource-denied',
        appTag: 'vlan-in-use',
        path: ep.at,
        message: `${kind} ${vlanRanges(taken)} at ${ep.sip} already in use by ${owners.join(', ')}`,
      });
    }
    for (const v of ep.vlans) mine.set(v, ep.localId);
    cirAt.set(ep.sip, (cirAt.get(ep.sip) ?? 0) + ep.cir);
  }
  for (const [sipId, cir] of cirAt) {
    const sip = topology.sips[sipId];
    const u = ledger.sips[sipId];
    const committed = (u?.cir ?? 0) - ownCirAt(ledger, s, sipId);
    if (committed + cir > sip.capacity) {
      problems.push({
        rule: 'sip-bandwidth',
        tag: 'resource-denied',
        appTag: 'bandwidth-exhausted',
        path: claim.endPoints.find((e) => e.sip === sipId)?.at,
        message: `${bps(cir)} CIR does not fit ${sipId}: ${bps(sip.capacity - committed)} of ${bps(sip.capacity)} left`,
      });
    }
  }
  const need = linkCir(claim);
  for (const linkId of claim.links) {
    const link = topology.links[linkId];
    if (!link) {
      problems.push({ rule: 'ledger-link', tag: 'operation-failed', message: `no link ${linkId} in the topology` });
      continue;
    }
    const u = ledger.links[linkId];
    const committed = (u?.cir ?? 0) - (u?.services[s] ?? 0);
    if (committed + need > link.capacity) {
      problems.push({
        rule: 'link-bandwidth',
        tag: 'resource-denied',
        appTag: 'bandwidth-exhausted',
        message: `${bps(need)} CIR does not fit link ${linkId}: ${bps(link.capacity - committed)} of ${bps(link.capacity)} left`,
      });
    }
  }
  return problems;
}

function ownCirAt(ledger: Ledger, service: string, sip: string): number {
  const claim = ledger.claims[service];
  return claim ? claim.endPoints.filter((e) => e.sip === sip).reduce((n, e) => n + e.cir, 0) : 0;
}

function clone(ledger: Ledger): Ledger {
  return structuredClone(ledger);
}

/** Adds a claim to a (cloned) ledger, in place. */
function add(l: Ledger, claim: ServiceClaim): void {
  const s = claim.service;
  for (const ep of claim.endPoints) {
    const u = (l.sips[ep.sip] ??= { vlans: {}, cir: 0, services: {} });
    for (const v of ep.vlans) u.vlans[v] = s;
    if (ep.exclusive) u.exclusive = s;
    u.cir += ep.cir;
    (u.services[s] ??= []).push(ep.localId);
  }
  const cir = linkCir(claim);
  for (const linkId of claim.links) {
    const u = (l.links[linkId] ??= { cir: 0, services: {} });
    u.cir += cir;
    u.services[s] = cir;
  }
  l.claims[s] = structuredClone(claim);
}

/** Removes a service's claim from a (cloned) ledger, in place; empty entries go, so a drained ledger is empty. */
function remove(l: Ledger, service: string): void {
  const claim = l.claims[service];
  if (!claim) return;
  for (const ep of claim.endPoints) {
    const u = l.sips[ep.sip];
    if (!u) continue;
    for (const v of ep.vlans) if (u.vlans[v] === service) delete u.vlans[v];
    if (u.exclusive === service) delete u.exclusive;
    u.cir -= ep.cir;
    delete u.services[service];
    if (Object.keys(u.services).length === 0) delete l.sips[ep.sip];
  }
  for (const linkId of claim.links) {
    const u = l.links[linkId];
    if (!u || u.services[service] === undefined) continue;
    u.cir -= u.services[service];
    delete u.services[service];
    if (Object.keys(u.services).length === 0) delete l.links[linkId];
  }
  delete l.claims[service];
}

/** Takes what a new service needs, or nothing. */
export function reserve(ledger: Ledger, topology: Topology, claim: ServiceClaim): LedgerResult {
  if (ledger.claims[claim.service]) {
    return {
      ok: false,
      problems: [
        { rule: 'ledger', tag: 'operation-failed', message: `service ${claim.service} already holds resources` },
      ],
    };
  }
  const problems = conflicts(ledger, topology, claim);
  if (problems.length) return { ok: false, problems };
  const next = clone(ledger);
  add(next, claim);
  return { ok: true, ledger: next };
}

/** Gives back everything a service holds; a service that holds nothing leaves the ledger as it is. */
export function release(ledger: Ledger, service: string): Ledger {
  if (!ledger.claims[service]) return ledger;
  const next = clone(ledger);
  remove(next, service);
  return next;
}

/**
 * Replaces one end-point of a service (update-connectivity-service carries one end-point, presto-adagio.md §1.5),
 * matched by local-id; the SIP may not change. Link commitments follow the new largest CIR. All or nothing.
 */
export function change(ledger: Ledger, topology: Topology, service: string, endPoint: EndPointClaim): LedgerResult {
  const old = ledger.claims[service];
  const fail = (message: string, path?: string): LedgerResult => ({
    ok: false,
    problems: [{ rule: 'ledger', tag: 'invalid-value', path, message }],
  });
  if (!old) return fail(`Service ${service} does not exist`, '/input/service-id-or-name');
  const i = old.endPoints.findIndex((e) => e.localId === endPoint.localId);
  if (i < 0) return fail(`service ${service} has no end-point '${endPoint.localId}'`, `${endPoint.at ?? ''}/local-id`);
  if (old.endPoints[i].sip !== endPoint.sip) {
    return fail(
      `Sip mapping for endpoint ${endPoint.localId} is not matching: ${endPoint.sip} is not ${old.endPoints[i].sip}`,
      `${endPoint.at ?? ''}/service-interface-point/service-interface-point-id`,
    );
  }
  const claim: ServiceClaim = { ...old, endPoints: old.endPoints.map((e, j) => (j === i ? endPoint : e)) };
  const without = clone(ledger);
  remove(without, service);
  const problems = conflicts(without, topology, claim);
  if (problems.length) return { ok: false, problems };
  add(without, claim);
  return { ok: true, ledger: without };
}

/** The totals recomputed from the claims, as the ledger should hold them; `audit` compares the two. */
export function recompute(ledger: Ledger): Ledger {
  const l = emptyLedger();
  for (const claim of Object.values(ledger.claims)) add(l, claim);
  return l;
}

/** Where the kept totals differ from the claims (empty when the ledger is consistent). */
export function audit(ledger: Ledger): string[] {
  const want = recompute(ledger);
  const out: string[] = [];
  const norm = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (Array.isArray(v) ? [...v].sort() : sortKeys(v)));
  for (const kind of ['sips', 'links'] as const) {
    const keys = new Set([...Object.keys(ledger[kind]), ...Object.keys(want[kind])]);
    for (const k of keys) {
      if (norm(ledger[kind][k]) !== norm(want[kind][k])) out.push(`${kind}.${k}`);
    }
  }
  return out;
}

function sortKeys(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)));
}

export const isEmpty = (l: Ledger): boolean =>
  !Object.keys(l.sips).length && !Object.keys(l.links).length && !Object.keys(l.claims).length;

/** Bits per second still free on a SIP / a link. */
export const sipAvailable = (l: Ledger, t: Topology, sip: string): number =>
  (t.sips[sip]?.capacity ?? 0) - (l.sips[sip]?.cir ?? 0);
export const linkAvailable = (l: Ledger, t: Topology, link: string): number =>
  (t.links[link]?.capacity ?? 0) - (l.links[link]?.cir ?? 0);
