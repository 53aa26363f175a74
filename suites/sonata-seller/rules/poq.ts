import { API } from '../support/apis';
import { hubRules, listRules, prefixed, rule } from './define';

const A = API.poq;

/** Product Offering Qualification (MEF 87). */
export const POQ = {
  createContract: rule(
    'sonata.poq.create.contract',
    A,
    'POST /productOfferingQualification answers 201 with a POQ as the contract says',
    ['MEF87 R14', 'MEF87 R7'],
  ),
  createEcho: rule('sonata.poq.create.echo', A, 'The response returns every attribute of the request unchanged', [
    'MEF87 R8',
    'MEF87 R23',
  ]),
  sellerContact: rule(
    'sonata.poq.create.seller-contact',
    A,
    'The response carries a relatedContactInformation with role sellerContactInformation',
    ['MEF87 R25', 'MEF87 R26'],
  ),
  itemsMatch: rule(
    'sonata.poq.items-match-request',
    A,
    'Each item of the response corresponds to one item of the request',
    ['MEF87 R27'],
  ),
  instantFinal: rule(
    'sonata.poq.instant.final-state',
    A,
    'An immediate qualification (instantSyncQualification=true) answers in done.ready or terminatedWithError',
    ['MEF87 R24'],
  ),
  deferredLifecycle: rule(
    'sonata.poq.deferred.lifecycle',
    A,
    'A deferred qualification goes acknowledged → inProgress → a final state, as its stateChange records',
    ['MEF87 R16', 'MEF87 R50'],
  ),
  readyItems: rule(
    'sonata.poq.item.ready-attributes',
    A,
    'A done.ready item has serviceabilityConfidence, and installationInterval when green or yellow',
    ['MEF87 R9', 'MEF87 R10', 'MEF87 R28', 'MEF87 R29'],
  ),
  errorItems: rule(
    'sonata.poq.item.error-attributes',
    A,
    'A terminatedWithError or done.abandoned item has terminationError (if terminated) and none of the success attributes',
    ['MEF87 R30', 'MEF87 R31'],
  ),
  aggregate: rule(
    'sonata.poq.aggregate-state',
    A,
    'The POQ state agrees with its items (done.ready only if all are; terminatedWithError only if one is)',
    ['MEF87 R48', 'MEF87 R49', 'MEF87 R50'],
  ),
  createEvent: rule(
    'sonata.poq.notification.create-event',
    A,
    'poqCreateEvent is sent for immediate and deferred qualifications',
    ['MEF87 R45'],
  ),
  stateEvents: rule(
    'sonata.poq.notification.state-events',
    A,
    'State change events come only for deferred qualifications, with poqItemId on item events',
    ['MEF87 R46'],
  ),
  retrieveContract: rule(
    'sonata.poq.retrieve.contract',
    A,
    'GET /productOfferingQualification/{id} answers 200 with the POQ as the contract says',
    ['MEF87 R14'],
  ),
  retrieveUnknown: rule(
    'sonata.poq.retrieve.unknown-id',
    A,
    'GET /productOfferingQualification/{id} of an unknown id answers 404',
    ['MEF87 R14'],
  ),
  unknownProduct: rule(
    'sonata.poq.create.unknown-product',
    A,
    'A modify item naming a product the Buyer does not have is refused (400, or 422 at product.id) or ends in an error state, never done.ready',
    ['MEF87 R37', 'MEF87 R40'],
  ),
  invalidPayload: rule(
    'sonata.poq.create.invalid-payload',
    A,
    'A POQ without items, or an add item with product.id, is refused (400/422 pointing at it)',
    ['MEF87 R17', 'MEF87 R36'],
  ),
  ...prefixed(
    'list',
    listRules('sonata.poq', A, '/productOfferingQualification', {
      contract: ['MEF87 R14'],
      pagination: ['MEF87 R47'],
      filters: ['MEF87 R14'],
      empty: ['MEF87 R14'],
    }),
  ),
  ...prefixed(
    'hub',
    hubRules('sonata.poq', A, {
      register: ['MEF87 R53'],
      unregister: ['MEF87 R53'],
      delivered: ['MEF87 R45'],
      silent: ['MEF87 R44'],
      contract: ['MEF87 R14'],
      ids: ['MEF87 R6'],
      filter: ['MEF87 R53', 'MEF87 R44'],
    }),
  ),
};
