/** Media-type matching as the MEF APIs need it: `application/json` with or without `charset`, `*\/*` for anything. */
export function parseMediaType(value: string | undefined): { type: string; charset?: string } | undefined {
  if (!value) return undefined;
  const [type, ...params] = value.split(';').map((s) => s.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  return { type, charset };
}

/** Verdicts per declared list and actual value: a mock sees the same few content types on every request. */
const verdicts = new WeakMap<string[], Map<string, boolean>>();

export function mediaTypeMatches(actual: string | undefined, declared: string[]): boolean {
  if (declared.length === 0) return true;
  if (actual === undefined) return false;
  let seen = verdicts.get(declared);
  if (!seen) verdicts.set(declared, (seen = new Map()));
  let v = seen.get(actual);
  if (v === undefined && seen.size < 64) seen.set(actual, (v = matches(actual, declared)));
  return v ?? matches(actual, declared);
}

function matches(actual: string, declared: string[]): boolean {
  const a = parseMediaType(actual);
  if (!a) return false;
  return declared.some((d) => {
    const want = parseMediaType(d)!;
    if (want.type === '*/*') return true;
    const [wt, ws] = want.type.split('/');
    const [at, as] = a.type.split('/');
    if (wt !== at || (ws !== '*' && ws !== as)) return false;
    // JSON is UTF-8 by definition (RFC 8259), so a missing charset matches a declared utf-8.
    return !want.charset || !a.charset || want.charset === a.charset;
  });
}

export function isJsonMediaType(value: string | undefined): boolean {
  const t = parseMediaType(value)?.type;
  return !!t && (t === 'application/json' || t.endsWith('+json'));
}
