import type { CallSpec, Exchange } from '../../../runtime/http/checking-client';
import { WaitTimeoutError } from '../../../runtime/http/errors';
import type { ReceivedNotification } from '../../../runtime/http/listener';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { controlOf } from './seller';

type Json = Record<string, any>;

/** Virtual milliseconds the suite moves a controllable seller's clock per poll. */
export const VIRTUAL_STEP_MS = 500;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/** How long a real seller is given between polls: a tenth of the notification limit, between 100 ms and 2 s. */
function pollInterval(ctx: ScenarioContext<SonataSellerProfile>): number {
  return Math.min(2000, Math.max(100, Math.floor(ctx.profile.timeouts.notificationMs / 10)));
}

/**
 * Lets the seller work: on a controllable seller its virtual clock moves `virtualMs` forward (what falls due runs at
 * once), on a real one the suite simply waits a poll interval.
 */
export async function letTimePass(
  ctx: ScenarioContext<SonataSellerProfile>,
  virtualMs = VIRTUAL_STEP_MS,
): Promise<void> {
  const control = await controlOf(ctx);
  if (control) await control.advance(virtualMs);
  else await sleep(pollInterval(ctx), ctx.signal);
}

export interface Polled {
  last: Exchange;
  /** Every exchange of the poll, oldest first: the evidence, and the states seen along the way. */
  all: Exchange[];
}

/**
 * GETs `spec` until `until(body)` holds, letting the seller work between polls. Bounded by the profile's notification
 * limit (on a controllable seller, also by a number of steps); running out throws `WaitTimeoutError`, which stops
 * the scenario and leaves what it had not checked as `error`.
 */
export async function pollUntil(
  ctx: ScenarioContext<SonataSellerProfile>,
  spec: CallSpec,
  until: (body: Json) => boolean,
  what: string,
  opts: { stepMs?: number; maxSteps?: number } = {},
): Promise<Polled> {
  const control = await controlOf(ctx);
  const limitMs = ctx.profile.timeouts.notificationMs;
  const started = Date.now();
  const maxSteps = opts.maxSteps ?? 400;
  const all: Exchange[] = [];
  for (let step = 0; ; step++) {
    const ex = await ctx.send(spec);
    all.push(ex);
    const body = ex.json as Json | undefined;
    if (ex.status === 200 && body && typeof body === 'object' && safe(until, body)) return { last: ex, all };
    if (Date.now() - started > limitMs || (control && step >= maxSteps)) throw new WaitTimeoutError(what, limitMs);
    if (control) await control.advance(opts.stepMs ?? VIRTUAL_STEP_MS);
    else await sleep(pollInterval(ctx), ctx.signal);
  }
}

function safe(f: (b: Json) => boolean, b: Json): boolean {
  try {
    return f(b);
  } catch {
    return false;
  }
}

/**
 * Waits for a notification, moving a controllable seller's clock while it waits (a real seller just gets the time).
 * Bounded by the profile's notification limit; running out throws `WaitTimeoutError`.
 */
export async function awaitNotification(
  ctx: ScenarioContext<SonataSellerProfile>,
  predicate: (n: ReceivedNotification) => boolean,
  what: string,
  stepMs = VIRTUAL_STEP_MS,
): Promise<ReceivedNotification> {
  const control = await controlOf(ctx);
  if (!control) return ctx.waitForNotification(predicate, { what });
  const hit = ctx.listener.notifications().find((n) => safe(() => predicate(n), {}));
  if (hit) return hit;
  const limitMs = ctx.profile.timeouts.notificationMs;
  const started = Date.now();
  const slice = Math.min(250, limitMs);
  for (;;) {
    try {
      return await ctx.waitForNotification(predicate, { what, timeoutMs: slice });
    } catch (e) {
      if (!(e instanceof WaitTimeoutError)) throw e;
      if (Date.now() - started + slice > limitMs) throw new WaitTimeoutError(what, limitMs);
      await control.advance(stepMs);
    }
  }
}

/**
 * Gives notifications already on their way time to arrive, before checking that none came: a controllable seller
 * says when it has nothing left to deliver; a real one gets a twentieth of the notification limit (50 ms to 1 s).
 */
export async function quietPeriod(ctx: ScenarioContext<SonataSellerProfile>): Promise<void> {
  const control = await controlOf(ctx);
  if (control) {
    for (let i = 0; i < 40 && (await control.pendingDeliveries()) > 0; i++) await sleep(25, ctx.signal);
    await sleep(20, ctx.signal);
    return;
  }
  await sleep(Math.min(1000, Math.max(50, Math.floor(ctx.profile.timeouts.notificationMs / 20))), ctx.signal);
}

/** The notifications received so far about entity `id` of event types `types` (all types if none given), deduplicated by eventId. */
export function notificationsAbout(
  ctx: ScenarioContext<SonataSellerProfile>,
  id: string,
  types?: readonly string[],
): ReceivedNotification[] {
  const seen = new Set<string>();
  return ctx.listener.notifications().filter((n) => {
    if (n.record.entityId !== id) return false;
    if (types && !types.includes(n.record.eventType ?? '')) return false;
    const eventId = (n.json as { eventId?: unknown } | undefined)?.eventId;
    if (typeof eventId === 'string') {
      if (seen.has(eventId)) return false;
      seen.add(eventId);
    }
    return true;
  });
}

/**
 * Notifications of `notificationApi` received since arrival index `since` that name no entity: a body that is not
 * JSON, or an envelope without `event.id`. They cannot be tied to a resource, so whoever waits for the events of one
 * resource would never look at them; the scenario judges them as they are.
 */
export function unattributed(
  ctx: ScenarioContext<SonataSellerProfile>,
  notificationApi: string,
  since: number,
): ReceivedNotification[] {
  return ctx.listener
    .notifications()
    .slice(since)
    .filter((n) => n.record.api === notificationApi && n.record.entityId === undefined);
}
