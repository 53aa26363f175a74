import { fire } from '../../specs/state-machines/machine';
import { change, release, type ServiceClaim } from './ledger';
import type { Route } from './path';
import type { PrestoProblem } from './problems';
import { prestoConnectivityService } from './service-states';
import type { ConnectivityService, Json } from './service';
import type { CepRef, Connection, PrestoState } from './state';

/**
 * Activation as OpenDaylight Unimgr's ActivationTransaction does it (presto-adagio.md §1.5): one step per node of
 * the route, run in turn on the virtual clock; when a node fails, the nodes done before it are rolled back, in
 * reverse order, and the transaction's resources are given back. A rollback that fails leaves the service
 * PENDING_REMOVAL / DISABLED holding its resources (§1.11). Deletion deactivates node by node the same way; an
 * update (Unimgr: deactivate then activate, break-before-make) reconfigures node by node and is undone the same way.
 *
 * Everything here is pure: `applyStep` takes a state and returns the next one and the events a subscriber would be
 * told of (TAPI notification types, for the later notification stream). The lifecycle moves by the table in
 * service-states.ts.
 */

export type StepAction = 'activate' | 'update' | 'deactivate';
export type TransactionKind = 'create' | 'update' | 'delete';

export interface ActivationStep {
  service: string;
  node: string;
  action: StepAction;
  /** Position in the transaction, from 0. */
  index: number;
  /** Virtual time (ms) it is due at. */
  due: number;
}

export interface Transaction {
  service: string;
  kind: TransactionKind;
  steps: ActivationStep[];
  /** Nodes whose step succeeded, in order. */
  done: string[];
  /** What an update replaced, to put back if it is rolled back. */
  previous?: { endPoint: Json; claim: ServiceClaim };
}

/** A failure asked of one step: the node fails, and optionally rolling back some earlier nodes fails too. */
export interface Fault {
  reason?: string;
  rollbackFailsOn?: readonly string[];
}

export type EventType = 'OBJECT_CREATION' | 'ATTRIBUTE_VALUE_CHANGE' | 'OBJECT_DELETION';
export type ObjectType = 'CONNECTIVITY_SERVICE' | 'CONNECTION' | 'SERVICE_INTERFACE_POINT' | 'LINK';

export interface ChangedAttribute {
  'value-name': string;
  'old-value': string;
  'new-value': string;
}

/** What a TAPI notification (tapi-notification@2018-10-16, presto-adagio.md §1.3) would tell. */
export interface PrestoEvent {
  type: EventType;
  objectType: ObjectType;
  uuid: string;
  changedAttributes?: ChangedAttribute[];
  /** Virtual time, ms. */
  at: number;
}

export type StepOutcome = 'continued' | 'committed' | 'rolled-back' | 'rollback-failed' | 'failed';

export interface StepResult {
  state: PrestoState;
  events: PrestoEvent[];
  outcome: StepOutcome;
  /** For an outcome other than `continued`/`committed`: what the client is told (operation-failed, rollback-failed). */
  problems: PrestoProblem[];
}

export interface PlanOptions {
  /** Virtual time (ms) the plan starts at. */
  now: number;
  /** Virtual ms each node takes. */
  stepMs: number;
}

/** One step per node of the route, in route order, each `stepMs` after the one before. */
export function plan(
  service: string,
  route: Pick<Route, 'nodes'>,
  action: StepAction,
  opts: PlanOptions,
): ActivationStep[] {
  return route.nodes.map((node, index) => ({
    service,
    node,
    action,
    index,
    due: opts.now + (index + 1) * opts.stepMs,
  }));
}

export function transactionFor(
  service: string,
  kind: TransactionKind,
  steps: ActivationStep[],
  previous?: Transaction['previous'],
): Transaction {
  return { service, kind, steps, done: [], ...(previous ? { previous } : {}) };
}

/** The next step of each transaction that is due by `now`, earliest first. */
export function dueSteps(state: PrestoState, now: number): ActivationStep[] {
  return Object.values(state.transactions)
    .map((t) => t.steps[t.done.length])
    .filter((s): s is ActivationStep => s !== undefined && s.due <= now)
    .sort((a, b) => a.due - b.due || a.service.localeCompare(b.service));
}

export const nodeConnectionId = (service: string, node: string) => `conn:${node}:${service}`;
export const topConnectionId = (service: string) => `conn:${service}`;

/** The CEPs a service has on a node: on the NEPs of its SIPs there and on the NEPs of its route's links there. */
export function cepsAt(state: PrestoState, service: ConnectivityService, node?: string): CepRef[] {
  const t = state.topology;
  const neps = new Set<string>();
  for (const ep of service.endPoints) {
    const sip = t.sips[String((ep['service-interface-point'] as Json | undefined)?.['service-interface-point-id'])];
    if (sip && (node === undefined || sip.node === node)) neps.add(sip.nep);
  }
  if (node !== undefined) {
    for (const l of service.route.links)
      for (const n of t.links[l]?.neps ?? []) if (t.neps[n].node === node) neps.add(n);
  }
  return [...neps].map((nep) => ({
    node: t.neps[nep].node,
    nep,
    cep: `cep:${t.neps[nep].node}:${t.neps[nep].port}:${service.uuid}`,
  }));
}

