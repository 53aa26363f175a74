import { PRESTO_RULES as R } from '../../../suites/presto-controller/rules';
import type { Defect, ProxyRequest, ProxyResponse } from '../sonata-seller/variants/proxy';

/**
 * Presto controller variants: each is the controller mock with one defect injected by the proxy in front of it (no
 * code in the mock), and names the rule that must catch it (its verdict turns `fail` or `error`). `strict` runs the
 * suite with `--strict`, where the encoding rules fail instead of warning.
 */
export interface ControllerVariant {
  name: string;
  /** The defect, or a maker of it when the defect keeps count of requests (a fresh count per run). */
  defect: Defect | (() => Defect);
  caughtBy: string;
  strict?: boolean;
}

const YANG = 'application/yang-data+json';
type Json = Record<string, any>;

const rpcIs = (req: ProxyRequest, name: string) => req.path.endsWith(`:${name}`);
const inputOf = (req: ProxyRequest): Json | undefined => req.json?.['tapi-connectivity:input'];
const endPointsOf = (input: Json | undefined): Json[] =>
  Array.isArray(input?.['end-point']) ? (input['end-point'] as Json[]) : [];
const epResource = (ep: Json): Json | undefined => ep['nrp-interface:nrp-carrier-eth-connectivity-end-point-resource'];

/** A response with its JSON body replaced, media type kept. */
function withBody(res: ProxyResponse, json: unknown): ProxyResponse {
  return { ...res, body: JSON.stringify(json) };
}

/** Rewrites the JSON body of the responses that match. */
function rewrite(
  match: (req: ProxyRequest, res: ProxyResponse) => boolean,
  change: (json: any) => unknown,
): Defect['response'] {
  return (req, res) =>
    match(req, res) && res.json !== undefined ? withBody(res, change(structuredClone(res.json)) ?? res.json) : res;
}

/** Rewrites the first `ietf-restconf:errors` error of the error responses that match. */
function rewriteError(
  match: (err: Json, req: ProxyRequest) => boolean,
  change: (err: Json, res: ProxyResponse) => { status?: number; error: Json },
): Defect['response'] {
  return (req, res) => {
    const err = res.json?.['ietf-restconf:errors']?.error?.[0] as Json | undefined;
    if (res.status < 400 || !err || !match(err, req)) return res;
    const out = change(structuredClone(err), res);
    return {
      ...res,
      status: out.status ?? res.status,
      body: JSON.stringify({ 'ietf-restconf:errors': { error: [out.error] } }),
    };
  };
}

/** An RPC accepted without asking the controller: 200 with a made-up service. */
function accepted(uuid: string): ProxyResponse {
  return {
    status: 200,
    headers: { 'content-type': YANG },
    body: JSON.stringify({ 'tapi-connectivity:output': { service: { uuid } } }),
  };
}

function restconfError(status: number, tag: string, message: string): ProxyResponse {
  return {
    status,
    headers: { 'content-type': YANG },
    body: JSON.stringify({
      'ietf-restconf:errors': { error: [{ 'error-type': 'application', 'error-tag': tag, 'error-message': message }] },
    }),
  };
}

/** Renames members everywhere in a JSON value. */
function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), renameKeys(v, rename)]));
  return value;
}

/** int64 leaves turned into JSON numbers, as the SDK's Swagger types them (presto-adagio.md §1.9). */
function int64AsNumbers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(int64AsNumbers);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        ['vlan-id', 'cir', 'max-frame-size', 'value'].includes(k) && typeof v === 'string' && /^\d+$/.test(v)
          ? Number(v)
          : int64AsNumbers(v),
      ]),
    );
  return value;
}

const ok2xx = (_req: ProxyRequest, res: ProxyResponse) => res.status >= 200 && res.status < 300;

