import type { VirtualClock } from '../../lib/clock';
import type { IdSource } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { Contracts } from '../../specs';
import type { Notifier } from '../hubs/notifier';
import type { Scheduler } from '../state/scheduler';
import type { EntityRecord, Store } from '../state/store/store';
import type { Json } from '../server/types';
import type { KindTable } from './kinds';

/** How long each step of an actor's work takes, in virtual milliseconds, by step name; `name` is the `--profile` it is (`fast`, `realistic`). */
export interface Timing {
  name: string;
  [step: string]: number | string;
}

/** What an actor does with an entity when nobody asks: one step per state, chosen by the entity's outcome. */
export interface Step<C extends ActorContext = ActorContext> {
  /** When the step runs after the state is entered: a timing step, virtual milliseconds, or read off the entity (an appointment starts at its own time). */
  after: Exclude<keyof C['timing'], 'name'> | number | ((ctx: C, rec: EntityRecord) => number);
  /** The action (of the same kind's behaviour) that runs. */
  do: string;
  /** The outcome the entity follows afterwards (a forced charge is raised once, then fulfilment goes on). */
  then?: string;
}

/** state → step. A state with no step waits for the client (or the control API). */
export type Plan<C extends ActorContext = ActorContext> = Record<string, Step<C>>;

export type Action<C extends ActorContext = ActorContext> = (ctx: C, rec: EntityRecord, args: Json) => void;

/** A kind's autopilot: its outcomes (each a plan; `default` always exists) and the actions the plans and the control API run. */
export interface Behaviour<C extends ActorContext = ActorContext> {
  kind: string;
  plans: Record<string, Plan<C>>;
  actions: Record<string, Action<C>>;
  /** What each outcome does, for `--help`, the README and error messages. */
  outcomes: Record<string, string>;
}

/** Everything a role's handlers, behaviours and control routes work with; `buildActor` makes one. */
export interface ActorContext {
  /** The role's name (`sonata-seller`), as the control API's `/status` reports it. */
  role: string;
  contracts: Contracts;
  store: Store;
  clock: VirtualClock;
  ids: IdSource;
  notifier: Notifier;
  scheduler: Scheduler;
  log: Logger;
  timing: Timing;
  kinds: KindTable;
  behaviours: Record<string, Behaviour<any>>;
  /** Most entities of one kind kept (the oldest are forgotten past it); 0 keeps everything. */
  retain: number;
  /** Scheme, host and port hrefs start with: the listening address, or `publicUrl` when given. */
  origin: string;
  /** Entities changed by the current request or job, to re-plan once it is done (see lifecycle.settle). */
  dirty: Map<string, { kind: string; id: string }>;
}
