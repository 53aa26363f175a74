import { parseDuration } from '../../lib/clock';
import { fire as fireTransition, getStateMachine } from '../../specs/state-machines';
import type { ActorContext } from '../actor/context';
import { itemKindOf, kindInfo } from '../actor/kinds';
import {
  can,
  checkOutcome,
  stateOf,
  clearQueuedOutcomes,
  load,
  move,
  moveItem,
  queueOutcome,
  queuedOutcomes,
  runAction,
  settle,
  touch,
} from '../actor/lifecycle';
import { HUB_KIND, type Hub } from '../hubs/hubs';
import type { Delivery, NotificationFaults } from '../hubs/notifier';
import { BadRequest, Conflict, NotFound, Unprocessable } from '../server/errors';
import type { FaultInjector, HttpFaults } from '../server/faults';
import type { SelfCheck, SelfCheckFailure } from '../server/self-check';
import type { Json } from '../server/types';
import type { EntityRecord, LogEntry } from '../state/store/store';

/** The control API of any stateful actor, as functions: the routes under `/_lso` call these, and so can tests in process. */
export interface ActorControl {
  now(): string;
  /** Moves virtual time forward (`90s`, `2h`, `3d`, `P1D` or milliseconds), running what falls due. */
  advance(by: string | number): { now: string; ran: number };
  setClockRate(rate: number): void;
  /** Forces the outcome of an existing entity (`id`) or of the next `count` entities of a kind created. */
  setOutcome(kind: string, outcome: string, opts?: { id?: string; count?: number }): void;
  outcomes(): { known: Record<string, Record<string, string>>; queued: Record<string, string[]> };
  /** Fires an event on an entity (or one of its items): an action of the actor's autopilot, or any transition its state machine allows. */
  fire(kind: string, id: string, event: string, args?: Json): Json;
  entities(kind: string): EntityRecord[];
  entity(kind: string, id: string): EntityRecord;
  setFaults(f: { http?: HttpFaults; notifications?: NotificationFaults }): void;
  faults(): { http: HttpFaults; notifications: NotificationFaults };
  clearFaults(): void;
  /** Adds the entities of a seed document (the role's format); returns how many. */
  seed(doc: Json): number;
  reset(opts?: { seed?: boolean }): void;
  journal(opts?: { after?: number; limit?: number }): LogEntry[];
  clearJournal(): void;
  deliveries(filter?: { eventType?: string; hubId?: string; status?: string }): Delivery[];
  /** Resolves once every notification sent so far has been delivered or given up. */
  waitForDeliveries(): Promise<void>;
  selfCheckFailures(): SelfCheckFailure[];
  clearSelfCheck(): void;
  hubs(): Hub[];
  /** Runs `fn` as one unit like a request: stored together, announced after, re-planned at the end. */
  change<T>(fn: () => T): T;
}

export interface ControlDeps {
  ctx: ActorContext;
  faults: FaultInjector;
  selfCheck?: SelfCheck;
  /** Loads a seed document into the store (the role's format); returns how many entities it added. */
  applySeed: (doc: Json) => number;
  /** The seed `reset` loads again. */
  defaultSeed: () => Json;
}

