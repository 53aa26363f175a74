import type { Clock } from '../../lib/clock';
import type { IdSource } from '../../lib/ids';
import type { Capability, TargetProfile } from './profile';
import type { Rule } from './rules';
import type { ScenarioContext } from './scenario-context';

/**
 * A scenario: a sequence of steps (`ctx.step(...)` calls) that use the client and the listener and record verdicts
 * against the rules it declares. Declaring the rules lets `--only` select scenarios, and lets the runner report every
 * declared rule a scenario never reached as `error` rather than letting it pass by omission.
 */
export interface Scenario {
  id: string;
  title: string;
  /** The API it is mainly about; `--only <api id>` selects it. */
  api: string;
  rules: readonly string[];
  /** Optional capabilities the target must claim; otherwise every rule of the scenario is `skip`. */
  requires?: readonly Capability[];
  run(ctx: ScenarioContext): Promise<void>;
}

/** A target a suite can start in process when no `--target` is given (the Sonata suite starts the seller mock). */
export interface EmbeddedTarget {
  profile: TargetProfile;
  close(): Promise<void>;
}

export interface Suite {
  id: string;
  title: string;
  description: string;
  rules: readonly Rule[];
  scenarios: readonly Scenario[];
  /** Management APIs the suite calls; their base URLs are resolved from the profile before the run starts. */
  apis: readonly string[];
  /** Notification APIs the listener serves; none means the run starts no listener. */
  notificationApis: readonly string[];
  startDefaultTarget?: (deps: { clock: Clock; ids: IdSource }) => Promise<EmbeddedTarget>;
}
