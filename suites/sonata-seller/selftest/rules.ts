import type { Rule } from '../../harness/rules';

const API = 'sonata.productOrder';

/** The self-test suite's rules. Real MEF requirements, so the machinery is exercised exactly as the Sonata suite will. */
export const SELFTEST_RULES = {
  hubContract: {
    id: 'selftest.hub.register.contract',
    title: 'POST /hub answers as the contract says',
    api: API,
    requirements: ['MEF123 R10'],
  },
  hubQuery: {
    id: 'selftest.hub.register.event-type-query',
    title: 'A registration filtered by eventType is accepted (201)',
    api: API,
    requirements: ['MEF123 R101'],
  },
  delivered: {
    id: 'selftest.notification.delivered',
    title: 'A registered Buyer receives the notification it registered for',
    api: API,
    requirements: ['MEF123 R105'],
  },
  notificationContract: {
    id: 'selftest.notification.contract',
    title: 'The notification conforms to the notification API',
    api: API,
    requirements: ['MEF123 R10'],
  },
  idsEchoed: {
    id: 'selftest.notification.buyer-seller-ids',
    title: 'buyerId/sellerId of the registration come back in the notification',
    api: API,
    requirements: ['MEF123 R6'],
  },
  retrieveContract: {
    id: 'selftest.order.retrieve.contract',
    title: 'GET /productOrder/{id} of the notified order answers as the contract says',
    api: API,
    requirements: ['MEF123 R10'],
  },
  retrieveSameId: {
    id: 'selftest.order.retrieve.same-id',
    title: 'The retrieved order has the id the notification named',
    api: API,
    requirements: ['MEF123 R18'],
  },
  history: {
    id: 'selftest.order.state-history',
    title: 'The order stateChange history is a possible Product Order lifecycle',
    api: API,
    requirements: ['MEF123 R19'],
  },
  unregisterContract: {
    id: 'selftest.hub.unregister.contract',
    title: 'DELETE /hub/{id} answers as the contract says',
    api: API,
    requirements: ['MEF123 R10'],
  },
  cancelListContract: {
    id: 'selftest.cancel.list.contract',
    title: 'GET /cancelProductOrder answers as the contract says',
    api: API,
    requirements: ['MEF123 R10'],
  },
  cancelListEmpty: {
    id: 'selftest.cancel.list.empty',
    title: 'A cancel list query that matches nothing is an empty list',
    api: API,
    requirements: ['MEF123 R78'],
  },
} as const satisfies Record<string, Rule>;
