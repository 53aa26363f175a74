import { HarnessError, LsoError, UsageError } from '../../lib/errors';
import { SDK_DEFECTS, type Contracts } from '../../specs/index';
import type { RequirementIndex } from '../../specs/requirements/index';
import { createAuth } from '../../runtime/http/auth';
import { resolveBaseUrls } from './base-urls';
import { CheckingClient } from '../../runtime/http/checking-client';
import { isoAt, type Clock } from '../../lib/clock';
import { CapabilityNotClaimed } from './errors';
import type { EventSink, ScenarioStatus } from '../../runtime/events/events';
import type { IdSource } from '../../lib/ids';
import { Listener } from '../../runtime/http/listener';
import { Stage, type Responder } from '../../runtime/http/stage';
import type { TargetProfile } from './profile';
import { resolveRules } from './rules';
import { ScenarioContext, type RecordedCheck } from './scenario-context';
import type { SdkInfo } from '../../specs/sdk/info';
import { selectRules } from './selection';
import type { OpenPorts, Scenario, Suite } from './suite';
import { emptyCounts, type VerdictCounts } from '../../runtime/events/verdicts';

export interface RunOptions {
  only?: string[];
  grep?: string;
  bail?: boolean;
  strict?: boolean;
}

export interface RunnerDeps {
  contracts: Contracts;
  requirements: RequirementIndex;
  sdk: SdkInfo;
  harness: { name: string; version: string };
  clock: Clock;
  ids: IdSource;
  runId: string;
  emit: EventSink;
  /** Told where the ports opened, before the first scenario (a built-in target that must call the stage). */
  onPortsOpen?: (ports: OpenPorts) => void;
}

export interface RunResult {
  counts: VerdictCounts;
  bailed: boolean;
}

class ScenarioTimeout extends Error {}

/** Never negative: a clock set back must not produce nonsense durations. */
const elapsedMs = (clock: Clock, since: number) => Math.max(0, clock.now() - since);

/**
 * Runs a suite against a target and reports only through events. Set-up problems throw before `run-started`
 * (a `UsageError` for the user's input, a `HarnessError` for the harness); afterwards a misbehaving target can only
 * produce verdicts, because every exchange and every wait is bounded.
 */
export async function runSuite<P extends TargetProfile>(
  suite: Suite<P>,
  profile: P,
  opts: RunOptions,
  deps: RunnerDeps,
): Promise<RunResult> {
  const { contracts, clock, ids, emit } = deps;
  const strict = opts.strict === true;
  if (profile.role !== suite.profile.id)
    throw new UsageError(
      `${profile.source}: suite ${suite.id} tests ${suite.profile.describes} (role: ${suite.profile.id}); the profile is for a ${profile.role}`,
    );
  checkRequires(suite);
  const selection = selectRules(suite, opts);
  const rules = resolveRules(
    suite.rules.filter((r) => selection.rules.has(r.id)),
    deps.requirements,
  );
  const { client: clientPort, listener: listenerPort, stage: stagePort } = suite.ports;
  const baseUrls = clientPort
    ? resolveBaseUrls(
        profile,
        contracts,
        new Set([
          ...clientPort.apis,
          ...selection.scenarios.map((s) => s.api).filter((a) => !stagePort?.apis.includes(a)),
        ]),
      )
    : new Map<string, string>();
  const client = clientPort
    ? new CheckingClient({
        contracts,
        baseUrls,
        auth: createAuth(profile.auth, { clock, timeoutMs: profile.timeouts.requestMs }),
        clock,
        ids,
        timeoutMs: profile.timeouts.requestMs,
        strict,
        defaultQuery: clientPort.defaultQuery?.(profile),
      })
    : undefined;
  const listener = listenerPort?.apis.length
    ? new Listener({ ...profile.listener, apis: listenerPort.apis, strict }, { contracts, clock, ids })
    : undefined;
  const stage = stagePort
    ? new Stage({ ...profile.stage, apis: stagePort.apis, strict }, { contracts, clock, ids })
    : undefined;
  const stageResponder = stagePort?.responder?.({ clock, ids });
  stage?.respondWith(stageResponder);
  const started = clock.now();
  const counts = emptyCounts();
  let seq = 0;
  let bailing = false;
  try {
    await listener?.start();
    await stage?.start();
    deps.onPortsOpen?.({
      ...(stage ? { stage: stage.url() } : {}),
      ...(listener ? { listener: listener.callbackUrl() } : {}),
    });
    emit({
      type: 'run-started',
      at: new Date(started).toISOString(),
      runId: deps.runId,
      suite: { id: suite.id, title: suite.title },
      target: {
        name: profile.target.name,
        version: profile.target.version,
        profile: profile.source,
        baseUrls: Object.fromEntries(baseUrls),
        ...(stage ? { stage: { url: stage.url(), apis: stage.apiUrls() } } : {}),
      },
      harness: deps.harness,
      sdk: deps.sdk,
      options: { strict, bail: opts.bail === true, only: opts.only ?? [], ...(opts.grep ? { grep: opts.grep } : {}) },
      rules,
      scenarios: selection.scenarios.map((s) => ({
        id: s.id,
        title: s.title,
        api: s.api,
        rules: s.rules.filter((r) => selection.rules.has(r)),
        requires: [...(s.requires ?? [])],
      })),
    });
    const total = selection.scenarios.length;
    for (const [index, scenario] of selection.scenarios.entries()) {
      if (bailing) break;
      const record = (c: RecordedCheck, scenarioCounts: VerdictCounts) => {
        counts[c.verdict]++;
        scenarioCounts[c.verdict]++;
        if (opts.bail && (c.verdict === 'fail' || c.verdict === 'error')) bailing = true;
        emit({ type: 'check', at: isoAt(clock), seq: ++seq, scenarioId: scenario.id, ...c });
      };
      await runScenario(scenario, index, total, {
        profile,
        client,
        listener,
        stage,
        stageResponder,
        selected: selection.rules,
        clock,
        ids,
        emit,
        record,
        isBailing: () => bailing,
        strict,
      });
    }
    const applied = contracts.defectApplications();
    const appliedIds = new Set(applied.map((a) => a.defectId));
    emit({
      type: 'run-finished',
      at: isoAt(clock),
      durationMs: elapsedMs(clock, started),
      counts,
      bailed: bailing && selection.scenarios.length > 0,
      defects: { known: SDK_DEFECTS.filter((d) => appliedIds.has(d.id)), applied },
    });
    return { counts, bailed: bailing };
  } finally {
    await listener?.close();
    await stage?.close();
  }
}

