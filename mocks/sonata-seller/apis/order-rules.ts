import type { Problem422 } from '../../engine/errors';
import { visibleTo } from '../../engine/partners';
import type { Json, Partner } from '../../engine/types';
import type { SellerContext } from '../context';
import { actionProblems, asArray } from './common';
import { productSpecProblems } from './product-rules';

/**
 * The Seller's synchronous business checks of a new order, beyond the schema (MEF 123 §6.1.9: a request that fails
 * them gets a 422 listing every problem, with no order created). One row per rule, each citing its source.
 */
export interface OrderRule {
  id: string;
  source: string;
  check: (order: Json, env: { ctx: SellerContext; partner: Partner }) => Problem422[];
}

const ITEM_CONTACT_ROLES = ['buyerProductOrderItemContact', 'buyerImplementationContact', 'buyerTechnicalContact'];
const APPROVED = ['approved.orderable', 'approved.orderableAlternate'];

const items = (o: Json): Json[] => asArray<Json>(o.productOrderItem);
const at = (i: number, rest = '') => `/productOrderItem/${i}${rest}`;

function visibleRecord(env: { ctx: SellerContext; partner: Partner }, kind: string, id: unknown) {
  if (typeof id !== 'string') return undefined;
  const r = env.ctx.store.get(kind, id);
  return r && visibleTo(r.owner, env.partner) ? r : undefined;
}

