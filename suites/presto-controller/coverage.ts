import { coveragePercent, type Coverage } from '../harness/coverage-table';
import type { Suite } from '../harness/suite';
import { PRESTO_CATALOGUE, type CatalogueItem, type CatalogueSection } from './catalogue';

/** A rule source cites an operation when it is the operation's citation, possibly followed by a remark. */
const cites = (source: string, cite: string) => source === cite || source.startsWith(`${cite} `);

/**
 * How much of the suite's catalogue (catalogue.ts) the rules run by its scenarios check, per section. An operation
 * counts when such a rule cites it; another item when one of the rules it names is run. A rule no scenario runs
 * checks nothing and counts for nothing.
 */
export function prestoCoverage(suite: Suite, catalogue: readonly CatalogueSection[] = PRESTO_CATALOGUE): Coverage {
  const used = new Set(suite.scenarios.flatMap((s) => s.rules));
  const run = suite.rules.filter((r) => used.has(r.id));
  const sources = run.flatMap((r) => r.sources ?? []);
  const runIds = new Set(run.map((r) => r.id));
  const covered = (i: CatalogueItem) =>
    i.cite !== undefined ? sources.some((s) => cites(s, i.cite!)) : (i.rules ?? []).some((id) => runIds.has(id));
  const guides = catalogue.map((section) => {
    const coveredIds = section.items.filter(covered).map((i) => i.id);
    const uncoveredIds = section.items.filter((i) => !covered(i)).map((i) => i.id);
    return {
      guide: section.id,
      label: section.label,
      total: section.items.length,
      covered: coveredIds.length,
      percent: coveragePercent(coveredIds.length, section.items.length),
      coveredIds,
      uncoveredIds,
    };
  });
  const total = guides.reduce((n, g) => n + g.total, 0);
  const checked = guides.reduce((n, g) => n + g.covered, 0);
  return {
    suite: suite.id,
    basis: { title: 'catalogue coverage', section: 'catalogue', items: 'items' },
    guides,
    total: { total, covered: checked, percent: coveragePercent(checked, total) },
    unusedRules: suite.rules.filter((r) => !used.has(r.id)).map((r) => r.id),
  };
}
