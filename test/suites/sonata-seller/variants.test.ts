import type { SellerMock } from '../../../mocks/sonata-seller/index';
import type { Suite } from '../../../suites/harness/suite';
import { sonataSellerSuite } from '../../../suites/sonata-seller/index';
import { ruleVerdicts, runAgainst } from './helpers/run';
import { beyondKnownGaps } from './mock-gaps';
import { profileFor, startMock } from './helpers/target';
import { VARIANTS } from './variants/catalogue';
import { startProxy } from './variants/proxy';

/** The suite limited to some scenarios: each variant runs only those that exercise its defect. */
function only(ids: readonly string[]): Suite {
  const scenarios = sonataSellerSuite.scenarios.filter((s) => ids.includes(s.id));
  if (scenarios.length !== ids.length) throw new Error(`unknown scenario among ${ids.join(', ')}`);
  return { ...sonataSellerSuite, scenarios };
}

let mock: SellerMock;

beforeAll(async () => {
  mock = await startMock();
});

afterAll(async () => {
  await mock.close();
});

test('a pass-through proxy changes no verdict (the variants below differ from it by their defect alone)', async () => {
  const proxy = await startProxy(mock.url);
  try {
    const scenarios = [...new Set(VARIANTS.flatMap((v) => v.scenarios))];
    const ran = await runAgainst(only(scenarios), profileFor(proxy.url));
    expect(beyondKnownGaps(ran.checks, { allowSkip: true }).unexpected).toEqual([]);
    expect(ran.result.counts.pass).toBeGreaterThan(100);
  } finally {
    await proxy.close();
  }
});

test('there are at least 20 variants, each with its own defect', () => {
  expect(VARIANTS.length).toBeGreaterThanOrEqual(20);
  expect(new Set(VARIANTS.map((v) => v.name)).size).toBe(VARIANTS.length);
});

describe.each(VARIANTS.map((v) => [v.name, v.caughtBy, v] as const))('variant: %s', (_name, caughtBy, variant) => {
  test(`is caught by ${caughtBy}`, async () => {
    const proxy = await startProxy(mock.url, variant.defect);
    try {
      const ran = await runAgainst(only(variant.scenarios), profileFor(proxy.url, variant.timeouts), { only: variant.only });
      const verdicts = ruleVerdicts(ran.checks);
      expect({ rule: caughtBy, verdict: verdicts[caughtBy] }).toEqual({ rule: caughtBy, verdict: expect.stringMatching(/^(fail|error)$/) });
    } finally {
      await proxy.close();
    }
  });
});
