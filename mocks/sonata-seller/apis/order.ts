import { fire, getStateMachine, isTerminal } from '../../../specs/state-machines';
import { Conflict } from '../../../runtime/server/errors';
import { applyFilters, page, type FilterTable } from '../../../runtime/server/listing';
import { OUTCOME_HEADER } from '../../../runtime/control/protocol';
import { listProjector } from '../../../runtime/server/projection';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { Behaviour, SellerContext } from '../context';
import {
  announce,
  can,
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
import { raiseCharge, type ChargeResult } from './charge';
import { asArray, body, fail, mergeNotes, newRecord, sellerContact } from './common';
import { createPendingProduct, finishChange, linkOrderProducts, startChange } from './inventory';
import { checkOrder } from './order-rules';

const API = 'sonata.productOrder';

const FILTERS: FilterTable = {
  itemRequestedCompletionDate: 'productOrderItem.requestedCompletionDate',
  itemExpectedCompletionDate: 'productOrderItem.expectedCompletionDate',
};

const items = (order: EntityRecord): Json[] => order.data.productOrderItem as Json[];

export function orderHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  return {
    createProductOrder: (req) => {
      const b = body(req);
      fail(checkOrder(b, { ctx, partner: req.tenant }));
      const outcome = outcomeForNew(ctx, 'productOrder', req.headers[OUTCOME_HEADER]);
      const created = fire(getStateMachine('sonata.productOrder'), null, 'create');
      const itemCreated = fire(getStateMachine('sonata.productOrderItem'), null, 'create');
      if (!created.ok || !itemCreated.ok) throw new Error('the order tables lost their create transitions');
      const id = ctx.ids.next('productOrder');
      const now = nowIso(ctx);
      const data: Json = {
        ...b,
        id,
        href: hrefOf(ctx, 'productOrder', id),
        orderDate: now,
        state: created.to,
        stateChange: [{ state: created.to, changeDate: now }],
        // MEF 123 R17: the Seller adds its own contact.
        relatedContactInformation: [...asArray<Json>(b.relatedContactInformation), sellerContact('sellerContact')],
        productOrderItem: asArray<Json>(b.productOrderItem).map((it) => ({
          ...it,
          state: itemCreated.to,
          stateChange: [{ state: itemCreated.to, changeDate: now }],
        })),
      };
      const rec = newRecord('productOrder', id, req.tenant, data, { outcome });
      save(ctx, rec);
      touch(ctx, rec);
      return { ...entityReply(ctx, rec), status: 201 };
    },
    listProductOrder: (req) => {
      const reply = page(
        applyFilters(
          visible(ctx, 'productOrder', req.tenant).map((r) => r.data),
          req.query,
          FILTERS,
        ),
        req.query,
      );
      return { ...reply, body: (reply.body as Json[]).map(listProjector(ctx.contracts, API, 'listProductOrder')) };
    },
    retrieveProductOrder: (req) => entityReply(ctx, load(ctx, 'productOrder', req.params.id, req.tenant)),
    patchProductOrder: (req) => {
      const rec = load(ctx, 'productOrder', req.params.id, req.tenant);
      if (isTerminal(getStateMachine('sonata.productOrder'), rec.data.state))
        throw new Conflict(`order '${rec.id}' is ${rec.data.state}: it can no longer be changed`);
      const b = body(req);
      const problems: Array<{ code: 'referenceNotFound'; propertyPath: string; reason: string }> = [];
      asArray<Json>(b.productOrderItem).forEach((u, i) => {
        if (!items(rec).some((it) => it.id === u.id))
          problems.push({
            code: 'referenceNotFound',
            propertyPath: `/productOrderItem/${i}/id`,
            reason: `the order has no item '${u.id}'`,
          });
      });
      fail(problems);
      for (const key of ['externalId', 'projectId', 'relatedContactInformation'] as const)
        if (b[key] !== undefined) rec.data[key] = b[key];
      rec.data.note = mergeNotes(rec.data.note, b.note, '/note');
      asArray<Json>(b.productOrderItem).forEach((u, i) => {
        const it = items(rec).find((x) => x.id === u.id)!;
        for (const key of ['endCustomerName', 'relatedBuyerPON', 'relatedContactInformation'] as const)
          if (u[key] !== undefined) it[key] = u[key];
        const notes = mergeNotes(it.note, u.note, `/productOrderItem/${i}/note`);
        if (notes.length) it.note = notes;
      });
      if (rec.data.note.length === 0) delete rec.data.note;
      save(ctx, rec);
      return { status: 200, body: rec.data };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Fulfilment

function expectedDate(ctx: SellerContext, item: Json): string {
  return item.requestedCompletionDate ?? new Date(ctx.clock.now() + ctx.timing.fulfil).toISOString();
}

function validate(ctx: SellerContext, order: EntityRecord): void {
  move(ctx, order, 'validate');
  for (const item of items(order)) {
    if (item.state !== 'acknowledged') continue;
    // MEF 123 R28/R46: an item in progress carries its expected completion date.
    item.expectedCompletionDate = expectedDate(ctx, item);
    moveItem(ctx, order, item, 'validate');
    announce(ctx, order, 'productOrderItemExpectedCompletionDateSet', { orderItemId: item.id });
    if (item.action === 'add')
      item.product = { ...(item.product ?? {}), id: createPendingProduct(ctx, order, item).id };
    else startChange(ctx, order, item);
  }
  linkOrderProducts(ctx, order);
  save(ctx, order);
  acceptQuotes(ctx, order);
}

/** MEF 115 §6.6: a quote whose items an order references becomes `accepted` (the Seller sets it). */
function acceptQuotes(ctx: SellerContext, order: EntityRecord): void {
  const ids = new Set(
    items(order)
      .map((it) => it.quoteItem?.quoteId)
      .filter((x): x is string => typeof x === 'string'),
  );
  for (const id of ids) {
    const q = ctx.store.get('quote', id);
    if (q && can(ctx, q, 'accept')) move(ctx, q, 'accept', { reason: `ordered by product order ${order.id}` });
  }
}

function reject(ctx: SellerContext, order: EntityRecord): void {
  const [first, ...rest] = items(order).filter((it) => it.state === 'acknowledged');
  if (first) {
    first.terminationError = [
      { code: 'otherIssue', value: 'the Seller cannot provide this item as ordered (outcome forced: reject)' },
    ];
    moveItem(ctx, order, first, 'reject');
  }
  for (const it of rest) moveItem(ctx, order, it, 'rejectAsValidated');
  move(ctx, order, 'reject', { reason: 'business validation failed' });
}

/** Ends fulfilment: items in progress complete, except those named to fail; the order ends by what its items did. */
function finish(ctx: SellerContext, order: EntityRecord, failing: Set<string>): void {
  const now = nowIso(ctx);
  for (const item of items(order)) {
    if (item.state !== 'inProgress') continue;
    if (failing.has(item.id)) {
      // MEF 123 R27: no expectedCompletionDate once failed.
      delete item.expectedCompletionDate;
      moveItem(ctx, order, item, 'fail');
      finishChange(ctx, order, item, 'failed');
    } else {
      item.completionDate = now;
      moveItem(ctx, order, item, 'complete');
      finishChange(ctx, order, item, 'completed');
    }
  }
  const states = items(order).map((it) => it.state as string);
  if (states.some((s) => !isTerminal(getStateMachine('sonata.productOrderItem'), s))) return;
  const done = states.filter((s) => s === 'completed').length;
  if (done === states.length) {
    order.data.completionDate = now;
    move(ctx, order, 'complete');
  } else if (done === 0) move(ctx, order, 'fail');
  else {
    order.data.completionDate = now;
    move(ctx, order, 'completePartially');
  }
}

const inProgressIds = (order: EntityRecord) =>
  items(order)
    .filter((it) => it.state === 'inProgress')
    .map((it) => it.id as string);

function completeCancellation(ctx: SellerContext, order: EntityRecord): void {
  for (const item of items(order)) if (item.state === 'cancelled') finishChange(ctx, order, item, 'cancelled');
  move(ctx, order, 'completeCancellation');
}

/** How the end of an item charge shows on the order and the item (MEF 123 §6.12, Table 8 held.assessingCharge). */
const CHARGE_EVENTS: Record<ChargeResult, string> = {
  accepted: 'acceptCharge',
  declined: 'declineCharge',
  timeout: 'chargeTimeout',
  withdrawn: 'withdrawCharge',
};

const FULFIL = {
  acknowledged: { after: 'validate', do: 'validate' },
  pendingCancellation: { after: 'cancel', do: 'completeCancellation' },
} as const;

export const orderBehaviour: Behaviour = {
  kind: 'productOrder',
  outcomes: {
    default: 'validated, then every item completes',
    reject: 'rejected after the 201: the first item rejected with a terminationError, the others rejected.validated',
    failed: 'validated, then every item fails',
    partial: 'validated, then the last item fails and the others complete',
    itemFailed: 'validated, then the first item fails and the others complete',
    heldForCharge:
      'validated, then a charge is raised on the first item (order held.assessingCharge) until the Buyer answers it',
  },
  plans: {
    default: { ...FULFIL, inProgress: { after: 'fulfil', do: 'complete' } },
    reject: { acknowledged: { after: 'validate', do: 'reject' } },
    failed: { ...FULFIL, inProgress: { after: 'fulfil', do: 'fail' } },
    partial: { ...FULFIL, inProgress: { after: 'fulfil', do: 'completePartially' } },
    itemFailed: { ...FULFIL, inProgress: { after: 'fulfil', do: 'failFirstItem' } },
    heldForCharge: { ...FULFIL, inProgress: { after: 'charge', do: 'raiseCharge', then: 'default' } },
  },
  actions: {
    validate: (ctx, rec) => validate(ctx, rec),
    reject: (ctx, rec) => reject(ctx, rec),
    complete: (ctx, rec) => finish(ctx, rec, new Set()),
    fail: (ctx, rec) => finish(ctx, rec, new Set(inProgressIds(rec))),
    completePartially: (ctx, rec) => {
      const ids = inProgressIds(rec);
      finish(ctx, rec, new Set(ids.length > 1 ? ids.slice(-1) : ids));
    },
    failFirstItem: (ctx, rec) => finish(ctx, rec, new Set(inProgressIds(rec).slice(0, 1))),
    raiseCharge: (ctx, rec, args) => {
      // `item` names the item to charge (an `itemId` would fire the item's own transition instead).
      const item =
        items(rec).find((it) => it.id === args.item && it.state === 'inProgress') ??
        items(rec).find((it) => it.state === 'inProgress');
      if (!item) throw new Conflict(`order '${rec.id}' has no item in progress to charge`);
      raiseCharge(ctx, rec, {
        on: 'item',
        item,
        priceCategory: typeof args.priceCategory === 'string' ? args.priceCategory : 'construction',
      });
    },
    completeCancellation: (ctx, rec) => completeCancellation(ctx, rec),
    chargeAnswered: (ctx, rec, args) => {
      const event = CHARGE_EVENTS[args.result as ChargeResult];
      const item = items(rec).find((it) => it.id === args.itemId);
      if (item?.state === 'held') {
        if (args.result === 'declined' || args.result === 'timeout') delete item.expectedCompletionDate;
        moveItem(ctx, rec, item, event);
        if (item.state === 'failed') finishChange(ctx, rec, item, 'failed');
      }
      if (rec.data.state === 'held.assessingCharge') move(ctx, rec, event);
    },
    cancelBySeller: (ctx, rec) => {
      for (const item of items(rec)) {
        if (item.state !== 'inProgress') continue;
        delete item.expectedCompletionDate;
        moveItem(ctx, rec, item, 'cancelBySeller');
      }
      rec.data.cancellationDate = nowIso(ctx);
      move(ctx, rec, 'cancelBySeller', { reason: 'cancelled by the Seller' });
    },
  },
};