/** A scenario requiring a capability its suite's role does not define would be skipped for ever: a suite defect. */
function checkRequires(suite: Suite<any>): void {
  for (const s of suite.scenarios) {
    const unknown = (s.requires ?? []).filter((c) => !suite.profile.capabilities.includes(c));
    if (unknown.length)
      throw new HarnessError(
        `scenario ${s.id} requires ${unknown.join(', ')}, which role ${suite.profile.id} does not define`,
      );
  }
}

interface ScenarioEnv<P extends TargetProfile> {
  profile: P;
  client?: CheckingClient;
  listener?: Listener;
  stage?: Stage;
  stageResponder?: Responder;
  selected: ReadonlySet<string>;
  clock: Clock;
  ids: IdSource;
  emit: EventSink;
  record: (c: RecordedCheck, counts: VerdictCounts) => void;
  isBailing: () => boolean;
  strict: boolean;
}

async function runScenario<P extends TargetProfile>(
  scenario: Scenario<P>,
  index: number,
  total: number,
  env: ScenarioEnv<P>,
): Promise<void> {
  const { clock, emit, profile } = env;
  const started = clock.now();
  const counts = emptyCounts();
  const checked = new Set<string>();
  const rules = scenario.rules.filter((r) => env.selected.has(r));
  let currentStep: string | undefined;
  const record = (c: RecordedCheck) => {
    if (!env.selected.has(c.ruleId)) return; // --only/--grep left this rule out
    checked.add(c.ruleId);
    env.record(c, counts);
  };
  // Rules the scenario never reached are reported, never silently dropped: `skip` if not applicable, else `error`.
  const settleUnchecked = (verdict: 'skip' | 'error', reason: string) => {
    for (const ruleId of rules) {
      if (!checked.has(ruleId))
        record({
          ruleId,
          verdict,
          step: currentStep,
          message: reason,
          violations: [],
          evidence: { exchanges: [], notifications: [] },
        });
    }
  };
  emit({
    type: 'scenario-started',
    at: new Date(started).toISOString(),
    scenarioId: scenario.id,
    title: scenario.title,
    index,
    total,
  });
  const finish = (status: ScenarioStatus, reason?: string) =>
    emit({
      type: 'scenario-finished',
      at: isoAt(clock),
      scenarioId: scenario.id,
      status,
      durationMs: elapsedMs(clock, started),
      ...(reason ? { reason } : {}),
      counts,
    });

  const missing = (scenario.requires ?? []).filter((c) => !profile.capabilities[c]);
  if (missing.length) {
    const reason = `not applicable: the target profile does not claim ${missing.map((c) => `'${c}'`).join(', ')}`;
    settleUnchecked('skip', reason);
    finish('skipped', reason);
    return;
  }

  const controller = new AbortController();
  let stop: string | undefined;
  const ctx = new ScenarioContext({
    scenarioId: scenario.id,
    declaredRules: new Set(scenario.rules),
    profile,
    client: env.client,
    listener: env.listener,
    stage: env.stage,
    stageResponder: env.stageResponder,
    clock,
    ids: env.ids,
    record,
    onStep: (i, title) => {
      currentStep = title;
      emit({ type: 'step-started', at: isoAt(clock), scenarioId: scenario.id, index: i, title });
    },
    stopReason: () => stop ?? (env.isBailing() ? 'the run stopped at the first failure (--bail)' : undefined),
    signal: controller.signal,
    strict: env.strict,
  });
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      stop = `the scenario exceeded its time limit (timeouts.scenarioMs = ${profile.timeouts.scenarioMs} ms)`;
      controller.abort();
      reject(new ScenarioTimeout(stop));
    }, profile.timeouts.scenarioMs);
  });
  const running = Promise.resolve().then(() => scenario.run(ctx));
  running.catch(() => undefined); // after a time limit the abandoned run may still reject; that must not crash the process
  let status: ScenarioStatus = 'completed';
  let reason: string | undefined;
  try {
    await Promise.race([running, limit]);
  } catch (err) {
    if (err instanceof HarnessError) throw err;
    if (err instanceof CapabilityNotClaimed) {
      status = 'skipped';
      reason = `not applicable: ${err.message}`;
    } else {
      status = err instanceof ScenarioTimeout ? 'timed-out' : 'aborted';
      reason = `not checked: the scenario stopped${currentStep ? ` at step '${currentStep}'` : ''}: ${describe(err)}`;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
    ctx.close();
    await ctx.cleanUp();
  }
  if (status === 'skipped') settleUnchecked('skip', reason!);
  else
    settleUnchecked(
      'error',
      reason ?? 'not checked: the scenario finished without checking this rule (a suite defect)',
    );
  finish(status, reason);
}

function describe(err: unknown): string {
  if (err instanceof LsoError || err instanceof ScenarioTimeout) return err.message;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
