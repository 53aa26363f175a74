import type { CallSpec, Exchange } from '../../../runtime/http/checking-client';
import type { ReceivedNotification } from '../../../runtime/http/listener';
import type { Rule } from '../../harness/rules';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { checkHistory, type StateMachine } from '../../../specs/state-machines/index';

export type Json = Record<string, any>;

export const bodyOf = (ex: Exchange): Json | undefined =>
  ex.json && typeof ex.json === 'object' && !Array.isArray(ex.json) ? (ex.json as Json) : undefined;
export const listOf = (ex: Exchange): Json[] | undefined => (Array.isArray(ex.json) ? (ex.json as Json[]) : undefined);
export const asArray = <T = Json>(v: unknown): T[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? (v as T[]) : [v as T];

/** An id that no seller has: unknown-id probes use it. */
export function unknownId(ctx: ScenarioContext<SonataSellerProfile>): string {
  return `lso-no-such-${ctx.ids.next('probe')}-0f1e2d`;
}

/**
 * Sends a create (or any) request and records its contract verdict and its status under `rule`. Returns the body
 * only when the status is the expected one and the body is an object; otherwise the caller stops (`ctx.abort`).
 */
export async function create(
  ctx: ScenarioContext<SonataSellerProfile>,
  rule: Rule,
  spec: CallSpec,
  status = 201,
): Promise<{ ex: Exchange; body?: Json }> {
  const ex = await ctx.call(rule.id, spec);
  const ok = ctx.expectStatus(rule.id, ex, [status]);
  return { ex, body: ok ? bodyOf(ex) : undefined };
}

/** The body, or stops the scenario: what follows needs it. */
export function need<T>(value: T | undefined, what: string, ctx: ScenarioContext<SonataSellerProfile>): T {
  if (value === undefined || value === null) ctx.abort(`${what} is missing, so the rest of the scenario cannot run`);
  return value as T;
}

// ---------------------------------------------------------------------------------------------------------------
// Echo: every attribute the Buyer sent comes back unchanged (MEF 123 R16, MEF 115 R13, MEF 87 R8, MEF 124 R11…)

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // The same instant written another way (`…00Z` and `…00.000Z`) is the same value.
  if (typeof a === 'string' && typeof b === 'string' && DATE_TIME.test(a) && DATE_TIME.test(b))
    return Date.parse(a) === Date.parse(b);
  return false;
}

