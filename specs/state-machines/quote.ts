import { fromEach, type StateMachine } from './machine';

const QUOTE_API = 'sonata/productApi/quote/quoteManagement.api.yaml';
const QUOTE_MEDIA = 'sonata/documentation/productApi/quote/media/src';
const CREATE = 'createQuote';

// One table for firm and budgetary quotes: the union of the two activity diagrams of each entity. Which states a quote
// level may use (Tables 9 and 10, MEF115 R33/R34/R51) is checked on the payload, not here. The 201 to createQuote
// stands in for the create notification (MEF 115 §6.8); events are due if deferred answers are supported (MEF115 R56).
const QUOTE_CHANGED = ['quoteStateChangeEvent'];
const ITEM_CHANGED = ['quoteItemStateChangeEvent']; // with quoteItemId (MEF115 R57)

const WORKING = ['inProgress', 'inProgress.draft'];
const APPROVED = ['approved.orderable', 'approved.orderableAlternate'];

export const quote: StateMachine = {
  id: 'sonata.quote',
  api: 'sonata.quote',
  entity: 'Quote',
  stateField: 'state',
  history: { field: 'stateChange', key: 'state' },
  stateEnum: { file: QUOTE_API, schema: 'MEFQuoteStateType' },
  states: [
    'accepted',
    'acknowledged',
    'answered',
    'approved.orderable',
    'approved.orderableAlternate',
    'cancelled',
    'unableToProvide',
    'declined',
    'expired',
    'inProgress',
    'inProgress.draft',
    'rejected',
  ],
  // An immediate answer (Use Cases 1a and 1c) starts in a completion state.
  initial: ['acknowledged', 'approved.orderable', 'approved.orderableAlternate', 'answered', 'unableToProvide'],
  terminal: ['accepted', 'cancelled', 'unableToProvide', 'declined', 'expired', 'rejected'],
  transitions: [
    { from: null, to: 'acknowledged', event: 'create', actor: 'client', operationId: CREATE },
    { from: null, to: 'approved.orderable', event: 'createOrderable', actor: 'client', operationId: CREATE },
    {
      from: null,
      to: 'approved.orderableAlternate',
      event: 'createOrderableAlternate',
      actor: 'client',
      operationId: CREATE,
      requirements: ['MEF115 R41'],
    },
    { from: null, to: 'answered', event: 'createAnswered', actor: 'client', operationId: CREATE },
    { from: null, to: 'unableToProvide', event: 'createUnableToProvide', actor: 'client', operationId: CREATE },
    { from: 'acknowledged', to: 'rejected', event: 'reject', actor: 'server', notify: QUOTE_CHANGED },
    { from: 'acknowledged', to: 'inProgress', event: 'validate', actor: 'server', notify: QUOTE_CHANGED },
    {
      from: 'inProgress',
      to: 'inProgress.draft',
      event: 'draft',
      actor: 'server',
      notify: QUOTE_CHANGED,
      note: 'firm quotes only: partial pricing',
    },
    ...fromEach(WORKING, {
      to: 'cancelled',
      event: 'cancel',
      actor: 'client',
      operationId: 'cancelQuote',
      notify: QUOTE_CHANGED,
      requirements: ['MEF115 R53'],
      note: 'items still in progress become abandoned',
    }),
    ...fromEach(WORKING, {
      to: 'approved.orderable',
      event: 'approve',
      actor: 'server',
      notify: QUOTE_CHANGED,
      requirements: ['MEF115 R52'],
    }),
    ...fromEach(WORKING, {
      to: 'approved.orderableAlternate',
      event: 'approveAlternate',
      actor: 'server',
      notify: QUOTE_CHANGED,
      requirements: ['MEF115 R41'],
    }),
    // Budgetary quotes have no draft (quoteBudgetaryActivity.puml; §7.2.2.5 reserves inProgress.draft for firm).
    { from: 'inProgress', to: 'answered', event: 'answer', actor: 'server', notify: QUOTE_CHANGED },
    ...fromEach(WORKING, {
      to: 'unableToProvide',
      event: 'unableToProvide',
      actor: 'server',
      notify: QUOTE_CHANGED,
      note: 'an item cannot be quoted or the deadline cannot be met; items in progress become abandoned',
    }),
    // The guide calls the operation declineQuote (MEF 115 §6.6); the spec only has POST /rejectQuote (§6.3 #12).
    ...fromEach(APPROVED, {
      to: 'declined',
      event: 'decline',
      actor: 'client',
      operationId: 'rejectQuote',
      notify: QUOTE_CHANGED,
      requirements: ['MEF115 R54', 'MEF115 CR3'],
    }),
    ...fromEach(APPROVED, {
      to: 'accepted',
      event: 'accept',
      actor: 'server',
      notify: QUOTE_CHANGED,
      requirements: ['MEF115 CR3'],
      note: 'a Product Order referenced the quote items; there is no Buyer call for it (MEF 115 §6.6)',
    }),
    ...fromEach([...APPROVED, 'answered'], {
      to: 'expired',
      event: 'expire',
      actor: 'system',
      notify: QUOTE_CHANGED,
      requirements: ['MEF115 CR3'],
      note: 'validFor.endDateTime passed',
    }),
  ],
  source: [
    `${QUOTE_MEDIA}/quoteFirmActivity.puml`,
    `${QUOTE_MEDIA}/quoteBudgetaryActivity.puml`,
    'MEF 115 §6.2, §6.5, §6.6, §7.2.1.4',
  ],
};

