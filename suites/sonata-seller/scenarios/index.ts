import type { Scenario } from '../../harness/suite';
import type { SonataSellerProfile } from '../profile';
import { catalogScenario, poapdScenario } from './catalog';
import { inventoryChange, inventoryList } from './inventory';
import { isolationScenario } from './isolation';
import {
  incidentScenario,
  ticketCancelAndPatch,
  ticketHub,
  ticketInformationRequired,
  ticketLifecycle,
  ticketList,
} from './trouble-ticket';
import { workforceScenario } from './workforce';
import { addressScenario, siteScenario } from './serviceability';
import {
  orderFromQuote,
  orderHubSemantics,
  orderInvalidPayloads,
  orderList,
  orderPatch,
  orderRejected,
} from './order-checks';
import { accessElineLifecycle, eplLifecycle, internetAccessLifecycle } from './order-lifecycle';
import { poqDeferred, poqHub, poqImmediate, poqListAndErrors, poqTerminated } from './poq';
import { quoteAlternate, quoteCancel, quoteDeferred, quoteHub, quoteImmediate, quoteListAndErrors } from './quote';
import {
  cancelOrder,
  cancelWithCharge,
  chargeScenario,
  modifyDateChargeDeclined,
  modifyDeliveryDateScenario,
} from './order-tasks';

/** Every scenario of the Sonata seller suite, in the order a run takes them. */
export const SONATA_SELLER_SCENARIOS: readonly Scenario<SonataSellerProfile>[] = [
  addressScenario,
  siteScenario,
  catalogScenario,
  poapdScenario,
  poqImmediate,
  poqDeferred,
  poqTerminated,
  poqListAndErrors,
  poqHub,
  quoteImmediate,
  quoteDeferred,
  quoteCancel,
  quoteAlternate,
  quoteListAndErrors,
  quoteHub,
  eplLifecycle,
  accessElineLifecycle,
  internetAccessLifecycle,
  orderFromQuote,
  orderInvalidPayloads,
  orderPatch,
  orderList,
  orderHubSemantics,
  orderRejected,
  cancelOrder,
  cancelWithCharge,
  modifyDeliveryDateScenario,
  modifyDateChargeDeclined,
  chargeScenario,
  inventoryList,
  inventoryChange,
  ticketLifecycle,
  ticketCancelAndPatch,
  ticketInformationRequired,
  ticketList,
  ticketHub,
  incidentScenario,
  workforceScenario,
  isolationScenario,
];
