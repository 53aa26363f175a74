import type { StateMachine } from './machine';

const ORDER_API = 'sonata/productApi/order/productOrderManagement.api.yaml';
const ORDER_MEDIA = 'sonata/documentation/productApi/order/media/src';

// The 201 to createProductOrder stands in for the create notification, so no event follows creation (MEF 123 §6.16).
const ORDER_EVENT = ['productOrderStateChangeEvent'];
// Item events also carry orderItemId (MEF123 R106). productOrderItemExpectedCompletionDateSet (the guide's
// "…SetEvent" is not the enum value, mef-contracts §6.3 #14) follows a date change, not a state change, so it is not here.
const ITEM_EVENT = ['productOrderItemStateChangeEvent'];

export const productOrder: StateMachine = {
  id: 'sonata.productOrder',
  api: 'sonata.productOrder',
  entity: 'ProductOrder',
  stateField: 'state',
  history: { field: 'stateChange', key: 'state' },
  stateEnum: { file: ORDER_API, schema: 'MEFProductOrderStateType' },
  states: [
    'acknowledged',
    'assessingCancellation',
    'cancelled',
    'completed',
    'failed',
    'held.assessingCharge',
    'inProgress',
    'partial',
    'pending.assessingModification',
    'pendingCancellation',
    'rejected',
  ],
  initial: ['acknowledged'],
  terminal: ['cancelled', 'completed', 'failed', 'partial', 'rejected'],
  transitions: [
    { from: null, to: 'acknowledged', event: 'create', actor: 'client', operationId: 'createProductOrder' },
    { from: 'acknowledged', to: 'inProgress', event: 'validate', actor: 'server', notify: ORDER_EVENT },
    {
      from: 'acknowledged',
      to: 'rejected',
      event: 'reject',
      actor: 'server',
      notify: ORDER_EVENT,
      note: 'after the 201 an error response is no longer possible; the items carry terminationError',
    },

    // Cancellation (MEF 123 §6.8)
    {
      from: 'inProgress',
      to: 'assessingCancellation',
      event: 'cancelRequested',
      actor: 'client',
      operationId: 'createCancelProductOrder',
      notify: ORDER_EVENT,
      requirements: ['MEF123 R73'],
    },
    {
      from: 'inProgress',
      to: 'pendingCancellation',
      event: 'cancelBySeller',
      actor: 'server',
      notify: ORDER_EVENT,
      note: 'Table 8: pendingCancellation can also result from the Seller cancelling the order without a request',
    },
    {
      from: 'assessingCancellation',
      to: 'pendingCancellation',
      event: 'acceptCancellation',
      actor: 'server',
      notify: ORDER_EVENT,
      note: 'the cancel request is done: validated, and its charges (if any) accepted',
    },
    {
      from: 'assessingCancellation',
      to: 'inProgress',
      event: 'rejectCancellation',
      actor: 'server',
      notify: ORDER_EVENT,
      note: 'the cancel request is rejected',
    },
    {
      from: 'assessingCancellation',
      to: 'inProgress',
      event: 'declineCancellationCharge',
      actor: 'client',
      operationId: 'patchCharge',
      notify: ORDER_EVENT,
      note: 'a blocking charge on the cancel request is declined: the request is done.declined (MEF 123 §6.12)',
    },
    {
      from: 'pendingCancellation',
      to: 'cancelled',
      event: 'completeCancellation',
      actor: 'server',
      notify: ORDER_EVENT,
    },

    // Modify requested delivery date (MEF 123 §6.5)
    {
      from: 'inProgress',
      to: 'pending.assessingModification',
      event: 'modifyRequested',
      actor: 'client',
      operationId: 'createModifyProductOrderItemRequestedDeliveryDate',
      notify: ORDER_EVENT,
    },
    {
      from: 'pending.assessingModification',
      to: 'inProgress',
      event: 'acceptModification',
      actor: 'server',
      notify: ORDER_EVENT,
      note: 'the modify request is done, its charges (if any) accepted',
    },
    {
      from: 'pending.assessingModification',
      to: 'inProgress',
      event: 'rejectModification',
      actor: 'server',
      notify: ORDER_EVENT,
    },
    {
      from: 'pending.assessingModification',
      to: 'inProgress',
      event: 'declineModificationCharge',
      actor: 'client',
      operationId: 'patchCharge',
      notify: ORDER_EVENT,
      note: 'every modify-RDD charge is blocking, so the request is done.declined and the original dates kept',
    },

    // Charges raised while fulfilling an item (MEF 123 §6.11.1, Table 8 held.assessingCharge)
    {
      from: 'inProgress',
      to: 'held.assessingCharge',
      event: 'raiseCharge',
      actor: 'server',
      notify: ORDER_EVENT,
      requirements: ['MEF123 R86'],
    },
    {
      from: 'held.assessingCharge',
      to: 'inProgress',
      event: 'acceptCharge',
      actor: 'client',
      operationId: 'patchCharge',
      notify: ORDER_EVENT,
      requirements: ['MEF123 R94', 'MEF123 R95'],
    },
    {
      from: 'held.assessingCharge',
      to: 'inProgress',
      event: 'declineCharge',
      actor: 'client',
      operationId: 'patchCharge',
      notify: ORDER_EVENT,
      note: 'a declined blocking charge fails the affected items; with no unrelated items left the order then fails',
    },
    { from: 'held.assessingCharge', to: 'inProgress', event: 'withdrawCharge', actor: 'server', notify: ORDER_EVENT },
    {
      from: 'held.assessingCharge',
      to: 'inProgress',
      event: 'chargeTimeout',
      actor: 'system',
      notify: ORDER_EVENT,
      requirements: ['MEF123 R96'],
      note: 'no response by responseDueDate: every charge item counts as declined',
    },

    // End of fulfilment
    {
      from: 'inProgress',
      to: 'completed',
      event: 'complete',
      actor: 'server',
      notify: ORDER_EVENT,
      requirements: ['MEF123 R45'],
    },
    {
      from: 'inProgress',
      to: 'failed',
      event: 'fail',
      actor: 'server',
      notify: ORDER_EVENT,
      note: 'every item failed',
    },
    {
      from: 'inProgress',
      to: 'partial',
      event: 'completePartially',
      actor: 'server',
      notify: ORDER_EVENT,
      note: 'some items completed, the others failed or cancelled',
    },
  ],
  source: [`${ORDER_MEDIA}/productOrderFlow.puml`, 'MEF 123 §6.1.9 Table 8', 'MEF 123 §6.5, §6.8, §6.11, §6.12'],
};