/** Applies one step (the next of its transaction) with an optional fault, and returns the next state. */
export function applyStep(state: PrestoState, step: ActivationStep, fault?: Fault, now = step.due): StepResult {
  const tx = state.transactions[step.service];
  const svc = state.services[step.service];
  if (!tx || !svc) throw new Error(`no activation under way for service ${step.service}`);
  if (tx.steps[tx.done.length]?.index !== step.index || tx.steps[step.index]?.node !== step.node) {
    throw new Error(`step ${step.index} (${step.node}) of ${step.service} is not the next one`);
  }
  const s: PrestoState = {
    ...state,
    services: { ...state.services, [svc.uuid]: { ...svc } },
    connections: { ...state.connections },
    transactions: { ...state.transactions, [svc.uuid]: { ...tx, done: [...tx.done] } },
  };
  const events: PrestoEvent[] = [];
  const ev = new Events(events, now);
  if (fault) return failed(s, step, fault, ev, events);

  const service = s.services[svc.uuid];
  const t = s.transactions[svc.uuid];
  t.done.push(step.node);
  const nodeConn = nodeConnectionId(service.uuid, step.node);
  if (step.action === 'activate') {
    s.connections[nodeConn] = perNodeConnection(s, service, step.node, 'INSTALLED');
    ev.created('CONNECTION', nodeConn);
  } else if (step.action === 'deactivate') {
    if (s.connections[nodeConn]) {
      delete s.connections[nodeConn];
      ev.deleted('CONNECTION', nodeConn);
    }
  } else {
    // Break-before-make: the node's connection is rebuilt with the new end-point attributes.
    s.connections[nodeConn] = perNodeConnection(s, service, step.node, 'INSTALLED');
    ev.changed('CONNECTION', nodeConn, [['revision', String(service.revision - 1), String(service.revision)]]);
  }
  if (t.done.length < t.steps.length) return { state: s, events, outcome: 'continued', problems: [] };
  return commit(s, service, t, ev, events);
}

/** Commits a transaction whose steps are all done (a delete with no node left to deactivate has none). */
export function commitTransaction(state: PrestoState, service: string, now: number): StepResult {
  const svc = state.services[service];
  const tx = state.transactions[service];
  if (!svc || !tx || tx.done.length < tx.steps.length) throw new Error(`no finished transaction for ${service}`);
  const s: PrestoState = {
    ...state,
    services: { ...state.services, [service]: { ...svc } },
    connections: { ...state.connections },
    transactions: { ...state.transactions },
  };
  const events: PrestoEvent[] = [];
  return commit(s, s.services[service], tx, new Events(events, now), events);
}

function commit(
  s: PrestoState,
  service: ConnectivityService,
  t: Transaction,
  ev: Events,
  events: PrestoEvent[],
): StepResult {
  delete s.transactions[service.uuid];
  const top = topConnectionId(service.uuid);
  if (t.kind === 'delete') {
    if (s.connections[top]) {
      delete s.connections[top];
      ev.deleted('CONNECTION', top);
    }
    s.ledger = release(s.ledger, service.uuid);
    delete s.services[service.uuid];
    ev.deleted('CONNECTIVITY_SERVICE', service.uuid);
    return { state: s, events, outcome: 'committed', problems: [] };
  }
  if (t.kind === 'create') {
    s.connections[top] = {
      uuid: top,
      service: service.uuid,
      endPoints: cepsAt(s, service),
      lower: service.route.nodes.map((n) => nodeConnectionId(service.uuid, n)),
      operationalState: 'ENABLED',
      lifecycleState: 'INSTALLED',
    };
    ev.created('CONNECTION', top);
    service.connections = [top];
  }
  const changes: [string, string, string][] = [];
  if (service.lifecycleState !== 'INSTALLED') {
    changes.push(['lifecycle-state', service.lifecycleState, moveTo(service.lifecycleState, 'activated')]);
    service.lifecycleState = 'INSTALLED';
  }
  changes.push(['operational-state', service.operationalState, 'ENABLED']);
  service.operationalState = 'ENABLED';
  ev.changed('CONNECTIVITY_SERVICE', service.uuid, changes);
  return { state: s, events, outcome: 'committed', problems: [] };
}

/** The lifecycle state an event moves to, by the table (throws on a move the table does not have: a bug here). */
function moveTo(from: string, event: string): string {
  const r = fire(prestoConnectivityService, from, event);
  if (!r.ok) throw new Error(r.reason);
  return r.to;
}

