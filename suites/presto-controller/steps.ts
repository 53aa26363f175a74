import { ControlClient } from '../../runtime/control/client';
import type { ScenarioContext } from '../harness/scenario-context';
import type { PrestoControllerProfile } from './profile';
import { outputOf, restconfError, rpc, YANG_JSON, type RcExchange } from './restconf';
import { PRESTO_RULES as R } from './rules';

/** What the Presto scenarios share: discovery of SIPs, following a service, judging refusals, clean-up. */

export type Ctx = ScenarioContext<PrestoControllerProfile>;
export type Json = Record<string, any>;

export const CONN = 'tapi-connectivity';
export const COMMON = 'tapi-common';
export const TOPO = 'tapi-topology';
/** How many times the suite moves an lso controller's clock by a minute, or polls a real one, before giving up. */
export const MAX_POLLS = 30;
const POLL_MS = 1000;

/** An error verdict when nothing came back (or a 5xx): the behaviour under test was not observed. */
export function noAnswer(ctx: Ctx, rule: string, x: RcExchange, expected: unknown): boolean {
  if (x.status === undefined) {
    ctx.check(rule, 'error', {
      message: `no response: ${x.record.failure?.message ?? 'unknown failure'}`,
      expected,
      exchanges: [x],
    });
    return true;
  }
  if (x.status >= 500) {
    ctx.check(rule, 'error', {
      message: `answered ${x.status}: the controller could not process the request`,
      expected,
      found: x.status,
      exchanges: [x],
    });
    return true;
  }
  return false;
}

/** The SIPs the controller lists (uuids), UNIs first. */
export async function listSips(ctx: Ctx): Promise<{ x: RcExchange; sips: Json[] }> {
  const x = await rpc(ctx, COMMON, 'get-service-interface-point-list');
  const list = outputOf(x)?.sip;
  return { x, sips: Array.isArray(list) ? (list as Json[]) : [] };
}

const isUni = (sip: Json) => Object.keys(sip).some((k) => /(^|[:-])uni/i.test(k));

/** The uuids of the SIPs the controller lists, UNIs first. */
async function sipUuids(ctx: Ctx): Promise<string[]> {
  const { sips } = await listSips(ctx);
  return [...sips.filter(isUni), ...sips.filter((s) => !isUni(s))]
    .map((s) => s.uuid)
    .filter((u): u is string => typeof u === 'string');
}

/** The two SIPs of the suite's EVPLs: the profile's, else the first two UNIs (or SIPs) the controller lists. */
export async function pickSips(ctx: Ctx): Promise<[string, string]> {
  if (ctx.profile.sips) return ctx.profile.sips;
  const uuids = await sipUuids(ctx);
  if (uuids.length < 2) ctx.abort('the controller lists fewer than two SIPs: no service can be built');
  return [uuids[0], uuids[1]];
}

/**
 * The two SIPs of the suite's EPL, which must be free of other services: the profile's `eplSips`, else the third and
 * fourth UNIs (or SIPs) the controller lists, else the EVPL's two (the other scenarios have deleted theirs by then).
 */
export async function pickEplSips(ctx: Ctx): Promise<[string, string]> {
  if (ctx.profile.eplSips) return ctx.profile.eplSips;
  if (ctx.profile.sips) return ctx.profile.sips;
  const uuids = await sipUuids(ctx);
  if (uuids.length < 2) ctx.abort('the controller lists fewer than two SIPs: no service can be built');
  return uuids.length >= 4 ? [uuids[2], uuids[3]] : [uuids[0], uuids[1]];
}

/** Moves time on: an lso controller's clock by a minute through its control API, a real one's by waiting. */
export async function letTimePass(control: ControlClient | undefined): Promise<void> {
  if (control) await control.advance(60_000);
  else await new Promise((r) => setTimeout(r, POLL_MS));
}

export function probe(ctx: Ctx): Promise<ControlClient | undefined> {
  const root = ctx.profile.target.baseUrl;
  return root ? ControlClient.probe(root, ctx.profile.timeouts.requestMs) : Promise.resolve(undefined);
}

export const lifecycleOf = (x: RcExchange): unknown => outputOf(x)?.service?.['lifecycle-state'];

/**
 * Deletes a service, best effort (clean-up), and waits until it is gone so the next scenario finds its resources
 * free. A service still being activated is refused 409 in-use (presto-adagio.md §1.5): the delete is retried.
 * Only an lso controller is waited for; a real one is given one poll interval.
 */
