import type { Exchange } from '../../../runtime/http/checking-client';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { getStateMachine } from '../../../specs/state-machines/index';
import { INVENTORY, ORDER } from '../rules/index';
import { API, NOTIFICATION_API } from '../support/apis';
import {
  asArray,
  bodyOf,
  checkEcho,
  checkIdsEchoed,
  checkRecordedHistory,
  create,
  historyOf,
  listOf,
  need,
  type Json,
} from '../support/checks';
import { PRODUCTS } from '../../sonata/products';
import { awaitNotification, notificationsAbout, quietPeriod, unattributed } from '../support/wait';
import { scenario } from './define';
import { driveOrder, eplOrderBody, externalId, productIdsOf, simpleOrderBody, statesSeen } from './flows';
import { productOrder, addItem } from '../../sonata/payloads';
import { registerHub } from '../support/hubs';

const ORDER_EVENT = 'productOrderStateChangeEvent';
const ITEM_EVENT = 'productOrderItemStateChangeEvent';

/** The rules every positive order lifecycle checks. */
const LIFECYCLE_RULES = [
  ORDER.hubRegister,
  ORDER.hubRetrieve,
  ORDER.createContract,
  ORDER.createInitialState,
  ORDER.createEcho,
  ORDER.createSellerAttributes,
  ORDER.retrieveContract,
  ORDER.retrieveSameId,
  ORDER.history,
  ORDER.itemDates,
  ORDER.completion,
  ORDER.productId,
  ORDER.notificationPerChange,
  ORDER.itemEventIds,
  ORDER.hubDelivered,
  ORDER.hubContract,
  ORDER.hubIds,
  INVENTORY.afterOrder,
  INVENTORY.retrieveContract,
  INVENTORY.history,
  INVENTORY.contacts,
];

/** State-dependent date rules of one order item (MEF 123 R27–R29, R46–R49). */
export function itemDateProblems(item: Json): string[] {
  const p: string[] = [];
  const s = item.state;
  if (s === 'inProgress' && !item.expectedCompletionDate)
    p.push(`item ${item.id} is inProgress without expectedCompletionDate (R28, R46)`);
  if ((s === 'cancelled' || s === 'failed') && item.expectedCompletionDate)
    p.push(`item ${item.id} is ${s} with an expectedCompletionDate (R27, R47)`);
  if (s === 'completed' && !item.completionDate) p.push(`item ${item.id} is completed without completionDate (R48)`);
  if (s !== 'completed' && item.completionDate) p.push(`item ${item.id} is ${s} with a completionDate (R29, R49)`);
  return p;
}

/**
 * Checks an order the Seller is (or was) working on, from the polls the scenario made: the id never changes, each
 * item's dates fit its state, add items name their product, the recorded history of the order and of every item
 * is a direct lifecycle path holding every state seen.
 */
export function judgeOrderPolls(
  ctx: ScenarioContext<SonataSellerProfile>,
  id: string,
  polls: readonly Exchange[],
): Json {
  const last = need(bodyOf(polls[polls.length - 1]), `order ${id}`, ctx);
  ctx.checkContract(ORDER.retrieveContract.id, polls[polls.length - 1]);
  const sameId = polls.every((ex) => bodyOf(ex)?.id === id);
  ctx.assert(ORDER.retrieveSameId.id, sameId, {
    message: sameId ? `every GET of ${id} returned that id` : `a GET of ${id} returned another id`,
    expected: id,
    found: polls.map((ex) => bodyOf(ex)?.id),
    exchanges: [polls[0], polls[polls.length - 1]],
  });
  const judged = new Set<string>();
  for (const ex of polls) {
    for (const item of asArray<Json>(bodyOf(ex)?.productOrderItem)) {
      const key = `${item.id}/${item.state}`;
      if (judged.has(key)) continue;
      judged.add(key);
      const problems = itemDateProblems(item);
      ctx.assert(ORDER.itemDates.id, problems.length === 0, {
        message: problems.length
          ? problems.join('; ')
          : `item ${item.id} in ${item.state} has the dates that state requires`,
        found: {
          state: item.state,
          expectedCompletionDate: item.expectedCompletionDate,
          completionDate: item.completionDate,
        },
        exchanges: [ex],
      });
      if (item.action === 'add' && ['inProgress', 'completed'].includes(item.state)) {
        const ok = typeof item.product?.id === 'string';
        ctx.assert(ORDER.productId.id, ok, {
          message: ok
            ? `item ${item.id} (${item.state}) names its product ${item.product.id}`
            : `item ${item.id} is ${item.state} but names no product.id`,
          exchanges: [ex],
        });
      }
    }
  }
  const seen = statesSeen(polls);
  checkRecordedHistory(
    ctx,
    ORDER.history,
    getStateMachine('sonata.productOrder'),
    historyOf(last),
    seen.order,
    [polls[polls.length - 1]],
    `order ${id}`,
  );
  for (const item of asArray<Json>(last.productOrderItem)) {
    checkRecordedHistory(
      ctx,
      ORDER.history,
      getStateMachine('sonata.productOrderItem'),
      historyOf(item),
      seen.items.get(item.id) ?? [],
      [polls[polls.length - 1]],
      `order ${id} item ${item.id}`,
    );
  }
  return last;
}

