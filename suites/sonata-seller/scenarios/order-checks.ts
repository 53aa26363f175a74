import { getStateMachine } from '../../../specs/state-machines/index';
import { ORDER, QUOTE } from '../rules/index';
import { API } from '../support/apis';
import {
  asArray,
  bodyOf,
  checkRecordedHistory,
  checkUnknownId,
  expect422,
  expectError,
  historyOf,
  type Json,
} from '../support/checks';
import { checkList, type ListSpec } from '../support/list';
import { addItem, deleteItem, modifyItem, poq, productOrder, quote } from '../../sonata/payloads';
import { URN } from '../../sonata/products';
import { requireControl } from '../support/seller';
import { awaitNotification, notificationsAbout, pollUntil, quietPeriod } from '../support/wait';
import { checkUnknownProductChange } from '../support/unknown-product';
import { scenario } from './define';
import {
  completedOrder,
  driveOrder,
  externalId,
  getOrder,
  mainProduct,
  placeOrder,
  simpleOrderBody,
  statesSeen,
} from './flows';
import { registerHub, unregisterHub } from '../support/hubs';

const ORDER_FINAL = getStateMachine('sonata.productOrder').terminal;
const create = (body: unknown) => ({ api: API.order, operationId: 'createProductOrder', body, negative: true });

export const orderInvalidPayloads = scenario({
  id: 'sonata.order.invalid-payloads',
  title: 'Orders the Seller must refuse: 422 with a propertyPath at the offending attribute',
  api: API.order,
  rules: [ORDER.invalidPayload, ORDER.invalidProduct, ORDER.unknownProduct, ORDER.retrieveUnknown, ORDER.patchUnknown],
  async run(ctx) {
    const fresh = () => simpleOrderBody(externalId(ctx, 'neg'));
    await ctx.step('an order without a productOrderContact (R13)', async () => {
      const b = fresh();
      b.relatedContactInformation = b.relatedContactInformation.map((c: Json) => ({ ...c, role: 'someOtherContact' }));
      expect422(
        ctx,
        ORDER.invalidPayload,
        await ctx.send(create(b)),
        ['/relatedContactInformation'],
        'no productOrderContact',
      );
    });
    await ctx.step('an add item without productConfiguration (R30)', async () => {
      const b = fresh();
      delete b.productOrderItem[0].product.productConfiguration;
      expect422(
        ctx,
        ORDER.invalidPayload,
        await ctx.send(create(b)),
        ['/productOrderItem/0/product/productConfiguration'],
        'add item without productConfiguration',
      );
    });
    await ctx.step('an add item that names a product.id (R36)', async () => {
      const b = fresh();
      b.productOrderItem[0].product.id = 'PRODUCT-CHOSEN-BY-BUYER';
      expect422(
        ctx,
        ORDER.invalidPayload,
        await ctx.send(create(b)),
        ['/productOrderItem/0/product/id'],
        'add item with product.id',
      );
    });
    await ctx.step('a delete item that carries a productConfiguration (R44)', async () => {
      const b = fresh();
      const item = deleteItem('ANY-PRODUCT');
      item.product.productConfiguration = b.productOrderItem[0].product.productConfiguration;
      b.productOrderItem = [item];
      expect422(
        ctx,
        ORDER.invalidPayload,
        await ctx.send(create(b)),
        ['/productOrderItem/0/product/productConfiguration', '/productOrderItem/0/product/id'],
        'delete item with productConfiguration',
      );
    });
    await ctx.step('a productConfiguration whose @type no product schema has (R8)', async () => {
      const b = fresh();
      b.productOrderItem[0].product.productConfiguration['@type'] =
        'urn:mef:lso:spec:cantata-sonata:no-such-product:v1.0.0:all';
      expect422(
        ctx,
        ORDER.invalidProduct,
        await ctx.send(create(b)),
        ['/productOrderItem/0/product/productConfiguration/@type'],
        'unknown @type',
      );
    });
    await ctx.step('a productConfiguration that breaks its schema (R9)', async () => {
      const b = fresh();
      b.productOrderItem[0].product.productConfiguration = { '@type': URN.epl, maximumFrameSize: 'very large' };
      expect422(
        ctx,
        ORDER.invalidProduct,
        await ctx.send(create(b)),
        ['/productOrderItem/0/product/productConfiguration/maximumFrameSize'],
        'EPL configuration with a string maximumFrameSize',
      );
    });
    await ctx.step('a modify item that names a product the Buyer does not have (R39)', async () => {
      const main = mainProduct(ctx);
      await checkUnknownProductChange(ctx, ORDER.unknownProduct, {
        create: {
          api: API.order,
          operationId: 'createProductOrder',
          body: productOrder(
            [modifyItem('set-by-the-check', main.configuration(), main.offeringId)],
            externalId(ctx, 'neg'),
          ),
        },
        items: 'productOrderItem',
        get: (id) => getOrder(id),
        settled: (b) => ORDER_FINAL.includes(b.state),
        found: ['completed'],
        what: 'an order to modify a product the Buyer does not have',
      });
    });
    await ctx.step('an unknown order id', async () => {
      await checkUnknownId(ctx, ORDER.retrieveUnknown, { api: API.order, operationId: 'retrieveProductOrder' });
      await checkUnknownId(ctx, ORDER.patchUnknown, {
        api: API.order,
        operationId: 'patchProductOrder',
        body: { externalId: 'X' },
      });
    });
  },
});

