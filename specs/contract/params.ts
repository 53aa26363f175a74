type Json = Record<string, any>;

/**
 * Query, path and header values arrive as strings; the spec types them. Coerce only what parses cleanly, so a
 * `limit=ten` stays a string and fails as `type: integer` with the value shown.
 */
export function coerceParam(raw: string | string[] | undefined, schema: Json | undefined): unknown {
  if (raw === undefined) return undefined;
  const type = schema?.type;
  if (type === 'array') {
    const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((r) => r.split(','));
    return parts.map((p) => coerceParam(p, schema?.items));
  }
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if ((type === 'integer' || type === 'number') && value.trim() !== '' && !Number.isNaN(Number(value)))
    return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
