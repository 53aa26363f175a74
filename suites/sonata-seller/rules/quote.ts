import { API } from '../support/apis';
import { hubRules, listRules, prefixed, rule } from './define';

const A = API.quote;

/** Quote Management (MEF 115). */
export const QUOTE = {
  createContract: rule('sonata.quote.create.contract', A, 'POST /quote answers 201 with a Quote as the contract says', [
    'MEF115 R9',
    'MEF115 R11',
  ]),
  createEcho: rule('sonata.quote.create.echo', A, 'The response returns every attribute of the request unchanged', [
    'MEF115 R13',
    'MEF115 R26',
  ]),
  sellerAttributes: rule(
    'sonata.quote.create.seller-attributes',
    A,
    'The response has id, state, quoteDate, item states and a sellerContactInformation contact',
    ['MEF115 R27', 'MEF115 R28', 'MEF115 R29', 'MEF115 R30', 'MEF115 R31', 'MEF115 R61'],
  ),
  itemsMatch: rule(
    'sonata.quote.items-match-request',
    A,
    'Each quote item corresponds to exactly one item of the request',
    ['MEF115 R60'],
  ),
  bothModes: rule('sonata.quote.both-modes-accepted', A, 'Both immediate and deferred requests are accepted', [
    'MEF115 R14',
  ]),
  level: rule(
    'sonata.quote.level',
    A,
    'quoteLevel matches the requested level (budgetary → budgetary; firm → firm or firmSubjectToFeasibilityCheck with a flagged item)',
    ['MEF115 R33', 'MEF115 R34', 'MEF115 R35'],
  ),
  terms: rule(
    'sonata.quote.item-terms',
    A,
    'A priced item has a quoteItemTerm; rollInterval only with endOfTermAction roll',
    ['MEF115 R32', 'MEF115 R37', 'MEF115 R38'],
  ),
  lifecycle: rule(
    'sonata.quote.state-history',
    A,
    'stateChange is a direct path through the quote lifecycle and holds every state observed',
    ['MEF115 R36'],
  ),
  alternate: rule(
    'sonata.quote.alternate',
    A,
    'A quote whose item term differs from the one requested is approved.orderableAlternate, its items too',
    ['MEF115 R41', 'MEF115 R40'],
  ),
  approvedAggregate: rule(
    'sonata.quote.approved-aggregate',
    A,
    'A quote is approved.orderable only when all its items are',
    ['MEF115 R52'],
  ),
  accepted: rule(
    'sonata.quote.accepted-by-order',
    A,
    'A quote whose item an order references ends accepted, as its stateChange records',
    ['MEF115 R28', 'MEF115 R36'],
  ),
  cancel: rule(
    'sonata.quote.cancel',
    A,
    'POST /cancelQuote on a quote in progress answers 200 and the quote ends cancelled',
    ['MEF115 R53'],
  ),
  cancelWrongState: rule(
    'sonata.quote.cancel.wrong-state',
    A,
    'POST /cancelQuote on an approved quote is refused with 422',
    ['MEF115 R53'],
  ),
  decline: rule(
    'sonata.quote.decline',
    A,
    'POST /rejectQuote on an approved quote answers 200 and the quote ends declined',
    ['MEF115 R54'],
  ),
  declineWrongState: rule(
    'sonata.quote.decline.wrong-state',
    A,
    'POST /rejectQuote on a quote in progress is refused with 422',
    ['MEF115 R54'],
  ),
  itemEvents: rule(
    'sonata.quote.notification.quote-item-id',
    A,
    'quoteItemStateChangeEvent carries the quoteItemId of an item of the quote',
    ['MEF115 R57'],
  ),
  deferredEvents: rule('sonata.quote.notification.deferred', A, 'A deferred quote announces its state changes', [
    'MEF115 R56',
    'MEF115 CR2',
  ]),
  retrieveContract: rule(
    'sonata.quote.retrieve.contract',
    A,
    'GET /quote/{id} answers 200 with the quote as the contract says',
    ['MEF115 R9'],
  ),
  retrieveUnknown: rule('sonata.quote.retrieve.unknown-id', A, 'GET /quote/{id} of an unknown id answers 404', [
    'MEF115 R9',
  ]),
  unknownProduct: rule(
    'sonata.quote.create.unknown-product',
    A,
    'A delete item naming a product the Buyer does not have is refused (400, or 422 at product.id) or ends in an error state, never priced',
    ['MEF115 R45', 'MEF115 R47'],
  ),
  invalidPayload: rule(
    'sonata.quote.create.invalid-payload',
    A,
    'A quote without items, or a delete item with a productConfiguration, is refused (400/422 pointing at it)',
    ['MEF115 R12', 'MEF115 R48'],
  ),
  ...prefixed(
    'list',
    listRules('sonata.quote', A, '/quote', {
      contract: ['MEF115 R50'],
      pagination: ['MEF115 R58'],
      filters: ['MEF115 R50'],
      empty: ['MEF115 R9'],
    }),
  ),
  ...prefixed(
    'hub',
    hubRules('sonata.quote', A, {
      register: ['MEF115 R55', 'MEF115 CR1'],
      unregister: ['MEF115 O3'],
      delivered: ['MEF115 CR4'],
      silent: ['MEF115 CR5'],
      contract: ['MEF115 R9'],
      ids: ['MEF115 R5'],
      filter: ['MEF115 R55', 'MEF115 CR5'],
    }),
  ),
};
