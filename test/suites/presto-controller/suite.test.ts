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

const RULE_IDS = Object.values(PRESTO_RULES).map((r) => r.id);
const YANG = 'application/yang-data+json';

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

  const profileFor = (baseUrl: string): PrestoControllerProfile =>
    profileFromObject(
      {
        role: 'presto-controller',
        target: { name: 'mock', baseUrl },
        timeouts: { requestMs: 10_000, notificationMs: 5000, scenarioMs: 60_000 },
      },
      '(test)',
      PRESTO_CONTROLLER_PROFILE,
      { baseDir: process.cwd() },
    );

  /** Runs the suite against the mock, behind a proxy injecting `defect` when one is given; verdict per rule. */
  async function judge(defect?: Defect): Promise<{ events: RunEvent[]; verdicts: Record<string, string> }> {
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
        profileFor(proxy?.url ?? mock.url),
        {},
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

  const isCreate = (path: string) => path.endsWith(':create-connectivity-service');

  test('variant: a controller that accepts a VLAN clash with 200 fails presto.refusal.vlan-clash', async () => {
    const { verdicts } = await judge({
      response: (req, res) =>
        isCreate(req.path) && res.status === 409
          ? {
              status: 200,
              headers: { 'content-type': YANG },
              body: JSON.stringify({ 'tapi-connectivity:output': { service: { uuid: 'clash-accepted' } } }),
            }
          : res,
    });
    expect(verdicts[PRESTO_RULES.refuseVlanClash.id]).toBe('fail');
    expect(verdicts[PRESTO_RULES.create.id]).toBe('pass');
  }, 60_000);

  test('variant: errors as plain JSON without ietf-restconf:errors fail presto.errors.shape', async () => {
    const { verdicts } = await judge({
      response: (_req, res) =>
        res.status >= 400
          ? {
              status: res.status,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ error: 'refused' }),
            }
          : res,
    });
    expect(verdicts[PRESTO_RULES.errorShape.id]).toBe('fail');
    expect(verdicts[PRESTO_RULES.refuseUnknownSip.id]).toBe('fail');
    expect(verdicts[PRESTO_RULES.discoverySips.id]).toBe('pass');
  }, 60_000);

  test('variant: a controller whose services never reach INSTALLED fails presto.service.activation', async () => {
    const { verdicts } = await judge({
      response: (req, res) => {
        if (!req.path.endsWith(':get-connectivity-service-details') || res.status !== 200) return res;
        const j = JSON.parse(res.body);
        const svc = j['tapi-connectivity:output']?.service;
        if (svc?.['lifecycle-state'] === 'INSTALLED') svc['lifecycle-state'] = 'PLANNED';
        return { ...res, body: JSON.stringify(j) };
      },
    });
    expect(verdicts[PRESTO_RULES.activation.id]).toBe('fail');
    expect(verdicts[PRESTO_RULES.create.id]).toBe('pass');
  }, 60_000);

  test('variant: a controller that keeps the resources of a deleted service fails presto.service.delete-releases', async () => {
    let creates = 0;
    const { verdicts } = await judge({
      answer: (req) => {
        // The second create of the lifecycle scenario (after its delete) is refused as if the VLAN were still held.
        if (!isCreate(req.path) || ++creates !== 2) return undefined;
        return {
          status: 409,
          headers: { 'content-type': YANG },
          body: JSON.stringify({
            'ietf-restconf:errors': {
              error: [{ 'error-type': 'application', 'error-tag': 'resource-denied', 'error-message': 'VLAN in use' }],
            },
          }),
        };
      },
    });
    expect(verdicts[PRESTO_RULES.deleteReleases.id]).toBe('fail');
  }, 60_000);
});
