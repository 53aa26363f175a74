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
import { change, claimOf, endPointClaimOf, reserve, VLAN_MAX, VLAN_MIN } from './ledger';
import type { PrestoProblem } from './problems';
import { admission, checkCreate } from './rules';
import { prestoConnectivityService } from './service-states';
import {
  asObj,
  augment,
  CS_AUGMENT,
  EP_AUGMENT,
  endPointDemand,
  normalized,
  NRP,
  type ConnectivityService,
  type Json,
} from './service';
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
export function createService(state: PrestoState, input: Json, opts: Pick<OperationOptions, 'ids' | 'now' | 'stepMs'>) {
  const problems = checkCreate(input, state);
  if (problems.length) return refused(problems);
  const a = admission(input, state);
  const route = a.route!;
  // Ids are the server's (presto-adagio.md §1.5); one already in use (a restarted counter) is skipped.
  let uuid = opts.ids.next('cs');
  while (state.services[uuid]) uuid = opts.ids.next('cs');
  const endPoints = (input['end-point'] as Json[]).map((ep, i) =>
    normalized({ ...ep, 'local-id': typeof ep['local-id'] === 'string' ? ep['local-id'] : `sep:${i + 1}` }),
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

/** A service by uuid or by a name value (`service-id-or-name`), or the Unimgr problem. */
export function findService(state: PrestoState, idOrName: unknown): ConnectivityService | PrestoProblem {
  const id = typeof idOrName === 'string' ? idOrName : '';
  const found =
    state.services[id] ??
    Object.values(state.services).find((s) => (s.name ?? []).some((n) => n['value'] === id && id !== ''));
  return (
    found ?? {
      rule: 'service-exists',
      tag: 'invalid-value',
      path: '/input/service-id-or-name',
      message: `Service ${id || '(none)'} does not exist`,
    }
  );
}

const isProblem = (x: ConnectivityService | PrestoProblem): x is PrestoProblem => 'tag' in x;

function busy(state: PrestoState, s: ConnectivityService): PrestoProblem | undefined {
  return state.transactions[s.uuid]
    ? {
        rule: 'service-busy',
        tag: 'in-use',
        path: '/input/service-id-or-name',
        message: `service ${s.uuid} is being ${state.transactions[s.uuid].kind === 'delete' ? 'deleted' : 'activated'}; try again when it is done`,
      }
    : undefined;
}

/**
 * `update-connectivity-service`: ONE end-point (a container) per call, matched by local-id, its SIP unchanged
 * (Unimgr's validator, presto-adagio.md §1.5); the ledger takes the difference all-or-nothing, and every node of the
 * route is reconfigured in turn (break-before-make: DISABLED until done). Other members of the input are not applied.
 */
export function updateService(state: PrestoState, input: Json, opts: Pick<OperationOptions, 'now' | 'stepMs'>) {
  const found = findService(state, input['service-id-or-name']);
  if (isProblem(found)) return refused([found]);
  const svc = found;
  const inUse = busy(state, svc);
  if (inUse) return refused([inUse]);
  if (svc.lifecycleState !== 'INSTALLED') {
    return refused([
      {
        rule: 'service-installed',
        tag: 'in-use',
        message: `service ${svc.uuid} is ${svc.lifecycleState}, not INSTALLED`,
      },
    ]);
  }
  const ep = input['end-point'];
  if (typeof ep !== 'object' || ep === null || Array.isArray(ep)) {
    return refused([
      {
        rule: 'update-end-point',
        tag: 'invalid-value',
        path: '/input/end-point',
        message: 'update-connectivity-service changes one end-point (a container); none given',
      },
    ]);
  }
  const d = endPointDemand(ep as Json, 1);
  if (d.localId === undefined) {
    return refused([
      {
        rule: 'update-end-point',
        tag: 'invalid-value',
        path: '/input/end-point/local-id',
        message: 'the end-point needs its local-id',
      },
    ]);
  }
  const old = svc.endPoints.find((e) => e['local-id'] === d.localId);
  const oldSip = String(asObj(old?.['service-interface-point'])['service-interface-point-id']);
  const badVlans = d.vlans.ids.filter((v) => !(v >= VLAN_MIN && v <= VLAN_MAX) && !(v === 0 && svc.isExclusive));
  if (badVlans.length) {
    return refused(
      badVlans.map((v) => ({
        rule: 'vlan-range',
        tag: 'invalid-value' as const,
        path: `/input/end-point/${NRP}:${EP_AUGMENT}/ce-vlan-id-list-and-untag/vlan-id[vlan-id='${v}']`,
        message: `VLAN id ${Number.isNaN(v) ? '(not an integer)' : v} is outside 1..4094`,
      })),
    );
  }
  const claim = endPointClaimOf({ ...d, sip: d.sip ?? oldSip }, svc.isExclusive, '/input/end-point');
  const previousClaim = state.ledger.claims[svc.uuid];
  const r = change(state.ledger, state.topology, svc.uuid, claim);
  if (!r.ok) return refused(r.problems);
  const newEp = normalized({ ...old, ...(ep as Json), 'service-interface-point': old!['service-interface-point'] });
  const service: ConnectivityService = {
    ...svc,
    endPoints: svc.endPoints.map((e) => (e['local-id'] === d.localId ? newEp : e)),
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
      ledger: r.ledger,
      services: { ...state.services, [svc.uuid]: service },
      transactions: {
        ...state.transactions,
        [svc.uuid]: transactionFor(svc.uuid, 'update', steps, { endPoint: old!, claim: previousClaim }),
      },
    },
  };
}

/**
 * `delete-connectivity-service`: PENDING_REMOVAL at once, then every node that still has the service's connection
 * is deactivated in turn; the last one removes the service and gives its resources back. A service left
 * PENDING_REMOVAL by a failed rollback or delete is deleted the same way (a retry).
 */
export function deleteService(state: PrestoState, input: Json, opts: Pick<OperationOptions, 'now' | 'stepMs'>) {
  const found = findService(state, input['service-id-or-name']);
  if (isProblem(found)) return refused([found]);
  const svc = found;
  const inUse = busy(state, svc);
  if (inUse) return refused([inUse]);
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
