import type { IdSource } from '../../lib/ids';
import { fire } from '../../specs/state-machines/machine';
import {
  applyStep,
  commitTransaction,
  dueSteps,
  Events,
  plan,
  transactionFor,
  type ActivationStep,
  type Fault,
  type PrestoEvent,
  type StepOutcome,
} from './activation';
import { claimOf, reserve } from './ledger';
import type { PrestoProblem } from './problems';
import { admission, checkCreate, checkUpdate, findService, serviceExists, updateAdmission } from './rules';
import { prestoConnectivityService } from './service-states';
import { asObj, augment, CS_AUGMENT, normalized, type ConnectivityService, type Json } from './service';
import type { AdminState } from './seed/topology';
import type { PrestoState } from './state';

/**
 * The controller's operations on its state, without HTTP: what `create-`, `update-` and `delete-connectivity-service`
 * and `update-service-interface-point` do, and the running of due activation steps. Each returns the next state and
 * the events, or the problems and no state (nothing changed).
 */

export interface OperationOptions {
  ids: IdSource;
  /** Virtual time, ms. */
  now: number;
  /** Virtual ms each node's activation step takes. */
  stepMs: number;
}

export type OperationResult =
  | { ok: true; state: PrestoState; service: ConnectivityService; steps: ActivationStep[]; events: PrestoEvent[] }
  | { ok: false; problems: PrestoProblem[] };

const refused = (problems: PrestoProblem[]): OperationResult => ({ ok: false, problems });

/** `create-connectivity-service`: checks (rules.ts), reserves, and keeps the service PLANNED with its activation plan. */
export function createService(
  state: PrestoState,
  input: Json,
  opts: Pick<OperationOptions, 'ids' | 'now' | 'stepMs'>,
): OperationResult {
  const problems = checkCreate(input, state);
  if (problems.length) return refused(problems);
  const a = admission(input, state);
  const route = a.route!;
  // Ids are the server's (presto-adagio.md §1.5); one already in use (a restarted counter) is skipped.
  let uuid = opts.ids.next('cs');
  while (state.services[uuid]) uuid = opts.ids.next('cs');
  // A local-id the client left out is assigned (Unimgr: `sep:<hash>`), never one another end-point has.
  const raw = input['end-point'] as Json[];
  const taken = new Set(raw.map((ep) => ep['local-id']).filter((x) => typeof x === 'string'));
  let n = 0;
  const freeLocalId = () => {
    let id = `sep:${++n}`;
    while (taken.has(id)) id = `sep:${++n}`;
    taken.add(id);
    return id;
  };
  const endPoints = raw.map((ep) =>
    normalized({ ...ep, 'local-id': typeof ep['local-id'] === 'string' ? ep['local-id'] : freeLocalId() }),
  );
  const demand = {
    ...a.demand,
    endPoints: a.demand.endPoints.map((e, i) => ({ ...e, localId: String(endPoints[i]['local-id']) })),
  };
  const reserved = reserve(state.ledger, state.topology, claimOf(uuid, demand, route.links));
  if (!reserved.ok) return refused(reserved.problems);
  const cc = asObj(input['conn-constraint']);
  const resource = augment(input, CS_AUGMENT);
  const created = fire(prestoConnectivityService, null, 'create');
  if (!created.ok) throw new Error(created.reason);
  const service: ConnectivityService = {
    uuid,
    endPoints,
    serviceType: typeof cc['service-type'] === 'string' ? cc['service-type'] : 'POINT_TO_POINT_CONNECTIVITY',
    ...(typeof cc['service-level'] === 'string' ? { serviceLevel: cc['service-level'] } : {}),
    isExclusive: a.demand.isExclusive,
    ...(resource ? { resource: normalized(resource) } : {}),
    administrativeState: 'UNLOCKED',
    operationalState: 'DISABLED',
    lifecycleState: created.to as ConnectivityService['lifecycleState'],
    route: { nodes: route.nodes, links: route.links },
    connections: [],
    revision: 1,
  };
  const steps = plan(uuid, route, 'activate', opts);
  const events: PrestoEvent[] = [];
  new Events(events, opts.now).created('CONNECTIVITY_SERVICE', uuid);
  return {
    ok: true as const,
    service,
    steps,
    events,
    state: {
      ...state,
      ledger: reserved.ledger,
      services: { ...state.services, [uuid]: service },
      transactions: { ...state.transactions, [uuid]: transactionFor(uuid, 'create', steps) },
    },
  };
}

/**
 * `update-connectivity-service`: checked by UPDATE_RULES (one end-point, matched by local-id, its SIP unchanged,
 * resources free); the ledger takes the difference all-or-nothing, and every node of the route is reconfigured in
 * turn (Unimgr: deactivate then activate, so DISABLED until done). Other members of the input are not applied.
 */
