import type {
  ActorContext,
  Behaviour as ActorBehaviour,
  Plan as ActorPlan,
  Step as ActorStep,
  Action as ActorAction,
} from '../../runtime/actor/context';
import type { SellerTiming } from './timings';

export interface SellerSettings {
  /** `lenient` accepts an unknown but well-formed address as valid and keeps it; `strict` answers `fail`. */
  addressValidation: 'lenient' | 'strict';
}

/** The Seller's context: the shared actor context, its step profile and its settings. */
export interface SellerContext extends ActorContext {
  timing: SellerTiming;
  settings: SellerSettings;
}

export type Behaviour = ActorBehaviour<SellerContext>;
export type Plan = ActorPlan<SellerContext>;
export type Step = ActorStep<SellerContext>;
export type Action = ActorAction<SellerContext>;