/** The 201 of a new order: contract, acknowledged throughout, echo, and the Seller's own attributes. */
export function judgeCreatedOrder(
  ctx: ScenarioContext<SonataSellerProfile>,
  sent: Json,
  ex: Exchange,
  body: Json,
): void {
  const items = asArray<Json>(body.productOrderItem);
  const ack = body.state === 'acknowledged' && items.length > 0 && items.every((i) => i.state === 'acknowledged');
  ctx.assert(ORDER.createInitialState.id, ack, {
    message: ack
      ? 'the order and every item are acknowledged'
      : `the new order is ${body.state}, items ${items.map((i) => `${i.id}:${i.state}`).join(', ')}`,
    expected: 'acknowledged',
    found: { state: body.state, items: items.map((i) => i.state) },
    exchanges: [ex],
  });
  checkEcho(ctx, ORDER.createEcho, sent, body, 'the 201 of POST /productOrder', ex);
  const missing = [
    typeof body.id === 'string' ? '' : 'id',
    typeof body.state === 'string' ? '' : 'state',
    body.orderDate ? '' : 'orderDate',
    asArray<Json>(body.relatedContactInformation).some((c) => c.role === 'sellerContact') ? '' : 'a sellerContact',
  ].filter(Boolean);
  ctx.assert(ORDER.createSellerAttributes.id, missing.length === 0, {
    message: missing.length
      ? `the response lacks ${missing.join(', ')}`
      : 'the response has id, state, orderDate and a sellerContact',
    exchanges: [ex],
  });
}

/** Order events about `id`: delivered, conforming, with the request's ids, one per state change, item ids right. */
export async function judgeOrderEvents(
  ctx: ScenarioContext<SonataSellerProfile>,
  order: Json,
  since = 0,
): Promise<void> {
  const id = order.id as string;
  const changes = Math.max(0, historyOf(order).length - 1);
  const first = await awaitNotification(
    ctx,
    (n) => n.record.entityId === id && n.record.eventType === ORDER_EVENT,
    `${ORDER_EVENT} for order ${id}`,
  );
  ctx.check(ORDER.hubDelivered.id, 'pass', {
    message: `${ORDER_EVENT} for ${id} arrived at ${first.record.path}`,
    notifications: [first],
  });
  // Wait for the rest: one event per change after the 201 (bounded, then counted).
  if (changes > 1) {
    await awaitNotification(
      ctx,
      () => notificationsAbout(ctx, id, [ORDER_EVENT]).length >= changes,
      `${changes} ${ORDER_EVENT}s for order ${id}`,
    ).catch(() => undefined);
  }
  await quietPeriod(ctx);
  const orderEvents = notificationsAbout(ctx, id, [ORDER_EVENT]);
  ctx.assert(ORDER.notificationPerChange.id, orderEvents.length === changes, {
    message:
      orderEvents.length === changes
        ? `${changes} state change(s) after the 201, ${changes} ${ORDER_EVENT}(s)`
        : `${orderEvents.length} ${ORDER_EVENT}(s) for ${changes} state change(s) after the 201 (${historyOf(order).join(' → ')})`,
    expected: changes,
    found: orderEvents.length,
    notifications: orderEvents,
  });
  const all = notificationsAbout(ctx, id);
  for (const n of [...all, ...unattributed(ctx, NOTIFICATION_API.order, since)])
    ctx.checkNotification(ORDER.hubContract.id, n);
  checkIdsEchoed(ctx, ORDER.hubIds, first);
  const itemIds = new Set(asArray<Json>(order.productOrderItem).map((i) => i.id));
  const itemEvents = all.filter(
    (n) => n.record.eventType === ITEM_EVENT || n.record.eventType === 'productOrderItemExpectedCompletionDateSet',
  );
  if (!itemEvents.length) {
    ctx.check(ORDER.itemEventIds.id, 'error', {
      message: `no item event arrived for order ${id} although its items changed state`,
    });
    return;
  }
  for (const n of itemEvents) {
    const itemId = (n.json as Json | undefined)?.event?.orderItemId;
    ctx.assert(ORDER.itemEventIds.id, itemIds.has(itemId), {
      message: itemIds.has(itemId)
        ? `${n.record.eventType} names item ${itemId}`
        : `${n.record.eventType} names orderItemId ${JSON.stringify(itemId)}, not an item of ${id}`,
      notifications: [n],
    });
  }
}

