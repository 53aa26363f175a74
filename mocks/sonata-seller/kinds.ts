import type { ItemKindInfo, KindInfo, KindTable } from '../../runtime/actor/kinds';

/** The entities the Seller keeps (runtime/actor/kinds.ts says what each attribute means). */
const k = (x: KindInfo): KindInfo => x;

export const KINDS = {
  productOrder: k({
    kind: 'productOrder',
    apiId: 'sonata.productOrder',
    path: '/productOrder',
    machine: 'sonata.productOrder',
  }),
  cancelProductOrder: k({
    kind: 'cancelProductOrder',
    apiId: 'sonata.productOrder',
    path: '/cancelProductOrder',
    machine: 'sonata.cancelProductOrder',
  }),
  modifyProductOrderItemRequestedDeliveryDate: k({
    kind: 'modifyProductOrderItemRequestedDeliveryDate',
    apiId: 'sonata.productOrder',
    path: '/modifyProductOrderItemRequestedDeliveryDate',
    machine: 'sonata.modifyProductOrderItemRequestedDeliveryDate',
  }),
  charge: k({ kind: 'charge', apiId: 'sonata.productOrder', path: '/charge', machine: 'sonata.charge' }),
  productOfferingQualification: k({
    kind: 'productOfferingQualification',
    apiId: 'sonata.productOfferingQualification',
    path: '/productOfferingQualification',
    machine: 'sonata.poq',
  }),
  quote: k({ kind: 'quote', apiId: 'sonata.quote', path: '/quote', machine: 'sonata.quote' }),
  product: k({ kind: 'product', apiId: 'sonata.productInventory', path: '/product', machine: 'sonata.product' }),
  troubleTicket: k({
    kind: 'troubleTicket',
    apiId: 'sonata.troubleTicket',
    path: '/troubleTicket',
    machine: 'sonata.troubleTicket',
  }),
  incident: k({ kind: 'incident', apiId: 'sonata.troubleTicket', path: '/incident', machine: 'sonata.incident' }),
  appointment: k({
    kind: 'appointment',
    apiId: 'sonata.appointment',
    path: '/appointment',
    machine: 'sonata.appointment',
  }),
  workOrder: k({ kind: 'workOrder', apiId: 'sonata.workorder', path: '/workorder', machine: 'sonata.workOrder' }),
  geographicAddress: k({ kind: 'geographicAddress', apiId: 'sonata.geographicAddress', path: '/geographicAddress' }),
  geographicSite: k({ kind: 'geographicSite', apiId: 'sonata.geographicSite', path: '/geographicSite' }),
  category: k({ kind: 'category', apiId: 'sonata.productCatalog', path: '/category' }),
  productOffering: k({
    kind: 'productOffering',
    apiId: 'sonata.productCatalog',
    path: '/productOffering',
    machine: 'sonata.productOffering',
  }),
  productSpecification: k({
    kind: 'productSpecification',
    apiId: 'sonata.productCatalog',
    path: '/productSpecification',
    machine: 'sonata.productSpecification',
  }),
} satisfies Record<string, KindInfo>;

export type Kind = keyof typeof KINDS;

export const ITEM_KINDS = {
  productOrderItem: {
    kind: 'productOrderItem',
    parent: 'productOrder',
    machine: 'sonata.productOrderItem',
    listField: 'productOrderItem',
    eventKey: 'orderItemId',
  },
  poqItem: {
    kind: 'poqItem',
    parent: 'productOfferingQualification',
    machine: 'sonata.poqItem',
    listField: 'productOfferingQualificationItem',
    eventKey: 'poqItemId',
  },
  quoteItem: {
    kind: 'quoteItem',
    parent: 'quote',
    machine: 'sonata.quoteItem',
    listField: 'quoteItem',
    eventKey: 'quoteItemId',
  },
  chargeItem: { kind: 'chargeItem', parent: 'charge', machine: 'sonata.chargeItem', listField: 'chargeItem' },
} satisfies Record<string, ItemKindInfo>;

export type ItemKind = keyof typeof ITEM_KINDS;

export const SELLER_KINDS: KindTable = { entities: KINDS, items: ITEM_KINDS };
