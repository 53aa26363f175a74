import type { Violation } from '../../specs/index';
import { HarnessError } from '../../lib/errors';
import type { CallSpec, CheckingClient, Exchange } from '../../runtime/http/checking-client';
import type { Clock } from '../../lib/clock';
import { contractVerdict } from './contract-verdict';
import { CancelledError } from '../../runtime/http/errors';
import { CapabilityNotClaimed, ScenarioAbort } from './errors';
import type { Evidence } from '../../runtime/events/evidence';
import { judgeHistory } from './history';
import type { IdSource } from '../../lib/ids';
import type { Listener, ReceivedNotification } from '../../runtime/http/listener';
import type { Capability, TargetProfile } from './profile';
import type { Verdict } from '../../runtime/events/verdicts';
import type { StateMachine } from '../../specs/state-machines/machine';

/** What a check says besides its verdict; exchanges and notifications become its evidence. */
export interface CheckDetail {
  message: string;
  expected?: unknown;
  found?: unknown;
  violations?: Violation[];
  exchanges?: readonly Exchange[];
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

export interface ContextDeps {
  scenarioId: string;
  declaredRules: ReadonlySet<string>;
  profile: TargetProfile;
  client: CheckingClient;
  listener?: Listener;
  clock: Clock;
  ids: IdSource;
  record: (c: RecordedCheck) => void;
  onStep: (index: number, title: string) => void;
  /** Set by the runner when the scenario must stop (time limit, --bail). */
  stopReason: () => string | undefined;
  signal: AbortSignal;
}

/**
 * The API scenarios are written against. Every verdict goes through `check`, and the context refuses verdicts for
 * rules the scenario did not declare (a suite bug, exit 3) and ignores any after the scenario has ended.
 */
export class ScenarioContext {
  private stepIndex = 0;
  private currentStep?: string;
  private readonly hubs: Array<{ api: string; id: string }> = [];
  private closed = false;

  constructor(private readonly deps: ContextDeps) {}

