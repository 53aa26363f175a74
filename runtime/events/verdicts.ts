/**
 * The four verdicts. `error` means "could not be checked" (timeout, reset, garbage, a scenario that stopped early) and
 * `skip` means "not applicable" (a capability the target does not claim). Neither is ever counted as a pass.
 */
export type Verdict = 'pass' | 'fail' | 'error' | 'skip';

export const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'error', 'skip'];

export type VerdictCounts = Record<Verdict, number>;

export function emptyCounts(): VerdictCounts {
  return { pass: 0, fail: 0, error: 0, skip: 0 };
}
