import { API } from '../support/apis';
import { listRules, prefixed, rule } from './define';

const A = API.inventory;

/** Product Inventory (MEF 116), and how orders move it (mef-contracts §3.10). */
export const INVENTORY = {
  afterOrder: rule(
    'sonata.inventory.after-order',
    A,
    'After an add order completes, GET /product?productOrderId= lists its products, active',
    ['MEF123 R61', 'MEF116 R13'],
  ),
  retrieveContract: rule(
    'sonata.inventory.retrieve.contract',
    A,
    'GET /product/{id} answers 200 with the product as the contract says, its productConfiguration valid for its @type',
    ['MEF116 R9', 'MEF116 R6', 'MEF116 R7', 'MEF116 R8'],
  ),
  contacts: rule(
    'sonata.inventory.contacts',
    A,
    'A product carries the assurance, commercial and SLA contacts of both parties',
    ['MEF116 R14'],
  ),
  history: rule('sonata.inventory.status-history', A, 'statusChange is a direct path through the product lifecycle', [
    'MEF116 R9',
  ]),
  modifyPending: rule(
    'sonata.inventory.modify-pending',
    A,
    'A product being changed by a modify order is active.pendingChange, then active with the new configuration',
    ['MEF116 R9', 'MEF123 R39'],
  ),
  terminate: rule(
    'sonata.inventory.terminate',
    A,
    'A product removed by a delete order goes pendingTerminate, then terminated',
    ['MEF116 R9', 'MEF123 R43'],
  ),
  retrieveUnknown: rule('sonata.inventory.retrieve.unknown-id', A, 'GET /product/{id} of an unknown id answers 404', [
    'MEF116 R9',
  ]),
  fields: rule('sonata.inventory.retrieve.fields', A, 'GET /product/{id}?fields= returns the asked attributes', [
    'MEF116 R9',
  ]),
  ...prefixed(
    'list',
    listRules('sonata.inventory', A, '/product', {
      contract: ['MEF116 R11', 'MEF116 R13'],
      pagination: ['MEF116 R15'],
      filters: ['MEF116 R13'],
      empty: ['MEF116 R12'],
    }),
  ),
};