function failed(s: PrestoState, step: ActivationStep, fault: Fault, ev: Events, events: PrestoEvent[]): StepResult {
  const service = s.services[step.service];
  const t = s.transactions[step.service];
  const reason = fault.reason ?? `node ${step.node} failed to ${step.action}`;
  const failing: PrestoProblem = {
    rule: 'activation',
    tag: 'operation-failed',
    message: `${step.action} failed on node ${step.node}: ${reason}`,
  };
  delete s.transactions[service.uuid];

  if (t.kind === 'delete') {
    // Nothing to roll back to: the service stays PENDING_REMOVAL with what is left, and a new delete retries.
    return { state: s, events, outcome: 'failed', problems: [failing] };
  }

  // Roll back the nodes done before, last first.
  const stuck: string[] = [];
  for (const node of [...t.done].reverse()) {
    if (fault.rollbackFailsOn?.includes(node)) {
      stuck.push(node);
      continue;
    }
    const id = nodeConnectionId(service.uuid, node);
    if (t.kind === 'create') {
      delete s.connections[id];
      ev.deleted('CONNECTION', id);
    } else {
      ev.changed('CONNECTION', id, [['revision', String(service.revision), String(service.revision - 1)]]);
    }
  }

  // An update undone on every node gives back what it took and takes back what it gave, if that is still free.
  let ledgerRestored = true;
  if (t.kind === 'update' && t.previous && stuck.length === 0) {
    const localId = String(t.previous.endPoint['local-id']);
    const before = t.previous.claim.endPoints.find((e) => e.localId === localId);
    const restored = before ? change(s.ledger, s.topology, service.uuid, before) : undefined;
    if (restored?.ok) s.ledger = restored.ledger;
    else ledgerRestored = false;
  }

  if (stuck.length === 0 && ledgerRestored) {
    if (t.kind === 'create') {
      s.ledger = release(s.ledger, service.uuid);
      ev.changed('CONNECTIVITY_SERVICE', service.uuid, [
        ['lifecycle-state', service.lifecycleState, moveTo(service.lifecycleState, 'activation-failed')],
      ]);
      delete s.services[service.uuid];
      ev.deleted('CONNECTIVITY_SERVICE', service.uuid);
    } else {
      const localId = String(t.previous!.endPoint['local-id']);
      service.endPoints = service.endPoints.map((e) => (e['local-id'] === localId ? t.previous!.endPoint : e));
      for (const node of t.done) {
        const id = nodeConnectionId(service.uuid, node);
        if (s.connections[id]) s.connections[id] = perNodeConnection(s, service, node, 'INSTALLED');
      }
      service.revision += 1;
      ev.changed('CONNECTIVITY_SERVICE', service.uuid, [['operational-state', service.operationalState, 'ENABLED']]);
      service.operationalState = 'ENABLED';
    }
    return { state: s, events, outcome: 'rolled-back', problems: [failing] };
  }

  // Rollback failed: the service is left PENDING_REMOVAL / DISABLED and keeps its resources; a delete cleans up.
  const changes: [string, string, string][] = [
    ['lifecycle-state', service.lifecycleState, moveTo(service.lifecycleState, 'rollback-failed')],
  ];
  if (service.operationalState !== 'DISABLED')
    changes.push(['operational-state', service.operationalState, 'DISABLED']);
  service.lifecycleState = 'PENDING_REMOVAL';
  service.operationalState = 'DISABLED';
  ev.changed('CONNECTIVITY_SERVICE', service.uuid, changes);
  const what = stuck.length
    ? `rolling back node(s) ${stuck.join(', ')} failed`
    : 'the previous resources could not be taken back';
  return {
    state: s,
    events,
    outcome: 'rollback-failed',
    problems: [{ rule: 'activation', tag: 'rollback-failed', message: `${failing.message}; ${what}` }],
  };
}

function perNodeConnection(
  s: PrestoState,
  service: ConnectivityService,
  node: string,
  lifecycleState: Connection['lifecycleState'],
): Connection {
  return {
    uuid: nodeConnectionId(service.uuid, node),
    service: service.uuid,
    node,
    endPoints: cepsAt(s, service, node),
    lower: [],
    operationalState: 'ENABLED',
    lifecycleState,
  };
}

export class Events {
  constructor(
    private readonly out: PrestoEvent[],
    private readonly at: number,
  ) {}
  created(objectType: ObjectType, uuid: string) {
    this.out.push({ type: 'OBJECT_CREATION', objectType, uuid, at: this.at });
  }
  deleted(objectType: ObjectType, uuid: string) {
    this.out.push({ type: 'OBJECT_DELETION', objectType, uuid, at: this.at });
  }
  changed(objectType: ObjectType, uuid: string, changes: [string, string, string][]) {
    this.out.push({
      type: 'ATTRIBUTE_VALUE_CHANGE',
      objectType,
      uuid,
      changedAttributes: changes.map(([n, o, v]) => ({ 'value-name': n, 'old-value': o, 'new-value': v })),
      at: this.at,
    });
  }
}
