import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { recordOf } from '../../../reports/run-record';
import { buildSummary } from '../../../reports/summary';
import summarySchema from '../../../reports/summary.schema.json';
import type { RunEvent } from '../../../runtime/events/events';
import { sequentialIds } from '../../../lib/ids';
import { runSuite } from '../../../suites/harness/runner';
import { stageSelftest } from '../../../suites/stage-selftest/suite';
import { scriptedClient, type ClientFlaw } from '../../../suites/stage-selftest/scripted-client';
import { requirements, sonata } from '../harness/helpers/contracts';
import { checksOf, steppingClock } from '../harness/helpers/run';

/** Runs the stage self-test against a scripted client with `flaw` (none: the well-behaved one). */
async function judge(flaw?: ClientFlaw): Promise<{ events: RunEvent[]; verdicts: Record<string, string> }> {
  const target = await stageSelftest.startDefaultTarget!({ clock: steppingClock(), ids: sequentialIds() });
  const client = scriptedClient(flaw);
  const events: RunEvent[] = [];
  try {
    await runSuite(
      stageSelftest,
      { ...target.profile, timeouts: { ...target.profile.timeouts, notificationMs: 2000 } },
      {},
      {
        contracts: sonata(),
        requirements: requirements(),
        sdk: { release: 'test', sources: null },
        harness: { name: 'lso-harness', version: '0.0.0-test' },
        clock: { now: () => Date.now() },
        ids: sequentialIds(),
        runId: 'run-stage',
        onPortsOpen: (ports) => void client.run(ports.stage!),
        emit: (e) => events.push(e),
      },
    );
  } finally {
    await client.close();
    await target.close();
  }
  const verdicts: Record<string, string> = {};
  for (const c of checksOf(events))
    verdicts[c.ruleId] = verdicts[c.ruleId] === 'fail' || c.verdict === 'fail' ? 'fail' : c.verdict;
  return { events, verdicts };
}

describe('stage self-test: the harness as a Seller judges a client', () => {
  test('a well-behaved scripted client passes every rule; the stage URL is in run-started and summary.json', async () => {
    const { events, verdicts } = await judge();
    expect(verdicts).toEqual({
      'stage.hub.registered': 'pass',
      'stage.order.transition': 'pass',
      'stage.order.create.contract': 'pass',
    });
    const started = events[0] as Extract<RunEvent, { type: 'run-started' }>;
    expect(started.target.stage).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      apis: { 'sonata.productOrder': expect.stringMatching(/\/mefApi\/sonata\/productOrderingManagement\/v10$/) },
    });
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(summarySchema);
    validate(JSON.parse(JSON.stringify(buildSummary(recordOf(events)))));
    expect(validate.errors ?? []).toEqual([]);
    const create = checksOf(events).find((c) => c.ruleId === 'stage.order.create.contract')!;
    expect(create.evidence.exchanges[0]).toMatchObject({
      operationId: 'createProductOrder',
      requestViolations: [],
      violations: [],
      response: { status: 201 },
      curl: expect.stringContaining("curl -sS -i -X POST 'http://127.0.0.1:"),
    });
  });

  test.each([
    ['invalid-body', 'stage.order.create.contract'],
    ['forbidden-transition', 'stage.order.transition'],
    ['no-hub', 'stage.hub.registered'],
  ] as const)('a client with flaw %s fails %s, and only that rule', async (flaw, rule) => {
    const { verdicts } = await judge(flaw);
    expect(verdicts[rule]).toBe('fail');
    expect(Object.entries(verdicts).filter(([id, v]) => id !== rule && v !== 'pass')).toEqual([]);
  });
});
