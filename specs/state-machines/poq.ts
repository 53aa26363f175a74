import type { StateMachine } from './machine';

const POQ_API =
  'sonata/productApi/serviceability/offeringQualification/productOfferingQualificationManagement.api.yaml';
const POQ_MEDIA = 'sonata/documentation/productApi/serviceability/offeringQualification/media';
const CREATE = 'createProductOfferingQualification';

// Unlike the order, POQ has an explicit create event, sent for immediate and deferred answers alike (MEF87 R45);
// state change events exist only in the deferred case (MEF87 R46), where every later transition happens.
const POQ_CREATED = ['poqCreateEvent'];
const POQ_CHANGED = ['poqStateChangeEvent'];
const ITEM_CHANGED = ['poqItemStateChangeEvent'];

export const poq: StateMachine = {
  id: 'sonata.poq',
  api: 'sonata.productOfferingQualification',
  entity: 'ProductOfferingQualification',
  stateField: 'state',
  history: { field: 'stateChange', key: 'state' },
  stateEnum: { file: POQ_API, schema: 'MEFPOQTaskStateType' },
  states: ['acknowledged', 'terminatedWithError', 'inProgress', 'done.unableToProvide', 'done.ready'],
  // An immediate answer is already final; done.unableToProvide is deferred-only (MEF 87 §6.2.1).
  initial: ['acknowledged', 'done.ready', 'terminatedWithError'],
  terminal: ['terminatedWithError', 'done.unableToProvide', 'done.ready'],
  transitions: [
    {
      from: null,
      to: 'acknowledged',
      event: 'create',
      actor: 'client',
      operationId: CREATE,
      notify: POQ_CREATED,
      note: 'deferred answer (instantSyncQualification=false)',
    },
    {
      from: null,
      to: 'done.ready',
      event: 'createReady',
      actor: 'client',
      operationId: CREATE,
      notify: POQ_CREATED,
      requirements: ['MEF87 R16', 'MEF87 R24', 'MEF87 R48'],
      note: 'immediate answer, requested or not',
    },
    {
      from: null,
      to: 'terminatedWithError',
      event: 'createTerminatedWithError',
      actor: 'client',
      operationId: CREATE,
      notify: POQ_CREATED,
      requirements: ['MEF87 R16', 'MEF87 R24', 'MEF87 R49'],
      note: 'immediate answer: not enough information',
    },
    {
      from: 'acknowledged',
      to: 'inProgress',
      event: 'start',
      actor: 'server',
      notify: POQ_CHANGED,
      requirements: ['MEF87 R46', 'MEF87 R50'],
    },
    {
      from: 'inProgress',
      to: 'done.ready',
      event: 'complete',
      actor: 'server',
      notify: POQ_CHANGED,
      requirements: ['MEF87 R48'],
    },
    {
      from: 'inProgress',
      to: 'terminatedWithError',
      event: 'terminate',
      actor: 'server',
      notify: POQ_CHANGED,
      requirements: ['MEF87 R49'],
      note: 'an item ended terminatedWithError, or the request lacks information',
    },
    {
      from: 'inProgress',
      to: 'done.unableToProvide',
      event: 'unableToProvide',
      actor: 'server',
      notify: POQ_CHANGED,
      note: 'requestedPOQCompletionDate cannot be met',
    },
  ],
  source: [`${POQ_MEDIA}/poq_activity.puml`, 'MEF 87 §6.2, §7.2.1.4'],
};

export const poqItem: StateMachine = {
  id: 'sonata.poqItem',
  api: 'sonata.productOfferingQualification',
  entity: 'ProductOfferingQualificationItem',
  stateField: 'state',
  history: { field: 'stateChange', key: 'state' },
  stateEnum: { file: POQ_API, schema: 'MEFPOQItemTaskStateType' },
  states: ['acknowledged', 'terminatedWithError', 'inProgress', 'done.abandoned', 'done.ready'],
  // poq_item_activity.puml: an immediate answer skips acknowledged and inProgress and goes straight to the outcome.
  initial: ['acknowledged', 'done.ready', 'terminatedWithError', 'done.abandoned'],
  terminal: ['terminatedWithError', 'done.abandoned', 'done.ready'],
  transitions: [
    { from: null, to: 'acknowledged', event: 'create', actor: 'client', operationId: CREATE },
    {
      from: null,
      to: 'done.ready',
      event: 'createReady',
      actor: 'client',
      operationId: CREATE,
      requirements: ['MEF87 R28', 'MEF87 R29'],
    },
    {
      from: null,
      to: 'terminatedWithError',
      event: 'createTerminatedWithError',
      actor: 'client',
      operationId: CREATE,
      requirements: ['MEF87 R30', 'MEF87 R31'],
    },
    {
      from: null,
      to: 'done.abandoned',
      event: 'createAbandoned',
      actor: 'client',
      operationId: CREATE,
      requirements: ['MEF87 R30'],
      note: 'another item of the immediate answer failed',
    },
    { from: 'acknowledged', to: 'inProgress', event: 'start', actor: 'server', notify: ITEM_CHANGED },
    {
      from: 'inProgress',
      to: 'done.ready',
      event: 'complete',
      actor: 'server',
      notify: ITEM_CHANGED,
      requirements: ['MEF87 R28', 'MEF87 R29'],
    },
    {
      from: 'inProgress',
      to: 'terminatedWithError',
      event: 'terminate',
      actor: 'server',
      notify: ITEM_CHANGED,
      requirements: ['MEF87 R30', 'MEF87 R31'],
      note: 'not enough information to qualify the item',
    },
    {
      from: 'inProgress',
      to: 'done.abandoned',
      event: 'abandon',
      actor: 'server',
      notify: ITEM_CHANGED,
      requirements: ['MEF87 R30'],
      note: 'another item failed',
    },
  ],
  source: [`${POQ_MEDIA}/poq_item_activity.puml`, 'MEF 87 §7.2.2.8'],
};
