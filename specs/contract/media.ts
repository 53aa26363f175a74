/** Media-type matching as the MEF APIs need it: `application/json` with or without `charset`, `*\/*` for anything. */
export function parseMediaType(value: string | undefined): { type: string; charset?: string } | undefined {
  if (!value) return undefined;
  const [type, ...params] = value.split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  return { type, charset };
}

export function mediaTypeMatches(actual: string | undefined, declared: string[]): boolean {
  if (declared.length === 0) return true;
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
