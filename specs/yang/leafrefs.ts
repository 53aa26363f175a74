/**
 * The leafrefs inside RPC inputs and outputs, read from libyang's own tree print (`yanglint -f tree`), and a
 * deviation module that drops their instance requirement.
 *
 * Why: an RPC's leafrefs (an end-point's `service-interface-point-id`, a `topology-id`, …) point into
 * `/tapi-common:context`, so libyang can only resolve them against an operational datastore (`-O`). yanglint
 * 2.1.30 ignores `-O` in interactive mode (an uninitialised `LYD_FORMAT` in `cmd_data.c`, fixed upstream after
 * 2.1.30 by "yanglint BUGFIX initialization of LYD_FORMAT var"), so in the long-lived process every such leafref
 * fails, and as libyang stops at the first error that failure would hide every later one. The long-lived
 * validator therefore loads this deviation (type `string` in place of each leafref: the targets are all `string`
 * uuids and local ids), keeps every other libyang check, and leaves "does this SIP exist" to the caller's
 * semantic rules, which `leafrefs` below lists.
 */

/** One leafref in an RPC, as a schema node id with a module prefix on every step. */
export interface RpcLeafref {
  /** e.g. `/tapi-connectivity:create-connectivity-service/tapi-connectivity:input/…/tapi-connectivity:service-interface-point-id` */
  node: string;
  /** The leafref's path, e.g. `/tapi-common:context/tapi-common:service-interface-point/tapi-common:uuid`. */
  target: string;
}

/** Reads the leafrefs under every module's `rpcs:` section of a `yanglint -f tree` print. */
export function rpcLeafrefs(tree: string): RpcLeafref[] {
  const out: RpcLeafref[] = [];
  let module = '';
  let inRpcs = false;
  // The node at each depth: [module, name].
  const stack: Array<[string, string]> = [];
  for (const line of tree.split('\n')) {
    const mod = /^module: (\S+)/.exec(line);
    if (mod) {
      module = mod[1];
      inRpcs = false;
      continue;
    }
    if (/^ {2}\S.*:$/.test(line)) {
      inRpcs = line.trim() === 'rpcs:';
      stack.length = 0;
      continue;
    }
    if (!inRpcs) continue;
    const m = /^([ |]*)\+--(?::\(([^)]+)\)|\S\S\s+(\S+))(?:.*?->\s*(\S+))?/.exec(line);
    if (!m) continue;
    const depth = (m[1].length - 4) / 3;
    const raw = (m[2] ?? m[3]).replace(/[?*!]+$/, '').replace(/^\((.*)\)$/, '$1');
    const [prefix, name] = raw.includes(':') ? raw.split(':', 2) : [depth > 0 ? stack[depth - 1][0] : module, raw];
    stack.length = depth;
    stack.push([prefix, name]);
    if (m[4]) out.push({ node: '/' + stack.map(([p, n]) => `${p}:${n}`).join('/'), target: m[4] });
  }
  return out;
}

export const DEVIATION_MODULE = 'lso-harness-rpc-leafrefs';

/** A YANG 1.1 module that replaces each leafref's type with `string`. */
export function leafrefDeviationModule(leafrefs: readonly RpcLeafref[]): string {
  const modules = new Set<string>();
  for (const l of leafrefs) for (const step of l.node.slice(1).split('/')) modules.add(step.split(':')[0]);
  const lines = [
    `module ${DEVIATION_MODULE} {`,
    '  yang-version 1.1;',
    '  namespace "urn:lso-harness:rpc-leafrefs";',
    '  prefix lso-rl;',
    ...[...modules].sort().map((m) => `  import ${m} { prefix ${m}; }`),
    '  description "Written by lso-harness at run time: RPC leafrefs need an operational datastore, which interactive yanglint 2.1.30 cannot take.";',
    ...leafrefs.map((l) => `  deviation "${l.node}" { deviate replace { type string; } }`),
    '}',
    '',
  ];
  return lines.join('\n');
}
