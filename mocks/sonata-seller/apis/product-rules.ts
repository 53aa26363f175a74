import type { Problem422 } from '../../../runtime/server/errors';
import type { Json } from '../../../runtime/server/types';
import { sameAs } from './address';
import { asArray } from './common';

/**
 * MEF 123 R11 and §5.5: what a product specification requires of an item beyond its schema, the same for the item
 * of an order and of the POQ and quote that prepare it (MEF 87 R38, MEF 115 R46). One row per specification, named
 * as in its payload URN (`urn:mef:lso:spec:<ns>:<name>:v<version>:<scope>`).
 *
 * The SDK names the Access E-Line roles two ways: MEF 123 §5.5 says `ENNI_REFERENCE` / `UNI_REFERENCE`, while the
 * MEF 106 examples, MEF W142 and MEF W160 send `CONNECTS_TO_ENNI` / `CONNECTS_TO_UNI`. Both are accepted.
 */
export interface ProductSpecRule {
  spec: string;
  source: string;
  /**
   * On `add`: each entry needs a relationship with one of these types, to a product in the Buyer's inventory or (with
   * `inventoryOrItem`) to another item of the same request, whose specification (when it names one) is one of `specs`.
   */
  relationships?: Array<{ types: string[]; to: 'inventory' | 'inventoryOrItem'; specs: string[] }>;
  /** On `add`: places with these roles. */
  places?: string[];
}

const SOURCE_55 = 'MEF 123 §5.5';

