import type { RequirementRef } from '../runtime/events/rule-info';
import type { Verdict, VerdictCounts } from '../runtime/events/verdicts';
import type { RunRecord } from './run-record';

export interface RuleVerdict {
  id: string;
  title: string;
  api: string;
  requirements: string[];
  /** Sources outside the MEF guides (RFC sections, YANG statements), for APIs no guide governs. */
  sources?: string[];
  verdict: Verdict;
  counts: VerdictCounts;
  /** Why a rule with no checks at all has the verdict it has. */
  reason?: string;
}

export interface RequirementVerdict extends RequirementRef {
  verdict: Verdict;
  rules: string[];
  counts: VerdictCounts;
}

export interface Aggregate {
  rules: RuleVerdict[];
  requirements: RequirementVerdict[];
  counts: { checks: VerdictCounts; rules: VerdictCounts; requirements: VerdictCounts };
  /** The run as a whole: `pass` only if no rule failed or errored. */
  verdict: Verdict;
}

const zero = (): VerdictCounts => ({ pass: 0, fail: 0, error: 0, skip: 0 });

/**
 * The verdict of a set of checks: any `fail` fails it, else any `error` makes it `error`, else any `pass` passes it,
 * else (all `skip`) it is `skip`. An `error` therefore never counts as a pass, and a skip (not applicable) neither
 * passes nor spoils what was checked.
 */
export function combine(counts: VerdictCounts): Verdict {
  if (counts.fail) return 'fail';
  if (counts.error) return 'error';
  if (counts.pass) return 'pass';
  return 'skip';
}

function add(into: VerdictCounts, from: VerdictCounts): void {
  for (const k of Object.keys(into) as Verdict[]) into[k] += from[k];
}

/**
 * Verdicts per rule and per MEF requirement. A rule with no check at all (its scenario never ran, e.g. after --bail)
 * is `error`: nothing that was not checked counts as passed. A requirement's verdict combines every check of every
 * rule citing it, so it passes only if all of them that apply pass.
 */
export function aggregate(run: RunRecord): Aggregate {
  const checks = zero();
  const perRule = new Map<string, VerdictCounts>(run.started.rules.map((r) => [r.id, zero()]));
  for (const c of run.checks) {
    checks[c.verdict]++;
    const counts = perRule.get(c.ruleId);
    if (counts) counts[c.verdict]++;
  }
  const rules: RuleVerdict[] = run.started.rules.map((r) => {
    const counts = perRule.get(r.id)!;
    const checked = counts.pass + counts.fail + counts.error + counts.skip > 0;
    return {
      id: r.id,
      title: r.title,
      api: r.api,
      requirements: r.requirements.map((q) => q.key),
      ...(r.sources?.length ? { sources: r.sources } : {}),
      verdict: checked ? combine(counts) : 'error',
      counts,
      ...(checked
        ? {}
        : { reason: run.finished?.bailed ? 'not checked: the run stopped early (--bail)' : 'not checked' }),
    };
  });
  const reqs = new Map<string, RequirementVerdict>();
  for (const r of run.started.rules) {
    const rv = rules.find((x) => x.id === r.id)!;
    for (const q of r.requirements) {
      let e = reqs.get(q.key);
      if (!e) reqs.set(q.key, (e = { ...q, verdict: 'skip', rules: [], counts: zero() }));
      e.rules.push(r.id);
      add(e.counts, rv.counts);
      // A rule that was never checked contributes an error, like a check that could not be made.
      if (rv.reason) e.counts.error++;
    }
  }
  const requirements = [...reqs.values()]
    .map((q) => ({ ...q, verdict: combine(q.counts) }))
    .sort((a, b) => compareKeys(a.key, b.key));
  const ruleCounts = zero();
  for (const r of rules) ruleCounts[r.verdict]++;
  const reqCounts = zero();
  for (const q of requirements) reqCounts[q.verdict]++;
  return {
    rules,
    requirements,
    counts: { checks, rules: ruleCounts, requirements: reqCounts },
    verdict: combine(ruleCounts),
  };
}

/** `MEF123 R9` before `MEF123 R10`: guide, then label letters, then number. */
export function compareKeys(a: string, b: string): number {
  const pa = /^(\S+) ([A-Z]+)(\d+)$/.exec(a);
  const pb = /^(\S+) ([A-Z]+)(\d+)$/.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  return pa[1].localeCompare(pb[1]) || pa[2].localeCompare(pb[2]) || Number(pa[3]) - Number(pb[3]);
}

/** 0 when every rule passed or was skipped, 1 when any rule failed or could not be checked. */
export function exitCodeOf(a: Aggregate): 0 | 1 {
  return a.counts.rules.fail || a.counts.rules.error ? 1 : 0;
}
