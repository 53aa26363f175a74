import type { CheckEvent, RunEvent, RunStarted } from '../../../runtime/events/events';
import type { Verdict } from '../../../runtime/events/verdicts';

/** A hand-made run: rules citing requirements, and checks with the given verdicts, for table-driven report tests. */
export function started(rules: Array<{ id: string; requirements: string[] }>): RunStarted {
  return {
    type: 'run-started',
    at: '2024-05-01T12:00:00.000Z',
    runId: 'run-1',
    suite: { id: 's', title: 'S' },
    target: { name: 't', version: '1', profile: '(test)', baseUrls: {} },
    harness: { name: 'lso-harness', version: '0.0.0' },
    sdk: { release: 'grace', sources: null },
    options: { strict: false, bail: false, only: [] },
    rules: rules.map((r) => ({
      id: r.id,
      title: r.id,
      api: 'sonata.productOrder',
      requirements: r.requirements.map((key) => ({
        key,
        guide: key.split(' ')[0],
        id: key.split(' ')[1],
        level: 'mandatory',
        section: '1',
        text: 'text',
      })),
    })),
    scenarios: [],
  };
}

let seq = 0;
export function check(ruleId: string, verdict: Verdict): CheckEvent {
  return {
    type: 'check',
    at: '2024-05-01T12:00:01.000Z',
    seq: ++seq,
    scenarioId: 'sc',
    ruleId,
    verdict,
    message: `${verdict} ${ruleId}`,
    violations: [],
    evidence: { exchanges: [], notifications: [] },
  };
}

export function finished(bailed = false): RunEvent {
  return {
    type: 'run-finished',
    at: '2024-05-01T12:00:02.000Z',
    durationMs: 2000,
    counts: { pass: 0, fail: 0, error: 0, skip: 0 },
    bailed,
    defects: { known: [], applied: [] },
  };
}
