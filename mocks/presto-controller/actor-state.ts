import type { ActorContext } from '../../runtime/actor/context';
import { dueSteps, type PrestoEvent } from './activation';
import { emptyPlan, FAULT_PLAN_KEY, type FaultPlan } from './faults';
import type { NotificationStreams } from './notification-streams';
import type { PrestoState } from './state';

/**
 * The controller's actor context: the shared one, whether it speaks RFC 8040 + RFC 7951 only, and the notification
 * streams its changes are told on.
 */
export interface PrestoContext extends ActorContext {
  settings: { strict: boolean };
  notifications: NotificationStreams;
}

/** The whole `PrestoState` is one value in the actor's store, under this key. */
export const STATE_KEY = 'presto-state';
/** The scheduler job that runs the activation steps that are due. */
export const STEPS_JOB = 'presto-steps';

export const stateOf = (ctx: PrestoContext): PrestoState => {
  const s = ctx.store.getValue<PrestoState>(STATE_KEY);
  if (!s) throw new Error('the Presto controller has no state: it was never seeded');
  return s;
};

/**
 * Saves the state, tells the notification streams of the events that made it, and schedules the job that runs the
 * earliest activation step still to come.
 */
export function save(ctx: PrestoContext, state: PrestoState, events: readonly PrestoEvent[] = []): void {
  ctx.store.setValue(STATE_KEY, state);
  ctx.notifications.publish(ctx.store, events);
  const next = dueSteps(state, Number.MAX_SAFE_INTEGER)[0];
  if (next) ctx.scheduler.schedule(STEPS_JOB, Math.max(0, next.due - ctx.clock.now()), {}, STEPS_JOB);
  else ctx.scheduler.cancelKey(STEPS_JOB);
}

/** The activation faults asked for (faults.ts), kept in the store. */
export const faultPlanOf = (ctx: PrestoContext): FaultPlan =>
  ctx.store.getValue<FaultPlan>(FAULT_PLAN_KEY) ?? emptyPlan();
export const saveFaultPlan = (ctx: PrestoContext, plan: FaultPlan): void => ctx.store.setValue(FAULT_PLAN_KEY, plan);