export const CONTROLLER_VARIANTS: readonly ControllerVariant[] = [
  {
    name: 'accepts a VLAN clash with 200',
    caughtBy: R.refuseVlanClash.id,
    defect: {
      response: (req, res) =>
        rpcIs(req, 'create-connectivity-service') && res.status === 409 ? accepted('clash') : res,
    },
  },
  {
    name: 'answers errors as plain JSON without ietf-restconf:errors',
    caughtBy: R.errorShape.id,
    defect: {
      response: (_req, res) =>
        res.status >= 400
          ? { status: res.status, headers: { 'content-type': 'application/json' }, body: '{"error":"refused"}' }
          : res,
    },
  },
  {
    name: 'never brings a service to INSTALLED',
    caughtBy: R.activation.id,
    defect: {
      response: rewrite(
        (req, res) => rpcIs(req, 'get-connectivity-service-details') && res.status === 200,
        (j) => {
          const svc = j['tapi-connectivity:output']?.service;
          if (svc?.['lifecycle-state'] === 'INSTALLED') svc['lifecycle-state'] = 'PLANNED';
          return j;
        },
      ),
    },
  },
  {
    name: 'keeps the resources of a deleted service',
    caughtBy: R.deleteReleases.id,
    defect: () => {
      let creates = 0;
      return {
        // The second create of the run is the lifecycle scenario's create after its delete.
        answer: (req) =>
          rpcIs(req, 'create-connectivity-service') && ++creates === 2
            ? restconfError(409, 'resource-denied', 'VLAN in use')
            : undefined,
      };
    },
  },
  {
    name: 'lists no SIPs',
    caughtBy: R.discoverySips.id,
    defect: {
      response: rewrite(
        (req) => rpcIs(req, 'get-service-interface-point-list'),
        (j) => ({ 'tapi-common:output': { ...j['tapi-common:output'], sip: [] } }),
      ),
    },
  },
  {
    name: 'lists SIPs without their uuid',
    caughtBy: R.discoverySips.id,
    defect: {
      response: rewrite(
        (req) => rpcIs(req, 'get-service-interface-point-list'),
        (j) => {
          for (const s of j['tapi-common:output']?.sip ?? []) delete s.uuid;
          return j;
        },
      ),
    },
  },
  {
    name: 'lists no topology',
    caughtBy: R.discoveryTopology.id,
    defect: {
      response: rewrite(
        (req) => rpcIs(req, 'get-topology-list'),
        () => ({ 'tapi-topology:output': { topology: [] } }),
      ),
    },
  },
  {
    name: 'creates without giving the service uuid',
    caughtBy: R.create.id,
    defect: {
      response: rewrite(
        (req, res) => rpcIs(req, 'create-connectivity-service') && res.status === 200,
        (j) => {
          delete j['tapi-connectivity:output'].service.uuid;
          return j;
        },
      ),
    },
  },
  {
    name: "answers a create with the Swagger's '201 No response'",
    caughtBy: R.create.id,
    defect: {
      response: (req, res) =>
        rpcIs(req, 'create-connectivity-service') && res.status === 200 ? { status: 201, headers: {}, body: '' } : res,
    },
  },
  {
    name: 'has no connectivity services in its data tree (404)',
    caughtBy: R.readBack.id,
    defect: {
      answer: (req) =>
        req.method === 'GET' && req.path.includes('/data/tapi-common:context/tapi-connectivity:connectivity-service=')
          ? restconfError(404, 'invalid-value', 'uri keypath not found')
          : undefined,
    },
  },
  {
    name: 'accepts a service with one end-point',
    caughtBy: R.refuseOneEndPoint.id,
    defect: {
      answer: (req) =>
        rpcIs(req, 'create-connectivity-service') && endPointsOf(inputOf(req)).length === 1
          ? accepted('one-end-point')
          : undefined,
    },
  },
  {
    name: 'refuses an unknown SIP as 404 data-missing instead of 400 invalid-value',
    caughtBy: R.refuseUnknownSip.id,
    defect: {
      response: rewriteError(
        (err) => String(err['error-path'] ?? '').endsWith('/service-interface-point-id'),
        (err) => ({ status: 404, error: { ...err, 'error-tag': 'data-missing' } }),
      ),
    },
  },
  {
    name: 'ignores is-exclusive (every service is an EVPL)',
    caughtBy: R.eplReadBack.id,
    defect: {
      request: (req) => {
        const input = inputOf(req);
        if (!rpcIs(req, 'create-connectivity-service') || !input?.['conn-constraint']) return req;
        const json = structuredClone(req.json);
        json['tapi-connectivity:input']['conn-constraint']['is-exclusive'] = false;
        return { ...req, json, body: JSON.stringify(json) };
      },
    },
  },
  {
    name: 'reads an EPL back as non-exclusive through the data tree',
    caughtBy: R.eplReadBack.id,
    defect: {
      response: rewrite(
        (req, res) => req.method === 'GET' && req.path.includes('connectivity-service=') && res.status === 200,
        (j) => {
          for (const s of j['tapi-connectivity:connectivity-service'] ?? []) delete s['is-exclusive'];
          return j;
        },
      ),
    },
  },
  {
    name: 'refuses every EPL (no port-based service)',
    caughtBy: R.eplCreate.id,
    defect: {
      answer: (req) =>
        rpcIs(req, 'create-connectivity-service') && inputOf(req)?.['conn-constraint']?.['is-exclusive'] === true
          ? restconfError(400, 'invalid-value', 'is-exclusive is not supported')
          : undefined,
    },
  },
  {
    name: 'refuses an exclusive-port clash without an error-path',
    caughtBy: R.refusePortExclusive.id,
    defect: {
      response: rewriteError(
        (err) => err['error-app-tag'] === 'port-exclusive' || /exclusive|already in use/.test(err['error-message']),
        (err) => {
          delete err['error-path'];
          return { error: err };
        },
      ),
    },
  },
  {
    name: 'refuses an update-connectivity-service (one end-point per call not supported)',
    caughtBy: R.updateBandwidth.id,
    defect: {
      answer: (req) =>
        rpcIs(req, 'update-connectivity-service')
          ? restconfError(400, 'invalid-value', 'end-point must be a list of all end-points')
          : undefined,
    },
  },
  {
    name: 'answers an update 200 but keeps the old bandwidth',
    caughtBy: R.updateBandwidth.id,
    defect: {
      request: (req) => {
        if (!rpcIs(req, 'update-connectivity-service')) return req;
        const json = structuredClone(req.json);
        const flow = epResource(json['tapi-connectivity:input']['end-point'])?.['ingress-bwp-flow'];
        if (flow) flow.cir = '100000000';
        return { ...req, json, body: JSON.stringify(json) };
      },
    },
  },
  {
    name: 'reports the total capacity as available whatever is committed',
    caughtBy: R.capacityLedger.id,
    defect: {
      response: rewrite(
        (req, res) => rpcIs(req, 'get-service-interface-point-details') && res.status === 200,
        (j) => {
          const sip = j['tapi-common:output'].sip;
          sip['available-capacity'] = sip['total-potential-capacity'];
          return j;
        },
      ),
    },
  },
  {
    name: 'accepts more CIR than the SIP has',
    caughtBy: R.refuseOverCapacity.id,
    defect: {
      answer: (req) =>
        rpcIs(req, 'create-connectivity-service') &&
        endPointsOf(inputOf(req)).some((ep) => Number(epResource(ep)?.['ingress-bwp-flow']?.cir) > 1e9)
          ? accepted('over-capacity')
          : undefined,
    },
  },
  {
    name: 'refuses over capacity as 400 invalid-value instead of 409 resource-denied',
    caughtBy: R.refuseOverCapacity.id,
    defect: {
      response: rewriteError(
        (err) => err['error-app-tag'] === 'bandwidth-exhausted',
        (err) => ({ status: 400, error: { ...err, 'error-tag': 'invalid-value' } }),
      ),
    },
  },
  {
    name: 'accepts a frame larger than the SIPs take',
    caughtBy: R.refuseFrameSize.id,
    defect: {
      response: (req, res) =>
        rpcIs(req, 'create-connectivity-service') && /max-frame-size/.test(res.body) && res.status === 400
          ? accepted('jumbo')
          : res,
    },
  },
  {
    name: 'points the frame-size error-path at the input, not the leaf',
    caughtBy: R.refuseFrameSize.id,
    defect: {
      response: rewriteError(
        (err) => String(err['error-path'] ?? '').endsWith('/max-frame-size'),
        (err) => ({ error: { ...err, 'error-path': '/input' } }),
      ),
    },
  },
  {
    name: 'sends int64 leaves as JSON numbers (strict)',
    caughtBy: R.int64Strings.id,
    strict: true,
    defect: { response: rewrite(ok2xx, int64AsNumbers) },
  },
  {
    name: 'sends the RPC output without its module name (strict)',
    caughtBy: R.modulePrefixes.id,
    strict: true,
    defect: { response: rewrite(ok2xx, (j) => renameKeys(j, (k) => (k.endsWith(':output') ? 'output' : k))) },
  },
  {
    name: "names nrp-interface's augments without their module, as the Swagger does (strict)",
    caughtBy: R.modulePrefixes.id,
    strict: true,
    defect: { response: rewrite(ok2xx, (j) => renameKeys(j, (k) => k.replace(/^nrp-interface:/, ''))) },
  },
  {
    name: 'answers application/json (strict)',
    caughtBy: R.mediaType.id,
    strict: true,
    defect: {
      response: (req, res) =>
        ok2xx(req, res) && res.body ? { ...res, headers: { ...res.headers, 'content-type': 'application/json' } } : res,
    },
  },
];

export const defectOf = (v: ControllerVariant): Defect => (typeof v.defect === 'function' ? v.defect() : v.defect);
