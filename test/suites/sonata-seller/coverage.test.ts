import { runGroupCommand } from '../../cli/in-process';
import { computeCoverage, suitesCoverageCommand } from '../../../bin/commands/suites-coverage';
import { coverageTable, SONATA_GUIDES, suiteCoverage } from '../../../suites/sonata-seller/coverage';
import { sonataSellerSuite } from '../../../suites/sonata-seller/index';
import type { Suite } from '../../../suites/harness/suite';
import { requirements } from './helpers/run';

describe('requirement coverage', () => {
  test('counts, per Sonata guide, the requirements a scenario rule cites', () => {
    const c = suiteCoverage(sonataSellerSuite, requirements());
    expect(c.guides.map((g) => g.guide)).toEqual([...SONATA_GUIDES]);
    for (const g of c.guides) {
      expect(g.covered + g.uncoveredIds.length).toBe(g.total);
      expect(g.total).toBe(
        new Set(
          requirements()
            .forGuide(g.guide)!
            .map((r) => r.id),
        ).size,
      );
    }
    expect(c.total.total).toBe(c.guides.reduce((n, g) => n + g.total, 0));
    // Every Sonata guide the suite has scenarios for is covered in part; billing (MEF 141) has none yet.
    for (const g of c.guides.filter((x) => x.guide !== 'MEF141')) expect(g.covered).toBeGreaterThan(0);
    expect(c.unusedRules).toEqual([]);
  });

  test('a requirement counts only when a scenario declares a rule citing it', () => {
    const rule = {
      id: 'test.only.rule',
      title: 'a rule no scenario runs',
      api: 'sonata.productOrder',
      requirements: ['MEF123 R1'],
    };
    const suite: Suite = { ...sonataSellerSuite, rules: [rule], scenarios: [] };
    const c = suiteCoverage(suite, requirements(), ['MEF123']);
    expect(c.guides[0].covered).toBe(0);
    expect(c.unusedRules).toEqual(['test.only.rule']);
    const used = suiteCoverage(
      {
        ...suite,
        scenarios: [{ id: 's', title: 's', api: 'sonata.productOrder', rules: [rule.id], run: async () => undefined }],
      },
      requirements(),
      ['MEF123'],
    );
    expect(used.guides[0].coveredIds).toEqual(['R1']);
  });

  test('the table lists every guide, the total and, on request, the unchecked ids', () => {
    const c = computeCoverage({ suite: 'sonata-seller' });
    const table = coverageTable(c, { uncovered: true });
    for (const g of c.guides) expect(table).toContain(g.label);
    expect(table).toMatch(new RegExp(`total\\s+${c.total.total}\\s+${c.total.covered}`));
    expect(table).toContain('requirements without a check:');
    expect(table).toContain('MEF141 Billing');
  });

  test('`lso suites coverage --json` prints the coverage as JSON', async () => {
    const printed = await runGroupCommand('suites', suitesCoverageCommand, ['coverage', '--json']);
    const json = JSON.parse(printed);
    expect(json.suite).toBe('sonata-seller');
    expect(json.guides).toHaveLength(SONATA_GUIDES.length);
    expect(json.total.covered).toBeGreaterThan(0);
  });

  test('an unknown suite is a usage error', () => {
    expect(() => computeCoverage({ suite: 'no-such-suite' })).toThrow(/unknown suite 'no-such-suite'/);
  });
});
