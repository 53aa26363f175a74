import { Conflict, Unprocessable, type Problem422 } from '../../../runtime/server/errors';
import { applyFilters, page, type FilterTable } from '../../../runtime/server/listing';
import { listProjector } from '../../../runtime/server/projection';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { Behaviour, SellerContext } from '../context';
import {
  announce,
  entityReply,
  hrefOf,
  load,
  move,
  moveItem,
  nowIso,
  runAction,
  save,
  touch,
  visible,
} from '../../../runtime/actor/lifecycle';
import { asArray, body, fail, mergeNotes } from './common';

const API = 'sonata.productOrder';

/** How a charge ended, as its parent (order item, cancel or modify request) needs to know it. */
export type ChargeResult = 'accepted' | 'declined' | 'timeout' | 'withdrawn';

export interface ChargeTarget {
  on: 'item' | 'cancel' | 'modify';
  /** The order item charged (`on: item`). */
  item?: Json;
  priceCategory: string;
}

const FILTERS: FilterTable = {
  productOrderId: 'productOrder.productOrderId',
  productOrderItemId: 'productOrderItem.productOrderItemId',
};

function orderIdOf(parent: EntityRecord): string {
  if (parent.kind === 'productOrder') return parent.id;
  if (parent.kind === 'cancelProductOrder') return parent.data.productOrder.productOrderId;
  return parent.data.productOrderItem.productOrderId;
}

function itemIdOf(parent: EntityRecord, target: ChargeTarget): string | undefined {
  if (target.on === 'item') return target.item!.id;
  if (target.on === 'modify') return parent.data.productOrderItem?.productOrderItemId;
  return undefined;
}

/**
 * The Seller raises a charge (MEF 123 §6.11): on an order item in progress (item `held`, order
 * `held.assessingCharge`), or on a cancel or modify request being assessed (`inProgress.assessingCharge`).
 * At most one charge awaits an answer per order (R81–R83). The Buyer has until `responseDueDate` to answer.
 */
export function raiseCharge(ctx: SellerContext, parent: EntityRecord, target: ChargeTarget): EntityRecord {
  const orderId = orderIdOf(parent);
  const open = ctx.store
    .list('charge')
    .find((c) => c.data.productOrder?.productOrderId === orderId && c.data.state === 'awaitingResponse');
  if (open)
    throw new Conflict(`order '${orderId}' already has charge '${open.id}' awaiting a response (MEF 123 R81–R83)`);
  const id = ctx.ids.next('charge');
  const now = nowIso(ctx);
  const data: Json = {
    id,
    href: hrefOf(ctx, 'charge', id),
    creationDate: now,
    responseDueDate: new Date(ctx.clock.now() + ctx.timing.chargeResponse).toISOString(),
    state: 'awaitingResponse',
    productOrder: { productOrderId: orderId, productOrderHref: hrefOf(ctx, 'productOrder', orderId) },
    // MEF 123 R90: a charge raised on a modify request names the order item it concerns, like an item charge.
    ...(itemIdOf(parent, target)
      ? {
          productOrderItem: {
            productOrderId: orderId,
            productOrderItemId: itemIdOf(parent, target),
            productOrderHref: hrefOf(ctx, 'productOrder', orderId),
          },
        }
      : {}),
    ...(target.on === 'cancel'
      ? { cancelProductOrder: { id: parent.id, href: hrefOf(ctx, 'cancelProductOrder', parent.id) } }
      : {}),
    ...(target.on === 'modify'
      ? {
          modifyProductOrderItemRequestedDeliveryDate: {
            id: parent.id,
            href: hrefOf(ctx, 'modifyProductOrderItemRequestedDeliveryDate', parent.id),
          },
        }
      : {}),
    chargeItem: [
      {
        id: ctx.ids.next('chargeItem'),
        activityType: target.on === 'item' ? 'new' : 'change',
        blocking: true,
        price: { dutyFreeAmount: { unit: 'USD', value: 500 } },
        priceCategory: target.priceCategory,
        priceType: 'nonRecurring',
        state: 'awaitingResponse',
      },
    ],
  };
  const charge: EntityRecord = {
    kind: 'charge',
    id,
    owner: parent.owner,
    data,
    meta: { tenant: parent.meta.tenant, parent: { kind: parent.kind, id: parent.id }, itemId: target.item?.id },
  };
  save(ctx, charge);
  touch(ctx, charge);
  const ref = { id, href: data.href };
  // The transition lists chargeCreateEvent, but that event names the charge, so it is announced here, once.
  const silent = ['chargeCreateEvent'];
  if (target.on === 'item') {
    target.item!.charge = [...asArray<Json>(target.item!.charge), ref];
    moveItem(ctx, parent, target.item!, 'raiseCharge', { silent });
    move(ctx, parent, 'raiseCharge', { silent });
  } else {
    parent.data.charge = ref;
    move(ctx, parent, 'raiseCharge', { silent });
  }
  announce(ctx, charge, 'chargeCreateEvent');
  return charge;
}

