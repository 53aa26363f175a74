import { UsageError } from '../../../lib/errors';
import defaultTopologyDoc from './default-topology.json';

/**
 * The network a Presto controller mock exposes: PE nodes with their ports (TAPI node-edge-points), the service
 * interface points mapped to some of those ports (UNI-N, ENNI-N), and INNI links between ports of two nodes. The
 * seed format is documented in this folder's README.md; `loadTopology` checks a seed document and names the bad
 * entry, so a scenario author sees `sips[2] (sip:pe9:ge-0/0/1): node 'pe9' is not in nodes`.
 */

export type SipRole = 'UNI-N' | 'ENNI-N' | 'INNI-N';
export const SIP_ROLES: readonly SipRole[] = ['UNI-N', 'ENNI-N', 'INNI-N'];

export type AdminState = 'LOCKED' | 'UNLOCKED';
export type OperState = 'ENABLED' | 'DISABLED';

/** A port of a node: a TAPI owned-node-edge-point, `nep:<node>:<port>`. */
export interface Nep {
  uuid: string;
  node: string;
  port: string;
  /** Bits per second. */
  capacity: number;
  /** The SIP mapped to this port (`mapped-service-interface-point`), if any. */
  sip?: string;
  /** The link this port terminates, if any. */
  link?: string;
}

export interface TopoNode {
  uuid: string;
  name: string;
  /** NEP uuids, in seed order. */
  neps: string[];
}

export interface Sip {
  uuid: string;
  name: string;
  node: string;
  nep: string;
  role: SipRole;
  /** Bits per second: the capacity of its port. */
  capacity: number;
  /** The largest frame the interface carries (nrm-connectivity carrier-eth-interface-resource `max-frame-size`). */
  maxFrameSize: number;
  administrativeState: AdminState;
  operationalState: OperState;
}

export interface Link {
  uuid: string;
  name: string;
  /** The two NEP uuids it joins, `a` then `z`. */
  neps: [string, string];
  nodes: [string, string];
  /** Bits per second, in each direction (links are full duplex). */
  capacity: number;
  /** Path cost (TAPI cost-characteristic); 1 when the seed gives none. */
  cost: number;
  administrativeState: AdminState;
  operationalState: OperState;
}

export interface Topology {
  context: { uuid: string; name: string };
  topology: { uuid: string; name: string };
  nodes: Record<string, TopoNode>;
  neps: Record<string, Nep>;
  sips: Record<string, Sip>;
  links: Record<string, Link>;
}

export const nepUuid = (node: string, port: string): string => `nep:${node}:${port}`;

const UNITS: Record<string, number> = { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** `"1G"`, `"100M"`, `"2.5G"`, `"1000000000"` or a number, as bits per second; `undefined` when unreadable. */
export function parseCapacity(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:bps|b\/s)?$/i.exec(v.trim());
  if (!m) return undefined;
  const bps = Math.round(Number(m[1]) * UNITS[m[2].toUpperCase()]);
  return Number.isSafeInteger(bps) && bps > 0 ? bps : undefined;
}

