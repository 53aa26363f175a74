import type { Problem422 } from '../../../runtime/server/errors';
import { Unprocessable } from '../../../runtime/server/errors';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json, RequestInput } from '../../../runtime/server/types';
import type { Tenant } from '../../../runtime/server/tenancy';
import type { SellerContext } from '../context';
import { nowIso } from '../../../runtime/actor/lifecycle';

/** The Seller's own contact, added where the guides ask for it (Order R17, Cancel R76, POQ R26, Quote R61). */
export function sellerContact(role: string): Json {
  return {
    role,
    name: 'Seller Service Desk',
    emailAddress: 'service.desk@seller.example.com',
    number: '+1-555-0100',
    organization: 'Mock Seller',
  };
}

export function newRecord(kind: string, id: string, partner: Tenant, data: Json, meta: Json = {}): EntityRecord {
  return { kind, id, owner: partner.key, data, meta: { tenant: partner, ...meta } };
}

/** The parsed request body. It is the handler's to keep and change: the edge parsed it for this request alone, and the journal keeps its own copy. */
export function body<T = Json>(req: RequestInput): T {
  return req.body as T;
}

export function sellerNote(ctx: SellerContext, text: string): Json {
  return { id: ctx.ids.next('note'), author: 'Mock Seller', date: nowIso(ctx), source: 'seller', text };
}

export function fail(problems: Problem422[]): void {
  if (problems.length) throw new Unprocessable(problems);
}

/**
 * Notes are append-only and the Buyer only writes its own (Order R20/R21/R57/R58, TT R16–R20): a PATCH sends the
 * whole list, so every note already there must come back unchanged and every new one must say `source: buyer`.
 */
export function mergeNotes(existing: Json[] | undefined, sent: Json[] | undefined, pointer: string): Json[] {
  const before = existing ?? [];
  if (sent === undefined) return before;
  const problems: Problem422[] = [];
  for (const old of before) {
    const same = sent.find((n) => n.id === old.id);
    if (!same)
      problems.push({
        code: 'invalidValue',
        propertyPath: pointer,
        reason: `note '${old.id}' is missing: notes can only be added, never removed`,
      });
    else if (JSON.stringify(same) !== JSON.stringify(old)) {
      problems.push({
        code: 'invalidValue',
        propertyPath: `${pointer}/${sent.indexOf(same)}`,
        reason: `note '${old.id}' was changed: notes can only be added, never modified`,
      });
    }
  }
  const added = sent.filter((n) => !before.some((o) => o.id === n.id));
  added.forEach((n) => {
    if (n.source !== 'buyer')
      problems.push({
        code: 'invalidValue',
        propertyPath: `${pointer}/${sent.indexOf(n)}/source`,
        reason: "a note the Buyer adds has source 'buyer'",
      });
  });
  fail(problems);
  return [...before, ...added];
}

export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Keeps the first `n` characters: MEF `reason` attributes are limited to 255. */
export const clip = (s: string, n = 255): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
