import { fire, getStateMachine } from '../../../specs/state-machines';
import { Unprocessable } from '../../../runtime/server/errors';
import { applyFilters, page } from '../../../runtime/server/listing';
import { visibleTo, type Tenant } from '../../../runtime/server/tenancy';
import { OUTCOME_HEADER } from '../../../runtime/control/protocol';
import { listProjector } from '../../../runtime/server/projection';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { Behaviour, SellerContext } from '../context';
import {
  entityReply,
  hrefOf,
  load,
  move,
  moveItem,
  nowIso,
  outcomeForNew,
  save,
  touch,
  visible,
} from '../../../runtime/actor/lifecycle';
import { asArray, body, fail, newRecord, sellerContact } from './common';
import { ITEM_LISTS, itemProblems } from './item-rules';

const API = 'sonata.quote';
const KIND = 'quote';

const items = (q: EntityRecord): Json[] => q.data.quoteItem as Json[];
const isBudgetary = (q: Json) => q.buyerRequestedQuoteLevel === 'budgetary';

const DEFAULT_TERM = {
  name: '12 months',
  duration: { amount: 12, units: 'calendarMonths' },
  endOfTermAction: 'autoRenew',
};
const ALTERNATE_TERM = {
  name: '36 months',
  duration: { amount: 36, units: 'calendarMonths' },
  endOfTermAction: 'autoRenew',
};

function to(machine: string, event: string): string {
  const r = fire(getStateMachine(machine), null, event);
  if (!r.ok) throw new Error(r.reason);
  return r.to;
}

/** What a priced item carries (MEF 115 §6.4 Tables 5–8): price, term and installation interval. */
function price(item: Json, alternate: boolean): void {
  item.quoteItemPrice = [
    {
      name: 'Monthly recurring charge',
      priceType: 'recurring',
      recurringChargePeriod: 'month',
      price: { dutyFreeAmount: { unit: 'USD', value: alternate ? 800 : 1000 } },
    },
    { name: 'Installation', priceType: 'nonRecurring', price: { dutyFreeAmount: { unit: 'USD', value: 1500 } } },
  ];
  // MEF 115 R41: the alternate answer is a different term than the one asked for.
  item.quoteItemTerm = [alternate ? ALTERNATE_TERM : (item.requestedQuoteItemTerm ?? DEFAULT_TERM)];
  item.quoteItemInstallationInterval = item.requestedQuoteItemInstallationInterval ?? {
    amount: 30,
    units: 'calendarDays',
  };
}

/** A completed answer: validity, completion date and the Seller's quote level (MEF 115 R33/R34). */
function answered(ctx: SellerContext, q: Json): void {
  const now = ctx.clock.now();
  q.effectiveQuoteCompletionDate = new Date(now).toISOString();
  q.validFor = {
    startDateTime: new Date(now).toISOString(),
    endDateTime: new Date(now + ctx.timing.quoteValidity).toISOString(),
  };
  q.quoteLevel = isBudgetary(q) ? 'budgetary' : 'firm';
}

function quoteFor(ctx: SellerContext, id: unknown, partner: Tenant): EntityRecord {
  const q = typeof id === 'string' ? ctx.store.get(KIND, id) : undefined;
  // MEF 115 §6.5 (note): another Buyer's quote is a reference not found, not a 404.
  if (!q || !visibleTo(q.owner, partner))
    throw Unprocessable.one('referenceNotFound', '/quoteId', `no quote with id '${String(id)}'`);
  return q;
}

export function quoteHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  return {
    createQuote: (req) => {
      const b = body(req);
      fail(itemProblems(b, ITEM_LISTS.quote, { ctx, partner: req.tenant }));
      const outcome = outcomeForNew(ctx, KIND, req.headers[OUTCOME_HEADER]);
      const id = ctx.ids.next('quote');
      const now = nowIso(ctx);
      const instant = b.instantSyncQuote === true;
      let event = 'create';
      let itemEvent = 'create';
      if (instant) {
        if (outcome === 'unableToProvide') [event, itemEvent] = ['createUnableToProvide', 'createUnableToProvide'];
        else if (isBudgetary(b)) [event, itemEvent] = ['createAnswered', 'createAnswered'];
        else if (outcome === 'alternate') [event, itemEvent] = ['createOrderableAlternate', 'createOrderableAlternate'];
        else [event, itemEvent] = ['createOrderable', 'createOrderable'];
      }
      const state = to('sonata.quote', event);
      const itemState = to('sonata.quoteItem', itemEvent);
      const data: Json = {
        ...b,
        id,
        href: hrefOf(ctx, KIND, id),
        quoteDate: now,
        state,
        stateChange: [{ state, changeDate: now }],
        // MEF 115 R61: the Seller adds its contact.
        relatedContactInformation: [
          ...asArray<Json>(b.relatedContactInformation),
          sellerContact('sellerContactInformation'),
        ],
        quoteItem: asArray<Json>(b.quoteItem).map((it) => ({ ...it, state: itemState })),
      };
      const rec = newRecord(KIND, id, req.tenant, data, { outcome });
      if (instant) {
        answered(ctx, data);
        if (state !== 'unableToProvide')
          for (const it of items(rec)) price(it, state === 'approved.orderableAlternate');
      } else {
        data.expectedQuoteCompletionDate =
          b.requestedQuoteCompletionDate ??
          new Date(ctx.clock.now() + ctx.timing.quoteStart + ctx.timing.quoteAnswer).toISOString();
      }
      save(ctx, rec);
      touch(ctx, rec);
      return { ...entityReply(ctx, rec), status: 201 };
    },
    listQuote: (req) => {
      const reply = page(
        applyFilters(
          visible(ctx, KIND, req.tenant).map((r) => r.data),
          req.query,
        ),
        req.query,
      );
      return { ...reply, body: (reply.body as Json[]).map(listProjector(ctx.contracts, API, 'listQuote')) };
    },
    retrieveQuote: (req) => entityReply(ctx, load(ctx, KIND, req.params.id, req.tenant)),
    cancelQuote: (req) => {
      const b = body(req);
      const q = quoteFor(ctx, b.quoteId, req.tenant);
      // MEF 115 R53: only a quote still being worked on can be cancelled.
      move(ctx, q, 'cancel', { reason: b.reason });
      for (const it of items(q))
        if (it.state === 'inProgress' || it.state === 'inProgress.draft') moveItem(ctx, q, it, 'abandon');
      q.data.effectiveQuoteCompletionDate = nowIso(ctx);
      save(ctx, q);
      return { status: 200, body: b };
    },
    rejectQuote: (req) => {
      const b = body(req);
      const q = quoteFor(ctx, b.quoteId, req.tenant);
      // MEF 115 R54 ("declineQuote" in the guide): only an approved quote can be declined.
      move(ctx, q, 'decline', { reason: b.reason });
      return { status: 200, body: b };
    },
  };
}