  get profile(): TargetProfile {
    return this.deps.profile;
  }
  get client(): CheckingClient {
    return this.deps.client;
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
  get listener(): Listener {
    if (!this.deps.listener) throw new HarnessError(`scenario ${this.deps.scenarioId} uses the listener, but its suite declares no notification APIs`);
    return this.deps.listener;
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
    if (!this.deps.declaredRules.has(rule)) throw new HarnessError(`scenario ${this.deps.scenarioId} checked rule ${rule}, which it does not declare`);
    if (this.closed) return; // a step abandoned after a time limit may still finish; its verdicts no longer count
    this.deps.record({
      ruleId: rule,
      verdict,
      step: this.currentStep,
      message: d.message,
      expected: d.expected,
      found: d.found,
      violations: d.violations ?? [],
      evidence: { exchanges: (d.exchanges ?? []).map((e) => e.record), notifications: (d.notifications ?? []).map((n) => n.record) },
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
    return this.deps.client.send(this.withIds(spec), this.deps.signal);
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
      this.check(rule, 'error', { message: `no response: ${ex.record.failure?.message ?? 'unknown failure'}`, expected: allowed, exchanges: [ex] });
      return false;
    }
    if (allowed.includes(ex.status)) {
      this.check(rule, 'pass', { message: `${ex.spec.operationId} answered ${ex.status}`, expected: allowed, found: ex.status, exchanges: [ex] });
      return true;
    }
    const verdict: Verdict = ex.status >= 500 ? 'error' : 'fail';
    const why = ex.status >= 500 ? 'the target reported a server error, so the behaviour could not be checked' : 'unexpected status';
    this.check(rule, verdict, { message: `${ex.spec.operationId} answered ${ex.status}: ${why}`, expected: allowed, found: ex.status, exchanges: [ex] });
    return false;
  }

  /** Records the contract verdict of a received notification. */
  checkNotification(rule: string, n: ReceivedNotification): boolean {
    const v = n.record.violations;
    const ok = v.length === 0;
    const message = ok ? `${n.record.eventType} notification conforms to ${n.record.api}` : `${n.record.eventType ?? 'notification'} breaks the contract: ${v[0].message}${v.length > 1 ? ` (+${v.length - 1} more)` : ''}`;
    this.check(rule, ok ? 'pass' : 'fail', { message, violations: v, notifications: [n] });
    return ok;
  }

  /**
   * Waits (bounded by the profile's notification timeout unless given) for a matching notification. A timeout
   * throws, which stops the scenario and leaves its unchecked rules as `error`: nothing arrived to check.
   */
  waitForNotification(predicate: (n: ReceivedNotification) => boolean, opts: { what: string; timeoutMs?: number }): Promise<ReceivedNotification> {
    this.ensureRunning();
    return this.listener.waitFor(predicate, { what: opts.what, timeoutMs: opts.timeoutMs ?? this.profile.timeouts.notificationMs, signal: this.deps.signal });
  }

  /**
   * Registers the listener with `api`'s hub (`POST <api base>/hub {callback, query}`), recording the contract verdict
   * under `rule`. Hubs registered here are removed when the scenario ends.
   */
  async registerHub(rule: string, api: string, query?: string): Promise<Exchange> {
    const op = this.hubOperation(api, 'POST', '/hub');
    const ex = await this.call(rule, { api, operationId: op, body: { callback: this.listener.callbackUrl(), ...(query !== undefined ? { query } : {}) } });
    const id = (ex.json as { id?: unknown } | undefined)?.id;
    if (ex.status === 201 && typeof id === 'string') this.hubs.push({ api, id });
    return ex;
  }

  /** Checks an observed state history against a state machine (specs/state-machines). */
  assertHistory(rule: string, machine: StateMachine, states: readonly string[], opts: { strict: boolean }, evidence: Omit<CheckDetail, 'message'> = {}): boolean {
    const h = judgeHistory(machine, states, opts.strict);
    this.check(rule, h.ok ? 'pass' : 'fail', { ...evidence, message: h.message, expected: `a ${opts.strict ? 'direct' : 'reachable'} path through ${machine.id}`, found: states });
    return h.ok;
  }

  /** Stops the scenario here with every rule not yet checked as `skip`, unless the target claims `capability`. */
  requireCapability(capability: Capability): void {
    if (!this.profile.capabilities[capability]) throw new CapabilityNotClaimed(capability);
  }

  /** Stops the scenario: what follows cannot be checked (its rules become `error` with this reason). */
  abort(reason: string): never {
    throw new ScenarioAbort(reason);
  }

  /** Removes a hub registered by `registerHub`, recording the contract verdict under `rule`. */
  async unregisterHub(rule: string, api: string, id: string): Promise<Exchange> {
    // Matched on the template, not the id: an id the target made up (slashes and all) must not break the lookup.
    const ex = await this.call(rule, { api, operationId: this.hubOperation(api, 'DELETE', '/hub/{id}'), pathParams: { id } });
    if (ex.status !== undefined && ex.status < 300) this.hubs.splice(0, this.hubs.length, ...this.hubs.filter((h) => !(h.api === api && h.id === id)));
    return ex;
  }

  /**
   * Removes the hubs the scenario left registered. Best effort, bounded by the request timeout and outside any
   * verdict: it runs after the scenario ended, whatever the reason.
   */
  async removeHubs(): Promise<void> {
    for (const hub of this.hubs.splice(0)) {
      const operationId = this.client.operationAt(hub.api, 'DELETE', '/hub/{id}');
      if (operationId) await this.deps.client.send(this.withIds({ api: hub.api, operationId, pathParams: { id: hub.id } }));
    }
  }

  hubOperation(api: string, method: string, path: string): string {
    const m = this.client.operationAt(api, method, path);
    if (!m) throw new HarnessError(`API ${api} has no ${method} ${path} operation`);
    return m;
  }

  close(): void {
    this.closed = true;
  }

  private ensureRunning(): void {
    const reason = this.deps.stopReason();
    if (reason) throw new CancelledError(reason);
  }

  /** buyerId/sellerId go on every request when the profile sets them (MEF 123 R2–R5 are the profile's call). */
  private withIds(spec: CallSpec): CallSpec {
    const { buyerId, sellerId } = this.profile;
    if (!buyerId && !sellerId) return spec;
    const op = this.client.operationEntry(spec.api, spec.operationId);
    const names = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    const query = { ...spec.query };
    if (buyerId && names.has('buyerId') && query.buyerId === undefined) query.buyerId = buyerId;
    if (sellerId && names.has('sellerId') && query.sellerId === undefined) query.sellerId = sellerId;
    return { ...spec, query };
  }
}
