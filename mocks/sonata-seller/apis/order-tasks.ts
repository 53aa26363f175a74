import { fire, getStateMachine } from '../../../specs/state-machines';
import { Unprocessable } from '../../../runtime/server/errors';
import { visibleTo, type Tenant } from '../../../runtime/server/tenancy';
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
import { asArray, body, newRecord, sellerContact, sellerNote } from './common';

// Cancel Product Order (MEF 123 §6.8) and Modify Product Order Item Requested Delivery Date (§6.5): two chargeable
// tasks with the same machine, each moving the order and its items while it is assessed.

const API = 'sonata.productOrder';

function orderFor(ctx: SellerContext, id: unknown, partner: Tenant, pointer: string): EntityRecord {
  const order = typeof id === 'string' ? ctx.store.get('productOrder', id) : undefined;
  if (!order || !visibleTo(order.owner, partner))
    throw Unprocessable.one('referenceNotFound', pointer, `no product order with id '${String(id)}'`);
  return order;
}

function created(machine: string): string {
  const r = fire(getStateMachine(machine), null, 'create');
  if (!r.ok) throw new Error(r.reason);
  return r.to;
}

const orderItems = (order: EntityRecord): Json[] => order.data.productOrderItem as Json[];

export function orderTaskHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  const listOf =
    (kind: string, operationId: string, filters: FilterTable): OperationHandler =>
    (req) => {
      const reply = page(
        applyFilters(
          visible(ctx, kind, req.tenant).map((r) => r.data),
          req.query,
          filters,
        ),
        req.query,
      );
      return { ...reply, body: (reply.body as Json[]).map(listProjector(ctx.contracts, API, operationId)) };
    };
  return {
    createCancelProductOrder: (req) => {
      const b = body(req);
      const order = orderFor(ctx, b.productOrder?.productOrderId, req.tenant, '/productOrder/productOrderId');
      if (!asArray<Json>(b.relatedContactInformation).some((c) => c.role === 'cancelProductOrderContact')) {
        throw Unprocessable.one(
          'missingProperty',
          '/relatedContactInformation',
          "a cancel request needs a contact with role 'cancelProductOrderContact' (MEF 123 R74)",
        );
      }
      if (!can(ctx, order, 'cancelRequested')) {
        throw Unprocessable.one(
          'invalidValue',
          '/productOrder/productOrderId',
          `order '${order.id}' is ${order.data.state}: only an order in progress can be cancelled (MEF 123 R73)`,
        );
      }
      const outcome = outcomeForNew(ctx, 'cancelProductOrder', req.headers[OUTCOME_HEADER]);
      const id = ctx.ids.next('cancelProductOrder');
      const data: Json = {
        ...b,
        id,
        href: hrefOf(ctx, 'cancelProductOrder', id),
        productOrder: { ...b.productOrder, productOrderHref: hrefOf(ctx, 'productOrder', order.id) },
        // The list view requires a reason type; a request without one is classed as commercial.
        cancellationReasonType: b.cancellationReasonType ?? 'commercial',
        relatedContactInformation: [...b.relatedContactInformation, sellerContact('cancelProductOrderSellerContact')],
        state: created('sonata.cancelProductOrder'),
      };
      const rec = newRecord('cancelProductOrder', id, req.tenant, data, { outcome });
      save(ctx, rec);
      touch(ctx, rec);
      move(ctx, order, 'cancelRequested', { reason: `cancel request ${id}` });
      for (const item of orderItems(order))
        if (item.state === 'inProgress') moveItem(ctx, order, item, 'cancelRequested');
      return { ...entityReply(ctx, rec), status: 201 };
    },
    listCancelProductOrder: listOf('cancelProductOrder', 'listCancelProductOrder', {
      productOrderId: 'productOrder.productOrderId',
    }),
    retrieveCancelProductOrder: (req) => entityReply(ctx, load(ctx, 'cancelProductOrder', req.params.id, req.tenant)),

    createModifyProductOrderItemRequestedDeliveryDate: (req) => {
      const b = body(req);
      const ref = b.productOrderItem ?? {};
      const order = orderFor(ctx, ref.productOrderId, req.tenant, '/productOrderItem/productOrderId');
      const item = orderItems(order).find((it) => it.id === ref.productOrderItemId);
      if (!item)
        throw Unprocessable.one(
          'referenceNotFound',
          '/productOrderItem/productOrderItemId',
          `order '${order.id}' has no item '${ref.productOrderItemId}'`,
        );
      if (!can(ctx, order, 'modifyRequested') || !can(ctx, order, 'modifyRequested', item)) {
        throw Unprocessable.one(
          'invalidValue',
          '/productOrderItem/productOrderItemId',
          `order '${order.id}' is ${order.data.state} and item '${item.id}' is ${item.state}: only an item in progress of an order in progress can be rescheduled`,
        );
      }
      const outcome = outcomeForNew(ctx, 'modifyProductOrderItemRequestedDeliveryDate', req.headers[OUTCOME_HEADER]);
      const id = ctx.ids.next('modifyRdd');
      const data: Json = {
        ...b,
        id,
        href: hrefOf(ctx, 'modifyProductOrderItemRequestedDeliveryDate', id),
        productOrderItem: { ...ref, productOrderHref: hrefOf(ctx, 'productOrder', order.id) },
        creationDate: nowIso(ctx),
        state: created('sonata.modifyProductOrderItemRequestedDeliveryDate'),
      };
      const rec = newRecord('modifyProductOrderItemRequestedDeliveryDate', id, req.tenant, data, { outcome });
      save(ctx, rec);
      touch(ctx, rec);
      move(ctx, order, 'modifyRequested', { reason: `modify request ${id}` });
      moveItem(ctx, order, item, 'modifyRequested');
      return { ...entityReply(ctx, rec), status: 201 };
    },
    listModifyProductOrderItemRequestedDeliveryDate: listOf(
      'modifyProductOrderItemRequestedDeliveryDate',
      'listModifyProductOrderItemRequestedDeliveryDate',
      {
        productOrderId: 'productOrderItem.productOrderId',
      },
    ),
    retrieveModifyProductOrderItemRequestedDeliveryDate: (req) =>
      entityReply(ctx, load(ctx, 'modifyProductOrderItemRequestedDeliveryDate', req.params.id, req.tenant)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Cancel

function orderOfCancel(ctx: SellerContext, cancel: EntityRecord): EntityRecord {
  return load(ctx, 'productOrder', cancel.data.productOrder.productOrderId);
}

/** The cancel request is done: order `pendingCancellation`, pending items `cancelled` (MEF 123 R47). */
function applyCancel(ctx: SellerContext, cancel: EntityRecord): void {
  const order = orderOfCancel(ctx, cancel);
  order.data.cancellationDate = nowIso(ctx);
  if (cancel.data.cancellationReason) order.data.cancellationReason = cancel.data.cancellationReason;
  for (const item of orderItems(order)) {
    if (item.state !== 'pending') continue;
    delete item.expectedCompletionDate;
    moveItem(ctx, order, item, 'acceptCancellation');
  }
  move(ctx, order, 'acceptCancellation', { reason: `cancel request ${cancel.id} done` });
}

/** The cancel did not happen: everything goes back to work. */
function resumeAfterCancel(ctx: SellerContext, cancel: EntityRecord, event: string): void {
  const order = orderOfCancel(ctx, cancel);
  for (const item of orderItems(order)) if (item.state === 'pending') moveItem(ctx, order, item, event);
  move(ctx, order, event, { reason: `cancel request ${cancel.id} ${cancel.data.state}` });
}

const CHARGEABLE_OUTCOMES = {
  default: 'accepted after assessment, with no charge',
  reject: 'rejected after assessment; the order goes back to inProgress',
  charge: 'a charge is raised on the request; the Buyer accepts (done) or declines (done.declined) it',
};

const CHARGEABLE_PLANS = {
  default: { acknowledged: { after: 'assess', do: 'accept' } },
  reject: { acknowledged: { after: 'assess', do: 'reject' } },
  charge: { acknowledged: { after: 'assess', do: 'raiseCharge', then: 'default' } },
} as const;

const DECLINE_EVENT: Record<ChargeResult, string> = {
  accepted: 'acceptCharge',
  declined: 'declineCharge',
  timeout: 'chargeTimeout',
  withdrawn: 'declineCharge',
};

export const cancelBehaviour: Behaviour = {
  kind: 'cancelProductOrder',
  outcomes: CHARGEABLE_OUTCOMES,
  plans: CHARGEABLE_PLANS,
  actions: {
    accept: (ctx, rec) => {
      move(ctx, rec, 'accept');
      applyCancel(ctx, rec);
    },
    reject: (ctx, rec) => {
      rec.data.cancellationDeniedReason = 'the order is too far advanced to be cancelled';
      move(ctx, rec, 'reject');
      resumeAfterCancel(ctx, rec, 'rejectCancellation');
    },
    raiseCharge: (ctx, rec) => {
      const charge = raiseCharge(ctx, rec, { on: 'cancel', priceCategory: 'cancellation' });
      const order = orderOfCancel(ctx, rec);
      order.data.cancellationCharge = [
        ...asArray<Json>(order.data.cancellationCharge),
        { id: charge.id, href: charge.data.href },
      ];
      save(ctx, order);
    },
    chargeAnswered: (ctx, rec, args) => {
      const result = args.result as ChargeResult;
      move(ctx, rec, DECLINE_EVENT[result]);
      if (rec.data.state === 'done') applyCancel(ctx, rec);
      else resumeAfterCancel(ctx, rec, 'declineCancellationCharge');
    },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Modify requested delivery date

function targetOf(ctx: SellerContext, rec: EntityRecord): { order: EntityRecord; item: Json } {
  const order = load(ctx, 'productOrder', rec.data.productOrderItem.productOrderId);
  return { order, item: orderItems(order).find((it) => it.id === rec.data.productOrderItem.productOrderItemId)! };
}

function applyModify(ctx: SellerContext, rec: EntityRecord, charged: boolean): void {
  const { order, item } = targetOf(ctx, rec);
  if (rec.data.requestedCompletionDate) {
    item.requestedCompletionDate = rec.data.requestedCompletionDate;
    item.expectedCompletionDate = rec.data.requestedCompletionDate;
    // MEF 123 R50: a changed expected completion date comes with a note.
    item.note = [
      ...asArray<Json>(item.note),
      sellerNote(ctx, `expected completion date moved to ${rec.data.requestedCompletionDate} (request ${rec.id})`),
    ];
    announce(ctx, order, 'productOrderItemExpectedCompletionDateSet', { orderItemId: item.id });
  }
  // MEF 123 R24/R25: expedite is accepted only when asked for, and only once its charge (if any) is accepted.
  if (rec.data.expediteIndicator === true && (charged || !asArray(item.charge).length))
    item.expediteAcceptedIndicator = true;
  moveItem(ctx, order, item, 'acceptModification');
  move(ctx, order, 'acceptModification', { reason: `modify request ${rec.id} done` });
}

function resumeAfterModify(ctx: SellerContext, rec: EntityRecord, event: string): void {
  const { order, item } = targetOf(ctx, rec);
  if (item.state === 'pending') moveItem(ctx, order, item, event);
  move(ctx, order, event, { reason: `modify request ${rec.id} ${rec.data.state}` });
}

export const modifyBehaviour: Behaviour = {
  kind: 'modifyProductOrderItemRequestedDeliveryDate',
  outcomes: CHARGEABLE_OUTCOMES,
  plans: CHARGEABLE_PLANS,
  actions: {
    accept: (ctx, rec) => {
      move(ctx, rec, 'accept');
      applyModify(ctx, rec, false);
    },
    reject: (ctx, rec) => {
      move(ctx, rec, 'reject');
      resumeAfterModify(ctx, rec, 'rejectModification');
    },
    raiseCharge: (ctx, rec) => {
      raiseCharge(ctx, rec, { on: 'modify', priceCategory: rec.data.expediteIndicator ? 'expedite' : 'other' });
    },
    chargeAnswered: (ctx, rec, args) => {
      const result = args.result as ChargeResult;
      move(ctx, rec, DECLINE_EVENT[result]);
      if (rec.data.state === 'done') applyModify(ctx, rec, true);
      // Every modify charge is blocking: declined, the original dates stay (MEF 123 §6.12).
      else resumeAfterModify(ctx, rec, 'declineModificationCharge');
    },
  },
};
