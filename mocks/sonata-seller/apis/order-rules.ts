import type { Problem422 } from '../../../runtime/server/errors';
import type { Json } from '../../../runtime/server/types';
import { asArray } from './common';
import { ITEM_LISTS, itemProblems, visibleRecord, type RuleEnv } from './item-rules';

/**
 * The Seller's synchronous business checks of a new order, beyond the schema (MEF 123 §6.1.9: a request that fails
 * them gets a 422 listing every problem, with no order created). One row per rule, each citing its source; the
 * checks of the items that POQs and quotes share are in item-rules.ts.
 */
export interface OrderRule {
  id: string;
  source: string;
  check: (order: Json, env: RuleEnv) => Problem422[];
}

const ITEM_CONTACT_ROLES = ['buyerProductOrderItemContact', 'buyerImplementationContact', 'buyerTechnicalContact'];
const APPROVED = ['approved.orderable', 'approved.orderableAlternate'];

const items = (o: Json): Json[] => asArray<Json>(o.productOrderItem);
const at = (i: number, rest = '') => `/productOrderItem/${i}${rest}`;

export const ORDER_RULES: readonly OrderRule[] = [
  {
    id: 'order-contact',
    source: 'MEF 123 R13',
    check: (o) =>
      asArray<Json>(o.relatedContactInformation).some((c) => c.role === 'productOrderContact')
        ? []
        : [
            {
              code: 'missingProperty',
              propertyPath: '/relatedContactInformation',
              reason: "the order needs a contact with role 'productOrderContact' (MEF 123 R13)",
            },
          ],
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
          ? [
              {
                code: 'missingProperty' as const,
                propertyPath: at(i, '/relatedContactInformation'),
                reason: `item '${it.id}' needs contacts with roles ${missing.join(', ')} (MEF 123 R14)`,
              },
            ]
          : [];
      }),
  },
  {
    id: 'quote-reference',
    source: 'MEF 123 CR6, MEF 115 §6.6 (the quote item exists and is approved)',
    check: (o, env) =>
      items(o).flatMap((it, i): Problem422[] => {
        const ref = it.quoteItem;
        if (!ref) return [];
        const q = visibleRecord(env, 'quote', ref.quoteId);
        if (!q)
          return [
            {
              code: 'referenceNotFound' as const,
              propertyPath: at(i, '/quoteItem/quoteId'),
              reason: `no quote with id '${ref.quoteId}'`,
            },
          ];
        if (!asArray<Json>(q.data.quoteItem).some((x) => x.id === ref.id))
          return [
            {
              code: 'referenceNotFound' as const,
              propertyPath: at(i, '/quoteItem/id'),
              reason: `quote '${ref.quoteId}' has no item '${ref.id}'`,
            },
          ];
        if (!APPROVED.includes(q.data.state) && q.data.state !== 'accepted') {
          return [
            {
              code: 'invalidValue' as const,
              propertyPath: at(i, '/quoteItem/quoteId'),
              reason: `quote '${ref.quoteId}' is ${q.data.state}, not approved`,
            },
          ];
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
        if (!poq)
          return [
            {
              code: 'referenceNotFound' as const,
              propertyPath: at(i, '/productOfferingQualificationItem/productOfferingQualificationId'),
              reason: `no qualification with id '${ref.productOfferingQualificationId}'`,
            },
          ];
        const item = asArray<Json>(poq.data.productOfferingQualificationItem).find((x) => x.id === ref.id);
        if (!item)
          return [
            {
              code: 'referenceNotFound' as const,
              propertyPath: at(i, '/productOfferingQualificationItem/id'),
              reason: `qualification '${ref.productOfferingQualificationId}' has no item '${ref.id}'`,
            },
          ];
        if (item.state !== 'done.ready')
          return [
            {
              code: 'invalidValue' as const,
              propertyPath: at(i, '/productOfferingQualificationItem/id'),
              reason: `qualification item '${ref.id}' is ${item.state}, not done.ready`,
            },
          ];
        return [];
      }),
  },
];

/** Every problem of a new order: the order's own rules, then those of its items that POQs and quotes share. */
export function checkOrder(order: Json, env: RuleEnv): Problem422[] {
  return [...ORDER_RULES.flatMap((r) => r.check(order, env)), ...itemProblems(order, ITEM_LISTS.productOrder, env)];
}
