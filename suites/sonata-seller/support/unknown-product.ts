import type { CallSpec } from '../../../runtime/http/checking-client';
import type { Rule } from '../../harness/rules';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { asArray, bodyOf, expect422, unknownId, type Json } from './checks';
import { pollUntil } from './wait';

export interface UnknownProductChange {
  /** The create call, its first item a modify or delete of `product.id` (set here to an id no Buyer has). */
  create: CallSpec & { body: Json };
  items: string;
  get: (id: string) => CallSpec;
  /** When the entity has its answer. */
  settled: (body: Json) => boolean;
  /** Item states that would mean the product was found: qualified, priced, changed. */
  found: readonly string[];
  what: string;
}

/**
 * A modify or delete item that names a product the Buyer does not have (MEF 87 R37/R40, MEF 115 R45/R47, MEF 123
 * R39/R43) must not be taken as if the product existed. The guides do not say how a Seller says no, so either is
 * right: refused at once (400, or 422 pointing at the item's `product.id`), or taken and then answered with its item
 * in an error state. What fails is an item qualified, quoted or completed.
 */
export async function checkUnknownProductChange(
  ctx: ScenarioContext<SonataSellerProfile>,
  rule: Rule,
  c: UnknownProductChange,
): Promise<void> {
  const body = structuredClone(c.create.body);
  const item = body[c.items][0];
  item.product.id = unknownId(ctx);
  const ex = await ctx.send({ ...c.create, body, negative: true });
  if (ex.status === 422) {
    expect422(ctx, rule, ex, [`/${c.items}/0/product/id`], c.what);
    return;
  }
  if (ex.status === 400) {
    ctx.checkContract(rule.id, ex);
    return;
  }
  const id = bodyOf(ex)?.id;
  if (!ctx.expectStatus(rule.id, ex, [201, 400, 422]) || typeof id !== 'string') return;
  const polled = await pollUntil(ctx, c.get(id), c.settled, `${c.what} ${id} to be answered`);
  const state = asArray<Json>(bodyOf(polled.last)?.[c.items]).find((it) => it.id === item.id)?.state;
  const found = c.found.includes(state);
  ctx.assert(rule.id, !found, {
    message: found
      ? `${c.what}: the item naming product '${item.product.id}', which the Buyer does not have, ended ${state}`
      : `${c.what}: taken, and its item ended ${state ?? 'without a state'}`,
    exchanges: [ex, polled.last],
  });
}
