import type { StateMachine } from '../../specs/state-machines/machine';

/**
 * The lifecycle of a Presto connectivity service in this controller mock, in the shape of specs/state-machines.
 * It belongs in `specs/state-machines/presto-connectivity-service.ts` (to be moved there and registered once the
 * specs/ folder is free): kept here for now, not registered.
 *
 * TAPI 2.0.2 gives the states (tapi-common lifecycle-state: PLANNED, INSTALLED, PENDING_REMOVAL; the
 * POTENTIAL_* states are for resources, not services) and nothing about moves between them; the moves are those
 * of the reference controller, OpenDaylight Unimgr, whose ActivationTransaction activates per-node drivers in turn
 * and rolls every one back when one fails (presto-adagio.md §1.5), in the asynchronous form of §4.2 (created
 * PLANNED, INSTALLED once every node is activated). TAPI has no "deleted" state: a service that is removed is no
 * longer in the context (OBJECT_DELETION), so no state is terminal. An update keeps INSTALLED; its
 * operational-state is DISABLED while the nodes are reconfigured (Unimgr's update is deactivate then activate).
 */
export const prestoConnectivityService: StateMachine = {
  id: 'presto.connectivityService',
  api: 'presto.nrp',
  entity: 'tapi.connectivity.connectivitycontext.ConnectivityService',
  stateField: 'lifecycle-state',
  stateEnum: { file: 'presto/api/swagger/presto-nrp.yaml', schema: 'tapi.common.LifecycleState' },
  states: ['INSTALLED', 'PENDING_REMOVAL', 'PLANNED'],
  initial: ['PLANNED'],
  terminal: [],
  transitions: [
    {
      from: null,
      to: 'PLANNED',
      event: 'create',
      actor: 'client',
      operationId: 'create-connectivity-service',
      notify: ['OBJECT_CREATION'],
      note: 'resources reserved in the ledger; one activation step per node of the route is planned',
    },
    {
      from: 'PLANNED',
      to: 'INSTALLED',
      event: 'activated',
      actor: 'system',
      notify: ['ATTRIBUTE_VALUE_CHANGE'],
      note: 'every node activated: the transaction commits, operational-state ENABLED',
    },
    {
      from: 'PLANNED',
      to: 'PENDING_REMOVAL',
      event: 'activation-failed',
      actor: 'system',
      notify: ['ATTRIBUTE_VALUE_CHANGE', 'OBJECT_DELETION'],
      note: 'a node failed; the nodes before it were rolled back and the resources released, then the service is removed',
    },
    {
      from: 'PLANNED',
      to: 'PENDING_REMOVAL',
      event: 'rollback-failed',
      actor: 'system',
      notify: ['ATTRIBUTE_VALUE_CHANGE'],
      note: 'a node failed and rolling an earlier one back failed too: left PENDING_REMOVAL, DISABLED, resources held (presto-adagio.md §1.11)',
    },
    {
      from: 'INSTALLED',
      to: 'PENDING_REMOVAL',
      event: 'delete',
      actor: 'client',
      operationId: 'delete-connectivity-service',
      notify: ['ATTRIBUTE_VALUE_CHANGE', 'OBJECT_DELETION'],
      note: 'each node deactivated in turn, then the service removed; a node failing leaves it PENDING_REMOVAL and a new delete retries',
    },
    {
      from: 'INSTALLED',
      to: 'PENDING_REMOVAL',
      event: 'rollback-failed',
      actor: 'system',
      notify: ['ATTRIBUTE_VALUE_CHANGE'],
      note: 'an update failed on a node and undoing it on an earlier node failed too',
    },
  ],
  source: [
    'presto/api/yang/tapi-common@2018-03-07.yang typedef lifecycle-state',
    'presto-adagio.md §1.5 (Unimgr ActivationTransaction, UpdateConnectivityAction, DeleteConnectivityAction)',
    'presto-adagio.md §1.11 (rollback-failed: PENDING_REMOVAL / DISABLED), §4.2 (async mode: PLANNED then INSTALLED)',
  ],
};