export const PRODUCT_SPEC_RULES: readonly ProductSpecRule[] = [
  {
    spec: 'access-eline-ovc',
    source: `${SOURCE_55} (Access E-Line: the operator ENNI in inventory, the operator UNI in inventory or in the same order), MEF 106`,
    relationships: [
      { types: ['ENNI_REFERENCE', 'CONNECTS_TO_ENNI'], to: 'inventory', specs: ['carrier-ethernet-enni-sp-so'] },
      { types: ['UNI_REFERENCE', 'CONNECTS_TO_UNI'], to: 'inventoryOrItem', specs: ['carrier-ethernet-operator-uni'] },
    ],
  },
  {
    spec: 'carrier-ethernet-operator-uni',
    source: `${SOURCE_55} (operator UNI: a place of role INSTALL_LOCATION), MEF 106`,
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

/** The specification a product (an item's or one in inventory) says it follows. */
export function specOf(product: Json | undefined): string | undefined {
  return specName(product?.productConfiguration?.['@type'] ?? product?.productSpecification?.id);
}

export function ruleFor(product: Json | undefined): ProductSpecRule | undefined {
  const name = specOf(product);
  return name ? byName.get(name) : undefined;
}

/** What the rules need to know about the Buyer's inventory and the rest of the request. */
export interface ProductRuleEnv {
  /** The Buyer's product with this id (its data), if it has one. */
  product(id: string): Json | undefined;
  /** The places given when the product was added (the inventory shows only sites), if the mock knows them. */
  placesOf(id: string): Json[] | undefined;
  /** The other items of the request, by id. */
  item(id: string): Json | undefined;
}

const idsOf = (rels: Json[], types: string[]) =>
  rels
    .filter((r) => types.includes(r.relationshipType))
    .map((r) => String(r.id))
    .sort();
/** A place by reference is its id; an address given inline is the same place if it is the same address. */
const samePlace = (a: Json, b: Json) =>
  a.role === b.role && (a.id !== undefined || b.id !== undefined ? a.id === b.id : sameAs(a, b));
const describePlaces = (ps: Json[]) =>
  ps
    .map((p) => `${p.role} ${p.id ?? [p.streetNr, p.streetName, p.city, p.addrLine1].filter(Boolean).join(' ')}`)
    .join('; ') || 'none';
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Problems of one item against its specification's rules. `add`: the relationships and places the specification
 * requires, to products of the right specification. `modify`: relationships and places must keep the values of the
 * `add` (MEF 123 §5.5); only those the item gives, and the mock knows, are compared. A relationship to a product
 * that does not exist is the `related-products` rule's to report, not this one's. `itemRelationships` names the
 * item's relationships to the other items of its request (`productOrderItemRelationship` in an order).
 */
export function productSpecProblems(
  item: Json,
  at: string,
  itemRelationships: string,
  env: ProductRuleEnv,
): Problem422[] {
  if (item.action === 'add') return addProblems(item, at, itemRelationships, env);
  if (item.action === 'modify') return modifyProblems(item, at, env);
  return [];
}

function addProblems(item: Json, at: string, itemRelationships: string, env: ProductRuleEnv): Problem422[] {
  const rule = ruleFor(item.product);
  if (!rule) return [];
  const rels = asArray<Json>(item.product?.productRelationship);
  const itemRels = asArray<Json>(item[itemRelationships]);
  const out: Problem422[] = [];
  for (const need of rule.relationships ?? []) {
    const typed = (rs: Json[]) =>
      rs.map((r, j) => ({ r, j })).filter(({ r }) => need.types.includes(r.relationshipType));
    const toProducts = typed(rels);
    const toItems = need.to === 'inventoryOrItem' ? typed(itemRels) : [];
    if (toProducts.length + toItems.length === 0) {
      const where =
        need.to === 'inventory'
          ? 'a product in your inventory'
          : 'a product in your inventory or another item of this request';
      out.push({
        code: 'missingProperty',
        propertyPath: `${at}/product/productRelationship`,
        reason: `the ${rule.spec} product needs a relationship of type ${need.types.join(' or ')} to ${where} (${rule.source})`,
      });
      continue;
    }
    const wrongSpec = (target: Json | undefined, path: string, what: string) => {
      const spec = specOf(target);
      if (spec && !need.specs.includes(spec))
        out.push({
          code: 'invalidValue',
          propertyPath: path,
          reason: `${what} is a ${spec} product; the ${need.types.join(' or ')} relationship of the ${rule.spec} product needs a ${need.specs.join(' or ')} product (${rule.source})`,
        });
    };
    for (const { r, j } of toProducts)
      wrongSpec(env.product(String(r.id)), `${at}/product/productRelationship/${j}/id`, `product '${r.id}'`);
    for (const { r, j } of toItems)
      wrongSpec(env.item(String(r.id))?.product, `${at}/${itemRelationships}/${j}/id`, `item '${r.id}'`);
  }
  const places = asArray<Json>(item.product?.place);
  for (const role of rule.places ?? []) {
    if (!places.some((p) => p.role === role))
      out.push({
        code: 'missingProperty',
        propertyPath: `${at}/product/place`,
        reason: `the ${rule.spec} product needs a place of role ${role} (${rule.source})`,
      });
  }
  return out;
}

function modifyProblems(item: Json, at: string, env: ProductRuleEnv): Problem422[] {
  const id = item.product?.id;
  const current = typeof id === 'string' ? env.product(id) : undefined;
  const rule = ruleFor(current) ?? ruleFor(item.product);
  if (!current || !rule) return [];
  const out: Problem422[] = [];
  const given = item.product?.productRelationship;
  if (Array.isArray(given)) {
    for (const need of rule.relationships ?? []) {
      const was = idsOf(asArray<Json>(current.productRelationship), need.types);
      const now = idsOf(given, need.types);
      // A product seeded without its relationships: the values of its add are not known here.
      if (was.length > 0 && !same(was, now)) {
        out.push({
          code: 'invalidValue',
          propertyPath: `${at}/product/productRelationship`,
          reason: `a modify keeps the ${need.types.join(' or ')} relationships of the add (${was.join(', ') || 'none'}), got ${now.join(', ') || 'none'} (${rule.source})`,
        });
      }
    }
  }
  const givenPlaces = item.product?.place;
  const placesWere = env.placesOf(id);
  const roles = rule.places ?? [];
  if (Array.isArray(givenPlaces) && placesWere && roles.length) {
    const was = placesWere.filter((p) => roles.includes(p.role));
    const now = givenPlaces.filter((p: Json) => roles.includes(p.role));
    if (was.length !== now.length || !was.every((p) => now.some((q: Json) => samePlace(p, q)))) {
      out.push({
        code: 'invalidValue',
        propertyPath: `${at}/product/place`,
        reason: `a modify keeps the ${roles.join(', ')} places of the add (${describePlaces(was)}), got ${describePlaces(now)} (${rule.source})`,
      });
    }
  }
  return out;
}
