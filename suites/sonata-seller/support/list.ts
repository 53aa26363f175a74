import type { Exchange } from '../../../runtime/http/checking-client';
import type { Rule } from '../../harness/rules';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { asArray, listOf, type Json } from './checks';

/** What an accessor returns for a resource that any value of the filter matches (an offering with no channel restriction). */
export const ANY_VALUE = '\u0000any';

/** How a list filter reads a full resource: a dotted path (lists are flattened) or a function. */
export type Accessor = string | ((r: Json) => unknown);

/**
 * One list operation as data: its documented filters (mef-contracts §2.4), a query that matches nothing, and the
 * rules its checks are recorded under.
 */
export interface ListSpec {
  api: string;
  list: string;
  /** Retrieve by id, to read attributes a `_Find` projection leaves out. */
  retrieve?: string;
  /** Query parameter → attribute of the full resource. `.gt`/`.lt` parameters compare date-times strictly. */
  filters: Record<string, Accessor>;
  /** A query no resource can match. */
  impossible: Record<string, string>;
  /** Added to every query of the list (narrows it where the SDK leaves no other way to conform). */
  baseQuery?: Record<string, string>;
  /** Whether the operation has `offset`/`limit` (GET /geographicSite has not). */
  paginated: boolean;
  rules: { contract: Rule; pagination?: Rule; filters?: Rule; empty?: Rule };
}

function valuesAt(r: Json, accessor: Accessor): unknown[] {
  if (typeof accessor === 'function')
    return asArray(accessor(r))
      .flat()
      .filter((v) => v !== undefined && v !== null);
  let values: unknown[] = [r];
  for (const key of accessor.split('.')) {
    values = values
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .flatMap((v) => (v && typeof v === 'object' ? [(v as Json)[key]] : []));
  }
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null);
}

/** How many resources a filter check reads by id when the list leaves the filtered attribute out. */
const MAX_FETCHES = 25;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const header = (ex: Exchange, name: string): string | undefined => ex.record.response?.headers[name.toLowerCase()];
const intHeader = (ex: Exchange, name: string): number | undefined => {
  const v = header(ex, name);
  return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
};

/** Whether a page is cut short: the Seller says so (`X-Pagination-Throttled`) or the total is larger than the page. */
function truncated(ex: Exchange, length: number): boolean {
  const total = intHeader(ex, 'x-total-count');
  return header(ex, 'x-pagination-throttled')?.trim() === 'true' || (total !== undefined && total > length);
}

/**
 * The list checks of one operation: the unfiltered list conforms; `limit`/`offset` are honoured and a cut page is
 * signalled (R107 and its twins); every documented filter returns only matching resources and does not lose the one
 * the value was taken from; a query that matches nothing is `200 []`. `known` are full resources the scenario made
 * sure exist (two at least, so paging has something to cut).
 */
export async function checkList(
  ctx: ScenarioContext<SonataSellerProfile>,
  spec: ListSpec,
  known: readonly Json[],
): Promise<void> {
  const { rules } = spec;
  const base = { api: spec.api, operationId: spec.list };
  const all = await ctx.call(rules.contract.id, { ...base, query: { ...spec.baseQuery } });
  if (!ctx.expectStatus(rules.contract.id, all, [200]))
    ctx.abort(`${spec.list} did not answer 200, so its lists cannot be checked`);
  const items = listOf(all);
  if (!items) ctx.abort(`${spec.list} did not answer with a list`);
  countHeaders(ctx, rules.contract, all, items!.length);
  if (spec.paginated && rules.pagination) await checkPaging(ctx, spec, rules.pagination, all, items!, known);
  if (rules.filters) await checkFilters(ctx, spec, rules.filters, known);
  if (rules.empty) {
    const none = await ctx.call(rules.empty.id, { ...base, query: { ...spec.baseQuery, ...spec.impossible } });
    if (ctx.expectStatus(rules.empty.id, none, [200])) {
      const list = listOf(none);
      ctx.assert(rules.empty.id, Array.isArray(list) && list.length === 0, {
        message: 'a query that matches nothing answers 200 with an empty list',
        expected: [],
        found: none.json,
        exchanges: [none],
      });
    }
  }
}

/** X-Result-Count, when given, is the page size; X-Total-Count, when given, is at least that. */
function countHeaders(ctx: ScenarioContext<SonataSellerProfile>, rule: Rule, ex: Exchange, length: number): void {
  const result = intHeader(ex, 'x-result-count');
  const total = intHeader(ex, 'x-total-count');
  const problems: string[] = [];
  if (header(ex, 'x-result-count') !== undefined && result !== length)
    problems.push(`X-Result-Count is ${header(ex, 'x-result-count')} for a page of ${length}`);
  if (header(ex, 'x-total-count') !== undefined && (total === undefined || total < length))
    problems.push(`X-Total-Count is ${header(ex, 'x-total-count')} for a page of ${length}`);
  ctx.assert(rule.id, problems.length === 0, {
    message: problems.length ? problems.join('; ') : 'the count headers agree with the page',
    found: { 'x-result-count': header(ex, 'x-result-count'), 'x-total-count': header(ex, 'x-total-count'), length },
    exchanges: [ex],
  });
}

