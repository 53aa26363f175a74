/** A suite's coverage, per guide (or per section of its own catalogue), and how it prints. */

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
  /** What is counted, when not the numbered requirements of MEF guides (a suite's own catalogue). */
  basis?: { title: string; section: string; items: string };
  guides: GuideCoverage[];
  total: { total: number; covered: number; percent: number };
  /** Rules no scenario declares: they check nothing, so they count for nothing. */
  unusedRules: string[];
}

export const coveragePercent = (covered: number, total: number) =>
  total === 0 ? 0 : Math.round((covered / total) * 1000) / 10;

/** The coverage as a plain-text table, then the requirements without a check, per guide. */
export function coverageTable(c: Coverage, opts: { uncovered: boolean }): string {
  const head = [c.basis?.section ?? 'guide', c.basis?.items ?? 'requirements', 'checked', '%'];
  const rows = [
    ...c.guides.map((g) => [g.label, String(g.total), String(g.covered), g.percent.toFixed(1)]),
    ['total', String(c.total.total), String(c.total.covered), c.total.percent.toFixed(1)],
  ];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(w[i]) : v.padStart(w[i]))).join('  ');
  const out = [
    c.basis ? `${c.basis.title} of suite ${c.suite}` : `requirement coverage of suite ${c.suite}`,
    line(head),
    ...rows.slice(0, -1).map(line),
    w.map((n) => '-'.repeat(n)).join('  '),
    line(rows[rows.length - 1]),
  ];
  if (opts.uncovered) {
    out.push('', `${c.basis?.items ?? 'requirements'} without a check:`);
    for (const g of c.guides)
      out.push(`  ${g.label} (${g.uncoveredIds.length}): ${g.uncoveredIds.join(c.basis ? '; ' : ' ') || '-'}`);
  } else out.push('', `lso suites coverage --uncovered lists the ${c.basis?.items ?? 'requirements'} without a check`);
  if (c.unusedRules.length) out.push('', `rules no scenario runs (not counted): ${c.unusedRules.join(', ')}`);
  return `${out.join('\n')}\n`;
}