export const orderPatch = scenario({
  id: 'sonata.order.patch',
  title: 'Update an order (externalId, a Buyer note); changing a note already there is refused',
  api: API.order,
  rules: [ORDER.patch, ORDER.patchNotes],
  async run(ctx) {
    const order = await placeOrder(ctx, simpleOrderBody(externalId(ctx, 'patch')));
    const note = {
      id: 'buyer-note-1',
      author: 'Jane Buyer',
      date: new Date().toISOString(),
      source: 'buyer',
      text: 'Site access needs a badge.',
    };
    const patched = await ctx.step('PATCH externalId and a Buyer note', async () => {
      const ex = await ctx.call(ORDER.patch.id, {
        api: API.order,
        operationId: 'patchProductOrder',
        pathParams: { id: order.id },
        body: { externalId: 'LSO-PATCHED', note: [note] },
      });
      if (!ctx.expectStatus(ORDER.patch.id, ex, [200])) ctx.abort('the PATCH was not accepted');
      const o = bodyOf(ex)!;
      ctx.assert(
        ORDER.patch.id,
        o.id === order.id && o.externalId === 'LSO-PATCHED' && Array.isArray(o.productOrderItem),
        {
          message: 'the whole order comes back with the new externalId',
          found: { id: o.id, externalId: o.externalId },
          exchanges: [ex],
        },
      );
      const kept = asArray<Json>(o.note).find((n) => n.id === note.id);
      ctx.assert(ORDER.patchNotes.id, !!kept && kept.source === 'buyer' && kept.text === note.text, {
        message: kept ? 'the Buyer note is kept, source buyer' : 'the Buyer note is not on the order',
        found: o.note,
        exchanges: [ex],
      });
      return o;
    });
    await ctx.step('PATCH that rewrites the note already there', async () => {
      const notes = asArray<Json>(patched.note).map((n) => (n.id === note.id ? { ...n, text: 'rewritten' } : n));
      const ex = await ctx.send({
        api: API.order,
        operationId: 'patchProductOrder',
        pathParams: { id: order.id },
        body: { note: notes },
        negative: true,
      });
      expectError(ctx, ORDER.patchNotes, ex, [400, 409]);
      const after = await ctx.send(getOrder(order.id));
      const still = asArray<Json>(bodyOf(after)?.note).find((n) => n.id === note.id);
      ctx.assert(ORDER.patchNotes.id, still?.text === note.text, {
        message: still?.text === note.text ? 'the note is unchanged' : 'the note was changed',
        found: still,
        exchanges: [after],
      });
    });
  },
});

