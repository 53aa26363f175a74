import type { Transaction } from './activation';
import { emptyLedger, type Ledger } from './ledger';
import type { Topology } from './seed/topology';
import type { ConnectivityService, LifecycleState, OperationalState } from './service';

/**
 * The whole state of a Presto controller mock (presto-adagio.md §1.6), as plain data: the topology it was seeded
 * with (SIP admin states change), the resource ledger, the connectivity services, the connections activation made,
 * and the activation transactions under way. Every function of this folder takes one and returns the next.
 */
export interface PrestoState {
  topology: Topology;
  ledger: Ledger;
  services: Record<string, ConnectivityService>;
  connections: Record<string, Connection>;
  /** Activation transactions under way or stuck, by service uuid. */
  transactions: Record<string, Transaction>;
}

/** A connection end-point a connection made on a NEP (`tapi-connectivity:connection-end-point`). */
export interface CepRef {
  node: string;
  nep: string;
  cep: string;
}

/** A connection: per node (the cross-connect one activation step made), or the service's top-level one. */
export interface Connection {
  uuid: string;
  service: string;
  /** The node of a per-node connection; absent on the top-level one. */
  node?: string;
  endPoints: CepRef[];
  /** The per-node connections a top-level connection is made of. */
  lower: string[];
  operationalState: OperationalState;
  lifecycleState: LifecycleState;
}

export function initialState(topology: Topology): PrestoState {
  return { topology, ledger: emptyLedger(), services: {}, connections: {}, transactions: {} };
}