/** Ends a charge and tells its parent, whose `chargeAnswered` action moves the order, item or request on. */
function conclude(ctx: SellerContext, charge: EntityRecord, result: ChargeResult): void {
  const parent = charge.meta.parent as { kind: string; id: string };
  const rec = ctx.store.get(parent.kind, parent.id);
  if (rec) runAction(ctx, rec, 'chargeAnswered', { chargeId: charge.id, itemId: charge.meta.itemId, result });
}

function blockingDeclined(charge: EntityRecord): boolean {
  return (charge.data.chargeItem as Json[]).some((ci) => ci.blocking && ci.state === 'declinedByBuyer');
}

export function chargeHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  return {
    listCharge: (req) => {
      const reply = page(
        applyFilters(
          visible(ctx, 'charge', req.tenant).map((r) => r.data),
          req.query,
          FILTERS,
        ),
        req.query,
      );
      return { ...reply, body: (reply.body as Json[]).map(listProjector(ctx.contracts, API, 'listCharge')) };
    },
    retrieveCharge: (req) => entityReply(ctx, load(ctx, 'charge', req.params.id, req.tenant)),
    patchCharge: (req) => {
      const charge = load(ctx, 'charge', req.params.id, req.tenant);
      if (charge.data.state !== 'awaitingResponse')
        throw new Conflict(`charge '${charge.id}' is ${charge.data.state}: it no longer awaits a response`);
      const answers = asArray<Json>(body(req).chargeItem);
      const chargeItems = charge.data.chargeItem as Json[];
      const problems: Problem422[] = [];
      answers.forEach((a, i) => {
        if (!chargeItems.some((ci) => ci.id === a.id))
          problems.push({
            code: 'referenceNotFound',
            propertyPath: `/chargeItem/${i}/id`,
            reason: `charge '${charge.id}' has no item '${a.id}'`,
          });
      });
      const missing = chargeItems.filter((ci) => !answers.some((a) => a.id === ci.id));
      // MEF 123 R94/R95: one request answers every charge item.
      if (missing.length)
        problems.push({
          code: 'missingProperty',
          propertyPath: '/chargeItem',
          reason: `every charge item must be answered in one request; missing: ${missing.map((m) => m.id).join(', ')}`,
        });
      fail(problems);
      answers.forEach((a, i) => {
        const ci = chargeItems.find((x) => x.id === a.id)!;
        ci.acceptanceIndicator = a.acceptanceIndicator;
        const notes = mergeNotes(ci.note, a.note, `/chargeItem/${i}/note`);
        if (notes.length) ci.note = notes;
        moveItem(ctx, charge, ci, a.acceptanceIndicator === 'accepted' ? 'accept' : 'decline', { refuse: 'conflict' });
      });
      move(ctx, charge, 'respond', { refuse: 'conflict' });
      conclude(ctx, charge, blockingDeclined(charge) ? 'declined' : 'accepted');
      return { status: 200, body: charge.data };
    },
  };
}

export const chargeBehaviour: Behaviour = {
  kind: 'charge',
  outcomes: { default: 'waits for the Buyer until responseDueDate, then times out (every item declined)' },
  plans: { default: { awaitingResponse: { after: 'chargeResponse', do: 'timeout' } } },
  actions: {
    timeout: (ctx, charge) => {
      for (const ci of charge.data.chargeItem as Json[])
        if (ci.state === 'awaitingResponse') moveItem(ctx, charge, ci, 'timeout');
      move(ctx, charge, 'timeout');
      conclude(ctx, charge, 'timeout');
    },
    withdraw: (ctx, charge) => {
      if (charge.meta.parent?.kind !== 'productOrder') {
        throw Unprocessable.one(
          'otherIssue',
          undefined,
          'the guide does not say where a withdrawn cancel or modify charge leads (MEF 123 Tables 12, 13), so only item charges can be withdrawn',
        );
      }
      for (const ci of charge.data.chargeItem as Json[])
        if (ci.state === 'awaitingResponse') moveItem(ctx, charge, ci, 'withdraw');
      move(ctx, charge, 'withdraw');
      conclude(ctx, charge, 'withdrawn');
    },
  },
};
