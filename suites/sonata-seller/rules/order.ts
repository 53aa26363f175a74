import { API } from '../support/apis';
import { hubRules, listRules, prefixed, rule } from './define';

const A = API.order;

/** Product Order Management (MEF 123): orders, cancel, modify requested delivery date, charges, hub. */
export const ORDER = {
  createContract: rule(
    'sonata.order.create.contract',
    A,
    'POST /productOrder answers 201 with a ProductOrder as the contract says',
    ['MEF123 R10', 'MEF123 R22'],
  ),
  createInitialState: rule(
    'sonata.order.create.initial-state',
    A,
    'A new order and all its items are acknowledged in the 201',
    ['MEF123 R62', 'MEF123 R22'],
  ),
  createEcho: rule(
    'sonata.order.create.echo',
    A,
    'The 201 and later GETs return every attribute of the request unchanged (including each productConfiguration and its @type)',
    ['MEF123 R16', 'MEF123 R8'],
  ),
  createSellerAttributes: rule(
    'sonata.order.create.seller-attributes',
    A,
    'The response carries id, state, orderDate and a sellerContact',
    ['MEF123 R17'],
  ),
  retrieveContract: rule(
    'sonata.order.retrieve.contract',
    A,
    'GET /productOrder/{id} answers 200 with the order as the contract says',
    ['MEF123 R10', 'MEF123 R62'],
  ),
  retrieveSameId: rule('sonata.order.retrieve.same-id', A, 'The order keeps its id for life', ['MEF123 R18']),
  retrieveUnknown: rule(
    'sonata.order.retrieve.unknown-id',
    A,
    'GET /productOrder/{id} of an unknown id answers 404 in the MEF error shape',
    ['MEF123 R10'],
  ),
  history: rule(
    'sonata.order.state-history',
    A,
    'stateChange of the order and of each item is a direct path through the lifecycle and holds every state observed',
    ['MEF123 R19', 'MEF123 R23'],
  ),
  itemDates: rule(
    'sonata.order.item.dates',
    A,
    'expectedCompletionDate and completionDate are present or absent as each item state requires',
    ['MEF123 R27', 'MEF123 R28', 'MEF123 R29', 'MEF123 R46', 'MEF123 R47', 'MEF123 R48', 'MEF123 R49'],
  ),
  completion: rule('sonata.order.completion', A, 'A completed order carries completionDate', ['MEF123 R45']),
  productId: rule(
    'sonata.order.item.product-id',
    A,
    'Once fulfilment started, every add item names the product it creates (product.id)',
    ['MEF123 R61'],
  ),
  unknownProduct: rule(
    'sonata.order.create.unknown-product',
    A,
    'A modify item naming a product the Buyer does not have is refused (400, or 422 at product.id) or the order is rejected, never completed',
    ['MEF123 R39', 'MEF123 R43'],
  ),
  invalidPayload: rule(
    'sonata.order.create.invalid-payload',
    A,
    'An order the Seller cannot accept as sent is refused with 422 pointing at the offending property (missing productOrderContact, add without productConfiguration, add with product.id, delete with productConfiguration)',
    ['MEF123 R10', 'MEF123 R13', 'MEF123 R30', 'MEF123 R36', 'MEF123 R44'],
  ),
  invalidProduct: rule(
    'sonata.order.create.invalid-product',
    A,
    'A productConfiguration with an unknown @type, or that breaks its product schema, is refused with 422 pointing into it',
    ['MEF123 R7', 'MEF123 R8', 'MEF123 R9'],
  ),
  rejected: rule(
    'sonata.order.rejected',
    A,
    'An order failing business validation ends rejected: an item rejected with terminationError, the others rejected.validated or rejected.unassessed',
    ['MEF123 R62'],
  ),
  notificationPerChange: rule(
    'sonata.order.notification.one-per-change',
    A,
    'One productOrderStateChangeEvent per change after the 201, none for acknowledged',
    ['MEF123 R105'],
  ),
  itemEventIds: rule(
    'sonata.order.notification.order-item-id',
    A,
    'Item events carry the orderItemId of an item of the order',
    ['MEF123 R106'],
  ),
  references: rule(
    'sonata.order.references',
    A,
    'An order whose item references a done.ready POQ item and an approved quote item is taken and completes',
    ['MEF123 CR5', 'MEF123 CR6'],
  ),
  patch: rule(
    'sonata.order.patch.update',
    A,
    'PATCH /productOrder/{id} with updatable attributes answers 200 with the whole order, updated',
    ['MEF123 R52', 'MEF123 R56'],
  ),
  patchNotes: rule(
    'sonata.order.patch.notes-append-only',
    A,
    'Notes are append-only: a PATCH that changes an existing note is refused; a new Buyer note is kept with source buyer',
    ['MEF123 R21', 'MEF123 R57', 'MEF123 R58'],
  ),
  patchUnknown: rule('sonata.order.patch.unknown-id', A, 'PATCH /productOrder/{id} of an unknown id answers 404', [
    'MEF123 R10',
  ]),
  ...prefixed(
    'list',
    listRules('sonata.order', A, '/productOrder', {
      contract: ['MEF123 R59', 'MEF123 R10'],
      pagination: ['MEF123 R107'],
      filters: ['MEF123 O9', 'MEF123 O10', 'MEF123 R59'],
      empty: ['MEF123 R60'],
    }),
  ),
  ...prefixed(
    'hub',
    hubRules('sonata.order', A, {
      register: ['MEF123 R101', 'MEF123 CR4'],
      retrieve: ['MEF123 CR4'],
      unregister: ['MEF123 CR4'],
      delivered: ['MEF123 R105'],
      silent: ['MEF123 R104'],
      contract: ['MEF123 R10'],
      ids: ['MEF123 R6'],
      filter: ['MEF123 R101', 'MEF123 R104'],
    }),
  ),
};

