import type { StateMachine } from './machine';

const BILLING_API = 'sonata/productApi/billing/billingManagement.api.yaml';
const BILLING_MEDIA = 'sonata/documentation/productApi/billing/media/src';

// Billing has no Buyer write API: disputes and payments happen outside it, so no transition carries an operationId.
export const customerBill: StateMachine = {
  id: 'sonata.customerBill',
  api: 'sonata.billing',
  entity: 'CustomerBill',
  stateField: 'state',
  stateEnum: { file: BILLING_API, schema: 'CustomerBillStateType' },
  states: ['generated', 'paymentDue', 'settled'],
  initial: ['generated'],
  terminal: ['settled'],
  transitions: [
    {
      from: null,
      to: 'generated',
      event: 'generate',
      actor: 'server',
      notify: ['customerBillCreateEvent'],
      requirements: ['MEF141 R20'],
      note: 'a bill cycle completed',
    },
    {
      from: 'generated',
      to: 'settled',
      event: 'settle',
      actor: 'server',
      notify: ['customerBillStateChangeEvent'],
      requirements: ['MEF141 R20'],
      note: 'paid in full',
    },
    // CustomerBillCustomerBillItemStatesInteraction.puml: the bill is paymentDue while any item is disputed, due,
    // withdrawn or credited; a partial payment leaves it there (the diagram's paymentDue → "full payment?" loop).
    {
      from: 'generated',
      to: 'paymentDue',
      event: 'requestPayment',
      actor: 'server',
      notify: ['customerBillStateChangeEvent'],
      requirements: ['MEF141 R20', 'MEF141 R25'],
    },
    {
      from: 'paymentDue',
      to: 'settled',
      event: 'settle',
      actor: 'server',
      notify: ['customerBillStateChangeEvent'],
      requirements: ['MEF141 R20', 'MEF141 R25'],
    },
  ],
  source: [
    `${BILLING_MEDIA}/CustomerBillStates.puml`,
    `${BILLING_MEDIA}/CustomerBillCustomerBillItemStatesInteraction.puml`,
    'MEF 141 §6.4.1 Table 8',
  ],
};

// Bill items have no event type; their changes show through the bill. CustomerBillItemStates.puml also draws an
// unlabelled arrow from the "disputed?" choice straight to "Seller agrees?"; Table 9 has credit and withdrawal only
// for disputed charges, so an undisputed item can only be settled.
export const customerBillItem: StateMachine = {
  id: 'sonata.customerBillItem',
  api: 'sonata.billing',
  entity: 'CustomerBillItem',
  stateField: 'state',
  stateEnum: { file: BILLING_API, schema: 'CustomerBillItemStateType' },
  // The diagram and Table 9 say withdrawn; CustomerBillItemStateType says withDrawn, which is what goes on the wire
  // (mef-contracts §6.3 #16).
  states: ['credit', 'disputeBeingInvestigated', 'generated', 'paymentDue', 'settled', 'withDrawn'],
  initial: ['generated'],
  terminal: ['settled', 'withDrawn'],
  transitions: [
    { from: null, to: 'generated', event: 'generate', actor: 'server', requirements: ['MEF141 R24'] },
    { from: 'generated', to: 'settled', event: 'settle', actor: 'server', note: 'not disputed' },
    {
      from: 'generated',
      to: 'disputeBeingInvestigated',
      event: 'dispute',
      actor: 'client',
      requirements: ['MEF141 R24'],
    },
    {
      from: 'disputeBeingInvestigated',
      to: 'withDrawn',
      event: 'withdraw',
      actor: 'server',
      requirements: ['MEF141 R24'],
      note: 'the Seller agrees the charges are wrong and withdraws them',
    },
    {
      from: 'disputeBeingInvestigated',
      to: 'credit',
      event: 'credit',
      actor: 'server',
      requirements: ['MEF141 R24'],
      note: 'the Seller agrees and credits the amount in error',
    },
    {
      from: 'disputeBeingInvestigated',
      to: 'paymentDue',
      event: 'upholdCharges',
      actor: 'client',
      requirements: ['MEF141 R24'],
      note: 'the Seller disagrees and the Buyer accepts the bill is correct',
    },
    { from: 'credit', to: 'settled', event: 'settle', actor: 'server' },
    { from: 'paymentDue', to: 'settled', event: 'settle', actor: 'server' },
  ],
  source: [`${BILLING_MEDIA}/CustomerBillItemStates.puml`, 'MEF 141 §6.5.1 Table 9'],
};