/** After an add order completed: its products are listed by productOrderId, active, with history and contacts. */
export async function judgeInventory(ctx: ScenarioContext<SonataSellerProfile>, order: Json): Promise<void> {
  const ids = productIdsOf(order);
  const ex = await ctx.send({ api: API.inventory, operationId: 'listProduct', query: { productOrderId: order.id } });
  const listed = listOf(ex) ?? [];
  const missing = ids.filter((p) => !listed.some((x) => x.id === p));
  const notActive = listed.filter((x) => ids.includes(x.id) && x.status !== 'active').map((x) => `${x.id}:${x.status}`);
  ctx.assert(
    INVENTORY.afterOrder.id,
    ex.status === 200 && ids.length > 0 && missing.length === 0 && notActive.length === 0,
    {
      message:
        ex.status !== 200
          ? `GET /product?productOrderId answered ${ex.status}`
          : missing.length
            ? `the inventory does not list ${missing.join(', ')} for order ${order.id}`
            : notActive.length
              ? `products not active after the order completed: ${notActive.join(', ')}`
              : `${ids.length} product(s) of order ${order.id}, all active`,
      expected: ids,
      found: listed.map((x) => ({ id: x.id, status: x.status })),
      exchanges: [ex],
    },
  );
  for (const pid of ids) {
    const got = await ctx.call(INVENTORY.retrieveContract.id, {
      api: API.inventory,
      operationId: 'retrieveProduct',
      pathParams: { id: pid },
    });
    const p = bodyOf(got);
    if (!p) continue;
    ctx.assertHistory(
      INVENTORY.history.id,
      getStateMachine('sonata.product'),
      historyOf(p, { list: 'statusChange', key: 'status', current: 'status' }),
      { strict: true },
      { exchanges: [got] },
    );
    const roles = new Set(asArray<Json>(p.relatedContactInformation).map((c) => c.role));
    const want = [
      'buyerAssuranceTechnicalContact',
      'buyerCommercialContact',
      'buyerSlaManagementContact',
      'sellerAssuranceTechnicalContact',
      'sellerCommercialContact',
      'sellerSlaManagementContact',
    ];
    const lacking = want.filter((r) => !roles.has(r));
    ctx.assert(INVENTORY.contacts.id, lacking.length === 0, {
      message: lacking.length
        ? `product ${pid} lacks contact roles ${lacking.join(', ')}`
        : `product ${pid} has the six assurance, commercial and SLA contacts`,
      expected: want,
      found: [...roles],
      exchanges: [got],
    });
  }
}

/**
 * Places `body`, follows it to a final state and judges everything on the way (S1–S3 share this): hub, 201,
 * polls, history, events, inventory.
 */
