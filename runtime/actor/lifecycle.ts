import { isoAt } from '../../lib/clock';
import {
  fire,
  getStateMachine,
  isTerminal,
  type StateHistory,
  type StateMachine,
  type Transition,
} from '../../specs/state-machines';
import { Conflict, NotFound, Unprocessable, type HttpError } from '../server/errors';
import { visibleTo, type Tenant } from '../server/tenancy';
import type { Json, Reply } from '../server/types';
import type { Job } from '../state/scheduler';
import type { EntityRecord } from '../state/store/store';
import type { ActorContext } from './context';
import { itemKindOf, kindInfo, type ItemKindInfo, type KindInfo } from './kinds';

/**
 * The role-free lifecycle every stateful actor shares: entities stored under their tenant, moved along their state
 * machine (specs/state-machines) with history and events, and driven by the plan of their outcome, one scheduled
 * step per state. A role supplies its kinds, behaviours and profile through its `ActorContext`.
 */

export const STEP_JOB = 'step';

export function nowIso(ctx: ActorContext): string {
  return isoAt(ctx.clock);
}

/** The machine that moves a kind, if any; where its state and history live is the machine's own data. */
export function machineOf(ctx: ActorContext, kind: string): StateMachine | undefined {
  const m = kindInfo(ctx.kinds, kind)?.machine;
  return m ? getStateMachine(m) : undefined;
}

/** The state an entity (or item) is in by its machine's state field; `null` before creation. */
export function stateOf(m: StateMachine, data: Json): string | null {
  return (data[m.stateField] as string | undefined) ?? null;
}

function info(ctx: ActorContext, kind: string): KindInfo {
  const i = kindInfo(ctx.kinds, kind);
  if (!i) throw new Error(`unknown entity kind ${kind}`);
  return i;
}

/** The resource's `href`: an absolute URL under the mock's public origin (the catalog types it `format: uri`). */
export function hrefOf(ctx: ActorContext, kind: string, id: string): string {
  const i = info(ctx, kind);
  return `${ctx.origin}${ctx.contracts.api(i.apiId).basePath}${i.path}/${encodeURIComponent(id)}`;
}

/** An entity the tenant may see, or 404: another tenant's entity does not exist for this one. */
export function load(ctx: ActorContext, kind: string, id: string, tenant?: Tenant): EntityRecord {
  const rec = ctx.store.get(kind, id);
  if (!rec || (tenant && !visibleTo(rec.owner, tenant))) throw new NotFound(`no ${kind} with id '${id}'`);
  return rec;
}

/** An entity as a 200 reply, its bytes served from the store's cache (a create's 201 fills it for the GETs that follow). */
export function entityReply(ctx: ActorContext, rec: EntityRecord): Reply {
  return { status: 200, bytes: ctx.store.bytes(rec) };
}

/** Visible entities of a kind, in creation order. */
export function visible(ctx: ActorContext, kind: string, tenant: Tenant): EntityRecord[] {
  return ctx.store.list(kind).filter((r) => visibleTo(r.owner, tenant));
}

export const HOUSEKEEPING_JOB = 'housekeeping';

export function save(ctx: ActorContext, rec: EntityRecord): void {
  ctx.store.put(rec);
  // Trimming runs as a job of its own, outside the request: a request's transaction snapshots what it touches.
  if (ctx.retain > 0 && ctx.store.count(rec.kind) > ctx.retain * 1.1) {
    ctx.scheduler.schedule(HOUSEKEEPING_JOB, 0, { kind: rec.kind }, `${HOUSEKEEPING_JOB}/${rec.kind}`);
  }
}

function isFinished(ctx: ActorContext, rec: EntityRecord): boolean {
  const i = kindInfo(ctx.kinds, rec.kind);
  const m = i?.machine ? getStateMachine(i.machine) : undefined;
  return !m || isTerminal(m, stateOf(m, rec.data) ?? '');
}

/**
 * Memory is bounded: past `retain` entities of a kind, the oldest are forgotten, finished ones first, seeded ones
 * never. Trimmed in steps (to `retain`, once 10 % over) so that the cost is spread.
 */
export function forgetOldest(ctx: ActorContext, kind: string): void {
  let excess = ctx.store.count(kind) - ctx.retain;
  const all = ctx.store.list(kind).filter((r) => !r.meta.seeded);
  const gone = new Set<string>();
  for (const pass of [(r: EntityRecord) => isFinished(ctx, r), () => true]) {
    for (const r of all) {
      if (excess <= 0) return;
      if (gone.has(r.id) || !pass(r)) continue;
      ctx.store.delete(kind, r.id);
      ctx.scheduler.cancelKey(`${kind}/${r.id}`);
      gone.add(r.id);
      excess--;
    }
  }
}

