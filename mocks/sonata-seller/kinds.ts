/**
 * The entities the Seller keeps, as data: which API serves each, under which path, which state machine moves it,
 * and where its state and history live. Items are entities nested in a parent's list, with their own machine and
 * the attribute that names them in events.
 */
export interface KindInfo {
  kind: string;
  apiId: string;
  /** Collection path relative to the API base path; the resource is `<path>/<id>`. */
  path: string;
  machine?: string;
  stateField?: 'state' | 'status' | 'lifecycleStatus';
  /** The history list, the state attribute inside each entry, and its date attribute (`changeDate` unless named). */
  history?: { field: string; key: string; dateKey?: string };
}

export interface ItemKindInfo {
  kind: string;
  parent: string;
  machine: string;
  /** The parent's list of items. */
  listField: string;
  stateField: 'state';
  history?: { field: 'stateChange'; key: 'state' };
  /** The event payload attribute naming the item (MEF 123 R106, MEF 115 R57). */
  eventKey?: string;
}

const k = (x: KindInfo): KindInfo => x;

export const KINDS = {
  productOrder: k({ kind: 'productOrder', apiId: 'sonata.productOrder', path: '/productOrder', machine: 'sonata.productOrder', stateField: 'state', history: { field: 'stateChange', key: 'state' } }),
  cancelProductOrder: k({ kind: 'cancelProductOrder', apiId: 'sonata.productOrder', path: '/cancelProductOrder', machine: 'sonata.cancelProductOrder', stateField: 'state' }),
  modifyProductOrderItemRequestedDeliveryDate: k({
    kind: 'modifyProductOrderItemRequestedDeliveryDate',
    apiId: 'sonata.productOrder',
    path: '/modifyProductOrderItemRequestedDeliveryDate',
    machine: 'sonata.modifyProductOrderItemRequestedDeliveryDate',
    stateField: 'state',
  }),
  charge: k({ kind: 'charge', apiId: 'sonata.productOrder', path: '/charge', machine: 'sonata.charge', stateField: 'state' }),
  productOfferingQualification: k({
    kind: 'productOfferingQualification',
    apiId: 'sonata.productOfferingQualification',
    path: '/productOfferingQualification',
    machine: 'sonata.poq',
    stateField: 'state',
    history: { field: 'stateChange', key: 'state' },
  }),
  quote: k({ kind: 'quote', apiId: 'sonata.quote', path: '/quote', machine: 'sonata.quote', stateField: 'state', history: { field: 'stateChange', key: 'state' } }),
  product: k({ kind: 'product', apiId: 'sonata.productInventory', path: '/product', machine: 'sonata.product', stateField: 'status', history: { field: 'statusChange', key: 'status' } }),
  troubleTicket: k({ kind: 'troubleTicket', apiId: 'sonata.troubleTicket', path: '/troubleTicket', machine: 'sonata.troubleTicket', stateField: 'status', history: { field: 'statusChange', key: 'status' } }),
  incident: k({ kind: 'incident', apiId: 'sonata.troubleTicket', path: '/incident', machine: 'sonata.incident', stateField: 'status', history: { field: 'statusChange', key: 'status' } }),
  appointment: k({ kind: 'appointment', apiId: 'sonata.appointment', path: '/appointment', machine: 'sonata.appointment', stateField: 'status' }),
  workOrder: k({ kind: 'workOrder', apiId: 'sonata.workorder', path: '/workorder', machine: 'sonata.workOrder', stateField: 'state' }),
  geographicAddress: k({ kind: 'geographicAddress', apiId: 'sonata.geographicAddress', path: '/geographicAddress' }),
  geographicSite: k({ kind: 'geographicSite', apiId: 'sonata.geographicSite', path: '/geographicSite' }),
  category: k({ kind: 'category', apiId: 'sonata.productCatalog', path: '/category' }),
  productOffering: k({
    kind: 'productOffering',
    apiId: 'sonata.productCatalog',
    path: '/productOffering',
    machine: 'sonata.productOffering',
    stateField: 'lifecycleStatus',
    history: { field: 'statusTransition', key: 'transitionLifecycleStatus', dateKey: 'transitionDate' },
  }),
  productSpecification: k({ kind: 'productSpecification', apiId: 'sonata.productCatalog', path: '/productSpecification', machine: 'sonata.productSpecification', stateField: 'lifecycleStatus' }),
} satisfies Record<string, KindInfo>;

export type Kind = keyof typeof KINDS;

export const ITEM_KINDS = {
  productOrderItem: { kind: 'productOrderItem', parent: 'productOrder', machine: 'sonata.productOrderItem', listField: 'productOrderItem', stateField: 'state', history: { field: 'stateChange', key: 'state' }, eventKey: 'orderItemId' },
  poqItem: { kind: 'poqItem', parent: 'productOfferingQualification', machine: 'sonata.poqItem', listField: 'productOfferingQualificationItem', stateField: 'state', history: { field: 'stateChange', key: 'state' }, eventKey: 'poqItemId' },
  quoteItem: { kind: 'quoteItem', parent: 'quote', machine: 'sonata.quoteItem', listField: 'quoteItem', stateField: 'state', eventKey: 'quoteItemId' },
  chargeItem: { kind: 'chargeItem', parent: 'charge', machine: 'sonata.chargeItem', listField: 'chargeItem', stateField: 'state' },
} satisfies Record<string, ItemKindInfo>;

export type ItemKind = keyof typeof ITEM_KINDS;

export function kindInfo(kind: string): KindInfo | undefined {
  return Object.hasOwn(KINDS, kind) ? KINDS[kind as Kind] : undefined;
}

export function itemKindOf(parent: string): ItemKindInfo | undefined {
  return Object.values(ITEM_KINDS).find((i) => i.parent === parent);
}
