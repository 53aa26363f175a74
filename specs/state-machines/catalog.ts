import { fromEach, type StateMachine } from './machine';

const CATALOG_API = 'sonata/productApi/catalog/productCatalog.api.yaml';
const CATALOG_MEDIA = 'sonata/documentation/productApi/catalog/media/src';

// Catalog events are optional. Their listener paths say …StatusChangeEvent but the eventType values, used here,
// say …StateChangeEvent (mef-contracts §6.3 #13). The Buyer has no write API: every transition is the Seller's.
const OFFERING_CHANGED = ['productOfferingStateChangeEvent'];

export const productOffering: StateMachine = {
  id: 'sonata.productOffering',
  api: 'sonata.productCatalog',
  entity: 'ProductOffering',
  stateField: 'lifecycleStatus',
  history: { field: 'statusTransition', key: 'transitionLifecycleStatus', dateKey: 'transitionDate' },
  stateEnum: { file: CATALOG_API, schema: 'ProductOfferingLifecycleStatusType' },
  states: ['announced', 'endOfSale', 'endOfSupport', 'inTest', 'obsolete', 'onHold', 'orderable', 'rejected'],
  initial: ['announced', 'inTest'],
  terminal: ['obsolete', 'rejected'],
  transitions: [
    { from: null, to: 'announced', event: 'announce', actor: 'server', notify: ['productOfferingCreateEvent'] },
    {
      from: null,
      to: 'inTest',
      event: 'pilot',
      actor: 'server',
      notify: ['productOfferingCreateEvent'],
      requirements: ['MEFW142 O4', 'MEFW142 R93'],
      note: 'a pilot or beta, shown only to the Buyers taking part',
    },
    {
      from: 'inTest',
      to: 'announced',
      event: 'announce',
      actor: 'server',
      notify: OFFERING_CHANGED,
      note: 'testing approved',
    },
    {
      from: 'inTest',
      to: 'rejected',
      event: 'reject',
      actor: 'server',
      notify: OFFERING_CHANGED,
      requirements: ['MEFW142 R93'],
    },
    { from: 'announced', to: 'orderable', event: 'makeOrderable', actor: 'server', notify: OFFERING_CHANGED },
    // R51 makes both Figure 11 and Table 8 normative and they differ on onHold: the figure draws announced ↔ onHold,
    // Table 8 says onHold stops ordering and ends in orderable or endOfSale. This machine takes the union of the two.
    ...fromEach(['announced', 'orderable'], {
      to: 'onHold',
      event: 'hold',
      actor: 'server',
      notify: OFFERING_CHANGED,
      requirements: ['MEFW142 R51', 'MEFW142 D3'],
    }),
    {
      from: 'onHold',
      to: 'announced',
      event: 'announce',
      actor: 'server',
      notify: OFFERING_CHANGED,
      requirements: ['MEFW142 R51'],
    },
    {
      from: 'onHold',
      to: 'orderable',
      event: 'makeOrderable',
      actor: 'server',
      notify: OFFERING_CHANGED,
      requirements: ['MEFW142 R51'],
    },
    ...fromEach(['orderable', 'onHold'], {
      to: 'endOfSale',
      event: 'endSale',
      actor: 'server',
      notify: OFFERING_CHANGED,
    }),
    { from: 'endOfSale', to: 'endOfSupport', event: 'endSupport', actor: 'server', notify: OFFERING_CHANGED },
    ...fromEach(['endOfSale', 'endOfSupport'], {
      to: 'obsolete',
      event: 'obsolete',
      actor: 'server',
      notify: OFFERING_CHANGED,
    }),
  ],
  source: [`${CATALOG_MEDIA}/offering_stateMachine.puml`, 'MEF W142 §6.2.2 Table 8'],
};

export const productSpecification: StateMachine = {
  id: 'sonata.productSpecification',
  api: 'sonata.productCatalog',
  entity: 'ProductSpecification',
  stateField: 'lifecycleStatus',
  stateEnum: { file: CATALOG_API, schema: 'ProductSpecificationLifecycleStatusType' },
  states: ['obsolete', 'published'],
  initial: ['published'],
  terminal: ['obsolete'],
  transitions: [
    { from: null, to: 'published', event: 'publish', actor: 'server', notify: ['productSpecificationCreateEvent'] },
    {
      from: 'published',
      to: 'obsolete',
      event: 'obsolete',
      actor: 'server',
      notify: ['productSpecificationStateChangeEvent'],
      requirements: ['MEFW142 R74', 'MEFW142 R75'],
      note: 'only once every offering built on it is obsolete or rejected',
    },
  ],
  source: [`${CATALOG_MEDIA}/specification_stateMachine.puml`, 'MEF W142 §6.3.2 Table 9'],
};
