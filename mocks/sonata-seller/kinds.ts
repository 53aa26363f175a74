import type { ItemKindInfo, KindInfo, KindTable } from '../../runtime/actor/kinds';

/** The entities the Seller keeps (runtime/actor/kinds.ts says what each attribute means). */
const k = (x: KindInfo): KindInfo => x;

export const KINDS = {
  productOrder: k({ kind: 'productOrder', apiId: 'sonata.productOrder', path: '/productOrder', machine: 'productOrder', stateField: 'state', history: { field: 'stateChange', key: 'state' } }),
  cancelProductOrder: k({ kind: 'cancelProductOrder', apiId: 'sonata.productOrder', path: '/cancelProductOrder', machine: 'cancelProductOrder', stateField: 'state' }),
  modifyProductOrderItemRequestedDeliveryDate: k({
    kind: 'modifyProductOrderItemRequestedDeliveryDate',
    apiId: 'sonata.productOrder',
    path: '/modifyProductOrderItemRequestedDeliveryDate',
    machine: 'modifyProductOrderItemRequestedDeliveryDate',
    stateField: 'state',
  }),
  charge: k({ kind: 'charge', apiId: 'sonata.productOrder', path: '/charge', machine: 'charge', stateField: 'state' }),
  productOfferingQualification: k({
    kind: 'productOfferingQualification',
    apiId: 'sonata.productOfferingQualification',
    path: '/productOfferingQualification',
    machine: 'poq',
    stateField: 'state',
    history: { field: 'stateChange', key: 'state' },
  }),
  quote: k({ kind: 'quote', apiId: 'sonata.quote', path: '/quote', machine: 'quote', stateField: 'state', history: { field: 'stateChange', key: 'state' } }),
  product: k({ kind: 'product', apiId: 'sonata.productInventory', path: '/product', machine: 'product', stateField: 'status', history: { field: 'statusChange', key: 'status' } }),
  troubleTicket: k({ kind: 'troubleTicket', apiId: 'sonata.troubleTicket', path: '/troubleTicket', machine: 'troubleTicket', stateField: 'status', history: { field: 'statusChange', key: 'status' } }),
  incident: k({ kind: 'incident', apiId: 'sonata.troubleTicket', path: '/incident', machine: 'incident', stateField: 'status', history: { field: 'statusChange', key: 'status' } }),
  appointment: k({ kind: 'appointment', apiId: 'sonata.appointment', path: '/appointment', machine: 'appointment', stateField: 'status' }),
  workOrder: k({ kind: 'workOrder', apiId: 'sonata.workorder', path: '/workorder', machine: 'workOrder', stateField: 'state' }),
  geographicAddress: k({ kind: 'geographicAddress', apiId: 'sonata.geographicAddress', path: '/geographicAddress' }),
  geographicSite: k({ kind: 'geographicSite', apiId: 'sonata.geographicSite', path: '/geographicSite' }),
  category: k({ kind: 'category', apiId: 'sonata.productCatalog', path: '/category' }),
  productOffering: k({
    kind: 'productOffering',
    apiId: 'sonata.productCatalog',
    path: '/productOffering',
    machine: 'productOffering',
    stateField: 'lifecycleStatus',
    history: { field: 'statusTransition', key: 'transitionLifecycleStatus', dateKey: 'transitionDate' },
  }),
  productSpecification: k({ kind: 'productSpecification', apiId: 'sonata.productCatalog', path: '/productSpecification', machine: 'productSpecification', stateField: 'lifecycleStatus' }),
} satisfies Record<string, KindInfo>;

export type Kind = keyof typeof KINDS;

export const ITEM_KINDS = {
  productOrderItem: { kind: 'productOrderItem', parent: 'productOrder', machine: 'productOrderItem', listField: 'productOrderItem', stateField: 'state', history: { field: 'stateChange', key: 'state' }, eventKey: 'orderItemId' },
  poqItem: { kind: 'poqItem', parent: 'productOfferingQualification', machine: 'poqItem', listField: 'productOfferingQualificationItem', stateField: 'state', history: { field: 'stateChange', key: 'state' }, eventKey: 'poqItemId' },
  quoteItem: { kind: 'quoteItem', parent: 'quote', machine: 'quoteItem', listField: 'quoteItem', stateField: 'state', eventKey: 'quoteItemId' },
  chargeItem: { kind: 'chargeItem', parent: 'charge', machine: 'chargeItem', listField: 'chargeItem', stateField: 'state' },
} satisfies Record<string, ItemKindInfo>;

export type ItemKind = keyof typeof ITEM_KINDS;

export const SELLER_KINDS: KindTable = { entities: KINDS, items: ITEM_KINDS };