/** Marks an entity for re-planning once the current request or job is done. */
export function touch(ctx: ActorContext, rec: EntityRecord): void {
  if (ctx.behaviours[rec.kind]) ctx.dirty.set(`${rec.kind}/${rec.id}`, { kind: rec.kind, id: rec.id });
}

export interface MoveOptions {
  reason?: string;
  /** How a refused transition is reported: a 422 (the default, as most guides say) or a 409 (PATCH). */
  refuse?: 'unprocessable' | 'conflict';
  /** Event types of this transition that the caller announces itself (chargeCreateEvent carries the charge's id). */
  silent?: string[];
}

function refusal(reason: string, how: MoveOptions['refuse']): HttpError {
  return how === 'conflict' ? new Conflict(reason) : Unprocessable.one('otherIssue', undefined, reason);
}

function applyState(target: Json, m: StateMachine, t: Transition, when: string, reason?: string): void {
  if (t.from === t.to) return;
  target[m.stateField] = t.to;
  const history: StateHistory | undefined = m.history;
  if (history) {
    const list = (target[history.field] ??= []) as Json[];
    const dateKey = history.dateKey ?? 'changeDate';
    list.push({
      [history.key]: t.to,
      [dateKey]: when,
      ...(reason && !history.dateKey ? { changeReason: reason } : {}),
    });
  }
}

/**
 * Moves an entity along its state machine (specs/state-machines): refuses what the table does not allow from the
 * current state, records the history entry, announces the events the transition lists, and stores the entity.
 */
export function move(ctx: ActorContext, rec: EntityRecord, event: string, opts: MoveOptions = {}): Transition {
  const m = machineOf(ctx, rec.kind);
  if (!m) throw new Error(`${rec.kind} has no state machine`);
  const r = fire(m, stateOf(m, rec.data), event);
  if (!r.ok) throw refusal(r.reason, opts.refuse);
  applyState(rec.data, m, r.transition, nowIso(ctx), opts.reason);
  save(ctx, rec);
  for (const type of r.transition.notify ?? []) if (!opts.silent?.includes(type)) announce(ctx, rec, type);
  touch(ctx, rec);
  return r.transition;
}

/** Whether `event` is allowed from the entity's (or item's) current state. */
export function can(ctx: ActorContext, rec: EntityRecord, event: string, item?: Json): boolean {
  if (item) {
    const im = getStateMachine(itemKindOf(ctx.kinds, rec.kind)!.machine);
    return fire(im, stateOf(im, item), event).ok;
  }
  const m = machineOf(ctx, rec.kind);
  return !!m && fire(m, stateOf(m, rec.data), event).ok;
}

/** Moves one item of an entity (order item, POQ item, quote item, charge item) along the item machine. */
export function moveItem(
  ctx: ActorContext,
  rec: EntityRecord,
  item: Json,
  event: string,
  opts: MoveOptions = {},
): Transition {
  const ik: ItemKindInfo | undefined = itemKindOf(ctx.kinds, rec.kind);
  if (!ik) throw new Error(`${rec.kind} has no items`);
  const im = getStateMachine(ik.machine);
  const r = fire(im, stateOf(im, item), event);
  if (!r.ok) throw refusal(`item '${item.id}': ${r.reason}`, opts.refuse);
  applyState(item, im, r.transition, nowIso(ctx), opts.reason);
  save(ctx, rec);
  for (const type of r.transition.notify ?? [])
    if (!opts.silent?.includes(type)) announce(ctx, rec, type, ik.eventKey ? { [ik.eventKey]: item.id } : {});
  touch(ctx, rec);
  return r.transition;
}

