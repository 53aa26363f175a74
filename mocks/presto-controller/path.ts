import type { Topology } from './seed/topology';

/**
 * Path finding over the controller's topology (presto-adagio.md §1.6 (3): the internal topology path-finding runs
 * on). Dijkstra by link cost, over links that are ENABLED, UNLOCKED and have the asked bandwidth free; ties go to
 * the path through the lexically smaller node, so the same topology always gives the same route.
 */

export interface Route {
  /** Nodes in path order (one node when both ends are on it). */
  nodes: string[];
  /** Links between consecutive nodes. */
  links: string[];
  cost: number;
}

export interface PathOptions {
  /** Bits per second the path must still carry on every link; 0 ignores capacity. */
  bandwidth?: number;
  /** Bits per second already committed per link (the ledger's link usage). */
  committed?: (link: string) => number;
  /** Links not to use (e.g. those being replaced). */
  avoid?: ReadonlySet<string>;
}

function usable(topology: Topology, linkId: string, opts: PathOptions): boolean {
  const link = topology.links[linkId];
  if (link.operationalState !== 'ENABLED' || link.administrativeState !== 'UNLOCKED') return false;
  if (opts.avoid?.has(linkId)) return false;
  const need = opts.bandwidth ?? 0;
  return need <= 0 || link.capacity - (opts.committed?.(linkId) ?? 0) >= need;
}

/** The cheapest usable path from one node to another, or `undefined` when there is none. */
export function shortestPath(topology: Topology, from: string, to: string, opts: PathOptions = {}): Route | undefined {
  if (!topology.nodes[from] || !topology.nodes[to]) return undefined;
  if (from === to) return { nodes: [from], links: [], cost: 0 };
  const adjacent = new Map<string, { node: string; link: string; cost: number }[]>();
  for (const link of Object.values(topology.links)) {
    if (!usable(topology, link.uuid, opts)) continue;
    const [a, z] = link.nodes;
    (adjacent.get(a) ?? adjacent.set(a, []).get(a)!).push({ node: z, link: link.uuid, cost: link.cost });
    (adjacent.get(z) ?? adjacent.set(z, []).get(z)!).push({ node: a, link: link.uuid, cost: link.cost });
  }
  const dist = new Map<string, number>([[from, 0]]);
  const prev = new Map<string, { node: string; link: string }>();
  const done = new Set<string>();
  for (;;) {
    // A few PEs: a linear scan for the nearest open node is simpler than a heap and as fast.
    let here: string | undefined;
    for (const [n, d] of dist) {
      if (done.has(n)) continue;
      if (here === undefined || d < dist.get(here)! || (d === dist.get(here)! && n < here)) here = n;
    }
    if (here === undefined) return undefined;
    if (here === to) break;
    done.add(here);
    for (const e of adjacent.get(here) ?? []) {
      const d = dist.get(here)! + e.cost;
      const old = dist.get(e.node);
      if (old === undefined || d < old) {
        dist.set(e.node, d);
        prev.set(e.node, { node: here, link: e.link });
      }
    }
  }
  const nodes = [to];
  const links: string[] = [];
  for (let n = to; n !== from;) {
    const p = prev.get(n)!;
    links.unshift(p.link);
    nodes.unshift(p.node);
    n = p.node;
  }
  return { nodes, links, cost: dist.get(to)! };
}

/**
 * The route of a service between the nodes of its SIPs: for two nodes the shortest path; for more (multipoint), the
 * union of the shortest paths from the first node to each other one, nodes in order of first visit.
 */
export function routeBetween(topology: Topology, nodes: readonly string[], opts: PathOptions = {}): Route | undefined {
  const distinct = [...new Set(nodes)];
  if (distinct.length === 0) return undefined;
  const out: Route = { nodes: [distinct[0]], links: [], cost: 0 };
  for (const to of distinct.slice(1)) {
    const r = shortestPath(topology, distinct[0], to, opts);
    if (!r) return undefined;
    for (const n of r.nodes) if (!out.nodes.includes(n)) out.nodes.push(n);
    for (const l of r.links) {
      if (!out.links.includes(l)) {
        out.links.push(l);
        out.cost += topology.links[l].cost;
      }
    }
  }
  return out;
}
