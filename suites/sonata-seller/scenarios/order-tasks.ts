import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { getStateMachine } from '../../../specs/state-machines/index';
import { CANCEL, CHARGE, MODIFY, ORDER } from '../rules/index';
import { API } from '../support/apis';
import {
  asArray,
  bodyOf,
  checkEcho,
  checkPolledStates,
  checkRecordedHistory,
  checkUnknownId,
  create,
  expectError,
  historyOf,
  listOf,
  need,
  type Json,
} from '../support/checks';
import { checkList, type ListSpec } from '../support/list';
import { cancelProductOrder, modifyDeliveryDate } from '../../sonata/payloads';
import { outcomeHeader, requireControl } from '../support/seller';
import { awaitNotification, pollUntil } from '../support/wait';
import { scenario } from './define';
import { completedOrder, driveOrder, externalId, getOrder, placeOrder, simpleOrderBody } from './flows';
import { itemDateProblems } from './order-lifecycle';
import { registerHub } from '../support/hubs';

const CHARGEABLE_FINAL = getStateMachine('sonata.cancelProductOrder').terminal;

/** An order placed and followed until the Seller works on it (inProgress), as set-up. */
async function orderInProgress(
  ctx: ScenarioContext<SonataSellerProfile>,
  what: string,
  outcome?: string,
): Promise<Json> {
  const o = await placeOrder(ctx, simpleOrderBody(externalId(ctx, what)), { outcome });
  const polled = await driveOrder(ctx, o.id, ['inProgress', ...getStateMachine('sonata.productOrder').terminal]);
  const now = bodyOf(polled.last)!;
  if (now.state !== 'inProgress')
    ctx.abort(`order ${o.id} went ${now.state} before the scenario could act on it in progress`);
  return now;
}

// ---------------------------------------------------------------------------------------------------------------
// Cancel (S8)

const CANCEL_LIST: ListSpec = {
  api: API.order,
  list: 'listCancelProductOrder',
  retrieve: 'retrieveCancelProductOrder',
  filters: {
    productOrderId: 'productOrder.productOrderId',
    state: 'state',
    cancellationReasonType: 'cancellationReasonType',
  },
  impossible: { productOrderId: 'LSO-NO-SUCH-ORDER-0f1e2d' },
  paginated: true,
  rules: {
    contract: CANCEL.listContract,
    pagination: CANCEL.listPagination,
    filters: CANCEL.listFilters,
    empty: CANCEL.listEmpty,
  },
};

const getCancel = (id: string) => ({ api: API.order, operationId: 'retrieveCancelProductOrder', pathParams: { id } });

