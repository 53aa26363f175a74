import type { Problem422 } from '../../../runtime/server/errors';
import { visibleTo, type Tenant } from '../../../runtime/server/tenancy';
import type { Json } from '../../../runtime/server/types';
import type { SellerContext } from '../context';
import { asArray } from './common';
import { productSpecProblems } from './product-rules';

/**
 * The checks a Seller makes of the items of a POQ, a quote and an order alike, beyond the schema: the three guides
 * state the same item structure for `add`, `modify` and `delete` (MEF 87 §6.3.3, MEF 115 §6.2.7, MEF 123 §6.1).
 * A request that fails them gets a 422 listing every problem, and nothing is created. One row per rule.
 */
export interface ItemList {
  /** The body's list of items. */
  field: 'productOfferingQualificationItem' | 'quoteItem' | 'productOrderItem';
  /** An item's relationships to the other items of the same request. */
  relationships: 'qualificationItemRelationship' | 'quoteItemRelationship' | 'productOrderItemRelationship';
}

export const ITEM_LISTS = {
  productOfferingQualification: {
    field: 'productOfferingQualificationItem',
    relationships: 'qualificationItemRelationship',
  },
  quote: { field: 'quoteItem', relationships: 'quoteItemRelationship' },
  productOrder: { field: 'productOrderItem', relationships: 'productOrderItemRelationship' },
} as const satisfies Record<string, ItemList>;

export interface RuleEnv {
  ctx: SellerContext;
  partner: Tenant;
}

export interface ItemRule {
  id: string;
  source: string;
  check: (items: Json[], list: ItemList, env: RuleEnv) => Problem422[];
}

/** A record of the Buyer's (or the Seller's own, seeded for all), or undefined: another Buyer's does not exist here. */
export function visibleRecord(env: RuleEnv, kind: string, id: unknown) {
  if (typeof id !== 'string') return undefined;
  const r = env.ctx.store.get(kind, id);
  return r && visibleTo(r.owner, env.partner) ? r : undefined;
}

const at = (list: ItemList, i: number, rest = '') => `/${list.field}/${i}${rest}`;

export const ITEM_RULES: readonly ItemRule[] = [
  {
    id: 'item-ids-unique',
    source: 'MEF 87 §7.2, MEF 115 §7.2, MEF 123 §7.2.7 (item id unique within the request)',
    check: (items, list) =>
      items.flatMap((it, i) =>
        items.findIndex((x) => x.id === it.id) !== i
          ? [
              {
                code: 'invalidValue' as const,
                propertyPath: at(list, i, '/id'),
                reason: `item id '${it.id}' is used twice`,
              },
            ]
          : [],
      ),
  },
  {
    id: 'item-relationships',
    source:
      'MEF 87 QualificationItemRelationship, MEF 115 QuoteItemRelationship, MEF 123 §7.2.17 OrderItemRelationship (an item of the same request)',
    check: (items, list) =>
      items.flatMap((it, i) =>
        asArray<Json>(it[list.relationships]).flatMap((r, j) =>
          items.some((x) => x.id === r.id && x !== it)
            ? []
            : [
                {
                  code: 'referenceNotFound' as const,
                  propertyPath: at(list, i, `/${list.relationships}/${j}/id`),
                  reason: `no other item of this request has id '${r.id}'`,
                },
              ],
        ),
      ),
  },
  {
    id: 'item-action',
    source:
      'MEF 87 R36/R39, MEF 115 R44/R48/R49, MEF 123 R30/R36/R43 (add names no product id; only add and modify carry a productConfiguration)',
    check: (items, list) =>
      items.flatMap((it, i): Problem422[] => {
        const where = (rest: string) => at(list, i, rest);
        const hasConfig = it.product?.productConfiguration !== undefined;
        const problems: Problem422[] = [];
        if (it.action === 'add' && it.product?.id !== undefined)
          problems.push({
            code: 'unexpectedProperty',
            propertyPath: where('/product/id'),
            reason: 'an add item describes a new product and names no product id',
          });
        if (it.action === 'delete' && hasConfig)
          problems.push({
            code: 'unexpectedProperty',
            propertyPath: where('/product/productConfiguration'),
            reason: 'a delete item carries no productConfiguration',
          });
        if (it.action !== 'delete' && !hasConfig)
          problems.push({
            code: 'missingProperty',
            propertyPath: where('/product/productConfiguration'),
            reason: `an ${it.action} item needs a productConfiguration`,
          });
        return problems;
      }),
  },
  {
    id: 'existing-product',
    source: 'MEF 87 R37/R40, MEF 115 R45/R47, MEF 123 R39/R43 (modify and delete name an active product of the Buyer)',
    check: (items, list, env) =>
      items.flatMap((it, i): Problem422[] => {
        if (it.action !== 'modify' && it.action !== 'delete') return [];
        const id = it.product?.id;
        if (typeof id !== 'string')
          return [
            {
              code: 'missingProperty',
              propertyPath: at(list, i, '/product/id'),
              reason: `a ${it.action} item names the product to change`,
            },
          ];
        const p = visibleRecord(env, 'product', id);
        if (!p)
          return [
            {
              code: 'referenceNotFound',
              propertyPath: at(list, i, '/product/id'),
              reason: `no product with id '${id}' in your inventory`,
            },
          ];
        if (p.data.status !== 'active')
          return [
            {
              code: 'invalidValue',
              propertyPath: at(list, i, '/product/id'),
              reason: `product '${id}' is ${p.data.status}, not active`,
            },
          ];
        return [];
      }),
  },
  {
    id: 'product-spec',
    source:
      'MEF 123 R11, R40 and §5.5, MEF 87 R38, MEF 115 R46 (relationships and places a product specification requires, kept on modify; product-rules.ts)',
    check: (items, list, env) =>
      items.flatMap((it, i) =>
        productSpecProblems(it, at(list, i), list.relationships, {
          product: (id) => visibleRecord(env, 'product', id)?.data,
          placesOf: (id) => visibleRecord(env, 'product', id)?.meta.places,
          item: (id) => items.find((x) => x !== it && x.id === id),
        }),
      ),
  },
  {
    id: 'related-products',
    source:
      "MEF 87, MEF 115 and MEF 123 §5.5 (productRelationship refers to products in the Buyer's inventory, e.g. ENNI_REFERENCE)",
    check: (items, list, env) =>
      items.flatMap((it, i) =>
        asArray<Json>(it.product?.productRelationship).flatMap((r, j) =>
          visibleRecord(env, 'product', r.id)
            ? []
            : [
                {
                  code: 'referenceNotFound' as const,
                  propertyPath: at(list, i, `/product/productRelationship/${j}/id`),
                  reason: `no product with id '${r.id}' in your inventory`,
                },
              ],
        ),
      ),
  },
];

/** Every problem of the items of a POQ, quote or order body. */
export function itemProblems(body: Json, list: ItemList, env: RuleEnv): Problem422[] {
  const items = asArray<Json>(body[list.field]);
  return ITEM_RULES.flatMap((r) => r.check(items, list, env));
}