export function actorControl(d: ControlDeps): ActorControl {
  const { ctx } = d;
  const machineOf = (kind: string) => kindInfo(ctx.kinds, kind)?.machine;
  const isMachineEvent = (kind: string, event: string) => {
    const machine = machineOf(kind);
    return !!machine && getStateMachine(machine).transitions.some((t) => t.event === event);
  };
  const refusedReason = (rec: EntityRecord, event: string) => {
    const m = getStateMachine(machineOf(rec.kind)!);
    const r = fireTransition(m, stateOf(m, rec.data), event);
    return r.ok ? `${event} is allowed` : r.reason;
  };
  const change = <T>(fn: () => T): T => {
    try {
      return ctx.store.transaction(() =>
        ctx.notifier.batch(() => {
          const r = fn();
          settle(ctx);
          return r;
        }),
      );
    } finally {
      ctx.dirty.clear();
    }
  };
  const forced = (args: Json) => (typeof args.reason === 'string' ? args.reason : 'forced through the control API');
  const known = () => Object.fromEntries(Object.values(ctx.behaviours).map((b) => [b.kind, b.outcomes]));
  return {
    change,
    now: () => new Date(ctx.clock.now()).toISOString(),
    advance: (by) => {
      const ms = parseDuration(by);
      if (ms === undefined)
        throw new BadRequest('invalidBody', `'${by}' is not a duration (try 90s, 2h, 3d, P1DT2H or milliseconds)`);
      const ran = ctx.scheduler.advance(ms);
      return { now: new Date(ctx.clock.now()).toISOString(), ran };
    },
    setClockRate: (rate) => {
      try {
        ctx.clock.setRate(rate);
      } catch (e) {
        throw new BadRequest('invalidBody', (e as Error).message);
      }
    },
    setOutcome: (kind, outcome, opts = {}) =>
      change(() => {
        if (!ctx.behaviours[kind])
          throw new NotFound(`no autopilot for kind '${kind}'; kinds: ${Object.keys(ctx.behaviours).join(', ')}`);
        if (opts.id === undefined) return queueOutcome(ctx, kind, outcome, opts.count ?? 1);
        const rec = load(ctx, kind, opts.id);
        rec.meta.outcome = checkOutcome(ctx, kind, outcome);
        ctx.store.put(rec);
        touch(ctx, rec);
      }),
    outcomes: () => ({ known: known(), queued: queuedOutcomes(ctx) }),
    fire: (kind, id, event, args = {}) =>
      change(() => {
        if (!kindInfo(ctx.kinds, kind)) throw new NotFound(`unknown entity kind '${kind}'`);
        const rec = load(ctx, kind, id);
        try {
          if (typeof args.itemId === 'string') {
            // An item moves by its own table (its parent's actions are fired without itemId).
            const ik = itemKindOf(ctx.kinds, kind);
            const item = ik && (rec.data[ik.listField] as Json[] | undefined)?.find((i) => i.id === args.itemId);
            if (!item) throw new NotFound(`${kind} '${id}' has no item '${args.itemId}'`);
            moveItem(ctx, rec, item, event, { reason: forced(args) });
          } else if (ctx.behaviours[kind]?.actions[event]) {
            // An action named after a transition runs only where the table allows that transition.
            if (isMachineEvent(kind, event) && !can(ctx, rec, event)) throw new Conflict(refusedReason(rec, event));
            runAction(ctx, rec, event, args);
          } else {
            if (!machineOf(kind)) throw new Conflict(`${kind} has no lifecycle`);
            move(ctx, rec, event, { reason: forced(args) });
          }
        } catch (e) {
          // A transition the table refuses is the control caller's conflict, not a client's 422.
          if (e instanceof Unprocessable) throw new Conflict(e.message);
          throw e;
        }
        return ctx.store.get(kind, id)!.data;
      }),
    entities: (kind) => ctx.store.list(kind),
    entity: (kind, id) => load(ctx, kind, id),
    setFaults: (f) => {
      if (f.http) d.faults.set(f.http);
      if (f.notifications) ctx.notifier.setFaults(f.notifications);
    },
    faults: () => ({ http: d.faults.get(), notifications: ctx.notifier.getFaults() }),
    clearFaults: () => {
      d.faults.clear();
      ctx.notifier.setFaults({});
    },
    seed: (doc) => change(() => d.applySeed(doc)),
    reset: (opts = {}) => {
      ctx.store.clear();
      clearQueuedOutcomes(ctx);
      d.faults.clear();
      ctx.notifier.setFaults({});
      d.selfCheck?.clear();
      if (opts.seed !== false) change(() => d.applySeed(d.defaultSeed()));
      // A stored actor must not seed itself again over what was reset on its next start.
      ctx.store.setValue('seeded', true);
    },
    journal: (opts) => ctx.store.readLog('journal', opts),
    clearJournal: () => ctx.store.clearLog('journal'),
    deliveries: (filter = {}) =>
      (ctx.store.readLog('deliveries') as unknown as Delivery[]).filter(
        (x) =>
          (!filter.eventType || x.eventType === filter.eventType) &&
          (!filter.hubId || x.hubId === filter.hubId) &&
          (!filter.status || x.status === filter.status),
      ),
    waitForDeliveries: () => ctx.notifier.idle(),
    selfCheckFailures: () => d.selfCheck?.failures() ?? [],
    clearSelfCheck: () => d.selfCheck?.clear(),
    hubs: () => ctx.store.list(HUB_KIND).map((r) => r.data as Hub),
  };
}