export const cancelOrder = scenario({
  id: 'sonata.order.cancel',
  title:
    'S8: cancel orders in progress; they end cancelled, their products cancelled; cancelling a completed order is refused',
  api: API.order,
  requires: ['cancel'],
  rules: [
    CANCEL.create,
    CANCEL.lifecycle,
    CANCEL.history,
    CANCEL.retrieve,
    CANCEL.notification,
    CANCEL.refusedWhenDone,
    CANCEL.listContract,
    CANCEL.listPagination,
    CANCEL.listFilters,
    CANCEL.listEmpty,
    ORDER.history,
    ORDER.itemDates,
    ORDER.hubRegister,
  ],
  async run(ctx) {
    await registerHub(ctx, ORDER.hubRegister.id, API.order);
    const cancels: Json[] = [];
    for (const n of [1, 2]) {
      const order = await ctx.step(`order ${n} in progress`, () => orderInProgress(ctx, 'cancel'));
      const sent = cancelProductOrder(order.id);
      const req = await ctx.step(`cancel order ${n}`, async () => {
        const { ex, body } = await create(ctx, CANCEL.create, {
          api: API.order,
          operationId: 'createCancelProductOrder',
          body: sent,
        });
        const c = need(body, 'the cancel request', ctx);
        checkEcho(ctx, CANCEL.create, sent, c, 'the 201 of POST /cancelProductOrder', ex);
        const roles = asArray<Json>(c.relatedContactInformation).map((r) => r.role);
        const ok =
          typeof c.id === 'string' &&
          c.state === 'acknowledged' &&
          (roles.includes('cancelProductOrderSellerContact') || roles.includes('sellerContact'));
        ctx.assert(CANCEL.create.id, ok, {
          message: ok
            ? 'acknowledged, with id and a Seller contact'
            : `state ${c.state}, id ${c.id}, contact roles ${roles.join(', ')}`,
          exchanges: [ex],
        });
        return { sent, c };
      });
      cancels.push(req.c);
      await ctx.step(`follow cancel request and order ${n}`, async () => {
        const polledCancel = await pollUntil(
          ctx,
          getCancel(req.c.id),
          (c) => CHARGEABLE_FINAL.includes(c.state),
          `cancel request ${req.c.id} to finish`,
        );
        checkPolledStates(
          ctx,
          CANCEL.history,
          getStateMachine('sonata.cancelProductOrder'),
          polledCancel.all.map((ex) => String(bodyOf(ex)?.state)),
          [polledCancel.last],
        );
        ctx.assert(CANCEL.history.id, bodyOf(polledCancel.last)?.state === 'done', {
          message: `the cancel request ended ${bodyOf(polledCancel.last)?.state}`,
          expected: 'done',
          exchanges: [polledCancel.last],
        });
        const polled = await driveOrder(ctx, order.id);
        const last = bodyOf(polled.last)!;
        checkRecordedHistory(
          ctx,
          ORDER.history,
          getStateMachine('sonata.productOrder'),
          historyOf(last),
          polled.all.map((ex) => String(bodyOf(ex)?.state)),
          [polled.last],
          `order ${order.id}`,
        );
        const hist = historyOf(last);
        const items = asArray<Json>(last.productOrderItem);
        const ok =
          last.state === 'cancelled' &&
          hist.includes('assessingCancellation') &&
          hist.includes('pendingCancellation') &&
          items.every((i) => i.state === 'cancelled' && !i.expectedCompletionDate);
        ctx.assert(CANCEL.lifecycle.id, ok, {
          message: ok
            ? 'the order went assessingCancellation → pendingCancellation → cancelled, every item cancelled without expectedCompletionDate'
            : `order history ${hist.join(' → ')}, items ${items.map((i) => `${i.id}:${i.state}`).join(', ')}`,
          exchanges: [polled.last],
        });
        for (const i of items)
          ctx.assert(ORDER.itemDates.id, itemDateProblems(i).length === 0, {
            message: itemDateProblems(i).join('; ') || `item ${i.id} (${i.state}) has the dates its state requires`,
            exchanges: [polled.last],
          });
        for (const pid of items.map((i) => i.product?.id).filter((x): x is string => typeof x === 'string')) {
          const p = await ctx.send({ api: API.inventory, operationId: 'retrieveProduct', pathParams: { id: pid } });
          const status = bodyOf(p)?.status;
          ctx.assert(CANCEL.lifecycle.id, p.status === 404 || status === 'cancelled', {
            message:
              p.status === 404
                ? `product ${pid} is gone from the inventory`
                : `product ${pid} is ${status} after its add order was cancelled`,
            expected: 'cancelled',
            exchanges: [p],
          });
        }
        const n1 = await awaitNotification(
          ctx,
          (x) => x.record.entityId === req.c.id && x.record.eventType === 'cancelProductOrderStateChangeEvent',
          `cancelProductOrderStateChangeEvent for ${req.c.id}`,
        );
        ctx.checkNotification(CANCEL.notification.id, n1);
      });
      await ctx.step(`retrieve cancel request ${n}`, async () => {
        const ex = await ctx.call(CANCEL.retrieve.id, getCancel(req.c.id));
        if (ctx.expectStatus(CANCEL.retrieve.id, ex, [200]))
          checkEcho(ctx, CANCEL.retrieve, req.sent, bodyOf(ex), `GET /cancelProductOrder/${req.c.id}`, ex);
      });
    }
    await ctx.step('an unknown cancel request id', () =>
      checkUnknownId(ctx, CANCEL.retrieve, { api: API.order, operationId: 'retrieveCancelProductOrder' }),
    );
    await ctx.step('list cancel requests', async () => {
      const full = await Promise.all(cancels.map(async (c) => bodyOf(await ctx.send(getCancel(c.id))) ?? c));
      await checkList(ctx, CANCEL_LIST, full);
    });
    await ctx.step('cancel a completed order', async () => {
      const done = await completedOrder(ctx, simpleOrderBody(externalId(ctx, 'cancel-done')));
      const ex = await ctx.send({
        api: API.order,
        operationId: 'createCancelProductOrder',
        body: cancelProductOrder(done.id),
        negative: true,
      });
      if (ex.status === 201) {
        const id = bodyOf(ex)?.id;
        const polled = await pollUntil(
          ctx,
          getCancel(String(id)),
          (c) => CHARGEABLE_FINAL.includes(c.state),
          `cancel request ${id} to finish`,
        );
        const after = bodyOf(await ctx.send(getOrder(done.id)));
        const ok = bodyOf(polled.last)?.state === 'rejected' && after?.state === 'completed';
        ctx.assert(CANCEL.refusedWhenDone.id, ok, {
          message: ok
            ? 'the cancel of a completed order was rejected; the order stays completed'
            : `cancel request ${bodyOf(polled.last)?.state}, order ${after?.state}`,
          exchanges: [ex, polled.last],
        });
      } else expectError(ctx, CANCEL.refusedWhenDone, ex, [422]);
    });
  },
});