export async function deleteQuietly(ctx: Ctx, uuid: string, control: ControlClient | undefined): Promise<void> {
  for (let i = 0; i < MAX_POLLS; i++) {
    const del = await rpc(ctx, CONN, 'delete-connectivity-service', { 'service-id-or-name': uuid }, { cleanup: true });
    if (del.status !== 409) break;
    await letTimePass(control);
  }
  if (control) await awaitGone(ctx, uuid, control, { cleanup: true });
}

/** Judges an error answer's shape (RFC 8040 §7.1): yang-data+json with an `ietf-restconf:errors` list. */
export function judgeErrorShape(ctx: Ctx, x: RcExchange, what: string): void {
  if (x.status === undefined || x.status < 400) return;
  const yang = (x.contentType ?? '').toLowerCase().startsWith(YANG_JSON);
  const err = restconfError(x);
  const ok = yang && err !== undefined && typeof err['error-tag'] === 'string';
  ctx.check(R.errorShape.id, ok ? 'pass' : 'fail', {
    message: ok
      ? `${what}: ${x.status} ${YANG_JSON} with ietf-restconf:errors (error-tag ${err!['error-tag']})`
      : `${what}: ${x.status} ${!yang ? `with Content-Type ${x.contentType ?? '(none)'}, not ${YANG_JSON}` : 'without an ietf-restconf:errors list whose error has an error-tag'}`,
    expected: `${YANG_JSON}; {"ietf-restconf:errors": {"error": [{"error-type", "error-tag", …}]}}`,
    found: { contentType: x.contentType, body: x.json ?? x.record.response?.body },
    exchanges: [x],
  });
}

/** Where an RFC 8040 `error-path` must point: a pattern, and how a report says it. */
export interface ErrorPathExpectation {
  pattern: RegExp;
  says: string;
}

