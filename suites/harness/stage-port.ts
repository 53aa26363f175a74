import type { Responder, Stage, StageExchange } from '../../runtime/http/stage';

/** What the stage port needs of the scenario it serves. */
export interface ScenarioHooks {
  signal: AbortSignal;
  defaultWaitMs: number;
  /** The responder the suite gave the run (undefined: the stage's default). */
  runResponder?: Responder;
  onCleanup(fn: () => void): void;
  /** Throws when the scenario has been told to stop. */
  ensureRunning(): void;
}

/**
 * The stage as a scenario uses it: the run's stage, with waits bounded by the profile and cancelled with the
 * scenario, and a responder a scenario may put in place for its own duration.
 */
export class StagePort {
  constructor(
    private readonly stage: Stage,
    private readonly scenario: ScenarioHooks,
  ) {}

  /** The stage's root URL, and where each API is served. */
  url(): string {
    return this.stage.url();
  }
  apiUrls(): Record<string, string> {
    return this.stage.apiUrls();
  }

  /** Every exchange so far in the run, in arrival order (a client may have called before the scenario began). */
  exchanges(): readonly StageExchange[] {
    return this.stage.exchanges();
  }

  /**
   * The first exchange, already recorded or still to come, that satisfies `predicate`; bounded by `timeoutMs` (the
   * profile's notification limit unless given). A timeout throws `WaitTimeoutError`, which stops the scenario and
   * leaves what it had not checked as `error`: the client never sent what was awaited.
   */
  waitFor(
    predicate: (x: StageExchange) => boolean,
    what: string,
    timeoutMs = this.scenario.defaultWaitMs,
  ): Promise<StageExchange> {
    this.scenario.ensureRunning();
    return this.stage.waitFor(predicate, { what, timeoutMs, signal: this.scenario.signal });
  }

  /** Answers with `responder` until the scenario ends; then the run's responder answers again. */
  respondWith(responder: Responder): void {
    this.stage.respondWith(responder);
    this.scenario.onCleanup(() => this.stage.respondWith(this.scenario.runResponder));
  }
}
