import type { Violation } from '../../specs/index';
import { HarnessError } from '../../lib/errors';
import type { CallSpec, CheckingClient, Exchange } from '../../runtime/http/checking-client';
import type { Clock } from '../../lib/clock';
import { contractVerdict, requestVerdict } from './contract-verdict';
import { CancelledError } from '../../runtime/http/errors';
import { CapabilityNotClaimed, ScenarioAbort } from './errors';
import type { Evidence, ExchangeRecord } from '../../runtime/events/evidence';
import { judgeHistory } from './history';
import type { IdSource } from '../../lib/ids';
import type { Listener, ReceivedNotification } from '../../runtime/http/listener';
import type { Responder, Stage, StageExchange } from '../../runtime/http/stage';
import type { TargetProfile } from './profile';
import { StagePort } from './stage-port';
import type { Verdict } from '../../runtime/events/verdicts';
import type { StateMachine } from '../../specs/state-machines/machine';

/** What a check says besides its verdict; exchanges and notifications become its evidence. */
export interface CheckDetail {
  message: string;
  expected?: unknown;
  found?: unknown;
  violations?: Violation[];
  /** Exchanges of the client or of the stage. */
  exchanges?: readonly { record: ExchangeRecord }[];
  notifications?: readonly ReceivedNotification[];
}

/** A verdict as the context hands it to the runner. */
export interface RecordedCheck {
  ruleId: string;
  verdict: Verdict;
  step?: string;
  message: string;
  expected?: unknown;
  found?: unknown;
  violations: Violation[];
  evidence: Evidence;
}

export interface ContextDeps<P extends TargetProfile> {
  scenarioId: string;
  declaredRules: ReadonlySet<string>;
  profile: P;
  /** The ports the suite declared; the others are undefined. */
  client?: CheckingClient;
  listener?: Listener;
  stage?: Stage;
  /** The responder the suite gave the run's stage. */
  stageResponder?: Responder;
  clock: Clock;
  ids: IdSource;
  record: (c: RecordedCheck) => void;
  onStep: (index: number, title: string) => void;
  /** Set by the runner when the scenario must stop (time limit, --bail). */
  stopReason: () => string | undefined;
  signal: AbortSignal;
  /** `--strict`: what a lenient run reports as a warning (a dialect, an encoding) is a failure. */
  strict?: boolean;
}

/**
 * The API scenarios are written against. Every verdict goes through `check`, and the context refuses verdicts for
 * rules the scenario did not declare (a suite bug, exit 3) and ignores any after the scenario has ended.
 */
export class ScenarioContext<P extends TargetProfile = TargetProfile> {
  private stepIndex = 0;
  private currentStep?: string;
  private readonly cleanups: Array<() => Promise<void> | void> = [];
  private closed = false;
  private stagePort?: StagePort;

  constructor(private readonly deps: ContextDeps<P>) {}

  get profile(): P {
    return this.deps.profile;
  }
  get client(): CheckingClient {
    return this.port('client', this.deps.client);
  }
  get clock(): Clock {
    return this.deps.clock;
  }
  get ids(): IdSource {
    return this.deps.ids;
  }
  get signal(): AbortSignal {
    return this.deps.signal;
  }
  /** The run's `--strict`: checks that warn in a lenient run fail in a strict one. */
  get strict(): boolean {
    return this.deps.strict === true;
  }
  get listener(): Listener {
    return this.port('listener', this.deps.listener);
  }
  get stage(): StagePort {
    this.stagePort ??= new StagePort(this.port('stage', this.deps.stage), {
      signal: this.deps.signal,
      defaultWaitMs: this.profile.timeouts.notificationMs,
      runResponder: this.deps.stageResponder,
      onCleanup: (fn) => this.onCleanup(fn),
      ensureRunning: () => this.ensureRunning(),
    });
    return this.stagePort;
  }

