import { UsageError } from '../../lib/errors';
import { appointment } from './appointment';
import { productOffering, productSpecification } from './catalog';
import { charge, chargeItem } from './charge';
import { cancelProductOrder, modifyProductOrderItemRequestedDeliveryDate } from './chargeable-task';
import { customerBill, customerBillItem } from './customer-bill';
import { incident } from './incident';
import type { StateMachine } from './machine';
import { poq, poqItem } from './poq';
import { product } from './product';
import { productOrder, productOrderItem } from './product-order';
import { quote, quoteItem } from './quote';
import { troubleTicket } from './trouble-ticket';
import { workOrder } from './work-order';

export * from './machine';

const ALL: StateMachine[] = [
  productOrder,
  productOrderItem,
  cancelProductOrder,
  modifyProductOrderItemRequestedDeliveryDate,
  charge,
  chargeItem,
  poq,
  poqItem,
  quote,
  quoteItem,
  troubleTicket,
  incident,
  appointment,
  workOrder,
  product,
  customerBill,
  customerBillItem,
  productOffering,
  productSpecification,
];

/**
 * Every lifecycle, by machine id. Ids are namespaced like API ids (`sonata.productOrder`), so Legato's service
 * order can stand beside Sonata's product order without a collision.
 */
export const STATE_MACHINES: Readonly<Record<string, StateMachine>> = Object.freeze(
  Object.fromEntries(ALL.map((m) => [m.id, m])),
);

export function getStateMachine(id: string): StateMachine {
  const m = Object.hasOwn(STATE_MACHINES, id) ? STATE_MACHINES[id] : undefined;
  if (!m) throw new UsageError(`unknown state machine "${id}"; known: ${Object.keys(STATE_MACHINES).join(', ')}`);
  return m;
}