/** Where `got` does not contain everything of `sent` unchanged (JSON pointers), empty when it does. */
export function echoProblems(sent: unknown, got: unknown, at = ''): string[] {
  if (sent === null || typeof sent !== 'object')
    return sameScalar(sent, got) ? [] : [`${at || '/'}: sent ${JSON.stringify(sent)}, got ${JSON.stringify(got)}`];
  if (Array.isArray(sent)) {
    if (!Array.isArray(got)) return [`${at || '/'}: sent a list, got ${got === undefined ? 'nothing' : typeof got}`];
    const problems: string[] = [];
    sent.forEach((s, i) => {
      const byId =
        s && typeof s === 'object' && 'id' in s
          ? got.find((g) => g && typeof g === 'object' && (g as Json).id === (s as Json).id)
          : undefined;
      if (byId !== undefined) {
        problems.push(...echoProblems(s, byId, `${at}/${i}`));
        return;
      }
      // Without an id the Seller may reorder or add entries (a Seller contact): the sent entry must be there.
      if (!got.some((g) => echoProblems(s, g).length === 0))
        problems.push(`${at}/${i}: ${JSON.stringify(s).slice(0, 120)} is not in the response`);
    });
    return problems;
  }
  if (!got || typeof got !== 'object' || Array.isArray(got))
    return [`${at || '/'}: sent an object, got ${got === undefined ? 'nothing' : JSON.stringify(got).slice(0, 80)}`];
  return Object.entries(sent as Json).flatMap(([k, v]) =>
    echoProblems(v, (got as Json)[k], `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  );
}

export function checkEcho(
  ctx: ScenarioContext<SonataSellerProfile>,
  rule: Rule,
  sent: unknown,
  got: unknown,
  what: string,
  ex?: Exchange,
): boolean {
  const problems = echoProblems(sent, got);
  return ctx.assert(rule.id, problems.length === 0, {
    message: problems.length
      ? `${what} does not return what the Buyer sent unchanged: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}`
      : `${what} returns every attribute the Buyer sent, unchanged`,
    expected: 'every attribute of the request, unchanged',
    found: problems,
    exchanges: ex ? [ex] : [],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** The exchange is one of `statuses`, in the MEF error shape the contract gives for it. */
export function expectError(
  ctx: ScenarioContext<SonataSellerProfile>,
  rule: Rule,
  ex: Exchange,
  statuses: readonly number[],
): boolean {
  if (!ctx.expectStatus(rule.id, ex, statuses)) return false;
  return ctx.checkContract(rule.id, ex);
}

/** GET (or act on) an id no seller has: 404 in the MEF `Error404` shape. */
export async function checkUnknownId(
  ctx: ScenarioContext<SonataSellerProfile>,
  rule: Rule,
  spec: Omit<CallSpec, 'pathParams'>,
  extraParams: Record<string, string> = {},
): Promise<Exchange> {
  const ex = await ctx.send({ ...spec, pathParams: { id: unknownId(ctx), ...extraParams }, negative: spec.negative });
  expectError(ctx, rule, ex, [404]);
  return ex;
}

const isPrefix = (a: string, b: string) => b === a || b.startsWith(`${a}/`);

/**
 * A request the Seller must refuse as unprocessable: 422, an `Error422` array (contract), and an entry whose
 * `propertyPath` points at (into or above, but not the root of) one of `pointers`.
 */
export function expect422(
  ctx: ScenarioContext<SonataSellerProfile>,
  rule: Rule,
  ex: Exchange,
  pointers: readonly string[],
  what: string,
): boolean {
  if (!ctx.expectStatus(rule.id, ex, [422])) return false;
  if (!ctx.checkContract(rule.id, ex)) return false;
  const entries = Array.isArray(ex.json) ? (ex.json as Json[]) : [];
  const paths = entries.map((e) => e?.propertyPath).filter((p): p is string => typeof p === 'string');
  const hit = paths.some(
    (p) => p !== '' && p !== '/' && pointers.some((want) => isPrefix(p, want) || isPrefix(want, p)),
  );
  return ctx.assert(rule.id, hit, {
    message: hit
      ? `${what}: refused with 422 pointing at ${paths.join(', ')}`
      : paths.length
        ? `${what}: the 422 points at ${paths.join(', ')}, not at the offending property`
        : `${what}: the 422 has no propertyPath saying what was wrong`,
    expected: { propertyPath: pointers },
    found: entries.map((e) => ({ code: e?.code, propertyPath: e?.propertyPath })),
    exchanges: [ex],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// State histories

/** The history of a resource, oldest first: `stateChange[]` (or `statusChange[]`) by date, then the current state if it is not last. */
export function historyOf(
  entity: Json | undefined,
  opts: { list?: string; key?: string; current?: string } = {},
): string[] {
  const list = opts.list ?? 'stateChange';
  const key = opts.key ?? 'state';
  const current = opts.current ?? key;
  const entries = asArray<Json>(entity?.[list])
    .map((e, i) => ({ e, i }))
    .sort((a, b) => String(a.e.changeDate ?? '').localeCompare(String(b.e.changeDate ?? '')) || a.i - b.i)
    .map(({ e }) => String(e[key]));
  const now = entity?.[current];
  if (typeof now === 'string' && entries[entries.length - 1] !== now) entries.push(now);
  return entries;
}

/**
 * The recorded history is a direct path through the state machine, and contains every state the suite saw on the
 * way (polls, responses), in the order it saw them (MEF 123 R19/R23, MEF 124 R14, the guides' lifecycle tables).
 */
export function checkRecordedHistory(
  ctx: ScenarioContext<SonataSellerProfile>,
  rule: Rule,
  machine: StateMachine,
  recorded: string[],
  observed: readonly string[],
  ex: Exchange[],
  what: string,
): boolean {
  if (!ctx.assertHistory(rule.id, machine, recorded, { strict: true }, { exchanges: ex })) return false;
  const seen = observed.filter((s, i) => observed.indexOf(s) === i);
  const missing = seen.filter((s) => !recorded.includes(s));
  let pos = -1;
  const outOfOrder = seen.some((s) => {
    const at = recorded.indexOf(s, Math.max(0, pos));
    if (at < 0) return false;
    const bad = at < pos;
    pos = at;
    return bad;
  });
  return ctx.assert(rule.id, missing.length === 0 && !outOfOrder, {
    message: missing.length
      ? `${what}: the recorded history lacks ${missing.join(', ')}, which the Seller reported earlier`
      : outOfOrder
        ? `${what}: the recorded history orders the states differently from what was observed`
        : `${what}: the recorded history holds every state observed (${seen.join(' → ')})`,
    expected: seen,
    found: recorded,
    exchanges: ex,
  });
}

/** The polled states are a possible (not necessarily direct) walk through the machine. */
export function checkPolledStates(
  ctx: ScenarioContext<SonataSellerProfile>,
  rule: Rule,
  machine: StateMachine,
  states: readonly string[],
  ex: Exchange[],
): boolean {
  const collapsed = states.filter((s, i) => i === 0 || states[i - 1] !== s);
  const problems = checkHistory(machine, collapsed, { strict: false });
  return ctx.assert(rule.id, problems.length === 0, {
    message: problems.length
      ? `polled ${machine.id} states ${collapsed.join(' → ')}: at ${problems[0].index}, ${problems[0].problem}`
      : `polled ${machine.id} states ${collapsed.join(' → ')} are a possible lifecycle`,
    found: collapsed,
    exchanges: ex,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Notifications

/** buyerId/sellerId that went on the request (the profile's, or the ones given) come back in the event (MEF 123 R6). */
export function checkIdsEchoed(
  ctx: ScenarioContext<SonataSellerProfile>,
  rule: Rule,
  n: ReceivedNotification,
  ids: { buyerId?: string; sellerId?: string } = {},
): boolean {
  const buyerId = ids.buyerId ?? ctx.profile.buyerId;
  const sellerId = ids.sellerId ?? ctx.profile.sellerId;
  if (!buyerId && !sellerId) {
    ctx.check(rule.id, 'skip', {
      message:
        'not applicable: the requests carried neither buyerId nor sellerId (single-partner profile), so none are due in events',
      notifications: [n],
    });
    return true;
  }
  const event = ((n.json as Json | undefined)?.event ?? {}) as Json;
  const expected = { ...(buyerId ? { buyerId } : {}), ...(sellerId ? { sellerId } : {}) };
  const found = { ...(buyerId ? { buyerId: event.buyerId } : {}), ...(sellerId ? { sellerId: event.sellerId } : {}) };
  const ok = JSON.stringify(expected) === JSON.stringify(found);
  return ctx.assert(rule.id, ok, {
    message: ok
      ? `${n.record.eventType} carries the request's buyerId/sellerId`
      : `${n.record.eventType} does not carry the request's buyerId/sellerId`,
    expected,
    found,
    notifications: [n],
  });
}

/** One check per notification under `rule`: it conforms to its notification API. */
export function checkNotificationsConform(
  ctx: ScenarioContext<SonataSellerProfile>,
  rule: Rule,
  ns: readonly ReceivedNotification[],
): void {
  for (const n of ns) ctx.checkNotification(rule.id, n);
}