/** Sends a thin event about `rec` (MEF 123 §6.16) to the hubs of its API that its tenant registered. */
export function announce(ctx: ActorContext, rec: EntityRecord, eventType: string, extra: Json = {}): void {
  const i = info(ctx, rec.kind);
  ctx.notifier.announce({
    apiId: i.apiId,
    eventType,
    payload: { id: rec.id, href: hrefOf(ctx, rec.kind, rec.id), ...extra },
    owner: rec.owner,
    tenant: rec.meta.tenant as Tenant | undefined,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The autopilot: each entity follows the plan of its outcome, one scheduled step per state.

export function outcomesOf(ctx: ActorContext, kind: string): string[] {
  return Object.keys(ctx.behaviours[kind]?.plans ?? {});
}

/** Checks an outcome name for a kind; unknown names are refused with the list of known ones. */
export function checkOutcome(ctx: ActorContext, kind: string, outcome: string): string {
  const known = outcomesOf(ctx, kind);
  if (!known.includes(outcome)) {
    throw Unprocessable.one(
      'otherIssue',
      undefined,
      `unknown outcome '${outcome}' for ${kind}; outcomes: ${known.join(', ') || '(none: this kind has no autopilot)'}`,
    );
  }
  return outcome;
}

const QUEUE_KEY = 'outcomeQueue';

/** Queues an outcome for the next entities of a kind created (control API), `count` times. */
export function queueOutcome(ctx: ActorContext, kind: string, outcome: string, count = 1): void {
  checkOutcome(ctx, kind, outcome);
  const q = { ...(ctx.store.getValue<Record<string, string[]>>(QUEUE_KEY) ?? {}) };
  q[kind] = [...(q[kind] ?? []), ...Array.from({ length: count }, () => outcome)];
  ctx.store.setValue(QUEUE_KEY, q);
}

export function queuedOutcomes(ctx: ActorContext): Record<string, string[]> {
  return ctx.store.getValue<Record<string, string[]>>(QUEUE_KEY) ?? {};
}

export function clearQueuedOutcomes(ctx: ActorContext): void {
  ctx.store.setValue(QUEUE_KEY, {});
}

/** The outcome a new entity follows: the request's `X-LSO-Outcome` header, else the next queued one, else `default`. */
export function outcomeForNew(ctx: ActorContext, kind: string, header: string | undefined): string {
  if (header) return checkOutcome(ctx, kind, header.trim());
  const q = queuedOutcomes(ctx);
  const next = q[kind]?.[0];
  if (next === undefined) return 'default';
  ctx.store.setValue(QUEUE_KEY, { ...q, [kind]: q[kind].slice(1) });
  return next;
}

/** Re-plans one entity: drops its pending step and schedules the one its outcome gives for its current state. */
export function drive(ctx: ActorContext, kind: string, id: string): void {
  const key = `${kind}/${id}`;
  ctx.scheduler.cancelKey(key);
  const b = ctx.behaviours[kind];
  const rec = ctx.store.get(kind, id);
  if (!b || !rec) return;
  const m = machineOf(ctx, kind);
  const state = m ? stateOf(m, rec.data) : null;
  if (state === null) return;
  const plan = b.plans[(rec.meta.outcome as string) ?? 'default'] ?? b.plans.default;
  const step = plan[state];
  if (!step) return;
  const delay =
    typeof step.after === 'number'
      ? step.after
      : typeof step.after === 'function'
        ? step.after(ctx, rec)
        : Number(ctx.timing[step.after as string]);
  ctx.scheduler.schedule(STEP_JOB, delay, { kind, id, state, action: step.do, then: step.then }, key);
}

/** Re-plans every entity the current request or job changed. */
export function settle(ctx: ActorContext): void {
  // Driving can itself change entities (never in the current plans, but cheap to allow): loop until quiet.
  for (let guard = 0; ctx.dirty.size && guard < 10; guard++) {
    const todo = [...ctx.dirty.values()];
    ctx.dirty.clear();
    for (const { kind, id } of todo) drive(ctx, kind, id);
  }
}

/** Runs one action of a kind on an entity, then re-plans it (`replan`) and whatever the action moved. */
export function runAction(ctx: ActorContext, rec: EntityRecord, action: string, args: Json = {}, replan = true): void {
  const b = ctx.behaviours[rec.kind];
  const fn = b?.actions[action];
  if (!fn) throw new Error(`${rec.kind} has no action ${action}`);
  ctx.notifier.batch(() => fn(ctx, rec, args));
  if (replan) touch(ctx, rec);
}

/** The scheduler's runner for plan steps. */
export function runStep(ctx: ActorContext, job: Job): void {
  const { kind, id, state, action, then } = job.data as {
    kind: string;
    id: string;
    state: string;
    action: string;
    then?: string;
  };
  const rec = ctx.store.get(kind, id);
  if (!rec) return;
  const m = machineOf(ctx, kind);
  if (!m || stateOf(m, rec.data) !== state) {
    // The Buyer moved it meanwhile: follow the plan from where it is now.
    touch(ctx, rec);
  } else {
    if (then && rec.meta.outcome !== then) {
      rec.meta.outcome = then;
      touch(ctx, rec);
    }
    // No re-plan unless the step moved something (`move` marks what it moves): a step with nothing to do (a work
    // order waiting for its appointment, a ticket for its work orders) waits to be woken instead of polling.
    runAction(ctx, rec, action, {}, false);
  }
  settle(ctx);
}