/** Finds the charge the Seller raised on an order (its list of charges), waiting for it. */
async function chargeOn(ctx: ScenarioContext<SonataSellerProfile>, orderId: string): Promise<Json> {
  const polled = await pollUntil(
    ctx,
    { api: API.order, operationId: 'listCharge', query: { productOrderId: orderId } },
    (l) => Array.isArray(l) && l.some((c: Json) => c.state === 'awaitingResponse'),
    `a charge on order ${orderId}`,
  );
  const open = (listOf(polled.last) ?? []).find((c) => c.state === 'awaitingResponse')!;
  return need(bodyOf(await ctx.send(getCharge(open.id))), `charge ${open.id}`, ctx);
}

const answerAll = (charge: Json, acceptanceIndicator: 'accepted' | 'rejected') => ({
  chargeItem: asArray<Json>(charge.chargeItem).map((i) => ({ id: i.id, acceptanceIndicator })),
});

export const cancelWithCharge = scenario({
  id: 'sonata.order.cancel-with-charge',
  title: 'S8: the Seller charges for a cancellation; the Buyer accepts and the order ends cancelled',
  api: API.order,
  requires: ['cancel', 'charges'],
  rules: [CANCEL.charged, CANCEL.create],
  async run(ctx) {
    await requireControl(ctx);
    const order = await orderInProgress(ctx, 'cancel-charge');
    const { body } = await create(ctx, CANCEL.create, {
      api: API.order,
      operationId: 'createCancelProductOrder',
      body: cancelProductOrder(order.id),
      headers: outcomeHeader('charge'),
    });
    const req = need(body, 'the cancel request', ctx);
    const charge = await chargeOn(ctx, order.id);
    const o = bodyOf(await ctx.send(getOrder(order.id)))!;
    const problems = [
      charge.productOrder?.productOrderId === order.id
        ? ''
        : `the charge names order ${charge.productOrder?.productOrderId}`,
      charge.cancelProductOrder?.id === req.id
        ? ''
        : `the charge names cancel request ${charge.cancelProductOrder?.id ?? 'none'}`,
      o.state === 'assessingCancellation'
        ? ''
        : `the order is ${o.state} while the cancellation charge awaits an answer`,
    ].filter(Boolean);
    ctx.assert(CANCEL.charged.id, problems.length === 0, {
      message:
        problems.join('; ') || 'the charge names the order and the cancel request; the order is assessingCancellation',
    });
    const ex = await ctx.send({
      api: API.order,
      operationId: 'patchCharge',
      pathParams: { id: charge.id },
      body: answerAll(charge, 'accepted'),
    });
    if (!ctx.expectStatus(CANCEL.charged.id, ex, [200])) return;
    const done = await pollUntil(
      ctx,
      getCancel(req.id),
      (c) => CHARGEABLE_FINAL.includes(c.state),
      `cancel request ${req.id} to finish`,
    );
    const final = bodyOf((await driveOrder(ctx, order.id)).last)!;
    ctx.assert(CANCEL.charged.id, bodyOf(done.last)?.state === 'done' && final.state === 'cancelled', {
      message: `charge accepted: cancel request ${bodyOf(done.last)?.state}, order ${final.state}`,
      expected: { cancel: 'done', order: 'cancelled' },
      exchanges: [done.last],
    });
  },
});

