import type { StateMachine } from './machine';

const ORDER_API = 'sonata/productApi/order/productOrderManagement.api.yaml';
const ORDER_MEDIA = 'sonata/documentation/productApi/order/media/src';

// chargeStateChangeEvent and chargeTimeoutEvent are optional for the Seller (MEF123 O14); chargeCreateEvent is not.
export const charge: StateMachine = {
  id: 'sonata.charge',
  api: 'sonata.productOrder',
  entity: 'MEFProductOrderCharge',
  stateField: 'state',
  stateEnum: { file: ORDER_API, schema: 'MEFProductOrderChargeStateType' },
  states: ['awaitingResponse', 'completed', 'timeout', 'withdrawnBySeller'],
  initial: ['awaitingResponse'],
  terminal: ['completed', 'timeout', 'withdrawnBySeller'],
  transitions: [
    {
      from: null,
      to: 'awaitingResponse',
      event: 'raise',
      actor: 'server',
      notify: ['chargeCreateEvent'],
      requirements: ['MEF123 R80', 'MEF123 R81', 'MEF123 R82', 'MEF123 R83', 'MEF123 R86', 'MEF123 R88'],
    },
    {
      from: 'awaitingResponse',
      to: 'completed',
      event: 'respond',
      actor: 'client',
      operationId: 'patchCharge',
      notify: ['chargeStateChangeEvent'],
      requirements: ['MEF123 R94', 'MEF123 R95'],
      note: 'one PATCH sets acceptanceIndicator on every charge item',
    },
    {
      from: 'awaitingResponse',
      to: 'withdrawnBySeller',
      event: 'withdraw',
      actor: 'server',
      notify: ['chargeStateChangeEvent'],
    },
    {
      from: 'awaitingResponse',
      to: 'timeout',
      event: 'timeout',
      actor: 'system',
      notify: ['chargeTimeoutEvent'],
      requirements: ['MEF123 R96'],
      note: 'responseDueDate passed; every charge item becomes declinedByBuyer',
    },
  ],
  source: [`${ORDER_MEDIA}/useCase11ChargeState.puml`, 'MEF 123 §6.11 Table 14', 'MEF 123 §6.12'],
};

// Charge items have no event type of their own; their changes show through the charge.
export const chargeItem: StateMachine = {
  id: 'sonata.chargeItem',
  api: 'sonata.productOrder',
  entity: 'MEFProductOrderChargeItem',
  stateField: 'state',
  stateEnum: { file: ORDER_API, schema: 'MEFProductOrderChargeItemStateType' },
  states: ['awaitingResponse', 'acceptedByBuyer', 'declinedByBuyer', 'withdrawnBySeller'],
  initial: ['awaitingResponse'],
  // acceptedByBuyer is final: the Seller may no longer withdraw or modify the item (MEF123 R97).
  terminal: ['acceptedByBuyer', 'declinedByBuyer', 'withdrawnBySeller'],
  transitions: [
    { from: null, to: 'awaitingResponse', event: 'raise', actor: 'server', requirements: ['MEF123 R92', 'MEF123 R93'] },
    {
      from: 'awaitingResponse',
      to: 'acceptedByBuyer',
      event: 'accept',
      actor: 'client',
      operationId: 'patchCharge',
      requirements: ['MEF123 R94', 'MEF123 R97'],
    },
    {
      from: 'awaitingResponse',
      to: 'declinedByBuyer',
      event: 'decline',
      actor: 'client',
      operationId: 'patchCharge',
      requirements: ['MEF123 R94'],
    },
    {
      from: 'awaitingResponse',
      to: 'declinedByBuyer',
      event: 'timeout',
      actor: 'system',
      requirements: ['MEF123 R96'],
    },
    { from: 'awaitingResponse', to: 'withdrawnBySeller', event: 'withdraw', actor: 'server' },
  ],
  source: [`${ORDER_MEDIA}/useCase11ChargeItemState.puml`, 'MEF 123 §6.11 Table 15', 'MEF 123 §6.12'],
};
