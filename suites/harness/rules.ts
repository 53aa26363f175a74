import { HarnessError } from '../../lib/errors';
import type { RequirementIndex } from '../../specs/requirements/index';
import type { RuleInfo } from '../../runtime/events/rule-info';

/**
 * A conformance rule: one thing a check decides, under a stable id, citing the MEF requirement(s) it tests as
 * `<guide> <label>` keys (`MEF123 R105`). Rules are data; scenarios record verdicts against them.
 */
export interface Rule {
  /** Stable, dotted, lower case: `sonata.order.hub.register.contract`. Reports and `--only` use it. */
  id: string;
  title: string;
  /** The catalogue API the rule is about (`sonata.productOrder`); reports group by it. */
  api: string;
  requirements: readonly string[];
  /**
   * Sources outside the MEF Developer Guides (an RFC section, a YANG statement, a de-facto rule of a reference
   * document), for APIs no guide governs (Presto). A rule needs at least one requirement or one source.
   */
  sources?: readonly string[];
}

const RULE_ID = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

/** What is wrong with a rule set: bad or duplicate ids, and requirement keys the SDK's guides do not define. */
export function ruleProblems(rules: readonly Rule[], requirements: RequirementIndex): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    if (!RULE_ID.test(r.id))
      problems.push(`rule id '${r.id}' is not dotted lower case (e.g. sonata.order.create.contract)`);
    if (seen.has(r.id)) problems.push(`rule id '${r.id}' is defined twice`);
    seen.add(r.id);
    if (!r.requirements.length && !r.sources?.length) problems.push(`rule ${r.id} cites no MEF requirement`);
    for (const source of r.sources ?? []) if (!source.trim()) problems.push(`rule ${r.id} cites an empty source`);
    for (const key of r.requirements) {
      if (!requirements.byKey(key))
        problems.push(`rule ${r.id} cites '${key}', which no MEF Developer Guide in the SDK defines`);
    }
  }
  return problems;
}

/** Looks every cited requirement up; a rule citing one that does not exist is a harness defect (exit 3). */
export function resolveRules(rules: readonly Rule[], requirements: RequirementIndex): RuleInfo[] {
  const problems = ruleProblems(rules, requirements);
  if (problems.length) throw new HarnessError(`the suite's rules are inconsistent: ${problems.join('; ')}`);
  return rules.map((r) => ({
    id: r.id,
    title: r.title,
    api: r.api,
    requirements: r.requirements.map((key) => {
      const q = requirements.byKey(key)!;
      return { key, guide: q.guide, id: q.id, level: q.level, section: q.section, text: q.text };
    }),
    ...(r.sources?.length ? { sources: [...r.sources] } : {}),
  }));
}