export const quoteItem: StateMachine = {
  id: 'sonata.quoteItem',
  api: 'sonata.quote',
  entity: 'QuoteItem',
  stateField: 'state',
  stateEnum: { file: QUOTE_API, schema: 'MEFQuoteItemStateType' },
  states: [
    'answered',
    'acknowledged',
    'approved.orderable',
    'approved.orderableAlternate',
    'inProgress',
    'inProgress.draft',
    'rejected',
    'abandoned',
    'unableToProvide',
  ],
  initial: [
    'acknowledged',
    'approved.orderable',
    'approved.orderableAlternate',
    'answered',
    'unableToProvide',
    'abandoned',
  ],
  // Items stay in their result when the quote is later accepted, declined or expired (§7.2.1.4, declined).
  terminal: [
    'answered',
    'approved.orderable',
    'approved.orderableAlternate',
    'rejected',
    'abandoned',
    'unableToProvide',
  ],
  transitions: [
    { from: null, to: 'acknowledged', event: 'create', actor: 'client', operationId: CREATE },
    { from: null, to: 'approved.orderable', event: 'createOrderable', actor: 'client', operationId: CREATE },
    {
      from: null,
      to: 'approved.orderableAlternate',
      event: 'createOrderableAlternate',
      actor: 'client',
      operationId: CREATE,
    },
    { from: null, to: 'answered', event: 'createAnswered', actor: 'client', operationId: CREATE },
    { from: null, to: 'unableToProvide', event: 'createUnableToProvide', actor: 'client', operationId: CREATE },
    {
      from: null,
      to: 'abandoned',
      event: 'createAbandoned',
      actor: 'client',
      operationId: CREATE,
      note: 'another item of the immediate answer was rejected',
    },
    { from: 'acknowledged', to: 'rejected', event: 'reject', actor: 'server', notify: ITEM_CHANGED },
    {
      from: 'acknowledged',
      to: 'abandoned',
      event: 'abandon',
      actor: 'server',
      notify: ITEM_CHANGED,
      note: 'another item was rejected',
    },
    { from: 'acknowledged', to: 'inProgress', event: 'validate', actor: 'server', notify: ITEM_CHANGED },
    {
      from: 'inProgress',
      to: 'inProgress.draft',
      event: 'draft',
      actor: 'server',
      notify: ITEM_CHANGED,
      note: 'firm quotes only',
    },
    ...fromEach(WORKING, { to: 'approved.orderable', event: 'approve', actor: 'server', notify: ITEM_CHANGED }),
    ...fromEach(WORKING, {
      to: 'approved.orderableAlternate',
      event: 'approveAlternate',
      actor: 'server',
      notify: ITEM_CHANGED,
    }),
    { from: 'inProgress', to: 'answered', event: 'answer', actor: 'server', notify: ITEM_CHANGED },
    // quoteItemBudgetaryActivity.puml names this outcome rejected.unableToProvide, which is not in
    // MEFQuoteItemStateType; the spec's unableToProvide is used (mef-contracts §6.3 #17).
    ...fromEach(WORKING, { to: 'unableToProvide', event: 'unableToProvide', actor: 'server', notify: ITEM_CHANGED }),
    ...fromEach(WORKING, {
      to: 'abandoned',
      event: 'abandon',
      actor: 'server',
      notify: ITEM_CHANGED,
      note: 'another item was rejected, or the quote was cancelled or became unableToProvide',
    }),
  ],
  source: [
    `${QUOTE_MEDIA}/quoteItemFirmActivity.puml`,
    `${QUOTE_MEDIA}/quoteItemBudgetaryActivity.puml`,
    'MEF 115 §6.8, §7.2.2.5',
  ],
};