export const ORDER_RULES: readonly OrderRule[] = [
  {
    id: 'order-contact',
    source: 'MEF 123 R13',
    check: (o) =>
      asArray<Json>(o.relatedContactInformation).some((c) => c.role === 'productOrderContact')
        ? []
        : [{ code: 'missingProperty', propertyPath: '/relatedContactInformation', reason: "the order needs a contact with role 'productOrderContact' (MEF 123 R13)" }],
  },
  {
    id: 'item-ids-unique',
    source: 'MEF 123 §7.2.7 (item id unique within the order)',
    check: (o) =>
      items(o).flatMap((it, i) =>
        items(o).findIndex((x) => x.id === it.id) !== i ? [{ code: 'invalidValue' as const, propertyPath: at(i, '/id'), reason: `item id '${it.id}' is used twice` }] : [],
      ),
  },
  {
    id: 'item-relationships',
    source: 'MEF 123 §7.2.17 OrderItemRelationship (refers to an item of the same order)',
    check: (o) =>
      items(o).flatMap((it, i) =>
        asArray<Json>(it.productOrderItemRelationship).flatMap((r, j) =>
          items(o).some((x) => x.id === r.id && x !== it)
            ? []
            : [{ code: 'referenceNotFound' as const, propertyPath: at(i, `/productOrderItemRelationship/${j}/id`), reason: `no other item of this order has id '${r.id}'` }],
        ),
      ),
  },
  {
    id: 'item-contacts',
    source: 'MEF 123 R14 (add and modify items)',
    check: (o) =>
      items(o).flatMap((it, i): Problem422[] => {
        if (it.action === 'delete') return [];
        const roles = new Set(asArray<Json>(it.relatedContactInformation).map((c) => c.role));
        const missing = ITEM_CONTACT_ROLES.filter((r) => !roles.has(r));
        return missing.length
          ? [{ code: 'missingProperty' as const, propertyPath: at(i, '/relatedContactInformation'), reason: `item '${it.id}' needs contacts with roles ${missing.join(', ')} (MEF 123 R14)` }]
          : [];
      }),
  },
  {
    id: 'item-action',
    source: 'MEF 123 R30/R36/R43 (add names no product id; only add and modify carry a productConfiguration)',
    check: (o) => actionProblems(items(o), '/productOrderItem', { requireId: false }),
  },
  {
    id: 'existing-product',
    source: 'MEF 123 §6.1 (modify and delete name an active product of the Buyer, R40)',
    check: (o, env) =>
      items(o).flatMap((it, i): Problem422[] => {
        if (it.action === 'add') return [];
        const id = it.product?.id;
        if (typeof id !== 'string') return [{ code: 'missingProperty' as const, propertyPath: at(i, '/product/id'), reason: `a ${it.action} item names the product to change` }];
        const p = visibleRecord(env, 'product', id);
        if (!p) return [{ code: 'referenceNotFound' as const, propertyPath: at(i, '/product/id'), reason: `no product with id '${id}' in your inventory` }];
        if (p.data.status !== 'active') return [{ code: 'invalidValue' as const, propertyPath: at(i, '/product/id'), reason: `product '${id}' is ${p.data.status}, not active` }];
        return [];
      }),
  },
  {
    id: 'product-spec',
    source: 'MEF 123 R11, §5.5 (relationships and places a product specification requires, kept on modify; product-rules.ts)',
    check: (o, env) =>
      items(o).flatMap((it, i) =>
        productSpecProblems(it, at(i), {
          product: (id) => visibleRecord(env, 'product', id)?.data,
          placesOf: (id) => visibleRecord(env, 'product', id)?.meta.places,
          item: (id) => items(o).find((x) => x !== it && x.id === id),
        }),
      ),
  },
  {
    id: 'related-products',
    source: 'MEF 123 §5.5 (productRelationship refers to products in inventory, e.g. ENNI_REFERENCE)',
    check: (o, env) =>
      items(o).flatMap((it, i) =>
        asArray<Json>(it.product?.productRelationship).flatMap((r, j) =>
          visibleRecord(env, 'product', r.id)
            ? []
            : [{ code: 'referenceNotFound' as const, propertyPath: at(i, `/product/productRelationship/${j}/id`), reason: `no product with id '${r.id}' in your inventory` }],
        ),
      ),
  },
  {
    id: 'quote-reference',
    source: 'MEF 123 CR6, MEF 115 §6.6 (the quote item exists and is approved)',
    check: (o, env) =>
      items(o).flatMap((it, i): Problem422[] => {
        const ref = it.quoteItem;
        if (!ref) return [];
        const q = visibleRecord(env, 'quote', ref.quoteId);
        if (!q) return [{ code: 'referenceNotFound' as const, propertyPath: at(i, '/quoteItem/quoteId'), reason: `no quote with id '${ref.quoteId}'` }];
        if (!asArray<Json>(q.data.quoteItem).some((x) => x.id === ref.id)) return [{ code: 'referenceNotFound' as const, propertyPath: at(i, '/quoteItem/id'), reason: `quote '${ref.quoteId}' has no item '${ref.id}'` }];
        if (!APPROVED.includes(q.data.state) && q.data.state !== 'accepted') {
          return [{ code: 'invalidValue' as const, propertyPath: at(i, '/quoteItem/quoteId'), reason: `quote '${ref.quoteId}' is ${q.data.state}, not approved` }];
        }
        return [];
      }),
  },
  {
    id: 'poq-reference',
    source: 'MEF 123 CR5, MEF 87 (the qualification item exists and is done.ready)',
    check: (o, env) =>
      items(o).flatMap((it, i): Problem422[] => {
        const ref = it.productOfferingQualificationItem;
        if (!ref) return [];
        const poq = visibleRecord(env, 'productOfferingQualification', ref.productOfferingQualificationId);
        if (!poq) return [{ code: 'referenceNotFound' as const, propertyPath: at(i, '/productOfferingQualificationItem/productOfferingQualificationId'), reason: `no qualification with id '${ref.productOfferingQualificationId}'` }];
        const item = asArray<Json>(poq.data.productOfferingQualificationItem).find((x) => x.id === ref.id);
        if (!item) return [{ code: 'referenceNotFound' as const, propertyPath: at(i, '/productOfferingQualificationItem/id'), reason: `qualification '${ref.productOfferingQualificationId}' has no item '${ref.id}'` }];
        if (item.state !== 'done.ready') return [{ code: 'invalidValue' as const, propertyPath: at(i, '/productOfferingQualificationItem/id'), reason: `qualification item '${ref.id}' is ${item.state}, not done.ready` }];
        return [];
      }),
  },
];

export function checkOrder(order: Json, env: { ctx: SellerContext; partner: Partner }): Problem422[] {
  return ORDER_RULES.flatMap((r) => r.check(order, env));
}
