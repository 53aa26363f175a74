import { guideByKey, type RequirementIndex } from '../../specs/requirements/index';
import { coveragePercent as pct, type Coverage } from '../harness/coverage-table';
import type { Suite } from '../harness/suite';

export { coverageTable, type Coverage, type GuideCoverage } from '../harness/coverage-table';

/** The Sonata guides whose numbered requirements the Sonata seller suite is measured against. */
export const SONATA_GUIDES = [
  'MEF123',
  'MEF115',
  'MEF87',
  'MEF116',
  'MEF121',
  'MEF122',
  'MEF124',
  'MEF137',
  'MEF141',
  'MEFW142',
  'MEFW160',
] as const;

/**
 * How many numbered requirements of each guide have at least one check: a requirement counts when a rule cites it
 * and a scenario of the suite declares that rule (a rule no scenario runs checks nothing).
 */
export function suiteCoverage(
  suite: Suite,
  requirements: RequirementIndex,
  guides: readonly string[] = SONATA_GUIDES,
): Coverage {
  const used = new Set(suite.scenarios.flatMap((s) => s.rules));
  const cited = new Set(suite.rules.filter((r) => used.has(r.id)).flatMap((r) => r.requirements));
  const rows = guides.map((key) => {
    const all = requirements.forGuide(key) ?? [];
    const ids = [...new Set(all.map((r) => r.id))];
    const coveredIds = ids.filter((id) => cited.has(`${key} ${id}`));
    return {
      guide: key,
      label: guideByKey(key)?.label ?? key,
      total: ids.length,
      covered: coveredIds.length,
      percent: pct(coveredIds.length, ids.length),
      coveredIds,
      uncoveredIds: ids.filter((id) => !cited.has(`${key} ${id}`)),
    };
  });
  const total = rows.reduce((n, r) => n + r.total, 0);
  const covered = rows.reduce((n, r) => n + r.covered, 0);
  return {
    suite: suite.id,
    guides: rows,
    total: { total, covered, percent: pct(covered, total) },
    unusedRules: suite.rules.filter((r) => !used.has(r.id)).map((r) => r.id),
  };
}
