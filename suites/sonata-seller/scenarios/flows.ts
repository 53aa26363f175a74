import type { Exchange } from '../../../runtime/http/checking-client';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { isTerminal, getStateMachine } from '../../../specs/state-machines/index';
import { API } from '../support/apis';
import { asArray, bodyOf, listOf, type Json } from '../support/checks';
import { addItem, productOrder } from '../../sonata/payloads';
import { PRODUCTS, type ProductKind } from '../../sonata/products';
import { outcomeHeader } from '../support/seller';
import { pollUntil, type Polled } from '../support/wait';

export const ORDER_TERMINAL = getStateMachine('sonata.productOrder').terminal;

/** The product the main lifecycle orders: the profile's first product when it names one, else an EPL. */
export function mainProduct(ctx: ScenarioContext<SonataSellerProfile>): ProductKind {
  const p = ctx.profile.products[0];
  if (!p) return PRODUCTS.epl;
  const payload = p.payload as Json;
  const configuration =
    payload && typeof payload === 'object' && typeof payload['@type'] === 'string'
      ? payload
      : (payload?.productConfiguration as Json | undefined);
  if (!configuration)
    return {
      name: p.name ?? p.offeringId,
      offeringId: p.offeringId,
      configuration: () => PRODUCTS.epl.configuration(),
    };
  return {
    name: p.name ?? p.offeringId,
    offeringId: p.offeringId,
    configuration: () => structuredClone(configuration),
  };
}

/** S1's order: two Subscriber UNIs and the EPL between them (MEF 125 Use Case 5). */
export function eplOrderBody(ctx: ScenarioContext<SonataSellerProfile>, externalId: string): Json {
  const main = mainProduct(ctx);
  return productOrder(
    [
      addItem({ id: '1', product: PRODUCTS.subscriberUni }),
      addItem({ id: '2', product: PRODUCTS.subscriberUni }),
      addItem({
        id: '3',
        product: main,
        relatedTo: [
          { id: '1', relationshipType: 'RELIES_ON' },
          { id: '2', relationshipType: 'RELIES_ON' },
        ],
      }),
    ],
    externalId,
  );
}

/** A one-item order of `product`. */
export function simpleOrderBody(externalId: string, product: ProductKind = PRODUCTS.epl, requestedInDays = 30): Json {
  return productOrder([addItem({ id: '1', product, requestedInDays })], externalId);
}

export function externalId(ctx: ScenarioContext<SonataSellerProfile>, what: string): string {
  return `LSO-${what}-${ctx.ids.next(what)}`;
}

/** Creates an order as set-up (no verdict); stops the scenario if the Seller does not take it. */
export async function placeOrder(
  ctx: ScenarioContext<SonataSellerProfile>,
  body: Json,
  opts: { outcome?: string; buyerId?: string } = {},
): Promise<Json> {
  const ex = await ctx.send({
    api: API.order,
    operationId: 'createProductOrder',
    body,
    headers: outcomeHeader(opts.outcome),
    ...(opts.buyerId ? { query: { buyerId: opts.buyerId } } : {}),
  });
  const order = bodyOf(ex);
  if (ex.status !== 201 || typeof order?.id !== 'string')
    ctx.abort(`the Seller did not take the set-up order (status ${ex.status ?? 'none'})`);
  return order!;
}

export const getOrder = (id: string, buyerId?: string) => ({
  api: API.order,
  operationId: 'retrieveProductOrder',
  pathParams: { id },
  ...(buyerId ? { query: { buyerId } } : {}),
});

/** Polls an order until it reaches one of `states` (default: any final state). */
export function driveOrder(
  ctx: ScenarioContext<SonataSellerProfile>,
  id: string,
  states: readonly string[] = ORDER_TERMINAL,
  opts: { buyerId?: string; what?: string } = {},
): Promise<Polled> {
  return pollUntil(
    ctx,
    getOrder(id, opts.buyerId),
    (o) => states.includes(o.state),
    opts.what ?? `order ${id} to reach ${states.join(' or ')}`,
  );
}

/** An order placed and driven to completion as set-up; stops the scenario if it does not complete. */
export async function completedOrder(
  ctx: ScenarioContext<SonataSellerProfile>,
  body: Json,
  opts: { buyerId?: string } = {},
): Promise<Json> {
  const order = await placeOrder(ctx, body, opts);
  const polled = await driveOrder(ctx, order.id, ORDER_TERMINAL, opts);
  const done = bodyOf(polled.last)!;
  if (done.state !== 'completed') ctx.abort(`the set-up order ${order.id} ended ${done.state}, not completed`);
  return done;
}

/** The product ids an order's items name. */
export const productIdsOf = (order: Json): string[] =>
  asArray<Json>(order.productOrderItem)
    .map((i) => i.product?.id)
    .filter((x): x is string => typeof x === 'string');

/** An active product of the Buyer: the first the inventory lists, else one ordered now. */
export async function anActiveProduct(
  ctx: ScenarioContext<SonataSellerProfile>,
  opts: { buyerId?: string } = {},
): Promise<string> {
  if (!opts.buyerId) {
    const ex = await ctx.send({
      api: API.inventory,
      operationId: 'listProduct',
      query: { status: 'active', limit: '1' },
    });
    const id = listOf(ex)?.[0]?.id;
    if (ex.status === 200 && typeof id === 'string') return id;
  }
  const order = await completedOrder(ctx, simpleOrderBody(externalId(ctx, 'setup'), PRODUCTS.epl), opts);
  const id = productIdsOf(order)[0];
  if (!id) ctx.abort(`the set-up order ${order.id} completed without naming its product`);
  return id;
}

/** Order and item states in every polled response, oldest first. */
export function statesSeen(polls: readonly Exchange[]): { order: string[]; items: Map<string, string[]> } {
  const order: string[] = [];
  const items = new Map<string, string[]>();
  for (const ex of polls) {
    const o = bodyOf(ex);
    if (!o || ex.status !== 200) continue;
    if (typeof o.state === 'string') order.push(o.state);
    for (const it of asArray<Json>(o.productOrderItem)) {
      if (typeof it.id !== 'string' || typeof it.state !== 'string') continue;
      items.set(it.id, [...(items.get(it.id) ?? []), it.state]);
    }
  }
  return { order, items };
}

export const isOrderTerminal = (state: string) => isTerminal(getStateMachine('sonata.productOrder'), state);
