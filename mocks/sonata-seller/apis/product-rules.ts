import type { Problem422 } from '../../engine/errors';
import type { Json } from '../../engine/types';
import { asArray } from './common';

/**
 * MEF 123 R11 and §5.5: what a product specification requires of an order item beyond its schema. One row per
 * specification, named as in its payload URN (`urn:mef:lso:spec:<ns>:<name>:v<version>:<scope>`).
 *
 * The SDK names the Access E-Line roles two ways: MEF 123 §5.5 says `ENNI_REFERENCE` / `UNI_REFERENCE`, while the
 * MEF 106 examples, MEF W142 and MEF W160 send `CONNECTS_TO_ENNI` / `CONNECTS_TO_UNI`. Both are accepted.
 */
export interface ProductSpecRule {
  spec: string;
  source: string;
  /** On `add`: each entry needs one relationship with one of these types. */
  relationships?: Array<{ types: string[]; to: 'inventory' | 'inventoryOrItem' }>;
  /** On `add`: places with these roles. */
  places?: string[];
}

export const PRODUCT_SPEC_RULES: readonly ProductSpecRule[] = [
  {
    spec: 'access-eline-ovc',
    source: 'MEF 123 §5.5 (Access E-Line: an ENNI in inventory, a UNI in inventory or in the same order), MEF 106',
    relationships: [
      { types: ['ENNI_REFERENCE', 'CONNECTS_TO_ENNI'], to: 'inventory' },
      { types: ['UNI_REFERENCE', 'CONNECTS_TO_UNI'], to: 'inventoryOrItem' },
    ],
  },
  {
    spec: 'carrier-ethernet-operator-uni',
    source: 'MEF 123 §5.5 (operator UNI: a place of role INSTALL_LOCATION), MEF 106',
    places: ['INSTALL_LOCATION'],
  },
];

/** `urn:mef:lso:spec:sonata:access-eline-ovc:v5.0.0:all` → `access-eline-ovc`. */
export function specName(urn: unknown): string | undefined {
  if (typeof urn !== 'string') return undefined;
  const parts = urn.split(':');
  return parts.length >= 7 && parts[0] === 'urn' ? parts[parts.length - 3] : undefined;
}

const byName = new Map(PRODUCT_SPEC_RULES.map((r) => [r.spec, r]));

export function ruleFor(item: Json): ProductSpecRule | undefined {
  const name = specName(item.product?.productConfiguration?.['@type']);
  return name ? byName.get(name) : undefined;
}

/**
 * Problems of one `add` item against its specification's rules; `inInventory` says whether a product id is the
 * Buyer's. (That a modify keeps the relationships and places of the add is not checked yet: the inventory product
 * also holds the relationships the Seller derived from item relationships.)
 */
export function productSpecProblems(item: Json, at: string, env: { inInventory: (id: string) => boolean; itemIds: string[] }): Problem422[] {
  const rule = ruleFor(item);
  if (!rule || item.action !== 'add') return [];
  const rels = asArray<Json>(item.product?.productRelationship);
  const itemRels = asArray<Json>(item.productOrderItemRelationship);
  const places = asArray<Json>(item.product?.place);
  const out: Problem422[] = [];
  for (const need of rule.relationships ?? []) {
    const toProduct = rels.some((r) => need.types.includes(r.relationshipType) && env.inInventory(r.id));
    const toItem = need.to === 'inventoryOrItem' && itemRels.some((r) => need.types.includes(r.relationshipType) && env.itemIds.includes(r.id));
    if (toProduct || toItem) continue;
    const where = need.to === 'inventory' ? 'a product in your inventory' : 'a product in your inventory or another item of this order';
    out.push({ code: 'missingProperty', propertyPath: `${at}/product/productRelationship`, reason: `the ${rule.spec} product needs a relationship of type ${need.types.join(' or ')} to ${where} (${rule.source})` });
  }
  for (const role of rule.places ?? []) {
    if (!places.some((p) => p.role === role)) out.push({ code: 'missingProperty', propertyPath: `${at}/product/place`, reason: `the ${rule.spec} product needs a place of role ${role} (${rule.source})` });
  }
  return out;
}
