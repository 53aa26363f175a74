import type { Rule } from '../harness/rules';

const API = 'sonata.productOrder';

/** What the stage self-test judges of a Buyer: real MEF 123 requirements, judged on requests rather than answers. */
export const STAGE_RULES = {
  hubRegistered: {
    id: 'stage.hub.registered',
    title: 'The client registers a hub before it orders (it gets no notifications otherwise)',
    api: API,
    requirements: ['MEF123 R104', 'MEF123 R105'],
  },
  createContract: {
    id: 'stage.order.create.contract',
    title: 'Every POST /productOrder the client sends conforms to the contract',
    api: API,
    requirements: ['MEF123 R10', 'MEF123 R13', 'MEF123 R14'],
  },
  transition: {
    id: 'stage.order.transition',
    title: 'The client asks only for state changes the Product Order state machine allows from the state it was told',
    api: API,
    requirements: ['MEF123 R73', 'MEF123 R62'],
  },
} as const satisfies Record<string, Rule>;