const ORDER_LIST: ListSpec = {
  api: API.order,
  list: 'listProductOrder',
  retrieve: 'retrieveProductOrder',
  filters: {
    state: 'state',
    externalId: 'externalId',
    projectId: 'projectId',
    'orderDate.gt': 'orderDate',
    'orderDate.lt': 'orderDate',
    'completionDate.gt': 'completionDate',
    'completionDate.lt': 'completionDate',
    'itemRequestedCompletionDate.gt': 'productOrderItem.requestedCompletionDate',
    'itemRequestedCompletionDate.lt': 'productOrderItem.requestedCompletionDate',
    'itemExpectedCompletionDate.gt': 'productOrderItem.expectedCompletionDate',
    'itemExpectedCompletionDate.lt': 'productOrderItem.expectedCompletionDate',
    'cancellationDate.gt': 'cancellationDate',
    'cancellationDate.lt': 'cancellationDate',
  },
  impossible: { externalId: 'LSO-NO-SUCH-ORDER-0f1e2d' },
  paginated: true,
  rules: {
    contract: ORDER.listContract,
    pagination: ORDER.listPagination,
    filters: ORDER.listFilters,
    empty: ORDER.listEmpty,
  },
};

export const orderList = scenario({
  id: 'sonata.order.list',
  title: 'List orders: paging, every documented filter, an empty result',
  api: API.order,
  rules: [ORDER.listContract, ORDER.listPagination, ORDER.listFilters, ORDER.listEmpty],
  async run(ctx) {
    const known = await ctx.step('make two orders: one completed, one in progress', async () => {
      const done = await completedOrder(ctx, simpleOrderBody(externalId(ctx, 'list'), undefined, 25));
      const open = await placeOrder(ctx, simpleOrderBody(externalId(ctx, 'list'), undefined, 40));
      const polled = await driveOrder(ctx, open.id, ['inProgress', 'completed']);
      return [done, bodyOf(polled.last)!];
    });
    await ctx.step('check the list', () => checkList(ctx, ORDER_LIST, known));
  },
});

