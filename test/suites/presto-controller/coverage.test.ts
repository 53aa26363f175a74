import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { computeCoverage, suitesCoverageCommand } from '../../../bin/commands/suites-coverage';
import { Contracts } from '../../../specs';
import { coverageTable } from '../../../suites/harness/coverage-table';
import type { Suite } from '../../../suites/harness/suite';
import { OPERATIONS, PRESTO_CATALOGUE } from '../../../suites/presto-controller/catalogue';
import { prestoCoverage } from '../../../suites/presto-controller/coverage';
import { prestoControllerSuite } from '../../../suites/presto-controller/index';
import { PRESTO_RULES } from '../../../suites/presto-controller/rules';
import { runGroupCommand } from '../../cli/in-process';

const RULE_IDS = new Set(Object.values(PRESTO_RULES).map((r) => r.id));

describe('presto-controller catalogue coverage', () => {
  test("the operations are the 32 of the SDK's Swagger, each citable by a rule", () => {
    const sdkDir = Contracts.load({ sdks: ['presto'] }).sdkDir;
    const swagger = parse(readFileSync(path.join(sdkDir, 'presto/api/swagger/presto-nrp.yaml'), 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ops = Object.entries(swagger.paths).flatMap(([p, methods]) =>
      Object.keys(methods)
        .filter((m) => m === 'get' || m === 'post')
        .map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(OPERATIONS.items.map((i) => i.id).sort()).toEqual(ops.sort());
    expect(ops).toHaveLength(32);
    for (const i of OPERATIONS.items) expect(i.cite).toBeDefined();
  });

  test('every other item names only rules of the suite', () => {
    for (const section of PRESTO_CATALOGUE.filter((s) => s !== OPERATIONS))
      for (const i of section.items) for (const r of i.rules ?? []) expect(RULE_IDS).toContain(r);
  });

  test('counts an operation a run rule cites and an item whose rule runs, and nothing for a rule no scenario runs', () => {
    const c = prestoCoverage(prestoControllerSuite);
    expect(c.unusedRules).toEqual([]);
    const ops = c.guides.find((g) => g.guide === 'operations')!;
    expect(ops.total).toBe(32);
    expect(ops.coveredIds).toEqual(
      expect.arrayContaining([
        'POST /operations/create-connectivity-service/',
        'POST /operations/update-connectivity-service/',
        'GET /data/context/connectivity-service={uuid}/',
      ]),
    );
    expect(ops.uncoveredIds).toContain('POST /operations/compute-p-2-p-path/');
    for (const g of c.guides) expect(g.covered + g.uncoveredIds.length).toBe(g.total);
    expect(c.total.covered).toBe(c.guides.reduce((n, g) => n + g.covered, 0));

    // Without the bandwidth-update scenario, its update operation and its semantic item count no more.
    const without: Suite = {
      ...prestoControllerSuite,
      scenarios: prestoControllerSuite.scenarios.filter((s) => s.id !== 'presto.bandwidth-update'),
    } as Suite;
    const less = prestoCoverage(without);
    expect(less.guides[0].uncoveredIds).toContain('POST /operations/update-connectivity-service/');
    expect(less.guides[1].uncoveredIds).toContain('update changes one end-point per call');
    expect(less.unusedRules).toEqual([PRESTO_RULES.updateBandwidth.id, PRESTO_RULES.capacityLedger.id]);
    expect(less.total.covered).toBeLessThan(c.total.covered);
  });

  test('`lso suites coverage --suite presto-controller` prints the catalogue sections, or JSON', async () => {
    const c = computeCoverage({ suite: 'presto-controller' });
    const table = coverageTable(c, { uncovered: true });
    expect(table).toMatch(/^catalogue coverage of suite presto-controller/);
    for (const s of PRESTO_CATALOGUE) expect(table).toContain(s.label);
    expect(table).toMatch(new RegExp(`total\\s+${c.total.total}\\s+${c.total.covered}`));
    expect(table).toContain('items without a check:');
    const json = JSON.parse(
      await runGroupCommand('suites', suitesCoverageCommand, ['coverage', '--suite', 'presto-controller', '--json']),
    );
    expect(json.suite).toBe('presto-controller');
    expect(json.guides.map((g: { guide: string }) => g.guide)).toEqual(PRESTO_CATALOGUE.map((s) => s.id));
  });
});