export const productOrderItem: StateMachine = {
  id: 'sonata.productOrderItem',
  api: 'sonata.productOrder',
  entity: 'ProductOrderItem',
  stateField: 'state',
  history: { field: 'stateChange', key: 'state' },
  stateEnum: { file: ORDER_API, schema: 'MEFProductOrderItemStateType' },
  states: [
    'acknowledged',
    'cancelled',
    'completed',
    'failed',
    'held',
    'inProgress',
    'pending',
    'rejected',
    'rejected.validated',
    'rejected.unassessed',
  ],
  initial: ['acknowledged'],
  terminal: ['cancelled', 'completed', 'failed', 'rejected', 'rejected.validated', 'rejected.unassessed'],
  transitions: [
    { from: null, to: 'acknowledged', event: 'create', actor: 'client', operationId: 'createProductOrder' },
    {
      from: 'acknowledged',
      to: 'inProgress',
      event: 'validate',
      actor: 'server',
      notify: ITEM_EVENT,
      requirements: ['MEF123 R28', 'MEF123 R46'],
    },
    { from: 'acknowledged', to: 'rejected', event: 'reject', actor: 'server', notify: ITEM_EVENT },
    {
      from: 'acknowledged',
      to: 'rejected.validated',
      event: 'rejectAsValidated',
      actor: 'server',
      notify: ITEM_EVENT,
      note: 'this item passed validation but another item of the order was rejected',
    },
    {
      from: 'acknowledged',
      to: 'rejected.unassessed',
      event: 'rejectAsUnassessed',
      actor: 'server',
      notify: ITEM_EVENT,
      note: 'another item of the order was rejected before this one was assessed',
    },

    // Charges (MEF 123 §6.11.1, §6.12)
    {
      from: 'inProgress',
      to: 'held',
      event: 'raiseCharge',
      actor: 'server',
      notify: ITEM_EVENT,
      requirements: ['MEF123 R26', 'MEF123 R85', 'MEF123 R86'],
      // R26 calls the item state held.assessingCharge; that is the order's state, the item enum has held (§6.3 #14).
    },
    {
      from: 'held',
      to: 'inProgress',
      event: 'acceptCharge',
      actor: 'client',
      operationId: 'patchCharge',
      notify: ITEM_EVENT,
      note: 'every blocking charge item accepted; non-blocking ones may be declined',
    },
    { from: 'held', to: 'inProgress', event: 'withdrawCharge', actor: 'server', notify: ITEM_EVENT },
    {
      from: 'held',
      to: 'failed',
      event: 'declineCharge',
      actor: 'client',
      operationId: 'patchCharge',
      notify: ITEM_EVENT,
      requirements: ['MEF123 R27'],
      note: 'a blocking charge item declined (MEF 123 §6.12, Use Case 11a)',
    },
    {
      from: 'held',
      to: 'failed',
      event: 'chargeTimeout',
      actor: 'system',
      notify: ITEM_EVENT,
      requirements: ['MEF123 R27', 'MEF123 R96'],
    },

    // Cancel and modify requests put the item on hold while they are assessed (Table 9, pending)
    {
      from: 'inProgress',
      to: 'pending',
      event: 'cancelRequested',
      actor: 'client',
      operationId: 'createCancelProductOrder',
      notify: ITEM_EVENT,
    },
    {
      from: 'inProgress',
      to: 'pending',
      event: 'modifyRequested',
      actor: 'client',
      operationId: 'createModifyProductOrderItemRequestedDeliveryDate',
      notify: ITEM_EVENT,
    },
    { from: 'pending', to: 'inProgress', event: 'rejectCancellation', actor: 'server', notify: ITEM_EVENT },
    {
      from: 'pending',
      to: 'inProgress',
      event: 'declineCancellationCharge',
      actor: 'client',
      operationId: 'patchCharge',
      notify: ITEM_EVENT,
    },
    { from: 'pending', to: 'inProgress', event: 'acceptModification', actor: 'server', notify: ITEM_EVENT },
    { from: 'pending', to: 'inProgress', event: 'rejectModification', actor: 'server', notify: ITEM_EVENT },
    {
      from: 'pending',
      to: 'inProgress',
      event: 'declineModificationCharge',
      actor: 'client',
      operationId: 'patchCharge',
      notify: ITEM_EVENT,
      note: 'the original delivery dates are kept',
    },
    {
      from: 'pending',
      to: 'cancelled',
      event: 'acceptCancellation',
      actor: 'server',
      notify: ITEM_EVENT,
      requirements: ['MEF123 R27', 'MEF123 R47'],
      note: 'the order moved to pendingCancellation',
    },
    // productOrderItemFlow.puml also draws pending → failed ("product order moved to cancelling? no"). Table 9 lists
    // every way out of pending (cancelled, or back to inProgress after a rejected cancel, an accepted modify or a
    // done.declined modify) and failed is not one of them, so the guide wins and the transition is left out.

    // Table 9 (cancelled) moves every item to cancelled when the order reaches pendingCancellation, and Table 8 lets
    // the Seller cancel an inProgress order on its own; the diagram only draws pending → cancelled.
    {
      from: 'inProgress',
      to: 'cancelled',
      event: 'cancelBySeller',
      actor: 'server',
      notify: ITEM_EVENT,
      requirements: ['MEF123 R27', 'MEF123 R47'],
    },

    {
      from: 'inProgress',
      to: 'completed',
      event: 'complete',
      actor: 'server',
      notify: ITEM_EVENT,
      requirements: ['MEF123 R29', 'MEF123 R48'],
    },
    {
      from: 'inProgress',
      to: 'failed',
      event: 'fail',
      actor: 'server',
      notify: ITEM_EVENT,
      requirements: ['MEF123 R27'],
    },
  ],
  source: [`${ORDER_MEDIA}/productOrderItemFlow.puml`, 'MEF 123 §6.1.10 Table 9', 'MEF 123 §6.1.11'],
};