/** S11 for orders: an eventType-filtered hub, its retrieval and removal, and silence afterwards. */
export const orderHubSemantics = scenario({
  id: 'sonata.order.hub-semantics',
  title: 'S11: a hub for productOrderStateChangeEvent only gets those; after DELETE /hub nothing arrives',
  api: API.order,
  rules: [
    ORDER.hubRegister,
    ORDER.hubRetrieve,
    ORDER.hubUnregister,
    ORDER.hubFilter,
    ORDER.hubSilent,
    ORDER.hubDelivered,
  ],
  async run(ctx) {
    const EVENT = 'productOrderStateChangeEvent';
    const hubId = await ctx.step('register a hub for productOrderStateChangeEvent only', async () => {
      const ex = await registerHub(ctx, ORDER.hubRegister.id, API.order, `eventType=${EVENT}`);
      if (!ctx.expectStatus(ORDER.hubRegister.id, ex, [201])) ctx.abort('the hub registration was not accepted');
      const hub = bodyOf(ex)!;
      ctx.assert(ORDER.hubRegister.id, hub.query === `eventType=${EVENT}`, {
        message: 'the registration returns the query sent',
        expected: `eventType=${EVENT}`,
        found: hub.query,
        exchanges: [ex],
      });
      return hub.id as string;
    });
    const first = await ctx.step('an order runs to completion', async () => {
      const o = await placeOrder(ctx, simpleOrderBody(externalId(ctx, 'hub')));
      const polled = await driveOrder(ctx, o.id);
      const n = await awaitNotification(
        ctx,
        (x) => x.record.entityId === o.id && x.record.eventType === EVENT,
        `${EVENT} for ${o.id}`,
      );
      ctx.check(ORDER.hubDelivered.id, 'pass', { message: `${EVENT} arrived for ${o.id}`, notifications: [n] });
      return bodyOf(polled.last)!;
    });
    await ctx.step('only the registered event type arrived', async () => {
      const changes = historyOf(first).length - 1;
      await awaitNotification(
        ctx,
        () => notificationsAbout(ctx, first.id, [EVENT]).length >= changes,
        `${changes} ${EVENT}s`,
      ).catch(() => undefined);
      await quietPeriod(ctx);
      const others = notificationsAbout(ctx, first.id).filter((n) => n.record.eventType !== EVENT);
      ctx.assert(ORDER.hubFilter.id, others.length === 0, {
        message: others.length
          ? `the hub asked for ${EVENT} only, yet got ${[...new Set(others.map((n) => n.record.eventType))].join(', ')}`
          : `only ${EVENT} arrived`,
        notifications: others,
      });
    });
    await ctx.step('remove the hub; it is gone', async () => {
      const ex = await unregisterHub(ctx, ORDER.hubUnregister.id, API.order, hubId);
      ctx.expectStatus(ORDER.hubUnregister.id, ex, [204]);
      const again = await ctx.send({ api: API.order, operationId: 'retrieveHub', pathParams: { id: hubId } });
      expectError(ctx, ORDER.hubRetrieve, again, [404]);
      const del = await ctx.send({ api: API.order, operationId: 'unregisterListener', pathParams: { id: hubId } });
      expectError(ctx, ORDER.hubUnregister, del, [404]);
    });
    await ctx.step('no event arrives for an order made afterwards', async () => {
      const o = await placeOrder(ctx, simpleOrderBody(externalId(ctx, 'hub')));
      await driveOrder(ctx, o.id);
      await quietPeriod(ctx);
      const got = notificationsAbout(ctx, o.id);
      ctx.assert(ORDER.hubSilent.id, got.length === 0, {
        message: got.length
          ? `${got.length} event(s) arrived for ${o.id} after the only hub was removed`
          : `nothing arrived for ${o.id} after the hub was removed`,
        notifications: got,
      });
    });
  },
});

/** S7: business validation fails after the 201. The failure is the Seller's decision. */
export const orderRejected = scenario({
  id: 'sonata.order.rejected',
  title: 'S7: an order failing business validation ends rejected, with terminationError on the culprit',
  api: API.order,
  rules: [ORDER.rejected, ORDER.history, ORDER.notificationPerChange, ORDER.hubRegister],
  async run(ctx) {
    await requireControl(ctx);
    await registerHub(ctx, ORDER.hubRegister.id, API.order);
    const body = simpleOrderBody(externalId(ctx, 'S7'));
    body.productOrderItem.push(
      { ...structuredClone(body.productOrderItem[0]), id: '2' },
      { ...structuredClone(body.productOrderItem[0]), id: '3' },
    );
    const order = await placeOrder(ctx, body, { outcome: 'reject' });
    const polled = await driveOrder(ctx, order.id);
    const last = bodyOf(polled.last)!;
    const items = asArray<Json>(last.productOrderItem);
    const culprit = items.filter((i) => i.state === 'rejected');
    const others = items.filter((i) => i.state !== 'rejected');
    const ok =
      last.state === 'rejected' &&
      culprit.length >= 1 &&
      culprit.every((i) => asArray(i.terminationError).length > 0) &&
      others.every((i) => ['rejected.validated', 'rejected.unassessed'].includes(i.state));
    ctx.assert(ORDER.rejected.id, ok, {
      message: ok
        ? `order rejected; ${culprit.length} item(s) rejected with terminationError, the rest ${others.map((i) => i.state).join(', ')}`
        : `order ${last.state}, items ${items.map((i) => `${i.id}:${i.state}${asArray(i.terminationError).length ? '(terminationError)' : ''}`).join(', ')}`,
      exchanges: [polled.last],
    });
    const seen = statesSeen(polled.all);
    checkRecordedHistory(
      ctx,
      ORDER.history,
      getStateMachine('sonata.productOrder'),
      historyOf(last),
      seen.order,
      [polled.last],
      `order ${order.id}`,
    );
    const changes = historyOf(last).length - 1;
    await awaitNotification(
      ctx,
      () => notificationsAbout(ctx, order.id, ['productOrderStateChangeEvent']).length >= changes,
      'the rejection event',
    ).catch(() => undefined);
    await quietPeriod(ctx);
    const got = notificationsAbout(ctx, order.id, ['productOrderStateChangeEvent']);
    ctx.assert(ORDER.notificationPerChange.id, got.length === changes, {
      message: `${got.length} ${'productOrderStateChangeEvent'}(s) for ${changes} change(s) (${historyOf(last).join(' → ')})`,
      notifications: got,
    });
  },
});

