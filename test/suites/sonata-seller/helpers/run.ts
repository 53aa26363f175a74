import { Contracts } from '../../../../specs/index';
import { loadRequirements } from '../../../../specs/requirements/index';
import type { Clock } from '../../../../lib/clock';
import { sequentialIds } from '../../../../lib/ids';
import type { CheckEvent, RunEvent } from '../../../../runtime/events/events';
import type { TargetProfile } from '../../../../suites/harness/profile';
import { runSuite, type RunOptions, type RunResult } from '../../../../suites/harness/runner';
import type { Suite } from '../../../../suites/harness/suite';

let loaded: Contracts | undefined;

/** The Sonata contracts, loaded once per test file. */
export function sonata(): Contracts {
  loaded ??= Contracts.load({ sdks: ['sonata'] });
  return loaded;
}

export const requirements = () => loadRequirements(sonata().sdkDir);

export interface Ran {
  events: RunEvent[];
  result: RunResult;
  checks: CheckEvent[];
}

/** Runs a suite against a profile, collecting the event stream. */
export async function runAgainst(
  suite: Suite,
  profile: TargetProfile,
  opts: RunOptions = {},
  clock: Clock = { now: () => Date.now() },
): Promise<Ran> {
  const events: RunEvent[] = [];
  const result = await runSuite(suite, profile, opts, {
    contracts: sonata(),
    requirements: requirements(),
    sdk: { release: 'test', sources: null },
    harness: { name: 'lso-harness', version: '0.0.0-test' },
    clock,
    ids: sequentialIds(),
    runId: 'run-test',
    emit: (e) => events.push(e),
  });
  return { events, result, checks: events.flatMap((e) => (e.type === 'check' ? [e] : [])) };
}

/** The verdict of each rule, as the reports combine them: fail over error over pass over skip. */
export function ruleVerdicts(checks: readonly CheckEvent[]): Record<string, string> {
  const out: Record<string, Set<string>> = {};
  for (const c of checks) (out[c.ruleId] ??= new Set()).add(c.verdict);
  return Object.fromEntries(
    Object.entries(out).map(([id, v]) => [
      id,
      v.has('fail') ? 'fail' : v.has('error') ? 'error' : v.has('pass') ? 'pass' : 'skip',
    ]),
  );
}

/** Checks that are not `pass` (or `skip` when allowed), for failure messages. */
export function problems(checks: readonly CheckEvent[], allowSkip = false): string[] {
  return checks
    .filter((c) => c.verdict !== 'pass' && !(allowSkip && c.verdict === 'skip'))
    .map((c) => `${c.verdict} ${c.ruleId} [${c.scenarioId}${c.step ? ` / ${c.step}` : ''}]: ${c.message}`);
}