export function updateService(
  state: PrestoState,
  input: Json,
  opts: Pick<OperationOptions, 'now' | 'stepMs'>,
): OperationResult {
  const problems = checkUpdate(input, state);
  if (problems.length) return refused(problems);
  const a = updateAdmission(input, state);
  const svc = a.service!;
  const old = a.current!;
  if (!a.change?.ok) return refused(a.change ? a.change.problems : []);
  const newEp = normalized({
    ...old,
    ...(input['end-point'] as Json),
    'service-interface-point': old['service-interface-point'],
  });
  const service: ConnectivityService = {
    ...svc,
    endPoints: svc.endPoints.map((e) => (e === old ? newEp : e)),
    operationalState: 'DISABLED',
    revision: svc.revision + 1,
  };
  const steps = plan(svc.uuid, svc.route, 'update', opts);
  const events: PrestoEvent[] = [];
  new Events(events, opts.now).changed('CONNECTIVITY_SERVICE', svc.uuid, [
    ['operational-state', svc.operationalState, 'DISABLED'],
  ]);
  return {
    ok: true as const,
    service,
    steps,
    events,
    state: {
      ...state,
      ledger: a.change.ledger,
      services: { ...state.services, [svc.uuid]: service },
      transactions: {
        ...state.transactions,
        [svc.uuid]: transactionFor(svc.uuid, 'update', steps, { endPoint: old, claim: state.ledger.claims[svc.uuid] }),
      },
    },
  };
}

/**
 * `delete-connectivity-service`: PENDING_REMOVAL at once, then every node that still has the service's connection
 * is deactivated in turn; the last one removes the service and gives its resources back. A service left
 * PENDING_REMOVAL by a failed rollback or delete is deleted the same way (a retry).
 */
export function deleteService(
  state: PrestoState,
  input: Json,
  opts: Pick<OperationOptions, 'now' | 'stepMs'>,
): OperationResult {
  const svc = findService(state, input['service-id-or-name']);
  if (!svc) return refused(serviceExists(input, state));
  const tx = state.transactions[svc.uuid];
  if (tx) {
    return refused([
      {
        rule: 'service-idle',
        tag: 'in-use',
        path: '/input/service-id-or-name',
        message: `service ${svc.uuid} is being ${tx.kind === 'delete' ? 'deleted' : tx.kind === 'update' ? 'updated' : 'activated'}; try again when it is done`,
      },
    ]);
  }
  const events: PrestoEvent[] = [];
  const ev = new Events(events, opts.now);
  const service: ConnectivityService = { ...svc };
  if (svc.lifecycleState !== 'PENDING_REMOVAL') {
    const moved = fire(prestoConnectivityService, svc.lifecycleState, 'delete');
    if (!moved.ok) return refused([{ rule: 'service-installed', tag: 'in-use', message: moved.reason }]);
    const changes: [string, string, string][] = [['lifecycle-state', svc.lifecycleState, moved.to]];
    if (svc.operationalState !== 'DISABLED') changes.push(['operational-state', svc.operationalState, 'DISABLED']);
    ev.changed('CONNECTIVITY_SERVICE', svc.uuid, changes);
    service.lifecycleState = moved.to as ConnectivityService['lifecycleState'];
    service.operationalState = 'DISABLED';
  }
  const nodes = svc.route.nodes.filter((n) => state.connections[`conn:${n}:${svc.uuid}`]);
  const steps = plan(svc.uuid, { nodes }, 'deactivate', opts);
  let next: PrestoState = {
    ...state,
    services: { ...state.services, [svc.uuid]: service },
    transactions: { ...state.transactions, [svc.uuid]: transactionFor(svc.uuid, 'delete', steps) },
  };
  if (steps.length === 0) {
    const done = commitTransaction(next, svc.uuid, opts.now);
    next = done.state;
    events.push(...done.events);
  }
  return { ok: true as const, service, steps, events, state: next };
}

/** `update-service-interface-point`: LOCKED or UNLOCKED (a LOCKED SIP takes no new service, rules.ts). */
export function setSipAdminState(
  state: PrestoState,
  sipId: string,
  adminState: AdminState,
  now: number,
): { ok: true; state: PrestoState; events: PrestoEvent[] } | { ok: false; problems: PrestoProblem[] } {
  const sip = state.topology.sips[sipId];
  if (!sip) {
    return {
      ok: false,
      problems: [
        {
          rule: 'sip-exists',
          tag: 'invalid-value',
          path: '/input/sip-id-or-name',
          message: `Some service interface points not found in the system: [${sipId}]`,
        },
      ],
    };
  }
  const events: PrestoEvent[] = [];
  if (sip.administrativeState !== adminState) {
    new Events(events, now).changed('SERVICE_INTERFACE_POINT', sipId, [
      ['administrative-state', sip.administrativeState, adminState],
    ]);
  }
  const topology = {
    ...state.topology,
    sips: { ...state.topology.sips, [sipId]: { ...sip, administrativeState: adminState } },
  };
  return { ok: true, state: { ...state, topology }, events };
}

export interface StepReport {
  step: ActivationStep;
  outcome: StepOutcome;
  problems: PrestoProblem[];
}

/**
 * Runs every activation step due by `now`, earliest first (a step that makes the next one due by `now` runs it too),
 * asking `faultOf` whether a step fails.
 */
export function runDue(
  state: PrestoState,
  now: number,
  faultOf: (step: ActivationStep) => Fault | undefined = () => undefined,
): { state: PrestoState; events: PrestoEvent[]; reports: StepReport[] } {
  const events: PrestoEvent[] = [];
  const reports: StepReport[] = [];
  let s = state;
  for (let due = dueSteps(s, now); due.length; due = dueSteps(s, now)) {
    const step = due[0];
    const r = applyStep(s, step, faultOf(step));
    s = r.state;
    events.push(...r.events);
    reports.push({ step, outcome: r.outcome, problems: r.problems });
  }
  return { state: s, events, reports };
}
