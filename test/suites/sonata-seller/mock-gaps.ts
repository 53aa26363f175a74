import type { CheckEvent } from '../../../runtime/events/events';

/**
 * What the seller mock does not do yet, as a reviewed list (suites/sonata-seller/STATUS.md, "Requests to the seller
 * mock"). The suite still reports each as `fail`; only the tests that say "the suite passes against the mock"
 * tolerate exactly these checks, and each entry must still occur, so a fixed mock makes its entry stale and red.
 */
export interface MockGap {
  rule: string;
  message: RegExp;
  why: string;
}

export const MOCK_GAPS: readonly MockGap[] = [];

/** The checks that are not `pass` (or an allowed `skip`) and not a known gap, and the gaps that did not occur. */
export function beyondKnownGaps(
  checks: readonly CheckEvent[],
  opts: { allowSkip: boolean; scenarios?: readonly string[] },
): { unexpected: string[]; stale: string[] } {
  const seen = new Set<MockGap>();
  const unexpected: string[] = [];
  for (const c of checks) {
    if (c.verdict === 'pass' || (opts.allowSkip && c.verdict === 'skip')) continue;
    const gap =
      c.verdict === 'fail' ? MOCK_GAPS.find((g) => g.rule === c.ruleId && g.message.test(c.message)) : undefined;
    if (gap) seen.add(gap);
    else unexpected.push(`${c.verdict} ${c.ruleId} [${c.scenarioId}${c.step ? ` / ${c.step}` : ''}]: ${c.message}`);
  }
  const ran = new Set(checks.map((c) => c.ruleId));
  const stale = MOCK_GAPS.filter((g) => ran.has(g.rule) && !seen.has(g)).map(
    (g) => `${g.rule}: ${g.why} no longer occurs; remove it from mock-gaps.ts and STATUS.md`,
  );
  return { unexpected, stale };
}