/** Cancel Product Order (MEF 123 §6.8–6.10, Use Cases 8–10). */
export const CANCEL = {
  create: rule(
    'sonata.order.cancel.create',
    A,
    'POST /cancelProductOrder answers 201 acknowledged, echoing the request, with id, state and a Seller contact',
    ['MEF123 R73', 'MEF123 R75', 'MEF123 R76'],
  ),
  lifecycle: rule(
    'sonata.order.cancel.lifecycle',
    A,
    'A cancelled order goes assessingCancellation → pendingCancellation → cancelled, its items cancelled without expectedCompletionDate',
    ['MEF123 R19', 'MEF123 R47', 'MEF123 R62'],
  ),
  history: rule('sonata.order.cancel.state-history', A, 'The cancel request follows its lifecycle to done', [
    'MEF123 R62',
  ]),
  retrieve: rule(
    'sonata.order.cancel.retrieve',
    A,
    'GET /cancelProductOrder/{id} returns the request with everything the Buyer sent; an unknown id is 404',
    ['MEF123 R79'],
  ),
  notification: rule(
    'sonata.order.cancel.notification',
    A,
    'cancelProductOrderStateChangeEvent is sent for the cancel request',
    ['MEF123 R105'],
  ),
  charged: rule(
    'sonata.order.cancel.charge',
    A,
    'A cancellation charge names the order and the cancel request, is raised while the order is assessingCancellation, and once accepted the cancellation goes through',
    ['MEF123 R84', 'MEF123 R89', 'MEF123 R91', 'MEF123 R94'],
  ),
  refusedWhenDone: rule(
    'sonata.order.cancel.wrong-state',
    A,
    'Cancelling an order that is already completed is refused (422), or the request is rejected',
    ['MEF123 R73', 'MEF123 R62'],
  ),
  ...prefixed(
    'list',
    listRules('sonata.order.cancel', A, '/cancelProductOrder', {
      contract: ['MEF123 R77'],
      pagination: ['MEF123 R107'],
      filters: ['MEF123 O13', 'MEF123 R77'],
      empty: ['MEF123 R78'],
    }),
  ),
};

