import type { Clock } from '../../lib/clock';
import type { IdSource } from '../../lib/ids';
import type { Responder } from '../../runtime/http/stage';
import type { ProfileRole, TargetProfile } from './profile';
import type { Rule } from './rules';
import type { ScenarioContext } from './scenario-context';

/**
 * A scenario: a sequence of steps (`ctx.step(...)` calls) that use the suite's ports and record verdicts against the
 * rules it declares. Declaring the rules lets `--only` select scenarios, and lets the runner report every declared
 * rule a scenario never reached as `error` rather than letting it pass by omission.
 */
export interface Scenario<P extends TargetProfile = TargetProfile> {
  id: string;
  title: string;
  /** The API it is mainly about; `--only <api id>` selects it. */
  api: string;
  rules: readonly string[];
  /** Optional capabilities (of the suite's profile role) the target must claim; otherwise every rule of the scenario is `skip`. */
  requires?: readonly string[];
  run(ctx: ScenarioContext<P>): Promise<void>;
}

/** Where a suite's ports opened, for a built-in target that has to be told (a scripted client calls the stage). */
export interface OpenPorts {
  /** The stage's root URL; each API is served under its MEF base path. */
  stage?: string;
  /** The listener's callback URL. */
  listener?: string;
}

/** A target a suite can start in process when no `--target` is given (the Sonata suite starts the seller mock). */
export interface EmbeddedTarget<P extends TargetProfile = TargetProfile> {
  profile: P;
  /** Called once the run's ports are open, before the first scenario. */
  portsOpened?(ports: OpenPorts): void;
  close(): Promise<void>;
}

/**
 * The ports a suite runs through; the runner builds only those declared, so the harness can play either side:
 * - `client`: the harness calls the target (the target is a server);
 * - `listener`: the harness receives the target's notifications;
 * - `stage`: the harness serves APIs the target calls (the target is a client) and records every exchange.
 */
export interface SuitePorts<P extends TargetProfile = TargetProfile> {
  client?: {
    /** Management APIs the suite calls; their base URLs are resolved from the profile before the run starts. */
    apis: readonly string[];
    /** Query parameters put on every request whose operation declares them, unless a scenario gives its own. */
    defaultQuery?(profile: P): Readonly<Record<string, string>>;
  };
  listener?: {
    /** Notification APIs the listener serves. */
    apis: readonly string[];
  };
  stage?: {
    /** APIs the stage serves, each at `<stage URL><its MEF base path>`. */
    apis: readonly string[];
    /** The run's responder, made fresh for each run (it may keep state); without one every request is answered 501. */
    responder?(deps: { clock: Clock; ids: IdSource }): Responder;
  };
}

export interface Suite<P extends TargetProfile = TargetProfile> {
  id: string;
  title: string;
  description: string;
  rules: readonly Rule[];
  scenarios: readonly Scenario<P>[];
  /** The profile role the suite accepts: what the implementation under test is. */
  profile: ProfileRole<P>;
  ports: SuitePorts<P>;
  startDefaultTarget?(deps: { clock: Clock; ids: IdSource }): Promise<EmbeddedTarget<P>>;
}

/** Every catalogue API a suite touches through any port: which SDKs the run loads. */
export function apisOf(suite: Suite<any>): string[] {
  const { client, listener, stage } = suite.ports;
  return [...new Set([...(client?.apis ?? []), ...(listener?.apis ?? []), ...(stage?.apis ?? [])])];
}
