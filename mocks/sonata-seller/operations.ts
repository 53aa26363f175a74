import { PRISM, type HandlerRef, type HandlerTable, type OperationHandler } from '../../runtime/server/types';
import type { SellerContext } from './context';
import { addressHandlers } from './apis/address';
import { appointmentHandlers } from './apis/appointment';
import { catalogHandlers } from './apis/catalog';
import { chargeHandlers } from './apis/charge';
import { incidentHandlers } from './apis/incident';
import { inventoryHandlers } from './apis/inventory';
import { orderHandlers } from './apis/order';
import { orderTaskHandlers } from './apis/order-tasks';
import { poapdHandlers } from './apis/poapd';
import { poqHandlers } from './apis/poq';
import { quoteHandlers } from './apis/quote';
import { siteHandlers } from './apis/site';
import { troubleTicketHandlers } from './apis/trouble-ticket';
import { workOrderHandlers } from './apis/work-order';

/** The 12 Sonata management APIs the seller serves; their 8 notification APIs carry its events. */
export const SELLER_APIS = [
  'sonata.productOrder',
  'sonata.productInventory',
  'sonata.productOfferingQualification',
  'sonata.quote',
  'sonata.geographicAddress',
  'sonata.geographicSite',
  'sonata.troubleTicket',
  'sonata.appointment',
  'sonata.workorder',
  'sonata.productCatalog',
  'sonata.productOfferingAvailabilityAndPricingDiscovery',
  'sonata.billing',
] as const;

/** Billing answers from the spec alone for now (Prism): bills have no lifecycle in this mock yet; its hubs are real. */
const BILLING_FROM_SPEC = ['listCustomerBill', 'retrieveCustomerBill', 'retrieveCustomerBillItem'];

/**
 * operationId → handler, per API. The pipeline checks at boot that this table and the catalogue agree exactly, so an
 * operation added to the spec, or a handler with a mistyped name, stops the mock from starting.
 */
export function sellerHandlerTable(
  ctx: SellerContext,
  hubs: (apiId: string) => Record<string, OperationHandler>,
): HandlerTable {
  const fromSpec = (ids: string[]): Record<string, HandlerRef> => Object.fromEntries(ids.map((id) => [id, PRISM]));
  return {
    'sonata.productOrder': {
      ...orderHandlers(ctx),
      ...orderTaskHandlers(ctx),
      ...chargeHandlers(ctx),
      ...hubs('sonata.productOrder'),
    },
    'sonata.productInventory': inventoryHandlers(ctx),
    'sonata.productOfferingQualification': { ...poqHandlers(ctx), ...hubs('sonata.productOfferingQualification') },
    'sonata.quote': { ...quoteHandlers(ctx), ...hubs('sonata.quote') },
    'sonata.geographicAddress': addressHandlers(ctx),
    'sonata.geographicSite': siteHandlers(ctx),
    'sonata.troubleTicket': {
      ...troubleTicketHandlers(ctx),
      ...incidentHandlers(ctx),
      ...hubs('sonata.troubleTicket'),
    },
    'sonata.appointment': { ...appointmentHandlers(ctx), ...hubs('sonata.appointment') },
    'sonata.workorder': { ...workOrderHandlers(ctx), ...hubs('sonata.workorder') },
    'sonata.productCatalog': { ...catalogHandlers(ctx), ...hubs('sonata.productCatalog') },
    'sonata.productOfferingAvailabilityAndPricingDiscovery': poapdHandlers(ctx),
    'sonata.billing': { ...fromSpec(BILLING_FROM_SPEC), ...hubs('sonata.billing') },
  };
}
