/**
 * The RESTCONF URL dialects a Presto client may send (presto-adagio.md §1.10), read into one target: an RPC by its
 * module-qualified name, or a path into the `tapi-common:context` data tree with its list keys decoded. Pure: no
 * HTTP, no state. `strict` accepts RFC 8040 only and refuses the others naming the RFC 8040 URL to use instead.
 *
 * - `swagger`: the SDK Swagger form, `POST /restconf/operations/create-connectivity-service/`,
 *   `GET /restconf/data/context/connectivity-service={uuid}/` (no module prefixes, trailing `/`);
 * - `odl`: the pre-RFC 8040 draft OpenDaylight speaks, `/restconf/operational/tapi-common:context/...` and
 *   `/restconf/config/...`, list keys as path segments of their own (`topology/mef:presto-nrp-topology`);
 * - `rfc8040`: `/restconf/operations/tapi-connectivity:create-connectivity-service`,
 *   `/restconf/data/tapi-common:context/tapi-connectivity:connectivity-service=cs%3A123`.
 */

export type Dialect = 'rfc8040' | 'swagger' | 'odl';

/** One node of a data path: its name without module, the module RFC 8040 qualifies it with, its decoded keys. */
export interface DataSegment {
  name: string;
  module: string;
  keys: string[];
}

export type Target = { kind: 'rpc'; module: string; name: string } | { kind: 'data'; path: DataSegment[] };

export type Routed =
  | { ok: true; target: Target; dialect: Dialect; /** The same request in RFC 8040 form. */ rfc8040: string }
  | { ok: false; status: 400 | 404 | 405; message: string };

/** The RPCs of the NRP R2 modules, by name → module. */
export const RPC_MODULES: Readonly<Record<string, string>> = {
  'get-service-interface-point-details': 'tapi-common',
  'get-service-interface-point-list': 'tapi-common',
  'update-service-interface-point': 'tapi-common',
  'get-connection-details': 'tapi-connectivity',
  'get-connectivity-service-list': 'tapi-connectivity',
  'get-connectivity-service-details': 'tapi-connectivity',
  'create-connectivity-service': 'tapi-connectivity',
  'update-connectivity-service': 'tapi-connectivity',
  'delete-connectivity-service': 'tapi-connectivity',
  'compute-p-2-p-path': 'tapi-path-computation',
  'optimize-p-2-p-path': 'tapi-path-computation',
  'delete-p-2-p-path': 'tapi-path-computation',
  'get-topology-details': 'tapi-topology',
  'get-node-details': 'tapi-topology',
  'get-node-edge-point-details': 'tapi-topology',
  'get-link-details': 'tapi-topology',
  'get-topology-list': 'tapi-topology',
};

/** The module of a data node that another module adds to its parent (augments); others inherit their parent's. */
const DATA_MODULES: Readonly<Record<string, string>> = {
  context: 'tapi-common',
  topology: 'tapi-topology',
  'nw-topology-service': 'tapi-topology',
  'connectivity-service': 'tapi-connectivity',
  connection: 'tapi-connectivity',
  'connection-end-point': 'tapi-connectivity',
  'path-comp-service': 'tapi-path-computation',
  path: 'tapi-path-computation',
};

/** The lists of the context tree (one key each): in the ODL draft their key is the next path segment. */
const LISTS: ReadonlySet<string> = new Set([
  'service-interface-point',
  'topology',
  'node',
  'owned-node-edge-point',
  'connection-end-point',
  'node-rule-group',
  'inter-rule-group',
  'link',
  'connectivity-service',
  'connection',
  'switch-control',
  'path-comp-service',
  'path',
]);

const split = (qname: string): [string | undefined, string] => {
  const i = qname.indexOf(':');
  return i < 0 ? [undefined, qname] : [qname.slice(0, i), qname.slice(i + 1)];
};

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** RFC 8040 §3.5.3 form of a path: the first node and each node whose module differs from its parent's qualified. */
export function rfc8040DataUrl(path: DataSegment[]): string {
  let parent = '';
  const parts = path.map((s) => {
    const name = s.module !== parent ? `${s.module}:${s.name}` : s.name;
    parent = s.module;
    return s.keys.length ? `${name}=${s.keys.map((k) => encodeURIComponent(k)).join(',')}` : name;
  });
  return `/restconf/data/${parts.join('/')}`;
}

export const rfc8040RpcUrl = (name: string): string => `/restconf/operations/${RPC_MODULES[name]}:${name}`;

const bad = (status: 400 | 404 | 405, message: string): Routed => ({ ok: false, status, message });

