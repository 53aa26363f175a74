import type { VirtualClock } from '../../lib/clock';
import type { IdSource } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { Contracts } from '../../specs';
import type { Notifier } from '../../runtime/hubs/notifier';
import type { Scheduler } from '../../runtime/state/scheduler';
import type { EntityRecord, Store } from '../../runtime/state/store/store';
import type { Json } from '../../runtime/server/types';
import type { Profile, StepKey } from './profiles';

/** What the Seller does with an entity when nobody asks: one step per state, chosen by the entity's outcome. */
export interface Step {
  /** How long after entering the state the step runs: a profile step, virtual milliseconds, or read off the entity (an appointment starts at its own time). */
  after: StepKey | number | ((ctx: SellerContext, rec: EntityRecord) => number);
  /** The action (of the same kind's behaviour) that runs. */
  do: string;
  /** The outcome the entity follows afterwards (a forced charge is raised once, then fulfilment goes on). */
  then?: string;
}

/** state → step. A state with no step waits for the Buyer (or the control API). */
export type Plan = Record<string, Step>;

export type Action = (ctx: SellerContext, rec: EntityRecord, args: Json) => void;

/** A kind's autopilot: its outcomes (each a plan; `default` always exists) and the actions the plans and the control API run. */
export interface Behaviour {
  kind: string;
  plans: Record<string, Plan>;
  actions: Record<string, Action>;
  /** What each outcome does, for `--help`, the README and error messages. */
  outcomes: Record<string, string>;
}

export interface SellerSettings {
  /** `lenient` accepts an unknown but well-formed address as valid and keeps it; `strict` answers `fail`. */
  addressValidation: 'lenient' | 'strict';
  /** Most entities of one kind kept (the oldest are forgotten past it); 0 keeps everything. */
  retain: number;
}

export interface SellerContext {
  contracts: Contracts;
  store: Store;
  clock: VirtualClock;
  ids: IdSource;
  notifier: Notifier;
  scheduler: Scheduler;
  profile: Profile;
  log: Logger;
  settings: SellerSettings;
  behaviours: Record<string, Behaviour>;
  /** Scheme, host and port hrefs start with: the listening address, or `publicUrl` when given. */
  origin: string;
  /** Entities changed by the current request or job, to re-plan once it is done (see lifecycle.settle). */
  dirty: Map<string, { kind: string; id: string }>;
}
