import { getStateMachine } from '../../../specs/state-machines/index';
import { INVENTORY } from '../rules/index';
import { API } from '../support/apis';
import { bodyOf, checkUnknownId, historyOf, type Json } from '../support/checks';
import { checkList, type ListSpec } from '../support/list';
import { deleteItem, modifyItem, productOrder } from '../../sonata/payloads';
import { eplConfiguration, PRODUCTS } from '../../sonata/products';
import { pollUntil } from '../support/wait';
import { scenario } from './define';
import {
  completedOrder,
  driveOrder,
  eplOrderBody,
  externalId,
  placeOrder,
  productIdsOf,
  simpleOrderBody,
} from './flows';

const getProduct = (id: string) => ({ api: API.inventory, operationId: 'retrieveProduct', pathParams: { id } });
const statusHistory = (p: Json) => historyOf(p, { list: 'statusChange', key: 'status', current: 'status' });

const PRODUCT_LIST: ListSpec = {
  api: API.inventory,
  list: 'listProduct',
  retrieve: 'retrieveProduct',
  filters: {
    status: 'status',
    productSpecificationId: 'productSpecification.id',
    productOfferingId: 'productOffering.id',
    externalId: 'externalId',
    geographicalSiteId: 'relatedSite.id',
    relatedProductId: 'productRelationship.id',
    billingAccountId: 'billingAccount.id',
    productOrderId: 'productOrderItem.productOrderId',
    'startDate.gt': 'startDate',
    'startDate.lt': 'startDate',
    'lastUpdateDate.gt': 'lastUpdateDate',
    'lastUpdateDate.lt': 'lastUpdateDate',
  },
  impossible: { productOrderId: 'LSO-NO-SUCH-ORDER-0f1e2d' },
  paginated: true,
  rules: {
    contract: INVENTORY.listContract,
    pagination: INVENTORY.listPagination,
    filters: INVENTORY.listFilters,
    empty: INVENTORY.listEmpty,
  },
};

export const inventoryList = scenario({
  id: 'sonata.inventory.list-and-retrieve',
  title: 'List the products an order created (paging, every documented filter, empty result); fields; an unknown id',
  api: API.inventory,
  rules: [
    INVENTORY.listContract,
    INVENTORY.listPagination,
    INVENTORY.listFilters,
    INVENTORY.listEmpty,
    INVENTORY.fields,
    INVENTORY.retrieveUnknown,
  ],
  async run(ctx) {
    const order = await ctx.step('an EPL order, completed', () =>
      completedOrder(ctx, eplOrderBody(ctx, externalId(ctx, 'inv'))),
    );
    const known = await ctx.step('read its products', async () => {
      const out: Json[] = [];
      for (const id of productIdsOf(order)) {
        const p = bodyOf(await ctx.send(getProduct(id)));
        if (p) out.push(p);
      }
      if (out.length < 2) ctx.abort(`order ${order.id} created ${out.length} readable product(s)`);
      return out;
    });
    await ctx.step('check the list', () => checkList(ctx, PRODUCT_LIST, known));
    await ctx.step('retrieve with fields=status', async () => {
      const ex = await ctx.call(INVENTORY.fields.id, { ...getProduct(known[0].id), query: { fields: 'status' } });
      if (ctx.expectStatus(INVENTORY.fields.id, ex, [200]))
        ctx.assert(INVENTORY.fields.id, bodyOf(ex)?.status === known[0].status, {
          message: `fields=status returns status ${bodyOf(ex)?.status}`,
          expected: known[0].status,
          exchanges: [ex],
        });
    });
    await ctx.step('an unknown product id', () =>
      checkUnknownId(ctx, INVENTORY.retrieveUnknown, { api: API.inventory, operationId: 'retrieveProduct' }),
    );
  },
});

export const inventoryChange = scenario({
  id: 'sonata.inventory.change-and-terminate',
  title:
    'S1 steps 8–9: a modify order changes an active EPL (active.pendingChange, then active, new configuration); a delete order terminates it',
  api: API.inventory,
  rules: [INVENTORY.modifyPending, INVENTORY.terminate, INVENTORY.history],
  async run(ctx) {
    const epl = await ctx.step('an active EPL', async () => {
      const order = await completedOrder(ctx, simpleOrderBody(externalId(ctx, 'inv-change'), PRODUCTS.epl));
      const id = productIdsOf(order)[0];
      if (!id) ctx.abort(`order ${order.id} names no product`);
      return id;
    });
    const changed = eplConfiguration(1600);
    await ctx.step('modify it (maximumFrameSize 1600)', async () => {
      const order = await placeOrder(
        ctx,
        productOrder([modifyItem(epl, changed, PRODUCTS.epl.offeringId)], externalId(ctx, 'inv-modify')),
      );
      const during = await driveOrder(ctx, order.id, [
        'inProgress',
        ...getStateMachine('sonata.productOrder').terminal,
      ]);
      const p1 = bodyOf(await ctx.send(getProduct(epl)));
      const done = await driveOrder(ctx, order.id);
      const final = bodyOf(done.last)!;
      const p2 = await ctx.send(getProduct(epl));
      const after = bodyOf(p2)!;
      const hist = statusHistory(after);
      const sawPending =
        (bodyOf(during.last)?.state === 'inProgress' && p1?.status === 'active.pendingChange') ||
        hist.includes('active.pendingChange');
      const ok =
        final.state === 'completed' &&
        sawPending &&
        after.status === 'active' &&
        after.productConfiguration?.maximumFrameSize === 1600;
      ctx.assert(INVENTORY.modifyPending.id, ok, {
        message:
          final.state !== 'completed'
            ? `the modify order ended ${final.state}`
            : !sawPending
              ? `the product never showed active.pendingChange (status history ${hist.join(' → ')})`
              : after.status !== 'active'
                ? `after the change the product is ${after.status}`
                : after.productConfiguration?.maximumFrameSize !== 1600
                  ? 'the product does not have the new configuration'
                  : 'active.pendingChange during the change, then active with the new configuration',
        exchanges: [p2],
      });
      ctx.assertHistory(
        INVENTORY.history.id,
        getStateMachine('sonata.product'),
        hist,
        { strict: true },
        { exchanges: [p2] },
      );
    });
    await ctx.step('disconnect it', async () => {
      const order = await placeOrder(ctx, productOrder([deleteItem(epl)], externalId(ctx, 'inv-delete')));
      await driveOrder(ctx, order.id);
      const polled = await pollUntil(
        ctx,
        getProduct(epl),
        (p) => p.status === 'terminated',
        `product ${epl} to be terminated`,
      ).catch(() => undefined);
      const ex = polled?.last ?? (await ctx.send(getProduct(epl)));
      if (ex.status === 404) {
        ctx.check(INVENTORY.terminate.id, 'pass', {
          message: `product ${epl} left the inventory after the disconnect (allowed once terminated)`,
          exchanges: [ex],
        });
        return;
      }
      const p = bodyOf(ex)!;
      const hist = statusHistory(p);
      const ok = p.status === 'terminated' && hist.includes('pendingTerminate');
      ctx.assert(INVENTORY.terminate.id, ok, {
        message: ok ? 'pendingTerminate, then terminated' : `product ${p.status}, history ${hist.join(' → ')}`,
        exchanges: [ex],
      });
      ctx.assertHistory(
        INVENTORY.history.id,
        getStateMachine('sonata.product'),
        hist,
        { strict: true },
        { exchanges: [ex] },
      );
    });
  },
});