export const modifyDateChargeDeclined = scenario({
  id: 'sonata.order.modify-date-charge-declined',
  title: 'S9: expedite costs extra; the Buyer declines the charge, the request ends done.declined and the dates stay',
  api: API.order,
  requires: ['modifyDeliveryDate', 'charges'],
  rules: [MODIFY.chargeDeclined, MODIFY.expedite, MODIFY.create],
  async run(ctx) {
    await requireControl(ctx);
    const order = await orderInProgress(ctx, 'expedite');
    const before = asArray<Json>(order.productOrderItem).find((i) => i.id === '1')!;
    const { body } = await create(ctx, MODIFY.create, {
      api: API.order,
      operationId: 'createModifyProductOrderItemRequestedDeliveryDate',
      body: modifyDeliveryDate(order.id, '1', 10, true),
      headers: outcomeHeader('charge'),
    });
    const req = need(body, 'the modify request', ctx);
    const charge = await chargeOn(ctx, order.id);
    const named =
      charge.productOrderItem?.productOrderItemId === '1' &&
      charge.modifyProductOrderItemRequestedDeliveryDate?.id === req.id;
    ctx.assert(MODIFY.chargeDeclined.id, named, {
      message: named
        ? 'the charge names the item and the modify request'
        : `the charge names item ${charge.productOrderItem?.productOrderItemId}, request ${charge.modifyProductOrderItemRequestedDeliveryDate?.id ?? 'none'}`,
    });
    const pending = bodyOf(await ctx.send(getOrder(order.id)))!;
    const early = asArray<Json>(pending.productOrderItem).find((i) => i.id === '1');
    ctx.assert(MODIFY.expedite.id, early?.expediteAcceptedIndicator !== true, {
      message:
        early?.expediteAcceptedIndicator === true
          ? 'expediteAcceptedIndicator is true while its charge is unanswered (R25)'
          : 'no expedite accepted while its charge is unanswered',
    });
    const ex = await ctx.send({
      api: API.order,
      operationId: 'patchCharge',
      pathParams: { id: charge.id },
      body: answerAll(charge, 'rejected'),
    });
    if (!ctx.expectStatus(MODIFY.chargeDeclined.id, ex, [200])) return;
    const done = await pollUntil(
      ctx,
      getModify(req.id),
      (m) => CHARGEABLE_FINAL.includes(m.state),
      `modify request ${req.id} to finish`,
    );
    const after = bodyOf(
      (
        await pollUntil(
          ctx,
          getOrder(order.id),
          (o) => o.state !== 'pending.assessingModification',
          `order ${order.id} to resume`,
        )
      ).last,
    )!;
    const item = asArray<Json>(after.productOrderItem).find((i) => i.id === '1')!;
    const same = Date.parse(item.requestedCompletionDate) === Date.parse(before.requestedCompletionDate);
    ctx.assert(MODIFY.chargeDeclined.id, bodyOf(done.last)?.state === 'done.declined' && same, {
      message: `declined: the request is ${bodyOf(done.last)?.state}; the requested date is ${same ? 'unchanged' : `now ${item.requestedCompletionDate}`}`,
      expected: 'done.declined, dates unchanged',
      exchanges: [done.last],
    });
    ctx.assert(MODIFY.expedite.id, item.expediteAcceptedIndicator !== true, {
      message:
        item.expediteAcceptedIndicator === true
          ? 'expediteAcceptedIndicator is true although its charge was declined (R25)'
          : 'the declined expedite was not accepted',
    });
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Modify requested delivery date (S9)

const MODIFY_LIST: ListSpec = {
  api: API.order,
  list: 'listModifyProductOrderItemRequestedDeliveryDate',
  retrieve: 'retrieveModifyProductOrderItemRequestedDeliveryDate',
  filters: {
    productOrderId: 'productOrderItem.productOrderId',
    state: 'state',
    expediteIndicator: 'expediteIndicator',
    'requestedCompletionDate.gt': 'requestedCompletionDate',
    'requestedCompletionDate.lt': 'requestedCompletionDate',
    'creationDate.gt': 'creationDate',
    'creationDate.lt': 'creationDate',
  },
  impossible: { productOrderId: 'LSO-NO-SUCH-ORDER-0f1e2d' },
  paginated: true,
  rules: {
    contract: MODIFY.listContract,
    pagination: MODIFY.listPagination,
    filters: MODIFY.listFilters,
    empty: MODIFY.listEmpty,
  },
};

const getModify = (id: string) => ({
  api: API.order,
  operationId: 'retrieveModifyProductOrderItemRequestedDeliveryDate',
  pathParams: { id },
});

export const modifyDeliveryDateScenario = scenario({
  id: 'sonata.order.modify-delivery-date',
  title: 'S9: move the requested delivery date of an item in progress, twice; the item keeps working with the new date',
  api: API.order,
  requires: ['modifyDeliveryDate'],
  rules: [
    MODIFY.create,
    MODIFY.lifecycle,
    MODIFY.history,
    MODIFY.retrieve,
    MODIFY.expedite,
    MODIFY.listContract,
    MODIFY.listPagination,
    MODIFY.listFilters,
    MODIFY.listEmpty,
    ORDER.history,
  ],
  async run(ctx) {
    const order = await ctx.step('an order in progress', () => orderInProgress(ctx, 'modify'));
    const requests: Json[] = [];
    for (const days of [60, 75]) {
      const sent = modifyDeliveryDate(order.id, '1', days);
      const req = await ctx.step(`ask for delivery in ${days} days`, async () => {
        const { ex, body } = await create(ctx, MODIFY.create, {
          api: API.order,
          operationId: 'createModifyProductOrderItemRequestedDeliveryDate',
          body: sent,
        });
        const m = need(body, 'the modify request', ctx);
        checkEcho(ctx, MODIFY.create, sent, m, 'the 201 of POST /modifyProductOrderItemRequestedDeliveryDate', ex);
        const ok = typeof m.id === 'string' && m.state === 'acknowledged' && !!m.creationDate;
        ctx.assert(MODIFY.create.id, ok, {
          message: ok
            ? 'acknowledged, with id and creationDate'
            : `id ${m.id}, state ${m.state}, creationDate ${m.creationDate}`,
          exchanges: [ex],
        });
        return m;
      });
      requests.push(req);
      await ctx.step('follow the request and the order', async () => {
        const polled = await pollUntil(
          ctx,
          getModify(req.id),
          (m) => CHARGEABLE_FINAL.includes(m.state),
          `modify request ${req.id} to finish`,
        );
        checkPolledStates(
          ctx,
          MODIFY.history,
          getStateMachine('sonata.modifyProductOrderItemRequestedDeliveryDate'),
          polled.all.map((ex) => String(bodyOf(ex)?.state)),
          [polled.last],
        );
        const done = bodyOf(polled.last)?.state === 'done';
        ctx.assert(MODIFY.history.id, done, {
          message: `the modify request ended ${bodyOf(polled.last)?.state}`,
          expected: 'done',
          exchanges: [polled.last],
        });
        const ox = await pollUntil(
          ctx,
          getOrder(order.id),
          (o) => o.state !== 'pending.assessingModification',
          `order ${order.id} to leave pending.assessingModification`,
        );
        const o = bodyOf(ox.last)!;
        const item = asArray<Json>(o.productOrderItem).find((i) => i.id === '1') ?? {};
        const dateOk = !done || Date.parse(item.requestedCompletionDate) === Date.parse(sent.requestedCompletionDate);
        const back = ['inProgress', 'completed'].includes(item.state);
        const hist = historyOf(o);
        const noteOk =
          !item.expectedCompletionDate ||
          item.expectedCompletionDate === order.productOrderItem?.[0]?.expectedCompletionDate ||
          asArray(item.note).length + asArray(o.note).length > 0;
        ctx.assert(MODIFY.lifecycle.id, dateOk && back && hist.includes('pending.assessingModification') && noteOk, {
          message: !dateOk
            ? `the item's requestedCompletionDate is ${item.requestedCompletionDate}, not the accepted ${sent.requestedCompletionDate}`
            : !back
              ? `the item is ${item.state} after the request finished`
              : !hist.includes('pending.assessingModification')
                ? `the order history ${hist.join(' → ')} lacks pending.assessingModification`
                : !noteOk
                  ? 'expectedCompletionDate changed without a note (R50)'
                  : 'the order went pending.assessingModification and back; the item has the new date',
          exchanges: [ox.last],
        });
        checkRecordedHistory(
          ctx,
          ORDER.history,
          getStateMachine('sonata.productOrder'),
          hist,
          ox.all.map((ex) => String(bodyOf(ex)?.state)),
          [ox.last],
          `order ${order.id}`,
        );
        ctx.assert(MODIFY.expedite.id, item.expediteAcceptedIndicator !== true, {
          message:
            item.expediteAcceptedIndicator === true
              ? 'expediteAcceptedIndicator is true although no expedite was asked'
              : 'no expedite was accepted, none was asked',
          exchanges: [ox.last],
        });
      });
    }
    await ctx.step('retrieve the requests; an unknown id', async () => {
      const ex = await ctx.call(MODIFY.retrieve.id, getModify(requests[0].id));
      if (ctx.expectStatus(MODIFY.retrieve.id, ex, [200]))
        ctx.assert(MODIFY.retrieve.id, bodyOf(ex)?.id === requests[0].id, {
          message: 'the request comes back by its id',
          exchanges: [ex],
        });
      await checkUnknownId(ctx, MODIFY.retrieve, {
        api: API.order,
        operationId: 'retrieveModifyProductOrderItemRequestedDeliveryDate',
      });
    });
    await ctx.step('list the requests', async () => {
      const full = await Promise.all(requests.map(async (r) => bodyOf(await ctx.send(getModify(r.id))) ?? r));
      await checkList(ctx, MODIFY_LIST, full);
    });
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Charges (S10): raising one is the Seller's decision.

const CHARGE_LIST: ListSpec = {
  api: API.order,
  list: 'listCharge',
  retrieve: 'retrieveCharge',
  filters: {
    productOrderId: 'productOrder.productOrderId',
    productOrderItemId: 'productOrderItem.productOrderItemId',
    'creationDate.gt': 'creationDate',
    'creationDate.lt': 'creationDate',
    'responseDueDate.gt': 'responseDueDate',
    'responseDueDate.lt': 'responseDueDate',
  },
  impossible: { productOrderId: 'LSO-NO-SUCH-ORDER-0f1e2d' },
  paginated: true,
  rules: {
    contract: CHARGE.listContract,
    pagination: CHARGE.listPagination,
    filters: CHARGE.listFilters,
    empty: CHARGE.listEmpty,
  },
};

const getCharge = (id: string) => ({ api: API.order, operationId: 'retrieveCharge', pathParams: { id } });

/** Places an order the Seller charges, and finds the charge by listing the order's charges. */
async function chargedOrder(ctx: ScenarioContext<SonataSellerProfile>): Promise<{ orderId: string; chargeId: string }> {
  const order = await placeOrder(ctx, simpleOrderBody(externalId(ctx, 'charge')), { outcome: 'heldForCharge' });
  const polled = await pollUntil(
    ctx,
    { api: API.order, operationId: 'listCharge', query: { productOrderId: order.id } },
    (l) => Array.isArray(l) && l.length > 0,
    `a charge on order ${order.id}`,
  );
  const chargeId = (listOf(polled.last) ?? [])[0]?.id;
  if (typeof chargeId !== 'string') ctx.abort(`the charge of order ${order.id} has no id`);
  return { orderId: order.id, chargeId: chargeId as string };
}

export const chargeScenario = scenario({
  id: 'sonata.order.charges',
  title: 'S10: the Seller charges an item; the Buyer accepts one charge, lets the other time out',
  api: API.order,
  requires: ['charges'],
  rules: [
    CHARGE.createEvent,
    CHARGE.attributes,
    CHARGE.held,
    CHARGE.single,
    CHARGE.respond,
    CHARGE.respondAgain,
    CHARGE.timeout,
    CHARGE.retrieveUnknown,
    CHARGE.listContract,
    CHARGE.listPagination,
    CHARGE.listFilters,
    CHARGE.listEmpty,
    ORDER.hubRegister,
  ],
  async run(ctx) {
    const control = await requireControl(ctx);
    await registerHub(
      ctx,
      ORDER.hubRegister.id,
      API.order,
      'eventType=chargeCreateEvent,chargeStateChangeEvent,chargeTimeoutEvent',
    );
    const first = await ctx.step('an order the Seller charges', () => chargedOrder(ctx));
    const charge = await ctx.step('the charge and the order held for it', async () => {
      const n = await awaitNotification(
        ctx,
        (x) => x.record.eventType === 'chargeCreateEvent' && x.record.entityId === first.chargeId,
        `chargeCreateEvent for charge ${first.chargeId}`,
      );
      ctx.check(CHARGE.createEvent.id, 'pass', {
        message: `chargeCreateEvent names charge ${first.chargeId}`,
        notifications: [n],
      });
      ctx.checkNotification(CHARGE.createEvent.id, n);
      const ex = await ctx.call(CHARGE.attributes.id, getCharge(first.chargeId));
      const c = need(bodyOf(ex), `charge ${first.chargeId}`, ctx);
      judgeCharge(ctx, c, first.orderId, ex);
      const o = bodyOf(await ctx.send(getOrder(first.orderId)));
      const item = asArray<Json>(o?.productOrderItem).find((i) => i.id === c.productOrderItem?.productOrderItemId);
      const refs = asArray<Json>(item?.charge).map((r) => r.id);
      const held = o?.state === 'held.assessingCharge' && item?.state === 'held' && refs.includes(c.id);
      ctx.assert(CHARGE.held.id, held, {
        message: held
          ? 'order held.assessingCharge, item held, the charge referenced on the item'
          : `order ${o?.state}, item ${item?.state}, item charges ${refs.join(', ') || 'none'}`,
        exchanges: [ex],
      });
      const open = await ctx.send({
        api: API.order,
        operationId: 'listCharge',
        query: { productOrderId: first.orderId },
      });
      const waiting = (listOf(open) ?? []).filter((x) => x.state === 'awaitingResponse');
      ctx.assert(CHARGE.single.id, open.status === 200 && waiting.length === 1, {
        message: `${waiting.length} charge(s) of order ${first.orderId} await a response`,
        expected: 1,
        exchanges: [open],
      });
      return c;
    });
    await ctx.step('accept every charge item at once', async () => {
      const answer = {
        chargeItem: asArray<Json>(charge.chargeItem).map((i) => ({ id: i.id, acceptanceIndicator: 'accepted' })),
      };
      const ex = await ctx.call(CHARGE.respond.id, {
        api: API.order,
        operationId: 'patchCharge',
        pathParams: { id: charge.id },
        body: answer,
      });
      if (!ctx.expectStatus(CHARGE.respond.id, ex, [200])) return;
      const c = bodyOf(ex)!;
      const ok =
        c.state === 'completed' &&
        asArray<Json>(c.chargeItem).every((i) => i.state === 'acceptedByBuyer' || i.acceptanceIndicator === 'accepted');
      ctx.assert(CHARGE.respond.id, ok, {
        message: ok
          ? 'the charge is completed, every item accepted'
          : `charge ${c.state}, items ${asArray<Json>(c.chargeItem)
              .map((i) => i.state)
              .join(', ')}`,
        exchanges: [ex],
      });
      const polled = await driveOrder(ctx, first.orderId, ['inProgress', 'completed']);
      ctx.assert(CHARGE.respond.id, ['inProgress', 'completed'].includes(bodyOf(polled.last)?.state), {
        message: `the order is ${bodyOf(polled.last)?.state} after the charge was accepted`,
        exchanges: [polled.last],
      });
      const again = await ctx.send({
        api: API.order,
        operationId: 'patchCharge',
        pathParams: { id: charge.id },
        body: { chargeItem: answer.chargeItem.map((i) => ({ ...i, acceptanceIndicator: 'rejected' })) },
        negative: true,
      });
      expectError(ctx, CHARGE.respondAgain, again, [400, 409]);
      const after = bodyOf(await ctx.send(getCharge(charge.id)));
      ctx.assert(CHARGE.respondAgain.id, after?.state === 'completed', {
        message: `the charge is ${after?.state} after the refused second answer`,
        expected: 'completed',
      });
    });
    const second = await ctx.step('a second charged order, left unanswered until it times out', async () => {
      const { orderId, chargeId } = await chargedOrder(ctx);
      const c = bodyOf(await ctx.send(getCharge(chargeId)))!;
      const wait = Date.parse(c.responseDueDate) - Date.parse(c.creationDate ?? c.responseDueDate) + 1000;
      await control.advance(Math.max(1000, wait));
      const n = await awaitNotification(
        ctx,
        (x) => x.record.eventType === 'chargeTimeoutEvent' && x.record.entityId === chargeId,
        `chargeTimeoutEvent for ${chargeId}`,
      );
      const ex = await ctx.send(getCharge(chargeId));
      const t = bodyOf(ex)!;
      const o = bodyOf((await driveOrder(ctx, orderId)).last)!;
      const item = asArray<Json>(o.productOrderItem).find((i) => i.id === t.productOrderItem?.productOrderItemId);
      const ok =
        t.state === 'timeout' &&
        asArray<Json>(t.chargeItem).every((i) => i.state === 'declinedByBuyer') &&
        item?.state === 'failed';
      ctx.assert(CHARGE.timeout.id, ok, {
        message: ok
          ? 'chargeTimeoutEvent; the charge timed out, every item declinedByBuyer, the held item failed'
          : `charge ${t.state}, items ${asArray<Json>(t.chargeItem)
              .map((i) => i.state)
              .join(', ')}, order item ${item?.state}`,
        exchanges: [ex],
        notifications: [n],
      });
      return t;
    });
    await ctx.step('an unknown charge id', () =>
      checkUnknownId(ctx, CHARGE.retrieveUnknown, { api: API.order, operationId: 'retrieveCharge' }),
    );
    await ctx.step('list the charges', async () => {
      const full = [bodyOf(await ctx.send(getCharge(charge.id))) ?? charge, second];
      await checkList(ctx, CHARGE_LIST, full);
    });
  },
});

function judgeCharge(
  ctx: ScenarioContext<SonataSellerProfile>,
  charge: Json,
  orderId: string,
  ex: Parameters<ScenarioContext<SonataSellerProfile>['checkContract']>[1],
): void {
  const items = asArray<Json>(charge.chargeItem);
  const problems = [
    charge.productOrder?.productOrderId === orderId ? '' : `productOrder names ${charge.productOrder?.productOrderId}`,
    charge.state === 'awaitingResponse' ? '' : `state ${charge.state}`,
    charge.responseDueDate ? '' : 'no responseDueDate',
    items.length ? '' : 'no charge item',
    ...items.map((i) =>
      i.id && i.priceType && i.price ? '' : `charge item ${i.id ?? '?'} lacks id, priceType or price`,
    ),
    charge.productOrderItem?.productOrderItemId ? '' : 'the item charged is not named (productOrderItem)',
  ].filter(Boolean);
  ctx.assert(CHARGE.attributes.id, problems.length === 0, {
    message: problems.length
      ? problems.join('; ')
      : 'the charge names its order and item, awaits a response by a due date, and every item is priced',
    exchanges: [ex],
  });
}
