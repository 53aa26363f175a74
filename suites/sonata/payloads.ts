/**
 * Request bodies of a Sonata Buyer, for every Sonata suite (the harness as Buyer, or a scripted Buyer a stage judges), built per call from MEF semantics (the guides' required attributes and contact
 * roles), so every positive request is valid against the Grace contracts and a negative test can break exactly one
 * thing. Dates are relative to `now` so a Seller never sees a requested date in the past.
 */
import { PRODUCTS, type ProductKind } from './products';

type Json = Record<string, any>;

const DAY = 86_400_000;
export const isoIn = (days: number, now = Date.now()): string =>
  new Date(Math.floor((now + days * DAY) / 1000) * 1000).toISOString();

export function contact(role: string): Json {
  return {
    role,
    name: 'Jane Buyer',
    emailAddress: 'jane.buyer@buyer.example',
    number: '+1-555-0100',
    organization: 'LSO Harness Buyer',
  };
}

export const contacts = (...roles: string[]): Json[] => roles.map(contact);

/** A fielded address the embedded seller knows; any well-formed one does for a lenient seller. */
export function fieldedAddress(): Json {
  return {
    '@type': 'FieldedAddress',
    streetNr: '1',
    streetName: 'Harness',
    streetType: 'Street',
    city: 'Sample City',
    postcode: '10001',
    country: 'US',
  };
}

export const ITEM_CONTACTS = ['buyerProductOrderItemContact', 'buyerImplementationContact', 'buyerTechnicalContact'];

export interface OrderItemOptions {
  id?: string;
  product?: ProductKind;
  configuration?: Json;
  quoteItem?: { quoteId: string; id: string };
  poqItem?: { productOfferingQualificationId: string; id: string };
  relatedTo?: Array<{ id: string; relationshipType: string }>;
  requestedInDays?: number;
  termMonths?: number;
}

export function addItem(o: OrderItemOptions = {}): Json {
  const product = o.product ?? PRODUCTS.epl;
  return {
    id: o.id ?? '1',
    action: 'add',
    requestedCompletionDate: isoIn(o.requestedInDays ?? 30),
    requestedItemTerm: {
      name: `${o.termMonths ?? 12} months`,
      duration: { amount: o.termMonths ?? 12, units: 'calendarMonths' },
      endOfTermAction: 'autoRenew',
    },
    billingAccount: { id: 'BA-LSO-1' },
    relatedContactInformation: contacts(...ITEM_CONTACTS),
    product: {
      productOffering: { id: product.offeringId },
      productConfiguration: o.configuration ?? product.configuration(),
      place: [{ '@type': 'FieldedAddress', role: 'INSTALL_LOCATION', ...withoutType(fieldedAddress()) }],
    },
    ...(o.quoteItem ? { quoteItem: o.quoteItem } : {}),
    ...(o.poqItem ? { productOfferingQualificationItem: o.poqItem } : {}),
    ...(o.relatedTo ? { productOrderItemRelationship: o.relatedTo } : {}),
  };
}

export function modifyItem(productId: string, configuration: Json, offeringId: string, id = '1'): Json {
  return {
    id,
    action: 'modify',
    requestedCompletionDate: isoIn(20),
    requestedItemTerm: {
      name: '12 months',
      duration: { amount: 12, units: 'calendarMonths' },
      endOfTermAction: 'autoRenew',
    },
    billingAccount: { id: 'BA-LSO-1' },
    relatedContactInformation: contacts(...ITEM_CONTACTS),
    product: { id: productId, productOffering: { id: offeringId }, productConfiguration: configuration },
  };
}

export function deleteItem(productId: string, id = '1'): Json {
  return {
    id,
    action: 'delete',
    requestedCompletionDate: isoIn(20),
    relatedContactInformation: contacts(...ITEM_CONTACTS),
    product: { id: productId },
  };
}

export function productOrder(items: Json[], externalId: string): Json {
  return {
    externalId,
    projectId: 'LSO-PROJECT-1',
    relatedContactInformation: contacts('productOrderContact'),
    productOrderItem: items,
  };
}

export function cancelProductOrder(orderId: string): Json {
  return {
    productOrder: { productOrderId: orderId },
    cancellationReasonType: 'technical',
    cancellationReason: 'Conformance test: the order is no longer needed',
    relatedContactInformation: contacts('cancelProductOrderContact'),
  };
}

