import type { Clock } from '../../../../lib/clock';
import type { RunEvent } from '../../../../runtime/events/events';
import { sequentialIds } from '../../../../lib/ids';
import { profileFromObject, type TargetProfile } from '../../../../suites/harness/profile';
import { SONATA_SELLER_PROFILE, type SonataSellerProfile } from '../../../../suites/sonata-seller/profile';
import { runSuite, type RunOptions, type RunResult } from '../../../../suites/harness/runner';
import type { Suite } from '../../../../suites/harness/suite';
import { requirements, sonata } from './contracts';

/** A clock that moves 1 ms per reading from a fixed instant: event times are stable and ordered. */
export function steppingClock(start = Date.parse('2024-05-01T12:00:00.000Z')): Clock {
  let t = start;
  return { now: () => t++ };
}

/** A Seller's profile: the runner tests play a Buyer against Sonata stand-ins. */
export function profile(baseUrl: string, extra: Record<string, unknown> = {}): SonataSellerProfile {
  return profileFromObject(
    {
      target: { name: 'test target', version: '1.0', baseUrl },
      timeouts: { requestMs: 500, notificationMs: 500, scenarioMs: 10_000 },
      ...extra,
    },
    '(test)',
    SONATA_SELLER_PROFILE,
    { baseDir: process.cwd() },
  );
}

export interface Ran {
  events: RunEvent[];
  result: RunResult;
}

/** Runs a suite with the test doubles every runner test uses, collecting the event stream. */
export async function runWith<P extends TargetProfile>(suite: Suite<P>, p: P, opts: RunOptions = {}): Promise<Ran> {
  const events: RunEvent[] = [];
  const result = await runSuite(suite, p, opts, {
    contracts: sonata(),
    requirements: requirements(),
    sdk: { release: 'test', sources: null },
    harness: { name: 'lso-harness', version: '0.0.0-test' },
    clock: steppingClock(),
    ids: sequentialIds(),
    runId: 'run-1',
    emit: (e) => events.push(e),
  });
  return { events, result };
}

export const checksOf = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'check' ? [e] : []));

/** Verdicts per rule id, in check order. */
export function verdictsByRule(events: RunEvent[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of checksOf(events)) (out[c.ruleId] ??= []).push(c.verdict);
  return out;
}
