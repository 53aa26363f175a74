import { fire, getStateMachine } from '../../../specs/state-machines';
import { applyFilters, page, type FilterTable } from '../../../runtime/server/listing';
import { listProjector, selectFields } from '../../../runtime/server/projection';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { SellerContext } from '../context';
import { entityReply, hrefOf, load, move, nowIso, save, visible } from '../../../runtime/actor/lifecycle';
import { asArray, sellerContact } from './common';

const API = 'sonata.productInventory';

const FILTERS: FilterTable = {
  productSpecificationId: 'productSpecification.id',
  productOfferingId: 'productOffering.id',
  geographicalSiteId: 'relatedSite.id',
  relatedProductId: 'productRelationship.id',
  billingAccountId: 'billingAccount.id',
  productOrderId: 'productOrderItem.productOrderId',
};

export function inventoryHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  return {
    listProduct: (req) => {
      const items = applyFilters(
        visible(ctx, 'product', req.tenant).map((r) => r.data),
        req.query,
        FILTERS,
      );
      const reply = page(items, req.query);
      return { ...reply, body: (reply.body as Json[]).map(listProjector(ctx.contracts, API, 'listProduct')) };
    },
    retrieveProduct: (req) => {
      const p = load(ctx, 'product', req.params.id, req.tenant);
      return req.query.fields === undefined
        ? entityReply(ctx, p)
        : { status: 200, body: selectFields(p.data, req.query.fields, ['id', 'href', 'status', 'startDate']) };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// How orders move the inventory (MEF 116 §6.2 Table 4, mef-contracts §3.10)

function orderItemRef(ctx: SellerContext, order: EntityRecord, item: Json): Json {
  return {
    productOrderId: order.id,
    productOrderItemId: item.id,
    productOrderHref: hrefOf(ctx, 'productOrder', order.id),
  };
}

function touchProduct(ctx: SellerContext, p: EntityRecord): void {
  p.data.lastUpdateDate = nowIso(ctx);
  save(ctx, p);
}

/** An `add` item was validated: its product exists from now on, `pendingActive`, and the item names it (Order R61). */
const CONTACT_KINDS = ['AssuranceTechnicalContact', 'CommercialContact', 'SlaManagementContact'];

/**
 * MEF 116 R14: a product carries the Buyer's and the Seller's assurance-technical, commercial and SLA-management
 * contacts. The Buyer's are taken from the people it named on the order (the item's technical contact first).
 */
function productContacts(order: EntityRecord, item: Json): Json[] {
  const named = [
    ...asArray<Json>(item.relatedContactInformation),
    ...asArray<Json>(order.data.relatedContactInformation),
  ];
  const buyer =
    named.find((c) => c.role === 'buyerTechnicalContact') ??
    named.find((c) => c.role === 'productOrderContact') ??
    named[0];
  const { role: _r, ...person } = buyer ?? sellerContact('buyer');
  return CONTACT_KINDS.flatMap((k) => [{ ...person, role: `buyer${k}` }, sellerContact(`seller${k}`)]);
}

export function createPendingProduct(ctx: SellerContext, order: EntityRecord, item: Json): EntityRecord {
  const id = ctx.ids.next('product');
  const now = nowIso(ctx);
  const product = item.product ?? {};
  const config = product.productConfiguration as Json | undefined;
  const created = fire(getStateMachine('sonata.product'), null, 'createPending');
  if (!created.ok) throw new Error(created.reason);
  const sites = asArray<Json>(product.place)
    .filter((p) => p['@type'] === 'GeographicSiteRef')
    .map((p) => ({ id: p.id, role: p.role }));
  const data: Json = {
    id,
    href: hrefOf(ctx, 'product', id),
    status: created.to,
    startDate: now,
    lastUpdateDate: now,
    ...(product.productOffering ? { productOffering: product.productOffering } : {}),
    ...(config?.['@type'] ? { productSpecification: { id: config['@type'] } } : {}),
    ...(config ? { productConfiguration: config } : {}),
    ...(sites.length ? { relatedSite: sites } : {}),
    ...(product.productRelationship
      ? {
          productRelationship: product.productRelationship.map((r: Json) => ({
            id: r.id,
            relationshipType: r.relationshipType,
          })),
        }
      : {}),
    ...(item.billingAccount ? { billingAccount: { id: item.billingAccount.id } } : {}),
    ...(item.requestedItemTerm ? { productTerm: [item.requestedItemTerm] } : {}),
    relatedContactInformation: productContacts(order, item),
    productOrderItem: [orderItemRef(ctx, order, item)],
    statusChange: [{ status: created.to, changeDate: now, changeReason: `product order ${order.id} item ${item.id}` }],
  };
  // The places of the add, which the product shows only as sites: a modify must keep them (MEF 123 §5.5).
  const meta: Json = { tenant: order.meta.tenant, ...(product.place ? { places: product.place } : {}) };
  const rec: EntityRecord = { kind: 'product', id, owner: order.owner, data, meta };
  save(ctx, rec);
  return rec;
}

/**
 * Links the products of items that relate to each other (`productOrderItemRelationship`, e.g. an EPL connecting
 * to the UNIs of the same order), once every item has its product.
 */
export function linkOrderProducts(ctx: SellerContext, order: EntityRecord): void {
  const items = order.data.productOrderItem as Json[];
  for (const item of items) {
    const productId = item.product?.id;
    const rels = asArray<Json>(item.productOrderItemRelationship);
    if (!productId || rels.length === 0) continue;
    const p = ctx.store.get('product', productId);
    if (!p || item.action !== 'add') continue;
    const links = rels
      .map((r) => ({ r, target: items.find((i) => i.id === r.id)?.product?.id as string | undefined }))
      .filter((x) => x.target)
      .map((x) => ({ id: x.target, relationshipType: x.r.relationshipType, href: hrefOf(ctx, 'product', x.target!) }));
    p.data.productRelationship = [...asArray<Json>(p.data.productRelationship), ...links];
    touchProduct(ctx, p);
  }
}

/** A `modify` or `delete` item starts: the product shows the pending change (`active.pendingChange`, `pendingTerminate`). */
export function startChange(ctx: SellerContext, order: EntityRecord, item: Json): void {
  const p = ctx.store.get('product', item.product?.id);
  if (!p) return;
  move(ctx, p, item.action === 'delete' ? 'terminateRequested' : 'changeRequested', {
    reason: `product order ${order.id} item ${item.id}`,
  });
  p.data.productOrderItem = [...asArray<Json>(p.data.productOrderItem), orderItemRef(ctx, order, item)];
  touchProduct(ctx, p);
}

/** The item reached an end: the product follows (activated, changed, terminated, or back as it was). */
export function finishChange(
  ctx: SellerContext,
  order: EntityRecord,
  item: Json,
  result: 'completed' | 'failed' | 'cancelled',
): void {
  const p = ctx.store.get('product', item.product?.id);
  if (!p) return;
  const reason = `product order ${order.id} item ${item.id} ${result}`;
  const ok = result === 'completed';
  const status = p.data.status as string;
  if (item.action === 'add') {
    if (status !== 'pendingActive') return;
    move(ctx, p, ok ? 'activate' : 'cancel', { reason });
    if (ok) p.data.startDate = nowIso(ctx);
  } else if (item.action === 'modify') {
    if (status !== 'active.pendingChange') return;
    if (ok && item.product?.productConfiguration) {
      p.data.productConfiguration = item.product.productConfiguration;
      p.data.productSpecification = { id: item.product.productConfiguration['@type'] };
    }
    if (ok && item.product?.productOffering) p.data.productOffering = item.product.productOffering;
    move(ctx, p, 'changeFinished', { reason });
  } else if (item.action === 'delete') {
    if (status !== 'pendingTerminate') return;
    move(ctx, p, ok ? 'terminate' : 'terminationAborted', { reason });
    if (ok) p.data.terminationDate = nowIso(ctx);
  }
  touchProduct(ctx, p);
}
