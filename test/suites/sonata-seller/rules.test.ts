import { ruleProblems } from '../../../suites/harness/rules';
import { sonataSellerSuite } from '../../../suites/sonata-seller/index';
import { SONATA_SELLER_RULES } from '../../../suites/sonata-seller/rules/index';
import { MANAGEMENT_APIS } from '../../../suites/sonata-seller/support/apis';
import { requirements, sonata } from './helpers/run';

describe('the Sonata seller suite as data', () => {
  test('every rule has a dotted id, a title and cites requirements the SDK guides define', () => {
    expect(ruleProblems(SONATA_SELLER_RULES, requirements())).toEqual([]);
    for (const r of SONATA_SELLER_RULES) expect(r.title.length).toBeGreaterThan(10);
  });

  test('every rule is about a Sonata management API the suite calls', () => {
    expect(SONATA_SELLER_RULES.filter((r) => !MANAGEMENT_APIS.includes(r.api)).map((r) => r.id)).toEqual([]);
    for (const api of MANAGEMENT_APIS) expect(() => sonata().api(api)).not.toThrow();
  });

  test('every rule is checked by a scenario, and every scenario declares only rules of the suite', () => {
    const declared = new Set(sonataSellerSuite.scenarios.flatMap((s) => s.rules));
    expect(SONATA_SELLER_RULES.filter((r) => !declared.has(r.id)).map((r) => r.id)).toEqual([]);
    const known = new Set(SONATA_SELLER_RULES.map((r) => r.id));
    expect([...declared].filter((id) => !known.has(id))).toEqual([]);
  });

  test('scenario ids are unique and name the API they are about', () => {
    const ids = sonataSellerSuite.scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of sonataSellerSuite.scenarios) expect(MANAGEMENT_APIS).toContain(s.api);
  });

  test('every management API the seller offers has rules', () => {
    const covered = new Set(SONATA_SELLER_RULES.map((r) => r.api));
    expect(MANAGEMENT_APIS.filter((a) => !covered.has(a))).toEqual([]);
  });
});