async function checkPaging(
  ctx: ScenarioContext<SonataSellerProfile>,
  spec: ListSpec,
  rule: Rule,
  all: Exchange,
  items: Json[],
  known: readonly Json[],
): Promise<void> {
  const base = { api: spec.api, operationId: spec.list };
  const total = Math.max(items.length, intHeader(all, 'x-total-count') ?? 0);
  if (total < 2) {
    ctx.check(rule.id, 'error', {
      message: `paging cannot be checked: the list holds ${total} resource(s) although the scenario made ${known.length}`,
      exchanges: [all],
    });
    return;
  }
  const first = await ctx.call(rule.id, { ...base, query: { ...spec.baseQuery, limit: '1' } });
  if (!ctx.expectStatus(rule.id, first, [200])) return;
  const page1 = listOf(first) ?? [];
  ctx.assert(rule.id, page1.length === 1, {
    message:
      page1.length === 1
        ? 'limit=1 gives one resource'
        : `limit=1 gave ${page1.length} resources: the limit was ignored`,
    expected: 1,
    found: page1.length,
    exchanges: [first],
  });
  countHeaders(ctx, rule, first, page1.length);
  // R107: a page cut short says so, with X-Total-Count or X-Pagination-Throttled.
  const signalled = truncated(first, page1.length);
  ctx.assert(rule.id, signalled, {
    message: signalled
      ? 'the cut page is signalled (X-Total-Count or X-Pagination-Throttled)'
      : 'the page was cut to one resource of several, but neither X-Total-Count nor X-Pagination-Throttled says so',
    found: {
      'x-total-count': header(first, 'x-total-count'),
      'x-pagination-throttled': header(first, 'x-pagination-throttled'),
    },
    exchanges: [first],
  });
  const second = await ctx.call(rule.id, { ...base, query: { ...spec.baseQuery, offset: '1', limit: '1' } });
  if (!ctx.expectStatus(rule.id, second, [200])) return;
  const page2 = listOf(second) ?? [];
  const a = page1[0]?.id;
  const b = page2[0]?.id;
  const moved = page2.length === 1 && (a === undefined || b === undefined || a !== b);
  ctx.assert(rule.id, moved, {
    message: moved
      ? 'offset=1 gives the next resource'
      : `offset=1&limit=1 gave ${page2.length === 1 ? 'the same resource as offset 0' : `${page2.length} resources`}`,
    found: { first: a, second: b, length: page2.length },
    exchanges: [first, second],
  });
}

async function checkFilters(
  ctx: ScenarioContext<SonataSellerProfile>,
  spec: ListSpec,
  rule: Rule,
  known: readonly Json[],
): Promise<void> {
  const base = { api: spec.api, operationId: spec.list };
  for (const [param, accessor] of Object.entries(spec.filters)) {
    const range = /\.(gt|lt)$/.exec(param)?.[1] as 'gt' | 'lt' | undefined;
    const source = known.find((r) => valuesAt(r, accessor).some((v) => v !== ANY_VALUE));
    if (!source) {
      ctx.check(rule.id, 'skip', {
        message: `filter ${param}: none of the resources at hand has this attribute set, so the filter was not exercised`,
      });
      continue;
    }
    const raw = valuesAt(source, accessor).find((v) => v !== ANY_VALUE);
    let value: string;
    let matches: (v: unknown) => boolean;
    if (range) {
      const t = Date.parse(String(raw));
      if (Number.isNaN(t)) {
        ctx.check(rule.id, 'error', {
          message: `filter ${param}: ${String(raw)} is not a date-time, so the range could not be built`,
        });
        continue;
      }
      const bound = range === 'gt' ? t - 1000 : t + 1000;
      value = new Date(bound).toISOString();
      matches = (v) => {
        const text = String(v);
        const x = Date.parse(text);
        if (Number.isNaN(x)) return false;
        // A `format: date` attribute (POQ_Find.requestedPOQCompletionDate) stands for its whole day.
        const end = DATE_ONLY.test(text) ? x + 86_400_000 - 1 : x;
        return range === 'gt' ? end > bound : x < bound;
      };
    } else {
      value = String(raw);
      matches = (v) => String(v) === value;
    }
    const ex = await ctx.send({ ...base, query: { ...spec.baseQuery, [param]: value, limit: '100' } });
    if (!ctx.checkContract(rule.id, ex) || !ctx.expectStatus(rule.id, ex, [200])) continue;
    const got = listOf(ex) ?? [];
    const wrong: string[] = [];
    const unverified: string[] = [];
    const extra: Exchange[] = [];
    let fetched = 0;
    for (const r of got) {
      let vals = valuesAt(r, accessor);
      if (vals.length === 0 && spec.retrieve && typeof r.id === 'string') {
        // The _Find projection leaves the attribute out: read the resource itself (a bounded number of times).
        if (fetched >= MAX_FETCHES) {
          unverified.push(r.id);
          continue;
        }
        fetched++;
        const full = await ctx.send({ api: spec.api, operationId: spec.retrieve, pathParams: { id: r.id } });
        extra.push(full);
        if (full.status === 200 && full.json && typeof full.json === 'object')
          vals = valuesAt(full.json as Json, accessor);
      }
      if (!vals.some((v) => v === ANY_VALUE || matches(v))) wrong.push(String(r.id ?? '(no id)'));
    }
    const cut = truncated(ex, got.length);
    const lost = !cut && typeof source.id === 'string' && !got.some((r) => r.id === source.id);
    ctx.assert(rule.id, wrong.length === 0 && !lost, {
      message: wrong.length
        ? `filter ${param}=${value} returned ${wrong.length} resource(s) that do not match: ${wrong.slice(0, 5).join(', ')}`
        : lost
          ? `filter ${param}=${value} lost ${source.id}, which matches it`
          : `filter ${param}=${value}: ${got.length} resource(s), ${unverified.length ? `${got.length - unverified.length} read and matching (${unverified.length} not read)` : 'all matching'}`,
      expected: { [param]: value },
      found: { returned: got.map((r) => r.id), notMatching: wrong },
      exchanges: [ex, ...extra],
    });
  }
}
