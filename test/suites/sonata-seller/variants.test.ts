import type { SellerMock } from '../../../mocks/sonata-seller/index';
import type { Suite } from '../../../suites/harness/suite';
import { sonataSellerSuite } from '../../../suites/sonata-seller/index';
import { ruleVerdicts, runAgainst } from './helpers/run';
import { beyondKnownGaps } from './mock-gaps';
import { profileFor, startMock } from './helpers/target';
import { asAdd, ORDER, POQ, QUOTE, unknownProductTaken, VARIANTS } from './variants/catalogue';
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
      const ran = await runAgainst(only(variant.scenarios), profileFor(proxy.url, variant.timeouts), {
        only: variant.only,
      });
      const verdicts = ruleVerdicts(ran.checks);
      expect({ rule: caughtBy, verdict: verdicts[caughtBy] }).toEqual({
        rule: caughtBy,
        verdict: expect.stringMatching(/^(fail|error)$/),
      });
    } finally {
      await proxy.close();
    }
  });
});

/**
 * The other right answer to a change of a product the Buyer does not have: taken, then answered with an error. The
 * proxy lets the mock take it (as the defective variants do) and asks it, by outcome header, to say no afterwards.
 */
describe.each([
  [
    'a POQ whose item ends terminatedWithError',
    'sonata.poq.list-and-errors',
    'sonata.poq.create.unknown-product',
    unknownProductTaken(`${POQ}/productOfferingQualification`, 'productOfferingQualificationItem', asAdd, {
      'x-lso-outcome': 'terminatedWithError',
    }),
  ],
  [
    'a quote answered unableToProvide',
    'sonata.quote.list-and-errors',
    'sonata.quote.create.unknown-product',
    unknownProductTaken(`${QUOTE}/quote`, 'quoteItem', (item) => ({ ...item, product: { id: 'SP1_ENNI' } }), {
      'x-lso-outcome': 'unableToProvide',
    }),
  ],
  [
    'an order rejected after its 201',
    'sonata.order.invalid-payloads',
    'sonata.order.create.unknown-product',
    unknownProductTaken(`${ORDER}/productOrder`, 'productOrderItem', asAdd, { 'x-lso-outcome': 'reject' }),
  ],
])('a change of an unknown product taken, then refused: %s', (_name, scenarioId, ruleId, defect) => {
  test(`passes ${ruleId}`, async () => {
    const proxy = await startProxy(mock.url, defect);
    try {
      const ran = await runAgainst(only([scenarioId]), profileFor(proxy.url), { only: [ruleId] });
      const mine = ran.checks.filter((c) => c.ruleId === ruleId);
      expect(mine.map((c) => c.verdict)).toEqual(['pass', 'pass']);
      expect(mine[1].message).toMatch(/taken, and its item ended (terminatedWithError|unableToProvide|rejected)/);
    } finally {
      await proxy.close();
    }
  });
});