/** An error-path into the create's end-point list (`/input/end-point[2]`, module prefixes allowed). */
export const INTO_END_POINT: ErrorPathExpectation = {
  pattern: /(^|\/)([\w.-]+:)?input\/([\w.-]+:)?end-point(\[|\/|$)/,
  says: 'an error-path into /input/end-point',
};

/**
 * A refusal: the expected status and error-tag (and error-path, when given), else fail (or error when nothing was
 * observed). RFC 8040 §7.1 makes error-path optional in general; the suite asks for it where the research says a
 * controller can name the offending node (presto-adagio.md §1.11).
 */
export function judgeRefusal(
  ctx: Ctx,
  rule: string,
  x: RcExchange,
  status: number,
  tag?: string,
  path?: ErrorPathExpectation,
): void {
  const expected = `${status} with ${tag ? `error-tag ${tag}` : 'ietf-restconf:errors'}${path ? ` and ${path.says}` : ''}`;
  if (noAnswer(ctx, rule, x, expected)) return;
  const err = restconfError(x);
  const tagOk = tag ? err?.['error-tag'] === tag : err !== undefined;
  const errorPath: unknown = err?.['error-path'];
  const pathOk = !path || (typeof errorPath === 'string' && path.pattern.test(errorPath));
  const ok = x.status === status && tagOk && pathOk;
  ctx.check(rule, ok ? 'pass' : 'fail', {
    message: ok
      ? `refused ${x.status}${err?.['error-tag'] ? ` ${err['error-tag']}` : ''}${path ? ` at ${String(errorPath)}` : ''}: ${err?.['error-message'] ?? ''}`.trim()
      : x.status! < 300
        ? `accepted with ${x.status}: the controller should have refused it`
        : x.status === status && tagOk
          ? `refused ${x.status} ${String(err?.['error-tag'])}, but error-path is ${errorPath === undefined ? 'missing' : `'${String(errorPath)}'`}, not ${path!.says}`
          : `refused ${x.status}, error-tag ${String(err?.['error-tag'] ?? '(no ietf-restconf:errors)')}`,
    expected,
    found: { status: x.status, 'error-tag': err?.['error-tag'], ...(path ? { 'error-path': errorPath } : {}) },
    exchanges: [x],
  });
}

const detailsOf = (ctx: Ctx, uuid: string, opts: { cleanup?: boolean } = {}) =>
  rpc(ctx, CONN, 'get-connectivity-service-details', { 'service-id-or-name': uuid }, opts);

/** A service as get-connectivity-service-details gives it. */
export const serviceOf = (x: RcExchange): Json | undefined => outputOf(x)?.service as Json | undefined;

/** What following a service found: the last details answer and the states it went through. */
export interface Followed {
  last: RcExchange;
  seen: unknown[];
  reached: boolean;
}

/**
 * Follows a service until `reached` holds of it, by polling get-connectivity-service-details (R2 offers nothing
 * else, presto-adagio.md §1.7), moving an lso controller's clock a minute between polls.
 *
 * Notification hook: a target that claims the TAPI notification extension (an SSE stream, §1.7) would be followed
 * here by its OBJECT_CREATION / ATTRIBUTE_VALUE_CHANGE events instead, under a scenario that `requires` the
 * capability and its own rule; every scenario reaches activation through this one function.
 */
export async function followService(
  ctx: Ctx,
  uuid: string,
  control: ControlClient | undefined,
  reached: (service: Json | undefined) => boolean,
): Promise<Followed> {
  const seen: unknown[] = [];
  let last: RcExchange | undefined;
  for (let i = 0; i <= MAX_POLLS; i++) {
    last = await detailsOf(ctx, uuid);
    if (last.status === undefined || last.status >= 500) break;
    const state = lifecycleOf(last);
    if (seen.at(-1) !== state) seen.push(state);
    if (reached(serviceOf(last))) return { last, seen, reached: true };
    if (i < MAX_POLLS) await letTimePass(control);
  }
  return { last: last!, seen, reached: false };
}

/** Installed and, where the controller says, enabled: an activation or an update is done. */
export const settled = (s: Json | undefined): boolean =>
  s?.['lifecycle-state'] === 'INSTALLED' && (s['operational-state'] ?? 'ENABLED') === 'ENABLED';

/** Follows a service to INSTALLED and judges `rule` on it. */
export async function judgeActivation(
  ctx: Ctx,
  rule: string,
  uuid: string,
  control: ControlClient | undefined,
): Promise<boolean> {
  const f = await followService(ctx, uuid, control, (s) => s?.['lifecycle-state'] === 'INSTALLED');
  if (noAnswer(ctx, rule, f.last, 'INSTALLED')) return false;
  const waited = control ? `${MAX_POLLS} minutes of the controller's clock` : `${MAX_POLLS} polls`;
  const trail = f.seen.map(String).join(' → ');
  ctx.check(rule, f.reached ? 'pass' : 'fail', {
    message: f.reached
      ? `lifecycle-state went ${trail}`
      : `still ${String(lifecycleOf(f.last))} after ${waited} (seen: ${trail})`,
    expected: 'lifecycle-state INSTALLED',
    found: f.seen,
    exchanges: [f.last],
  });
  return f.reached;
}

/** Waits until the service is gone (a removal may run asynchronously): details no longer answers 200. */
export async function awaitGone(
  ctx: Ctx,
  uuid: string,
  control: ControlClient | undefined,
  opts: { cleanup?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < MAX_POLLS; i++) {
    const d = await detailsOf(ctx, uuid, opts);
    if (d.status !== 200) return;
    await letTimePass(control);
  }
}

/**
 * The services a scenario created, deleted at its end whatever happened (and, on an lso controller, given the time
 * to go, so the next scenario finds the resources free).
 */
export function liveServices(ctx: Ctx, control: ControlClient | undefined) {
  const live = new Set<string>();
  ctx.onCleanup(async () => {
    for (const uuid of live) await deleteQuietly(ctx, uuid, control);
  });
  return {
    live,
    /** Keeps the uuid of a create that was accepted. */
    keep(x: RcExchange): string | undefined {
      const u = serviceOf(x)?.uuid;
      if (x.status === 200 && typeof u === 'string' && u) {
        live.add(u);
        return u;
      }
      return undefined;
    },
  };
}

/** A SIP as get-service-interface-point-details gives it. */
export async function sipDetails(ctx: Ctx, sip: string): Promise<{ x: RcExchange; sip?: Json }> {
  const x = await rpc(ctx, COMMON, 'get-service-interface-point-details', { 'sip-id-or-name': sip });
  return { x, sip: outputOf(x)?.sip as Json | undefined };
}

const UNIT_BPS: Record<string, number> = { TBPS: 1e12, GBPS: 1e9, MBPS: 1e6, KBPS: 1e3 };

/** A tapi-common capacity (`total-size {value, unit}`) in bits per second, or undefined. */
export function capacityBps(capacity: unknown): number | undefined {
  const size = (capacity as Json | undefined)?.['total-size'] as Json | undefined;
  const value = Number(size?.value);
  const unit = UNIT_BPS[String(size?.unit ?? '').toUpperCase()];
  return Number.isFinite(value) && unit ? value * unit : undefined;
}

/** The SIP's max-frame-size, from its `nrp-interface` UNI-N/ENNI-N/INNI-N resource. */
export function maxFrameSizeOf(sip: Json | undefined): number | undefined {
  for (const [k, v] of Object.entries(sip ?? {}))
    if (/nrp-carrier-eth-(uni|enni|inni)-n-resource$/.test(k)) {
      const n = Number((v as Json | undefined)?.['max-frame-size']);
      if (Number.isSafeInteger(n) && n > 0) return n;
    }
  return undefined;
}
