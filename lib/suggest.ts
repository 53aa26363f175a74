/** Levenshtein distance; the words compared (ids, keys, URNs) are short, so the quadratic table is fine. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The `n` options closest to `word`, nearest first. */
export function nearest(word: string, options: readonly string[], n = 3): string[] {
  return options
    .map((o) => ({ o, d: distance(word, o) }))
    .sort((a, b) => a.d - b.d || a.o.localeCompare(b.o))
    .slice(0, n)
    .map((x) => x.o);
}

/** ` (did you mean a, b?)` for a mistyped word, or '' when nothing is close enough to be a plausible typo. */
export function suggest(word: string, options: readonly string[]): string {
  const near = options
    .map((o) => ({ o, d: distance(word.toLowerCase(), o.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(3, Math.floor(word.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.o);
  return near.length ? ` (did you mean ${near.join(', ')}?)` : '';
}
