import { UsageError } from '../../lib/errors';
import { suggest } from '../../lib/suggest';
import type { Scenario, Suite } from './suite';

export interface Selection {
  rules: Set<string>;
  scenarios: Scenario[];
}

/**
 * `--only` and `--grep`. `--only` takes rule ids, rule id prefixes (`sonata.order.hub`), API ids or scenario ids;
 * `--grep` a case-insensitive text (or `/regex/`) matched against rule ids, titles and APIs. Both narrow the rule set;
 * a scenario runs if it declares a selected rule. A filter that selects nothing is a usage error, never an empty
 * green run.
 */
export function selectRules(suite: Suite, filters: { only?: readonly string[]; grep?: string }): Selection {
  const only = (filters.only ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  let rules = suite.rules.map((r) => r.id);
  if (only.length) {
    const byToken = (token: string) =>
      suite.rules.filter((r) => {
        const inScenario = suite.scenarios.some((s) => s.id === token && s.rules.includes(r.id));
        return r.id === token || r.id.startsWith(`${token}.`) || r.api === token || inScenario;
      });
    for (const token of only) {
      if (!byToken(token).length) {
        const known = [
          ...suite.rules.map((r) => r.id),
          ...new Set(suite.rules.map((r) => r.api)),
          ...suite.scenarios.map((s) => s.id),
        ];
        throw new UsageError(
          `--only ${token} matches no rule, API or scenario of suite ${suite.id}${suggest(token, known)}`,
        );
      }
    }
    const chosen = new Set(only.flatMap((t) => byToken(t).map((r) => r.id)));
    rules = rules.filter((id) => chosen.has(id));
  }
  if (filters.grep) {
    const test = matcher(filters.grep);
    rules = rules.filter((id) => {
      const r = suite.rules.find((x) => x.id === id)!;
      return test(r.id) || test(r.title) || test(r.api);
    });
    if (!rules.length) throw new UsageError(`--grep ${filters.grep} matches no rule of suite ${suite.id}`);
  }
  const selected = new Set(rules);
  return { rules: selected, scenarios: suite.scenarios.filter((s) => s.rules.some((r) => selected.has(r))) };
}

function matcher(pattern: string): (s: string) => boolean {
  const re = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (re) {
    let rx: RegExp;
    try {
      rx = new RegExp(re[1], re[2].includes('i') ? re[2] : `${re[2]}i`);
    } catch (err) {
      throw new UsageError(`--grep ${pattern} is not a valid regular expression: ${(err as Error).message}`);
    }
    return (s) => rx.test(s);
  }
  const needle = pattern.toLowerCase();
  return (s) => s.toLowerCase().includes(needle);
}