function rpc(method: string, segs: string[], trailing: boolean): Routed {
  if (segs.length !== 1) return bad(404, `no RPC at /restconf/operations/${segs.join('/')}`);
  const [module, name] = split(segs[0]);
  const known = RPC_MODULES[name];
  if (!known || (module !== undefined && module !== known))
    return bad(404, `no RPC ${segs[0]}; the controller's RPCs: ${Object.keys(RPC_MODULES).join(', ')}`);
  if (method !== 'POST') return bad(405, `an RPC is invoked with POST (RFC 8040 §3.6), not ${method}`);
  const dialect: Dialect = module === undefined || trailing ? 'swagger' : 'rfc8040';
  return { ok: true, target: { kind: 'rpc', module: known, name }, dialect, rfc8040: rfc8040RpcUrl(name) };
}

/** RFC 8040 and Swagger segments: `name` or `module:name`, keys after `=` separated by `,`, each percent-encoded. */
function dataPath(segs: string[], odl: boolean): DataSegment[] | string {
  const out: DataSegment[] = [];
  let parent = '';
  for (let i = 0; i < segs.length; i++) {
    const raw = segs[i];
    const eq = raw.indexOf('=');
    const qname = decode(eq < 0 ? raw : raw.slice(0, eq));
    if (!qname) return `segment ${raw} is not percent-encoded correctly`;
    const [module, name] = split(qname);
    const keys: string[] = [];
    if (eq >= 0) {
      for (const k of raw.slice(eq + 1).split(',')) {
        const d = decode(k);
        if (d === undefined) return `key ${k} is not percent-encoded correctly`;
        keys.push(d);
      }
    } else if (odl && LISTS.has(name) && i + 1 < segs.length) {
      const d = decode(segs[++i]);
      if (d === undefined) return `key ${segs[i]} is not percent-encoded correctly`;
      keys.push(d);
    }
    const mod = module ?? DATA_MODULES[name] ?? parent;
    out.push({ name, module: mod, keys });
    parent = mod;
  }
  return out;
}

/** Whether a path names its nodes as RFC 8040 §3.5.3 requires: qualified exactly where the module changes. */
function qualifiedAsRfc8040(segs: string[]): boolean {
  let parent = '';
  for (const raw of segs) {
    const qname = decode(raw.split('=')[0]) ?? '';
    const [module, name] = split(qname);
    const expected = DATA_MODULES[name] ?? parent;
    if (expected !== parent && module === undefined) return false;
    parent = module ?? expected;
  }
  return true;
}

/**
 * Reads a request's method and raw URL (query ignored). `/restconf/operations/<rpc>` and `/restconf/data/...` are
 * RFC 8040 when every name is qualified where RFC 8040 wants it and there is no trailing slash; otherwise Swagger.
 * `/restconf/operational/...` and `/restconf/config/...` are the ODL draft.
 */
export function routeRestconf(method: string, url: string, opts: { strict?: boolean } = {}): Routed {
  const pathOnly = url.split('?')[0];
  const m = /^\/restconf\/([^/]+)(?:\/(.*))?$/.exec(pathOnly);
  if (!m) return bad(404, `${pathOnly} is not a RESTCONF resource`);
  const [, root, rest = ''] = m;
  const trailing = rest.endsWith('/');
  const segs = rest.split('/').filter((s) => s !== '');
  let routed: Routed;
  if (root === 'operations') {
    if (!segs.length) return bad(404, 'no RPC named: /restconf/operations/<module>:<rpc>');
    routed = rpc(method, segs, trailing);
  } else if (root === 'data' || root === 'operational' || root === 'config') {
    const odl = root !== 'data';
    if (!segs.length) return bad(404, 'no data node named: /restconf/data/tapi-common:context');
    const path = dataPath(segs, odl);
    if (typeof path === 'string') return bad(400, path);
    // What is not there is 404 whatever the method; only then is a write to the tree 405.
    if (path[0].module !== 'tapi-common' || path[0].name !== 'context')
      return bad(404, `no data node ${segs[0]}: the tree starts at /restconf/data/tapi-common:context`);
    if (method !== 'GET') return bad(405, `the controller's data tree is read-only: GET, not ${method}`);
    const dialect: Dialect = odl ? 'odl' : !trailing && qualifiedAsRfc8040(segs) ? 'rfc8040' : 'swagger';
    routed = { ok: true, target: { kind: 'data', path }, dialect, rfc8040: rfc8040DataUrl(path) };
  } else
    return bad(404, `/restconf/${root} is not a RESTCONF resource (RFC 8040: /restconf/data, /restconf/operations)`);
  if (!routed.ok || routed.dialect === 'rfc8040' || !opts.strict) return routed;
  return bad(
    400,
    `${method} ${pathOnly} is the ${routed.dialect === 'odl' ? 'OpenDaylight draft' : 'SDK Swagger'} form, not RFC 8040; use ${method} ${routed.rfc8040}`,
  );
}
