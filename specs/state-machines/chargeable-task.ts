import type { StateMachine, Transition } from './machine';

// Cancel Product Order and Modify Product Order Item Requested Delivery Date share MEFChargeableTaskStateType and the
// same diagram shape (useCase8CancelStates.puml, useCase5ModifyStates.puml); only the API call and the event differ.

const ORDER_API = 'sonata/productApi/order/productOrderManagement.api.yaml';
const ORDER_MEDIA = 'sonata/documentation/productApi/order/media/src';

const STATES = ['acknowledged', 'done', 'done.declined', 'inProgress.assessingCharge', 'rejected'] as const;

function chargeableTaskTransitions(createOperationId: string, stateChangeEvent: string, createRequirements: string[]) {
  // The 201 stands in for the create notification, as for the order itself (MEF 123 §6.16).
  const notify = [stateChangeEvent];
  const transitions: Transition[] = [
    {
      from: null,
      to: 'acknowledged',
      event: 'create',
      actor: 'client',
      operationId: createOperationId,
      requirements: createRequirements,
    },
    {
      from: 'acknowledged',
      to: 'rejected',
      event: 'reject',
      actor: 'server',
      notify,
      note: 'business validation failed; the order and its items go back to inProgress',
    },
    {
      from: 'acknowledged',
      to: 'done',
      event: 'accept',
      actor: 'server',
      notify,
      note: 'valid and no charge',
    },
    {
      from: 'acknowledged',
      to: 'inProgress.assessingCharge',
      event: 'raiseCharge',
      actor: 'server',
      notify,
      requirements: ['MEF123 R84', 'MEF123 R86'],
    },
    {
      from: 'inProgress.assessingCharge',
      to: 'done',
      event: 'acceptCharge',
      actor: 'client',
      operationId: 'patchCharge',
      notify,
      requirements: ['MEF123 R94', 'MEF123 R95'],
      note: 'every blocking charge item accepted',
    },
    {
      from: 'inProgress.assessingCharge',
      to: 'done.declined',
      event: 'declineCharge',
      actor: 'client',
      operationId: 'patchCharge',
      notify,
      note: 'a blocking charge item declined; nothing changes on the order (MEF 123 §6.12)',
    },
    // Tables 12 and 13 also say the request waits until the charge is "completed or withdrawn by the Seller", but
    // neither the guide nor the diagrams say where a withdrawn charge leads, so there is no withdrawCharge here.
    {
      from: 'inProgress.assessingCharge',
      to: 'done.declined',
      event: 'chargeTimeout',
      actor: 'system',
      notify,
      requirements: ['MEF123 R96'],
      note: 'no response by responseDueDate counts as declining every charge item',
    },
  ];
  return transitions;
}

export const cancelProductOrder: StateMachine = {
  id: 'sonata.cancelProductOrder',
  api: 'sonata.productOrder',
  entity: 'CancelProductOrder',
  stateField: 'state',
  stateEnum: { file: ORDER_API, schema: 'MEFChargeableTaskStateType' },
  states: STATES,
  initial: ['acknowledged'],
  terminal: ['done', 'done.declined', 'rejected'],
  transitions: chargeableTaskTransitions('createCancelProductOrder', 'cancelProductOrderStateChangeEvent', [
    'MEF123 R73',
    'MEF123 R74',
    'MEF123 R75',
    'MEF123 R76',
  ]),
  source: [`${ORDER_MEDIA}/useCase8CancelStates.puml`, 'MEF 123 §6.8 Table 13', 'MEF 123 §6.11.3, §6.12'],
};

export const modifyProductOrderItemRequestedDeliveryDate: StateMachine = {
  id: 'sonata.modifyProductOrderItemRequestedDeliveryDate',
  api: 'sonata.productOrder',
  entity: 'MEFModifyProductOrderItemRequestedDeliveryDate',
  stateField: 'state',
  stateEnum: { file: ORDER_API, schema: 'MEFChargeableTaskStateType' },
  states: STATES,
  initial: ['acknowledged'],
  terminal: ['done', 'done.declined', 'rejected'],
  transitions: chargeableTaskTransitions(
    'createModifyProductOrderItemRequestedDeliveryDate',
    'modifyProductOrderItemRequestedDeliveryDateStateChangeEvent',
    ['MEF123 R63', 'MEF123 R64', 'MEF123 R65', 'MEF123 R66', 'MEF123 R67', 'MEF123 R68'],
  ),
  source: [`${ORDER_MEDIA}/useCase5ModifyStates.puml`, 'MEF 123 §6.5 Table 12', 'MEF 123 §6.11.2, §6.12'],
};