const working = (q: EntityRecord) =>
  items(q).filter((it) => it.state === 'inProgress' || it.state === 'inProgress.draft');

function approve(ctx: SellerContext, q: EntityRecord, alternate: boolean): void {
  const budgetary = isBudgetary(q.data);
  for (const it of working(q)) {
    price(it, alternate);
    moveItem(ctx, q, it, budgetary ? 'answer' : alternate ? 'approveAlternate' : 'approve');
  }
  answered(ctx, q.data);
  move(ctx, q, budgetary ? 'answer' : alternate ? 'approveAlternate' : 'approve');
}

const EXPIRY = {
  'approved.orderable': { after: 'quoteValidity', do: 'expire' },
  'approved.orderableAlternate': { after: 'quoteValidity', do: 'expire' },
  answered: { after: 'quoteValidity', do: 'expire' },
} as const;
const START = { acknowledged: { after: 'quoteStart', do: 'validate' } } as const;

export const quoteBehaviour: Behaviour = {
  kind: KIND,
  outcomes: {
    default: 'priced as asked: approved.orderable (firm) or answered (budgetary); expires after its validity',
    alternate: 'priced with another term: approved.orderableAlternate (MEF 115 R41)',
    draft: 'firm: partially priced first (inProgress.draft), then approved.orderable',
    unableToProvide: 'the Seller cannot quote: unableToProvide, items abandoned',
    reject: 'deferred only: the request fails validation (rejected)',
  },
  plans: {
    default: { ...START, inProgress: { after: 'quoteAnswer', do: 'approve' }, ...EXPIRY },
    alternate: { ...START, inProgress: { after: 'quoteAnswer', do: 'approveAlternate' }, ...EXPIRY },
    draft: {
      ...START,
      inProgress: { after: 'quoteStart', do: 'draft' },
      'inProgress.draft': { after: 'quoteAnswer', do: 'approve' },
      ...EXPIRY,
    },
    unableToProvide: { ...START, inProgress: { after: 'quoteAnswer', do: 'unableToProvide' } },
    reject: { acknowledged: { after: 'quoteStart', do: 'reject' } },
  },
  actions: {
    validate: (ctx, q) => {
      move(ctx, q, 'validate');
      for (const it of items(q)) if (it.state === 'acknowledged') moveItem(ctx, q, it, 'validate');
    },
    draft: (ctx, q) => {
      move(ctx, q, 'draft');
      const first = working(q)[0];
      if (first) moveItem(ctx, q, first, 'draft');
    },
    approve: (ctx, q) => approve(ctx, q, false),
    approveAlternate: (ctx, q) => approve(ctx, q, true),
    unableToProvide: (ctx, q) => {
      const [first, ...rest] = working(q);
      if (first) moveItem(ctx, q, first, 'unableToProvide');
      for (const it of rest) moveItem(ctx, q, it, 'abandon');
      q.data.effectiveQuoteCompletionDate = nowIso(ctx);
      move(ctx, q, 'unableToProvide');
    },
    reject: (ctx, q) => {
      const [first, ...rest] = items(q).filter((it) => it.state === 'acknowledged');
      if (first) {
        first.terminationError = [
          { code: 'otherIssue', value: 'the request cannot be quoted as sent (outcome forced: reject)' },
        ];
        moveItem(ctx, q, first, 'reject');
      }
      for (const it of rest) moveItem(ctx, q, it, 'abandon');
      move(ctx, q, 'reject');
    },
    expire: (ctx, q) => {
      move(ctx, q, 'expire');
    },
  },
};
