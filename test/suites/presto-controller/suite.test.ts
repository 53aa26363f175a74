import { sequentialIds } from '../../../lib/ids';
import { silentLogger } from '../../../lib/logger';
import { buildPrestoController, type PrestoController } from '../../../mocks/presto-controller';
import type { RunEvent } from '../../../runtime/events/events';
import { Contracts } from '../../../specs';
import { loadRequirements } from '../../../specs/requirements/index';
import { YangValidator } from '../../../specs/yang';
import { runSuite } from '../../../suites/harness/runner';
import { profileFromObject } from '../../../suites/harness/profile';
import { resolveRules } from '../../../suites/harness/rules';
import { PRESTO_CONTROLLER_PROFILE, type PrestoControllerProfile } from '../../../suites/presto-controller/profile';
import { prestoControllerSuite } from '../../../suites/presto-controller/index';
import { PRESTO_RULES } from '../../../suites/presto-controller/rules';
import { getSuite } from '../../../suites/registry';
import { startProxy, type Defect, type Proxy } from '../sonata-seller/variants/proxy';
import { checksOf } from '../harness/helpers/run';
import { CONTROLLER_VARIANTS, defectOf } from './variants';

const RULE_IDS = Object.values(PRESTO_RULES).map((r) => r.id);

describe('presto-controller suite (harness as SOF)', () => {
  let contracts: Contracts;
  let validator: YangValidator;

  beforeAll(async () => {
    contracts = Contracts.load({ sdks: ['presto'] });
    validator = await YangValidator.start();
  }, 60_000);
  afterAll(async () => {
    await validator?.close();
  });

  const profileFor = (baseUrl: string, extra: Record<string, unknown> = {}): PrestoControllerProfile =>
    profileFromObject(
      {
        ...extra,
        role: 'presto-controller',
        target: { name: 'mock', baseUrl },
        timeouts: { requestMs: 10_000, notificationMs: 5000, scenarioMs: 60_000 },
      },
      '(test)',
      PRESTO_CONTROLLER_PROFILE,
      { baseDir: process.cwd() },
    );

  /** Runs the suite against the mock, behind a proxy injecting `defect` when one is given; verdict per rule. */
  async function judge(
    defect?: Defect,
    opts: { strict?: boolean; profile?: Record<string, unknown> } = {},
  ): Promise<{ events: RunEvent[]; verdicts: Record<string, string> }> {
    const mock: PrestoController = await buildPrestoController({
      contracts,
      clockRate: 0,
      ids: sequentialIds(),
      logger: silentLogger,
      validator,
      journal: false,
    });
    let proxy: Proxy | undefined;
    const events: RunEvent[] = [];
    try {
      if (defect) proxy = await startProxy(mock.url, defect);
      await runSuite(
        prestoControllerSuite,
        profileFor(proxy?.url ?? mock.url, opts.profile),
        { strict: opts.strict === true },
        {
          contracts,
          requirements: loadRequirements(contracts.sdkDir),
          sdk: { release: 'test', sources: null },
          harness: { name: 'lso-harness', version: '0.0.0-test' },
          clock: { now: () => Date.now() },
          ids: sequentialIds(),
          runId: 'run-presto',
          emit: (e) => events.push(e),
        },
      );
    } finally {
      await proxy?.close();
      await mock.close();
    }
    const verdicts: Record<string, string> = {};
    const rank: Record<string, number> = { pass: 0, skip: 1, error: 2, fail: 3 };
    for (const c of checksOf(events))
      if (verdicts[c.ruleId] === undefined || rank[c.verdict] > rank[verdicts[c.ruleId]])
        verdicts[c.ruleId] = c.verdict;
    return { events, verdicts };
  }

  test('is registered, and its rules cite sources the harness accepts', () => {
    expect(getSuite('presto-controller')).toBe(prestoControllerSuite);
    const infos = resolveRules(prestoControllerSuite.rules, loadRequirements(contracts.sdkDir));
    expect(infos.every((r) => (r.sources?.length ?? 0) > 0)).toBe(true);
  });

  test('passes in full against the Presto controller mock, each check with its RESTCONF exchange as evidence', async () => {
    const { events, verdicts } = await judge();
    expect(verdicts).toEqual(Object.fromEntries(RULE_IDS.map((id) => [id, 'pass'])));
    for (const c of checksOf(events)) {
      expect(c.evidence.exchanges.length).toBeGreaterThan(0);
      expect(c.evidence.exchanges[0].curl).toMatch(/^curl .*\/restconf\//);
    }
    const create = checksOf(events).find((c) => c.ruleId === PRESTO_RULES.create.id)!;
    expect(create.evidence.exchanges[0].request.url).toMatch(
      /\/restconf\/operations\/tapi-connectivity:create-connectivity-service$/,
    );
  }, 60_000);

  test("the EPL goes on the profile's eplSips when it names them", async () => {
    const eplSips = ['sip:pe3:ge-0/0/1', 'sip:pe3:xe-0/0/9'];
    const { verdicts, events } = await judge(undefined, { profile: { eplSips } });
    expect(verdicts[PRESTO_RULES.eplCreate.id]).toBe('pass');
    const create = checksOf(events).find((c) => c.ruleId === PRESTO_RULES.eplCreate.id)!;
    const body = JSON.parse(create.evidence.exchanges[0].request.body!);
    expect(
      body['tapi-connectivity:input']['end-point'].map(
        (e: any) => e['service-interface-point']['service-interface-point-id'],
      ),
    ).toEqual(eplSips);
  }, 60_000);

  test('a pass-through proxy changes no verdict (the variants differ from it by their defect alone)', async () => {
    const { verdicts } = await judge({});
    expect(verdicts).toEqual(Object.fromEntries(RULE_IDS.map((id) => [id, 'pass'])));
  }, 60_000);

  test('passes in full with --strict: its replies are RFC 7951 in application/yang-data+json', async () => {
    const { verdicts, events } = await judge(undefined, { strict: true });
    expect(verdicts).toEqual(Object.fromEntries(RULE_IDS.map((id) => [id, 'pass'])));
    const encoding = checksOf(events).filter((c) => c.ruleId.startsWith('presto.encoding.'));
    expect(encoding.map((c) => c.violations)).toEqual([[], [], []]);
  }, 60_000);

  test('an encoding defect is a warning in a lenient run and a failure with --strict', async () => {
    const numbers = CONTROLLER_VARIANTS.find((v) => v.caughtBy === PRESTO_RULES.int64Strings.id)!;
    const lenient = await judge(defectOf(numbers));
    expect(lenient.verdicts[PRESTO_RULES.int64Strings.id]).toBe('pass');
    const warned = checksOf(lenient.events).find((c) => c.ruleId === PRESTO_RULES.int64Strings.id)!;
    expect(warned.violations.length).toBeGreaterThan(0);
    expect(warned.violations.every((v) => v.severity === 'warning')).toBe(true);
    expect(warned.message).toMatch(/--strict makes them failures/);
    const strict = await judge(defectOf(numbers), { strict: true });
    expect(strict.verdicts[PRESTO_RULES.int64Strings.id]).toBe('fail');
  }, 60_000);

  test('there are at least 20 controller variants, each with its own defect, between them catching most rules', () => {
    expect(CONTROLLER_VARIANTS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(CONTROLLER_VARIANTS.map((v) => v.name)).size).toBe(CONTROLLER_VARIANTS.length);
    for (const v of CONTROLLER_VARIANTS) expect(RULE_IDS).toContain(v.caughtBy);
    expect(new Set(CONTROLLER_VARIANTS.map((v) => v.caughtBy)).size).toBe(RULE_IDS.length);
  });

  describe.each(CONTROLLER_VARIANTS.map((v) => [v.name, v.caughtBy, v] as const))(
    'variant: a controller that %s',
    (_name, caughtBy, variant) => {
      test(`is caught by ${caughtBy}`, async () => {
        const { verdicts } = await judge(defectOf(variant), { strict: variant.strict === true });
        expect({ rule: caughtBy, verdict: verdicts[caughtBy] }).toEqual({
          rule: caughtBy,
          verdict: expect.stringMatching(/^(fail|error)$/),
        });
      }, 60_000);
    },
  );
});
