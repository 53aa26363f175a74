import type { StateMachine } from './machine';

const INVENTORY_API = 'sonata/productApi/inventory/productInventoryManagement.api.yaml';
const INVENTORY_MEDIA = 'sonata/documentation/productApi/inventory/media/src';

// Product Inventory has no write API and no notifications: product orders, and Seller decisions such as a
// suspension for non-payment, move a product. The mocks check it through statusChange[] and polling.
export const product: StateMachine = {
  id: 'sonata.product',
  api: 'sonata.productInventory',
  entity: 'MEFProduct',
  stateField: 'status',
  history: { field: 'statusChange', key: 'status' },
  stateEnum: { file: INVENTORY_API, schema: 'MEFProductStatusType' },
  states: [
    'active',
    'active.pendingChange',
    'cancelled',
    'pendingActive',
    'pendingTerminate',
    'suspended',
    'suspendedPendingTerminate',
    'terminated',
  ],
  initial: ['pendingActive', 'active'],
  terminal: ['cancelled', 'terminated'],
  transitions: [
    {
      from: null,
      to: 'pendingActive',
      event: 'createPending',
      actor: 'system',
      note: 'an add order item is acknowledged or in progress and its product id has been handed out',
    },
    { from: null, to: 'active', event: 'createActive', actor: 'system', note: 'created as the add order completes' },
    { from: 'pendingActive', to: 'active', event: 'activate', actor: 'system', note: 'the add order completed' },
    { from: 'pendingActive', to: 'cancelled', event: 'cancel', actor: 'system', note: 'the add order was cancelled' },
    {
      from: 'active',
      to: 'active.pendingChange',
      event: 'changeRequested',
      actor: 'system',
      note: 'a modify order is in progress',
    },
    {
      from: 'active.pendingChange',
      to: 'active',
      event: 'changeFinished',
      actor: 'system',
      note: 'the modify order completed, failed or was cancelled',
    },
    {
      from: 'active',
      to: 'pendingTerminate',
      event: 'terminateRequested',
      actor: 'system',
      note: 'a delete order is in progress',
    },
    {
      from: 'pendingTerminate',
      to: 'terminated',
      event: 'terminate',
      actor: 'system',
      note: 'the delete order completed',
    },
    {
      from: 'pendingTerminate',
      to: 'active',
      event: 'terminationAborted',
      actor: 'system',
      note: 'the delete order failed or was cancelled',
    },
    { from: 'active', to: 'suspended', event: 'suspend', actor: 'server', note: 'e.g. non-payment' },
    { from: 'suspended', to: 'active', event: 'reactivate', actor: 'server' },
    { from: 'suspended', to: 'suspendedPendingTerminate', event: 'terminateRequested', actor: 'server' },
    { from: 'suspendedPendingTerminate', to: 'terminated', event: 'terminate', actor: 'server' },
    {
      from: 'suspendedPendingTerminate',
      to: 'suspended',
      event: 'terminationAborted',
      actor: 'server',
      note: 'the termination failed or was cancelled',
    },
  ],
  source: [`${INVENTORY_MEDIA}/productStates.puml`, 'MEF 116 §6.2 Table 4'],
};