async function lifecycle(ctx: ScenarioContext<SonataSellerProfile>, body: Json): Promise<void> {
  await ctx.step('register a hub for every order event', async () => {
    const ex = await registerHub(ctx, ORDER.hubRegister.id, API.order);
    if (!ctx.expectStatus(ORDER.hubRegister.id, ex, [201])) ctx.abort('the hub registration was not accepted');
    const hub = bodyOf(ex)!;
    ctx.assert(ORDER.hubRegister.id, hub.callback === ctx.listener.callbackUrl() && typeof hub.id === 'string', {
      message: 'the registration names its id and the callback sent',
      expected: ctx.listener.callbackUrl(),
      found: hub.callback,
      exchanges: [ex],
    });
    const back = await ctx.call(ORDER.hubRetrieve.id, {
      api: API.order,
      operationId: 'retrieveHub',
      pathParams: { id: hub.id },
    });
    if (ctx.expectStatus(ORDER.hubRetrieve.id, back, [200]))
      ctx.assert(ORDER.hubRetrieve.id, bodyOf(back)?.id === hub.id && bodyOf(back)?.callback === hub.callback, {
        message: 'GET /hub/{id} returns the registration',
        exchanges: [back],
      });
  });
  const since = ctx.listener.notifications().length;
  const created = await ctx.step('place the order', async () => {
    const { ex, body: got } = await create(ctx, ORDER.createContract, {
      api: API.order,
      operationId: 'createProductOrder',
      body,
    });
    const order = need(got, 'the created order', ctx);
    judgeCreatedOrder(ctx, body, ex, order);
    return order;
  });
  const id = created.id as string;
  const final = await ctx.step('follow the order to a final state', async () => {
    const polled = await driveOrder(ctx, id);
    const last = judgeOrderPolls(ctx, id, polled.all);
    checkEcho(ctx, ORDER.createEcho, body, last, `GET /productOrder/${id}`, polled.last);
    const done = last.state === 'completed';
    ctx.assert(ORDER.completion.id, done && !!last.completionDate, {
      message: done
        ? last.completionDate
          ? 'the completed order has a completionDate'
          : 'the completed order has no completionDate'
        : `the order ended ${last.state}, not completed`,
      exchanges: [polled.last],
    });
    return last;
  });
  await ctx.step('check the order events', () => judgeOrderEvents(ctx, final, since));
  await ctx.step('check the inventory the order created', () => judgeInventory(ctx, final));
}

export const eplLifecycle = scenario({
  id: 'sonata.order.epl-lifecycle',
  title:
    'S1: order an EPL with its two UNIs, follow it to completed with notifications, find the products in inventory',
  api: API.order,
  rules: LIFECYCLE_RULES,
  run: (ctx) => lifecycle(ctx, eplOrderBody(ctx, externalId(ctx, 'S1'))),
});

export const accessElineLifecycle = scenario({
  id: 'sonata.order.access-eline-lifecycle',
  title: 'S2: order an Access E-Line and its Operator UNI, tied to an ENNI in inventory (ENNI_REFERENCE)',
  api: API.order,
  rules: LIFECYCLE_RULES,
  async run(ctx) {
    const enni = await ctx.step('find an ENNI in the inventory', async () => {
      const ex = await ctx.send({
        api: API.inventory,
        operationId: 'listProduct',
        query: {
          productSpecificationId: 'urn:mef:lso:spec:sonata:carrier-ethernet-enni-sp-so:v5.0.0:inventory',
          status: 'active',
        },
      });
      const id = listOf(ex)?.[0]?.id;
      if (typeof id !== 'string')
        ctx.abort(
          'the Buyer has no active ENNI (carrier-ethernet-enni-sp-so) in the inventory, so an Access E-Line cannot be ordered',
        );
      return id as string;
    });
    const body = productOrder(
      [
        addItem({ id: '1', product: PRODUCTS.operatorUni }),
        {
          ...addItem({
            id: '2',
            product: PRODUCTS.accessEline,
            relatedTo: [{ id: '1', relationshipType: 'UNI_REFERENCE' }],
          }),
        },
      ],
      externalId(ctx, 'S2'),
    );
    body.productOrderItem[1].product.productRelationship = [{ id: enni, relationshipType: 'ENNI_REFERENCE' }];
    await lifecycle(ctx, body);
  },
});

export const internetAccessLifecycle = scenario({
  id: 'sonata.order.internet-access-lifecycle',
  title: 'S3: order a Basic Internet Access and follow it to completed',
  api: API.order,
  rules: LIFECYCLE_RULES,
  run: (ctx) => lifecycle(ctx, simpleOrderBody(externalId(ctx, 'S3'), PRODUCTS.internetAccess)),
});