  /** Runs `fn` when the scenario ends, whatever the reason, last registered first (hubs to remove, state to reset). */
  onCleanup(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  /** Runs one named step; the runner shows it live. Stops the scenario first if the run asked it to. */
  async step<T>(title: string, fn: () => Promise<T> | T): Promise<T> {
    this.ensureRunning();
    this.currentStep = title;
    this.deps.onStep(this.stepIndex++, title);
    return fn();
  }

  /** Records a verdict for `rule`. */
  check(rule: string, verdict: Verdict, d: CheckDetail): void {
    if (!this.deps.declaredRules.has(rule))
      throw new HarnessError(`scenario ${this.deps.scenarioId} checked rule ${rule}, which it does not declare`);
    if (this.closed) return; // a step abandoned after a time limit may still finish; its verdicts no longer count
    this.deps.record({
      ruleId: rule,
      verdict,
      step: this.currentStep,
      message: d.message,
      expected: d.expected,
      found: d.found,
      violations: d.violations ?? [],
      evidence: {
        exchanges: (d.exchanges ?? []).map((e) => e.record),
        notifications: (d.notifications ?? []).map((n) => n.record),
      },
    });
  }

  /** `pass` if `condition` holds, else `fail`. Returns the condition. */
  assert(rule: string, condition: boolean, d: CheckDetail): boolean {
    this.check(rule, condition ? 'pass' : 'fail', d);
    return condition;
  }

  /** Sends a request without recording a verdict (set-up and clean-up). */
  send(spec: CallSpec): Promise<Exchange> {
    this.ensureRunning();
    return this.client.send(spec, this.deps.signal);
  }

  /** Sends a request and records its contract verdict under `rule`. */
  async call(rule: string, spec: CallSpec): Promise<Exchange> {
    const ex = await this.send(spec);
    this.checkContract(rule, ex);
    return ex;
  }

  /** Records the contract verdict of an exchange; true when it passed. */
  checkContract(rule: string, ex: Exchange): boolean {
    const c = contractVerdict(ex);
    this.check(rule, c.verdict, { message: c.message, violations: c.violations, exchanges: [ex] });
    return c.verdict === 'pass';
  }

  /**
   * The exchange got one of `allowed`. No response, or a 5xx (the target could not process it), is `error`: the
   * behaviour under test was not observed. Any other status is `fail`.
   */
  expectStatus(rule: string, ex: Exchange, allowed: readonly number[]): boolean {
    if (ex.status === undefined) {
      this.check(rule, 'error', {
        message: `no response: ${ex.record.failure?.message ?? 'unknown failure'}`,
        expected: allowed,
        exchanges: [ex],
      });
      return false;
    }
    if (allowed.includes(ex.status)) {
      this.check(rule, 'pass', {
        message: `${ex.spec.operationId} answered ${ex.status}`,
        expected: allowed,
        found: ex.status,
        exchanges: [ex],
      });
      return true;
    }
    const verdict: Verdict = ex.status >= 500 ? 'error' : 'fail';
    const why =
      ex.status >= 500
        ? 'the target reported a server error, so the behaviour could not be checked'
        : 'unexpected status';
    this.check(rule, verdict, {
      message: `${ex.spec.operationId} answered ${ex.status}: ${why}`,
      expected: allowed,
      found: ex.status,
      exchanges: [ex],
    });
    return false;
  }

  /** Records the contract verdict of a request the target sent to the stage; true when it passed. */
  checkStageRequest(rule: string, ex: StageExchange): boolean {
    const c = requestVerdict(ex);
    this.check(rule, c.verdict, { message: c.message, violations: c.violations, exchanges: [ex] });
    return c.verdict === 'pass';
  }

  /** Records the contract verdict of a received notification. */
  checkNotification(rule: string, n: ReceivedNotification): boolean {
    const v = n.record.violations;
    const ok = v.length === 0;
    const message = ok
      ? `${n.record.eventType} notification conforms to ${n.record.api}`
      : `${n.record.eventType ?? 'notification'} breaks the contract: ${v[0].message}${v.length > 1 ? ` (+${v.length - 1} more)` : ''}`;
    this.check(rule, ok ? 'pass' : 'fail', { message, violations: v, notifications: [n] });
    return ok;
  }

  /**
   * Waits (bounded by the profile's notification timeout unless given) for a matching notification. A timeout
   * throws, which stops the scenario and leaves its unchecked rules as `error`: nothing arrived to check.
   */
  waitForNotification(
    predicate: (n: ReceivedNotification) => boolean,
    opts: { what: string; timeoutMs?: number },
  ): Promise<ReceivedNotification> {
    this.ensureRunning();
    return this.listener.waitFor(predicate, {
      what: opts.what,
      timeoutMs: opts.timeoutMs ?? this.profile.timeouts.notificationMs,
      signal: this.deps.signal,
    });
  }

  /** Checks an observed state history against a state machine (specs/state-machines). */
  assertHistory(
    rule: string,
    machine: StateMachine,
    states: readonly string[],
    opts: { strict: boolean },
    evidence: Omit<CheckDetail, 'message'> = {},
  ): boolean {
    const h = judgeHistory(machine, states, opts.strict);
    this.check(rule, h.ok ? 'pass' : 'fail', {
      ...evidence,
      message: h.message,
      expected: `a ${opts.strict ? 'direct' : 'reachable'} path through ${machine.id}`,
      found: states,
    });
    return h.ok;
  }

  /** Stops the scenario here with every rule not yet checked as `skip`, unless the target claims `capability`. */
  requireCapability(capability: string): void {
    if (!this.profile.capabilities[capability]) throw new CapabilityNotClaimed(capability);
  }

  /** Stops the scenario: what follows cannot be checked (its rules become `error` with this reason). */
  abort(reason: string): never {
    throw new ScenarioAbort(reason);
  }

  close(): void {
    this.closed = true;
  }

  /** The cleanups registered with `onCleanup`: best effort, outside any verdict, after the scenario ended. */
  async cleanUp(): Promise<void> {
    for (const fn of this.cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (err) {
        if (err instanceof HarnessError) throw err;
      }
    }
  }

  private port<T>(name: 'client' | 'listener' | 'stage', value: T | undefined): T {
    if (value === undefined)
      throw new HarnessError(
        `scenario ${this.deps.scenarioId} uses the ${name}, but its suite declares no ${name} port`,
      );
    return value;
  }

  private ensureRunning(): void {
    const reason = this.deps.stopReason();
    if (reason) throw new CancelledError(reason);
  }
}