type Doc = Record<string, unknown>;
const isObj = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Checks a seed document and builds the topology; throws a `UsageError` listing every bad entry. */
export function loadTopology(doc: unknown): Topology {
  const errors: string[] = [];
  const bad = (where: string, msg: string) => errors.push(`${where}: ${msg}`);
  if (!isObj(doc)) throw new UsageError('topology seed: expected a JSON object');
  const ctx = isObj(doc.context) ? doc.context : {};
  const top = isObj(doc.topology) ? doc.topology : {};
  if (!isName(ctx.uuid)) bad('context', 'needs a uuid');
  if (!isName(top.uuid)) bad('topology', 'needs a uuid');
  const topo: Topology = {
    context: { uuid: String(ctx.uuid), name: isName(ctx.name) ? ctx.name : String(ctx.uuid) },
    topology: { uuid: String(top.uuid), name: isName(top.name) ? top.name : String(top.uuid) },
    nodes: {},
    neps: {},
    sips: {},
    links: {},
  };
  const list = (key: string): unknown[] => {
    const v = doc[key];
    if (Array.isArray(v)) return v;
    bad(key, 'expected a list');
    return [];
  };

  list('nodes').forEach((n, i) => {
    const where = `nodes[${i}]${isObj(n) && isName(n.uuid) ? ` (${n.uuid})` : ''}`;
    if (!isObj(n) || !isName(n.uuid)) return bad(where, 'needs a uuid');
    if (topo.nodes[n.uuid]) return bad(where, `duplicate node uuid '${n.uuid}'`);
    const node: TopoNode = { uuid: n.uuid, name: isName(n.name) ? n.name : n.uuid, neps: [] };
    topo.nodes[n.uuid] = node;
    if (!Array.isArray(n.ports) || n.ports.length === 0) return bad(where, 'needs a non-empty list of ports');
    n.ports.forEach((p: unknown, j: number) => {
      const pw = `${where}.ports[${j}]`;
      if (!isObj(p) || !isName(p.port)) return bad(pw, 'needs a port name');
      const uuid = nepUuid(n.uuid as string, p.port);
      if (topo.neps[uuid]) return bad(pw, `duplicate port '${p.port}'`);
      const capacity = parseCapacity(p.capacity);
      if (capacity === undefined) return bad(pw, `capacity '${String(p.capacity)}' is not a rate like "1G" or "100M"`);
      topo.neps[uuid] = { uuid, node: node.uuid, port: p.port, capacity };
      node.neps.push(uuid);
    });
  });

  list('sips').forEach((s, i) => {
    const where = `sips[${i}]${isObj(s) && isName(s.uuid) ? ` (${s.uuid})` : ''}`;
    if (!isObj(s) || !isName(s.uuid)) return bad(where, 'needs a uuid');
    if (topo.sips[s.uuid]) return bad(where, `duplicate SIP uuid '${s.uuid}'`);
    if (!isName(s.node) || !topo.nodes[s.node]) return bad(where, `node '${String(s.node)}' is not in nodes`);
    const nep = topo.neps[nepUuid(s.node, String(s.port))];
    if (!nep) return bad(where, `node '${s.node}' has no port '${String(s.port)}'`);
    if (nep.sip) return bad(where, `port '${nep.port}' of '${s.node}' already maps SIP '${nep.sip}'`);
    if (!SIP_ROLES.includes(s.role as SipRole)) {
      return bad(where, `role '${String(s.role)}' is not one of ${SIP_ROLES.join(', ')}`);
    }
    const mfs = s['max-frame-size'];
    if (typeof mfs !== 'number' || !Number.isSafeInteger(mfs) || mfs < 64) {
      return bad(where, `max-frame-size '${String(mfs)}' is not an integer ≥ 64`);
    }
    const admin = s['administrative-state'] ?? 'UNLOCKED';
    if (admin !== 'LOCKED' && admin !== 'UNLOCKED') return bad(where, `administrative-state '${String(admin)}'`);
    nep.sip = s.uuid;
    topo.sips[s.uuid] = {
      uuid: s.uuid,
      name: isName(s.name) ? s.name : s.uuid,
      node: s.node,
      nep: nep.uuid,
      role: s.role as SipRole,
      capacity: nep.capacity,
      maxFrameSize: mfs,
      administrativeState: admin,
      operationalState: 'ENABLED',
    };
  });

  list('links').forEach((l, i) => {
    const where = `links[${i}]${isObj(l) && isName(l.uuid) ? ` (${l.uuid})` : ''}`;
    if (!isObj(l) || !isName(l.uuid)) return bad(where, 'needs a uuid');
    if (topo.links[l.uuid]) return bad(where, `duplicate link uuid '${l.uuid}'`);
    const ends: Nep[] = [];
    for (const side of ['a', 'z'] as const) {
      const ref = l[side];
      const m = typeof ref === 'string' ? /^([^:]+):(.+)$/.exec(ref) : null;
      const nep = m ? topo.neps[nepUuid(m[1], m[2])] : undefined;
      if (!nep) return bad(where, `${side} '${String(ref)}' is not a '<node>:<port>' of nodes`);
      if (nep.sip) return bad(where, `${side} '${String(ref)}' maps SIP '${nep.sip}'; a link port carries no SIP`);
      if (nep.link) return bad(where, `${side} '${String(ref)}' already terminates link '${nep.link}'`);
      ends.push(nep);
    }
    if (ends[0].node === ends[1].node) return bad(where, `both ends are on node '${ends[0].node}'`);
    const capacity =
      l.capacity === undefined ? Math.min(ends[0].capacity, ends[1].capacity) : parseCapacity(l.capacity);
    if (capacity === undefined) return bad(where, `capacity '${String(l.capacity)}' is not a rate like "10G"`);
    const cost = l.cost ?? 1;
    if (typeof cost !== 'number' || !(cost > 0)) return bad(where, `cost '${String(cost)}' is not a number > 0`);
    const oper = l['operational-state'] ?? 'ENABLED';
    if (oper !== 'ENABLED' && oper !== 'DISABLED') return bad(where, `operational-state '${String(oper)}'`);
    for (const e of ends) e.link = l.uuid;
    topo.links[l.uuid] = {
      uuid: l.uuid,
      name: isName(l.name) ? l.name : l.uuid,
      neps: [ends[0].uuid, ends[1].uuid],
      nodes: [ends[0].node, ends[1].node],
      capacity,
      cost,
      administrativeState: 'UNLOCKED',
      operationalState: oper,
    };
  });

  if (errors.length) throw new UsageError(`topology seed: ${errors.join('; ')}`);
  return topo;
}

/** The default small metro network (seed/default-topology.json): pe1..pe3, six UNIs, one ENNI, three INNI links. */
export function defaultTopology(): Topology {
  return loadTopology(defaultTopologyDoc);
}