export function modifyDeliveryDate(orderId: string, itemId: string, days: number, expedite = false): Json {
  return {
    productOrderItem: { productOrderId: orderId, productOrderItemId: itemId },
    requestedCompletionDate: isoIn(days),
    expediteIndicator: expedite,
  };
}

// ---------------------------------------------------------------------------------------------------------------

export function poq(product: ProductKind, opts: { instant: boolean; externalId: string; items?: number }): Json {
  const n = opts.items ?? 1;
  return {
    externalId: opts.externalId,
    projectId: 'LSO-PROJECT-1',
    instantSyncQualification: opts.instant,
    provideAlternative: false,
    ...(opts.instant ? {} : { requestedPOQCompletionDate: isoIn(5) }),
    relatedContactInformation: contacts('buyerContactInformation'),
    productOfferingQualificationItem: Array.from({ length: n }, (_, i) => ({
      id: String(i + 1),
      action: 'add',
      product: {
        productOffering: { id: product.offeringId },
        productConfiguration: product.configuration(),
        place: [{ '@type': 'FieldedAddress', role: 'INSTALL_LOCATION', ...withoutType(fieldedAddress()) }],
      },
    })),
  };
}

export function quote(
  product: ProductKind,
  opts: {
    instant: boolean;
    level: 'firm' | 'budgetary';
    externalId: string;
    termMonths?: number;
    poqItem?: { productOfferingQualificationId: string; id: string };
  },
): Json {
  return {
    externalId: opts.externalId,
    projectId: 'LSO-PROJECT-1',
    instantSyncQuote: opts.instant,
    buyerRequestedQuoteLevel: opts.level,
    ...(opts.instant ? {} : { requestedQuoteCompletionDate: isoIn(5) }),
    relatedContactInformation: contacts('buyerContactInformation'),
    quoteItem: [
      {
        id: '1',
        action: 'add',
        requestedQuoteItemTerm: {
          name: `${opts.termMonths ?? 12} months`,
          duration: { amount: opts.termMonths ?? 12, units: 'calendarMonths' },
          endOfTermAction: 'autoRenew',
        },
        relatedContactInformation: contacts('quoteItemTechnicalContact'),
        product: {
          productOffering: { id: product.offeringId },
          productConfiguration: product.configuration(),
          place: [{ '@type': 'FieldedAddress', role: 'INSTALL_LOCATION', ...withoutType(fieldedAddress()) }],
        },
        ...(opts.poqItem ? { productOfferingQualificationItem: opts.poqItem } : {}),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------

export function troubleTicket(productId: string, externalId: string): Json {
  return {
    externalId,
    description: 'Conformance test: no traffic on the EVC since the last maintenance window',
    severity: 'moderate',
    priority: 'high',
    ticketType: 'maintenance',
    observedImpact: 'degraded',
    issueStartDate: isoIn(-1),
    relatedEntity: [{ id: productId, role: 'affectedProduct', '@referredType': 'Product' }],
    relatedContactInformation: contacts('reporterContact'),
  };
}

export function addressValidation(address: Json = fieldedAddress()): Json {
  return { provideAlternative: true, submittedGeographicAddress: address };
}

/** `now`: the Seller's time, which a controllable Seller's virtual clock may have moved past the wall clock. */
export function searchTimeSlot(workOrderId: string, fromDays = 2, toDays = 9, now = Date.now()): Json {
  return {
    workOrder: { id: workOrderId },
    requestedTimeSlot: [{ validFor: { startDateTime: isoIn(fromDays, now), endDateTime: isoIn(toDays, now) } }],
  };
}

/** A two-hour visit `days` after `now`. */
export function visitIn(days: number, now = Date.now()): { startDateTime: string; endDateTime: string } {
  const start = isoIn(days, now);
  return { startDateTime: start, endDateTime: new Date(Date.parse(start) + 2 * 3_600_000).toISOString() };
}

export function appointment(workOrderId: string, validFor: { startDateTime: string; endDateTime: string }): Json {
  return {
    workOrder: { id: workOrderId },
    validFor,
    relatedContactInformation: contacts('appointmentContact'),
  };
}

export function availability(product: ProductKind, addressId: string): Json {
  return {
    action: 'add',
    productSpecification: { id: (product.configuration() as Json)['@type'] },
    place: [{ '@type': 'GeographicAddressRef', role: 'INSTALL_LOCATION', id: addressId }],
  };
}

export function pricingDiscovery(identifier: string): Json {
  return { action: 'add', productConfigurationIdentifier: identifier };
}

function withoutType(o: Json): Json {
  const { ['@type']: _t, ...rest } = o;
  return rest;
}