/** Modify Product Order Item Requested Delivery Date (MEF 123 §6.5–6.7, Use Cases 5–7). */
export const MODIFY = {
  create: rule(
    'sonata.order.modify-date.create',
    A,
    'POST /modifyProductOrderItemRequestedDeliveryDate answers 201 acknowledged with id, state and creationDate, echoing the request',
    ['MEF123 R64', 'MEF123 R65', 'MEF123 R67', 'MEF123 R68'],
  ),
  lifecycle: rule(
    'sonata.order.modify-date.lifecycle',
    A,
    'The item goes pending and back to inProgress; accepted, its requested date is the new one',
    ['MEF123 R62', 'MEF123 R50'],
  ),
  history: rule('sonata.order.modify-date.state-history', A, 'The modify request follows its lifecycle to done', [
    'MEF123 R62',
  ]),
  retrieve: rule(
    'sonata.order.modify-date.retrieve',
    A,
    'GET /modifyProductOrderItemRequestedDeliveryDate/{id} returns the request; an unknown id is 404',
    ['MEF123 R71', 'MEF123 R72'],
  ),
  chargeDeclined: rule(
    'sonata.order.modify-date.charge-declined',
    A,
    'An expedite charge names the item and the modify request; declined, the request ends done.declined and the dates stay as they were',
    ['MEF123 R90', 'MEF123 R84', 'MEF123 R62'],
  ),
  expedite: rule(
    'sonata.order.modify-date.expedite',
    A,
    'expediteAcceptedIndicator is never true when expedite was not requested',
    ['MEF123 R24', 'MEF123 R25'],
  ),
  ...prefixed(
    'list',
    listRules('sonata.order.modify-date', A, '/modifyProductOrderItemRequestedDeliveryDate', {
      contract: ['MEF123 R69'],
      pagination: ['MEF123 R107'],
      filters: ['MEF123 O12', 'MEF123 R69'],
      empty: ['MEF123 R70'],
    }),
  ),
};

/** Charges (MEF 123 §6.11–6.14, Use Cases 11–14). Raising one is a Seller decision. */
export const CHARGE = {
  createEvent: rule(
    'sonata.order.charge.create-event',
    A,
    'A raised charge is announced with chargeCreateEvent naming the charge',
    ['MEF123 R86', 'MEF123 R102'],
  ),
  attributes: rule(
    'sonata.order.charge.attributes',
    A,
    'A new charge names its order and item, is awaitingResponse with a responseDueDate, and every charge item has id, priceType and price',
    ['MEF123 R80', 'MEF123 R88', 'MEF123 R92', 'MEF123 R93', 'MEF123 R100'],
  ),
  held: rule(
    'sonata.order.charge.holds-item',
    A,
    'While a charge awaits the Buyer, the order is held.assessingCharge and the item held, with the charge referenced',
    ['MEF123 R26', 'MEF123 R85'],
  ),
  single: rule('sonata.order.charge.single-open', A, 'An order never has two charges awaiting a response', [
    'MEF123 R81',
    'MEF123 R82',
    'MEF123 R83',
  ]),
  respond: rule(
    'sonata.order.charge.respond',
    A,
    'PATCH /charge/{id} answering every item completes the charge and releases the order',
    ['MEF123 R94', 'MEF123 R95'],
  ),
  respondAgain: rule(
    'sonata.order.charge.respond-twice',
    A,
    'A second answer to a completed charge is refused (409) and nothing changes',
    ['MEF123 R97'],
  ),
  timeout: rule(
    'sonata.order.charge.timeout',
    A,
    'A charge not answered by responseDueDate times out: chargeTimeoutEvent, every item declinedByBuyer, the held item failed',
    ['MEF123 R96', 'MEF123 O14'],
  ),
  retrieveUnknown: rule('sonata.order.charge.unknown-id', A, 'GET /charge/{id} of an unknown id answers 404', [
    'MEF123 R100',
  ]),
  ...prefixed(
    'list',
    listRules('sonata.order.charge', A, '/charge', {
      contract: ['MEF123 R98'],
      pagination: ['MEF123 R107'],
      filters: ['MEF123 O17', 'MEF123 R98'],
      empty: ['MEF123 R99'],
    }),
  ),
};
