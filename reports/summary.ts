import type { DefectApplication, SdkDefect } from '../specs/index';
import type { CheckEvent, RunOptionsInfo, ScenarioStatus, TargetInfo } from '../runtime/events/events';
import type { SdkInfo } from '../specs/sdk/info';
import type { Verdict, VerdictCounts } from '../runtime/events/verdicts';
import { aggregate, type RequirementVerdict, type RuleVerdict } from './aggregate';
import type { RunRecord } from './run-record';

export const SUMMARY_SCHEMA_VERSION = 1;

/** summary.json: the machine-readable result of a run. Its JSON Schema is reports/summary.schema.json. */
export interface Summary {
  schemaVersion: number;
  runId: string;
  suite: { id: string; title: string };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  verdict: Verdict;
  bailed: boolean;
  target: TargetInfo;
  harness: { name: string; version: string };
  sdk: SdkInfo;
  options: RunOptionsInfo;
  counts: { checks: VerdictCounts; rules: VerdictCounts; requirements: VerdictCounts };
  rules: RuleVerdict[];
  requirements: RequirementVerdict[];
  scenarios: Array<{
    id: string;
    title: string;
    api: string;
    status: ScenarioStatus | 'not-run';
    reason?: string;
    durationMs: number;
    counts: VerdictCounts;
  }>;
  checks: Array<Omit<CheckEvent, 'type'>>;
  defects: { known: SdkDefect[]; applied: DefectApplication[] };
}

export function buildSummary(run: RunRecord): Summary {
  const a = aggregate(run);
  const s = run.started;
  const f = run.finished;
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: s.runId,
    suite: s.suite,
    startedAt: s.at,
    finishedAt: f?.at ?? s.at,
    durationMs: f?.durationMs ?? 0,
    verdict: a.verdict,
    bailed: f?.bailed ?? false,
    target: s.target,
    harness: s.harness,
    sdk: s.sdk,
    options: s.options,
    counts: a.counts,
    rules: a.rules,
    requirements: a.requirements,
    scenarios: s.scenarios.map((info) => {
      const fin = run.scenarios.find((x) => x.id === info.id)?.finished;
      return {
        id: info.id,
        title: info.title,
        api: info.api,
        status: fin?.status ?? 'not-run',
        ...(fin?.reason ? { reason: fin.reason } : {}),
        durationMs: fin?.durationMs ?? 0,
        counts: fin?.counts ?? { pass: 0, fail: 0, error: 0, skip: 0 },
      };
    }),
    checks: run.checks.map(({ type: _t, ...c }) => c),
    defects: f?.defects ?? { known: [], applied: [] },
  };
}
