import { BadRequest } from './errors';
import type { Json, Query, Reply } from './types';

/** How a filter reads a resource: a dotted path (the default) or a function for names that are not paths. */
export type FilterAccessor = string | ((r: Json) => unknown);
export type FilterTable = Record<string, FilterAccessor>;

/** Query parameters that select partners or pages, never resources. */
const NOT_FILTERS = new Set(['buyerId', 'sellerId', 'offset', 'limit', 'fields']);

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

function atPath(r: unknown, path: string): unknown[] {
  let values: unknown[] = [r];
  for (const key of path.split('.')) {
    values = values.flatMap((v) => {
      if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' ? (x as Json)[key] : undefined));
      return v && typeof v === 'object' ? [(v as Json)[key]] : [];
    });
  }
  return values.flat().filter((v) => v !== undefined && v !== null);
}

function read(r: Json, accessor: FilterAccessor): unknown[] {
  if (typeof accessor === 'string') return atPath(r, accessor);
  const v = accessor(r);
  return (Array.isArray(v) ? v.flat() : [v]).filter((x) => x !== undefined && x !== null);
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Keeps the resources that satisfy every filter in the query (mef-contracts §2.4): plain names match by equality (any
 * of the values given, any element of a list), `.gt`/`.lt` compare date-times strictly. A resource without the
 * attribute never matches a filter on it.
 */
export function applyFilters(items: Json[], query: Query, table: FilterTable = {}): Json[] {
  const tests: Array<(r: Json) => boolean> = [];
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined || NOT_FILTERS.has(name)) continue;
    const range = /^(.*)\.(gt|lt)$/.exec(name);
    if (range) {
      const [, base, op] = range;
      const bound = Date.parse(asList(raw)[0]);
      if (Number.isNaN(bound)) throw new BadRequest('invalidQuery', `${name} must be a date-time`);
      const accessor = table[base] ?? base;
      tests.push((r) =>
        read(r, accessor).some((v) => {
          const t = Date.parse(String(v));
          return !Number.isNaN(t) && (op === 'gt' ? t > bound : t < bound);
        }),
      );
      continue;
    }
    const wanted = asList(raw);
    const accessor = table[name] ?? name;
    tests.push((r) => read(r, accessor).some((v) => wanted.includes(String(v))));
  }
  return tests.length ? items.filter((r) => tests.every((t) => t(r))) : items;
}

/**
 * One page of a list and its headers (MEF 123 §7.1.2): `X-Total-Count` and `X-Result-Count` always, and
 * `X-Pagination-Throttled: true` when the requested limit was more than the Seller gives (R107).
 */
export function page(items: Json[], query: Query, maxLimit = MAX_LIMIT): Reply {
  const num = (name: string, dflt: number): number => {
    const raw = asList(query[name])[0];
    if (raw === undefined) return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new BadRequest('invalidQuery', `${name} must be an integer ≥ 0`);
    return n;
  };
  const offset = num('offset', 0);
  const asked = num('limit', DEFAULT_LIMIT);
  const limit = Math.min(asked, maxLimit);
  const slice = items.slice(offset, offset + limit);
  const headers: Record<string, string> = {
    'x-total-count': String(items.length),
    'x-result-count': String(slice.length),
  };
  if (asked > limit) headers['x-pagination-throttled'] = 'true';
  return { status: 200, body: slice, headers };
}
