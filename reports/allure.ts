import { randomUUID } from 'node:crypto';
import { Stage, Status, type Label, type StepResult, type TestResult } from 'allure-js-commons';
import { FileSystemWriter, md5 } from 'allure-js-commons/sdk/reporter';
import type { Verdict } from '../runtime/events/verdicts';
import { aggregate } from './aggregate';
import { checkText } from './check-text';
import type { RunRecord } from './run-record';

const STATUS: Record<Verdict, Status> = {
  pass: Status.PASSED,
  fail: Status.FAILED,
  error: Status.BROKEN,
  skip: Status.SKIPPED,
};

/**
 * allure-results/: one Allure test result per rule (failed, broken for `error`, skipped), one step per check, the
 * evidence of each failing check as a JSON attachment. Written with allure-js-commons' own FileSystemWriter, so any
 * Allure 2 or 3 report generator renders it, outside jest.
 */
export function writeAllureResults(run: RunRecord, dir: string, uuid: () => string = randomUUID): number {
  const writer = new FileSystemWriter({ resultsDir: dir });
  const a = aggregate(run);
  const s = run.started;
  const start = Date.parse(s.at);
  const stop = run.finished ? Date.parse(run.finished.at) : start;
  const titleOf = new Map(s.rules.map((r) => [r.id, r.title]));
  for (const r of a.rules) {
    const id = uuid();
    const checks = run.checks.filter((c) => c.ruleId === r.id);
    const steps: StepResult[] = checks.map((c) => {
      const step: StepResult = {
        name: `${c.verdict}: ${c.message}`,
        status: STATUS[c.verdict],
        statusDetails: c.verdict === 'pass' ? {} : { message: c.message, trace: checkText(c) },
        stage: Stage.FINISHED,
        steps: [],
        attachments: [],
        parameters: [{ name: 'scenario', value: c.scenarioId }, ...(c.step ? [{ name: 'step', value: c.step }] : [])],
        start: Date.parse(c.at),
        stop: Date.parse(c.at),
      };
      if (c.verdict === 'fail' || c.verdict === 'error') {
        const source = `${uuid()}-attachment.json`;
        writer.writeAttachment(
          source,
          Buffer.from(JSON.stringify({ violations: c.violations, evidence: c.evidence }, null, 2)),
        );
        step.attachments.push({ name: 'evidence', type: 'application/json', source });
      }
      return step;
    });
    const labels: Label[] = [
      { name: 'parentSuite', value: s.suite.id },
      { name: 'suite', value: r.api },
      { name: 'feature', value: r.api },
      { name: 'framework', value: 'lso-harness' },
      ...r.requirements.map((key) => ({ name: 'story', value: key })),
      ...r.requirements.map((key) => ({ name: 'tag', value: key })),
    ];
    const bad = checks.find((c) => c.verdict === r.verdict && r.verdict !== 'pass');
    const result: TestResult = {
      uuid: id,
      // Stable across runs, so Allure can show a rule's history.
      historyId: md5(`${s.suite.id}:${r.id}`),
      testCaseId: md5(r.id),
      name: `${r.id}: ${titleOf.get(r.id) ?? ''}`,
      fullName: `${s.suite.id}.${r.id}`,
      status: STATUS[r.verdict],
      statusDetails:
        r.verdict === 'pass'
          ? {}
          : { message: bad?.message ?? r.reason ?? r.verdict, trace: bad ? checkText(bad) : r.reason },
      stage: Stage.FINISHED,
      description: `Requirements: ${r.requirements.join(', ')}`,
      steps,
      attachments: [],
      parameters: [{ name: 'target', value: s.target.name ?? s.target.profile }],
      labels,
      links: [],
      start,
      stop,
    };
    writer.writeResult(result);
  }
  writer.writeEnvironmentInfo({
    suite: s.suite.id,
    target: `${s.target.name ?? s.target.profile} ${s.target.version ?? ''}`.trim(),
    harness: `${s.harness.name} ${s.harness.version}`,
    'MEF SDK release': s.sdk.release ?? 'unknown',
    ...Object.fromEntries(
      Object.entries(s.sdk.sources ?? {}).map(([k, v]) => [`MEF SDK ${k}`, `${v.repo}@${v.commit}`]),
    ),
  });
  return a.rules.length;
}
