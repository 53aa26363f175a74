import type { DefectApplication, SdkDefect, Violation } from '../../specs/index';
import type { Evidence } from './evidence';
import type { RuleInfo } from './rule-info';
import type { SdkInfo } from '../../specs/sdk/info';
import type { Verdict, VerdictCounts } from './verdicts';

/**
 * The runner's only output: a stream of plain-data events. Reporters (terminal, summary.json, HTML, JUnit, Allure)
 * subscribe to it; the runner never formats anything. Every event is JSON-serialisable, so the stream can also be
 * written as JSON lines.
 */
export type RunEvent = RunStarted | ScenarioStarted | StepStarted | CheckEvent | ScenarioFinished | RunFinished;

export interface ScenarioInfo {
  id: string;
  title: string;
  api: string;
  rules: string[];
  requires: string[];
}

/** What a run was pointed at, as every report states it. */
export interface TargetInfo {
  name?: string;
  version?: string;
  profile: string;
  /** Where the harness calls the target, by API. */
  baseUrls: Record<string, string>;
  /** Where the harness serves the target (a client), when the suite has a stage: point the client here. */
  stage?: { url: string; apis: Record<string, string> };
}

export interface RunOptionsInfo {
  strict: boolean;
  bail: boolean;
  only: string[];
  grep?: string;
}

export interface RunStarted {
  type: 'run-started';
  at: string;
  runId: string;
  suite: { id: string; title: string };
  target: TargetInfo;
  harness: { name: string; version: string };
  sdk: SdkInfo;
  options: RunOptionsInfo;
  /** The selected rules (after --only/--grep), with their requirements looked up. */
  rules: RuleInfo[];
  scenarios: ScenarioInfo[];
}

export interface ScenarioStarted {
  type: 'scenario-started';
  at: string;
  scenarioId: string;
  title: string;
  index: number;
  total: number;
}

export interface StepStarted {
  type: 'step-started';
  at: string;
  scenarioId: string;
  index: number;
  title: string;
}

export interface CheckEvent {
  type: 'check';
  at: string;
  seq: number;
  scenarioId: string;
  step?: string;
  ruleId: string;
  verdict: Verdict;
  message: string;
  expected?: unknown;
  found?: unknown;
  violations: Violation[];
  evidence: Evidence;
}

export type ScenarioStatus = 'completed' | 'skipped' | 'aborted' | 'timed-out';

export interface ScenarioFinished {
  type: 'scenario-finished';
  at: string;
  scenarioId: string;
  status: ScenarioStatus;
  durationMs: number;
  reason?: string;
  counts: VerdictCounts;
}

export interface RunFinished {
  type: 'run-finished';
  at: string;
  durationMs: number;
  counts: VerdictCounts;
  /** --bail stopped the run before every scenario ran. */
  bailed: boolean;
  /** Known SDK defects whose repairs were applied while checking this run, with where. */
  defects: { known: SdkDefect[]; applied: DefectApplication[] };
}

export type EventSink = (e: RunEvent) => void;
