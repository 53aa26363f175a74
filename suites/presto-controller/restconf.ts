import type { ExchangeRecord } from '../../runtime/events/evidence';
import { exchangeRecord } from '../../runtime/http/exchange-record';
import { sendOnce, type WireRequest } from '../../runtime/http/transport';
import type { ScenarioContext } from '../harness/scenario-context';
import type { PrestoControllerProfile } from './profile';
import { PRESTO_API } from './rules';

export const YANG_JSON = 'application/yang-data+json';

type Json = Record<string, any>;

/** One RESTCONF exchange as evidence (the record a check cites) plus what the scenario goes on with. */
export interface RcExchange {
  record: ExchangeRecord;
  status?: number;
  contentType?: string;
  json?: any;
}

/**
 * Sends one RESTCONF request to the controller and keeps it as evidence. The catalogue's `presto.nrp` contract is
 * Swagger-shaped (no module prefixes), so the suite does not send RFC 8040 requests through the checking client:
 * it sends through the transport and records the exchange as the checking client does (`exchangeRecord`).
 */
export async function restconf(
  ctx: ScenarioContext<PrestoControllerProfile>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  operationId?: string,
  opts: { cleanup?: boolean } = {},
): Promise<RcExchange> {
  const headers: Record<string, string> = { accept: YANG_JSON };
  if (body !== undefined) headers['content-type'] = YANG_JSON;
  const auth = ctx.profile.auth;
  if (auth.type === 'bearer') headers.authorization = `Bearer ${auth.token}`;
  const wire: WireRequest = {
    method,
    url: `${ctx.client.baseUrl(PRESTO_API)}${path}`,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  };
  const startedAt = ctx.clock.now();
  // A clean-up runs after the scenario's signal has fired: it is sent regardless, bounded by its own timeout.
  const result = await sendOnce(wire, {
    timeoutMs: ctx.profile.timeouts.requestMs,
    ...(opts.cleanup ? {} : { signal: ctx.signal }),
  });
  const record = exchangeRecord(ctx.ids.next('ex'), { api: PRESTO_API, operationId }, startedAt, wire, result);
  if (!result.ok) return { record };
  const res = result.response;
  let json: unknown;
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { record, status: res.status, contentType: res.headers['content-type'], json };
}

/** `POST /restconf/operations/<module>:<rpc>` with `{"<module>:input": input}` (RFC 8040 §3.6.1). */
export function rpc(
  ctx: ScenarioContext<PrestoControllerProfile>,
  module: string,
  name: string,
  input?: Json,
  opts: { cleanup?: boolean } = {},
): Promise<RcExchange> {
  return restconf(
    ctx,
    'POST',
    `/operations/${module}:${name}`,
    input === undefined ? undefined : { [`${module}:input`]: input },
    name,
    opts,
  );
}

/** The RPC output: `<module>:output` (RFC 8040 §3.6.2), or the bare `output` some controllers send. */
export function outputOf(x: RcExchange): Json | undefined {
  const j = x.json;
  if (!j || typeof j !== 'object') return undefined;
  const key = Object.keys(j).find((k) => k === 'output' || k.endsWith(':output'));
  return key ? (j[key] as Json) : undefined;
}

/** The first error of an `ietf-restconf:errors` body (RFC 8040 §7.1), or undefined. */
export function restconfError(x: RcExchange): Json | undefined {
  const errors = (x.json as Json | undefined)?.['ietf-restconf:errors']?.error;
  return Array.isArray(errors) && errors.length ? (errors[0] as Json) : undefined;
}

/** What the suite varies in the services it asks for. */
export interface ServiceSpec {
  /** CE-VLAN ids mapped at each end-point, or `ALL` (every CE-VLAN: a port-based EPL). */
  vlans: readonly number[] | 'ALL';
  /** Ingress CIR at each end-point, bits per second (default 100 Mb/s). */
  cir?: number;
  /** `conn-constraint/is-exclusive`: true for an EPL (the YANG default), false for an EVPL. */
  exclusive?: boolean;
  maxFrameSize?: number;
}

export const DEFAULT_CIR = 100_000_000;

/** The `nrp-interface` augment of an end-point (RFC 7951: module-prefixed, int64 as strings). */
export function endPointResource(spec: ServiceSpec): Json {
  return {
    'ce-vlan-id-list-and-untag':
      spec.vlans === 'ALL'
        ? { 'vlan-id-mapping-type': 'ALL' }
        : { 'vlan-id': spec.vlans.map((v) => ({ 'vlan-id': String(v) })) },
    'ingress-bwp-flow': { cir: String(spec.cir ?? DEFAULT_CIR), cbs: '100000', eir: '0', ebs: '0' },
  };
}

function endPoint(sip: string, spec: ServiceSpec): Json {
  return {
    'service-interface-point': { 'service-interface-point-id': sip },
    direction: 'BIDIRECTIONAL',
    'layer-protocol-name': 'ETH',
    role: 'SYMMETRIC',
    'nrp-interface:nrp-carrier-eth-connectivity-end-point-resource': endPointResource(spec),
  };
}

/** A create-connectivity-service input: a point-to-point service between the SIPs (one end-point when one is given). */
export function serviceInput(sips: readonly string[], spec: ServiceSpec): Json {
  return {
    'end-point': sips.map((s) => endPoint(s, spec)),
    'conn-constraint': {
      'service-type': 'POINT_TO_POINT_CONNECTIVITY',
      'is-exclusive': spec.exclusive ?? false,
      'service-level': 'BEST_EFFORT',
    },
    'nrp-interface:nrp-carrier-eth-connectivity-resource': { 'max-frame-size': String(spec.maxFrameSize ?? 1500) },
  };
}

/** An EVPL between the SIPs on one CE-VLAN, 100 Mb/s. */
export const evplInput = (sips: readonly string[], vlan: number): Json => serviceInput(sips, { vlans: [vlan] });
