import { guideByKey, type RequirementIndex } from '../../specs/requirements/index';
import type { Suite } from '../harness/suite';

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

export interface GuideCoverage {
  guide: string;
  label: string;
  /** Numbered requirements the guide defines. */
  total: number;
  /** Of those, how many at least one rule of a scenario checks. */
  covered: number;
  percent: number;
  coveredIds: string[];
  uncoveredIds: string[];
}

export interface Coverage {
  suite: string;
  guides: GuideCoverage[];
  total: { total: number; covered: number; percent: number };
  /** Rules no scenario declares: they check nothing, so they count for nothing. */
  unusedRules: string[];
}

const pct = (covered: number, total: number) => (total === 0 ? 0 : Math.round((covered / total) * 1000) / 10);

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

/** The coverage as a plain-text table, then the requirements without a check, per guide. */
export function coverageTable(c: Coverage, opts: { uncovered: boolean }): string {
  const head = ['guide', 'requirements', 'checked', '%'];
  const rows = [
    ...c.guides.map((g) => [g.label, String(g.total), String(g.covered), g.percent.toFixed(1)]),
    ['total', String(c.total.total), String(c.total.covered), c.total.percent.toFixed(1)],
  ];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(w[i]) : v.padStart(w[i]))).join('  ');
  const out = [
    `requirement coverage of suite ${c.suite}`,
    line(head),
    ...rows.slice(0, -1).map(line),
    w.map((n) => '-'.repeat(n)).join('  '),
    line(rows[rows.length - 1]),
  ];
  if (opts.uncovered) {
    out.push('', 'requirements without a check:');
    for (const g of c.guides) out.push(`  ${g.label} (${g.uncoveredIds.length}): ${g.uncoveredIds.join(' ') || '-'}`);
  } else out.push('', 'lso suites coverage --uncovered lists the requirements without a check');
  if (c.unusedRules.length) out.push('', `rules no scenario runs (not counted): ${c.unusedRules.join(', ')}`);
  return `${out.join('\n')}\n`;
}