/** S1 steps 3–5 (S6): qualify, quote, then order what was quoted; the quote becomes accepted. */
export const orderFromQuote = scenario({
  id: 'sonata.order.from-poq-and-quote',
  title: 'S1/S6: qualify an EPL, quote it, order it referencing both; the order completes and the quote is accepted',
  api: API.order,
  rules: [ORDER.references, QUOTE.accepted],
  async run(ctx) {
    const product = mainProduct(ctx);
    const q = await ctx.step('an immediate POQ, done.ready', async () => {
      const ex = await ctx.send({
        api: API.poq,
        operationId: 'createProductOfferingQualification',
        body: poq(product, { instant: true, externalId: externalId(ctx, 'S6') }),
      });
      const b = bodyOf(ex);
      const item = asArray<Json>(b?.productOfferingQualificationItem)[0];
      if (ex.status !== 201 || item?.state !== 'done.ready')
        ctx.abort(`the POQ did not qualify the EPL (status ${ex.status}, item ${item?.state})`);
      return { productOfferingQualificationId: String(b!.id), id: String(item.id) };
    });
    const quoted = await ctx.step('an immediate firm quote referencing the POQ item', async () => {
      const ex = await ctx.send({
        api: API.quote,
        operationId: 'createQuote',
        body: quote(product, { instant: true, level: 'firm', externalId: externalId(ctx, 'S6'), poqItem: q }),
      });
      const b = bodyOf(ex);
      if (ex.status !== 201 || !['approved.orderable', 'approved.orderableAlternate'].includes(b?.state))
        ctx.abort(`the quote was not approved (status ${ex.status}, state ${b?.state})`);
      return b!;
    });
    await ctx.step('the order referencing both', async () => {
      const body = productOrder(
        [addItem({ id: '1', product, quoteItem: { quoteId: quoted.id, id: quoted.quoteItem[0].id }, poqItem: q })],
        externalId(ctx, 'S6'),
      );
      const ex = await ctx.send({ api: API.order, operationId: 'createProductOrder', body });
      if (!ctx.expectStatus(ORDER.references.id, ex, [201])) return;
      const done = bodyOf((await driveOrder(ctx, String(bodyOf(ex)?.id))).last)!;
      ctx.assert(ORDER.references.id, done.state === 'completed', {
        message: `the order referencing POQ and quote ended ${done.state}`,
        expected: 'completed',
        exchanges: [ex],
      });
      const after = await pollUntil(
        ctx,
        { api: API.quote, operationId: 'retrieveQuote', pathParams: { id: quoted.id } },
        (b) => b.state !== quoted.state,
        `quote ${quoted.id} to leave ${quoted.state}`,
      );
      const last = bodyOf(after.last)!;
      ctx.assert(QUOTE.accepted.id, last.state === 'accepted', {
        message: `the ordered quote is ${last.state}`,
        expected: 'accepted',
        exchanges: [after.last],
      });
      ctx.assertHistory(
        QUOTE.accepted.id,
        getStateMachine('sonata.quote'),
        historyOf(last),
        { strict: true },
        { exchanges: [after.last] },
      );
    });
  },
});
