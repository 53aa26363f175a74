import { Events, type ActivationStep, type Fault, type PrestoEvent, type StepAction } from './activation';
import type { OperState, Topology } from './seed/topology';
import type { ConnectivityService, Json } from './service';
import type { PrestoState } from './state';

/**
 * The outcomes a test can ask of the controller beyond HTTP faults (presto-adagio.md §4.3): an activation step that
 * fails on a named node (the transaction is rolled back, activation.ts), a rollback that fails too (the service is
 * left PENDING_REMOVAL / DISABLED holding its resources, §1.11), and a SIP or link whose operational state changes
 * (§4.3 "CS goes DISABLED after activation (link down) and recovers"). Pure: the plan is data kept in the store.
 */

/** An activation step that is to fail: the next `remaining` steps on `node` (of `action`, of `service`, if given). */
export interface ActivationFaultRule {
  node: string;
  action?: StepAction;
  /** Only this service's steps (set by the `X-LSO-Outcome` header of the request that made the service). */
  service?: string;
  /** Nodes whose rollback fails as well. */
  rollbackFailsOn?: string[];
  reason?: string;
  remaining: number;
}

export interface FaultPlan {
  activation: ActivationFaultRule[];
}

export const FAULT_PLAN_KEY = 'presto-faults';
export const emptyPlan = (): FaultPlan => ({ activation: [] });

const ACTIONS: readonly StepAction[] = ['activate', 'update', 'deactivate'];
const MAX_COUNT = 1000;

/** The fault asked of a step, if any: the first rule it matches, which is used up by one. */
export function faultFor(plan: FaultPlan, step: ActivationStep): { plan: FaultPlan; fault?: Fault } {
  const i = plan.activation.findIndex(
    (r) =>
      r.remaining > 0 &&
      r.node === step.node &&
      (!r.action || r.action === step.action) &&
      (!r.service || r.service === step.service),
  );
  if (i < 0) return { plan };
  const rule = plan.activation[i];
  const activation = [...plan.activation];
  if (rule.remaining > 1) activation[i] = { ...rule, remaining: rule.remaining - 1 };
  else activation.splice(i, 1);
  return {
    plan: { activation },
    fault: {
      ...(rule.reason ? { reason: rule.reason } : {}),
      ...(rule.rollbackFailsOn ? { rollbackFailsOn: rule.rollbackFailsOn } : {}),
    },
  };
}

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const nodeNames = (t: Topology) => Object.keys(t.nodes).join(', ');

/** Reads an activation fault rule (the control API's body), every node checked against the topology. */
export function readFaultRule(body: Json, topology: Topology): Read<ActivationFaultRule> {
  const known = new Set(['node', 'action', 'rollbackFailsOn', 'reason', 'count']);
  const extra = Object.keys(body).filter((k) => !known.has(k));
  if (extra.length)
    return { ok: false, message: `unknown member(s) ${extra.join(', ')}; send ${[...known].join(', ')}` };
  const { node, action, rollbackFailsOn, reason, count = 1 } = body;
  if (typeof node !== 'string' || !topology.nodes[node])
    return { ok: false, message: `node must name a node of the topology (${nodeNames(topology)})` };
  if (action !== undefined && !ACTIONS.includes(action as StepAction))
    return { ok: false, message: `action is one of ${ACTIONS.join(', ')}` };
  if (
    rollbackFailsOn !== undefined &&
    !(Array.isArray(rollbackFailsOn) && rollbackFailsOn.every((n) => typeof n === 'string' && topology.nodes[n]))
  )
    return { ok: false, message: `rollbackFailsOn is a list of nodes of the topology (${nodeNames(topology)})` };
  if (reason !== undefined && typeof reason !== 'string') return { ok: false, message: 'reason is a string' };
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_COUNT)
    return { ok: false, message: `count is a whole number from 1 to ${MAX_COUNT}` };
  return {
    ok: true,
    value: {
      node,
      ...(action ? { action: action as StepAction } : {}),
      ...(rollbackFailsOn ? { rollbackFailsOn: rollbackFailsOn as string[] } : {}),
      ...(reason ? { reason } : {}),
      remaining: count as number,
    },
  };
}

/**
 * Reads the outcome header of one request (`X-LSO-Outcome: fail-on=pe2; rollback-fails-on=pe1,pe3;
 * reason=…`): the activation of what the request creates, updates or deletes fails on that node. Unlike the HTTP
 * fault header, a part not understood is an error: a test that asks for an outcome must get it or know why not.
 */
export function readOutcomeHeader(value: string, topology: Topology): Read<Omit<ActivationFaultRule, 'service'>> {
  const body: Json = {};
  for (const part of value.split(';').filter((p) => p.trim() !== '')) {
    const m = /^\s*([a-z-]+)\s*=\s*(.*?)\s*$/i.exec(part);
    const key = m?.[1].toLowerCase();
    if (!m || !key) return { ok: false, message: `'${part.trim()}' is not key=value` };
    if (key === 'fail-on') body.node = m[2];
    else if (key === 'rollback-fails-on') body.rollbackFailsOn = m[2].split(',').map((s) => s.trim());
    else if (key === 'reason') body.reason = m[2];
    else
      return {
        ok: false,
        message: `'${key}' is not an outcome; send fail-on=<node>[; rollback-fails-on=<node,…>][; reason=…]`,
      };
  }
  return readFaultRule(body, topology);
}

export interface OperationalChange {
  /** A SIP's or a link's uuid. */
  sip?: string;
  link?: string;
  state: OperState;
}

/** Reads a `{"sip" | "link": uuid, "state": "ENABLED" | "DISABLED"}` body. */
export function readOperationalChange(body: Json, topology: Topology): Read<OperationalChange> {
  const extra = Object.keys(body).filter((k) => !['sip', 'link', 'state'].includes(k));
  if (extra.length) return { ok: false, message: `unknown member(s) ${extra.join(', ')}; send sip or link, and state` };
  const { sip, link, state } = body;
  if ((sip === undefined) === (link === undefined)) return { ok: false, message: 'name one sip or one link' };
  if (sip !== undefined && (typeof sip !== 'string' || !topology.sips[sip]))
    return { ok: false, message: `no SIP ${String(sip)}` };
  if (link !== undefined && (typeof link !== 'string' || !topology.links[link]))
    return { ok: false, message: `no link ${String(link)}; links: ${Object.keys(topology.links).join(', ')}` };
  if (state !== 'ENABLED' && state !== 'DISABLED') return { ok: false, message: 'state is ENABLED or DISABLED' };
  return { ok: true, value: { ...(sip ? { sip } : { link: link as string }), state } };
}

const sipsOf = (s: ConnectivityService): string[] =>
  s.endPoints.map((ep) => String((ep['service-interface-point'] as Json | undefined)?.['service-interface-point-id']));

/**
 * A SIP or a link goes down or comes back: its operational state changes, and so does that of every installed
 * service using it (a SIP it ends on, a link its route crosses): DISABLED while any of them is down, ENABLED again
 * when all are up. Path computation already avoids a disabled link (path.ts). A service with a transaction under
 * way is left to it.
 */
export function setOperationalState(
  state: PrestoState,
  change: OperationalChange,
  now: number,
): { state: PrestoState; events: PrestoEvent[] } {
  const events: PrestoEvent[] = [];
  const ev = new Events(events, now);
  const t = state.topology;
  const topology: Topology = { ...t, sips: { ...t.sips }, links: { ...t.links } };
  if (change.sip) {
    const sip = t.sips[change.sip];
    if (sip.operationalState === change.state) return { state, events };
    topology.sips[sip.uuid] = { ...sip, operationalState: change.state };
    ev.changed('SERVICE_INTERFACE_POINT', sip.uuid, [['operational-state', sip.operationalState, change.state]]);
  } else {
    const link = t.links[change.link!];
    if (link.operationalState === change.state) return { state, events };
    topology.links[link.uuid] = { ...link, operationalState: change.state };
    ev.changed('LINK', link.uuid, [['operational-state', link.operationalState, change.state]]);
  }
  const next = { ...state, topology };
  const touched = (svc: ConnectivityService) =>
    change.sip ? sipsOf(svc).includes(change.sip) : svc.route.links.includes(change.link!);
  return { state: follow(next, touched, ev), events };
}

/**
 * After activation steps: a service that became INSTALLED while a SIP or link it uses was down is DISABLED at once
 * (the commit enables it by its own steps only).
 */
export function followOutages(
  state: PrestoState,
  services: ReadonlySet<string>,
  now: number,
): { state: PrestoState; events: PrestoEvent[] } {
  const events: PrestoEvent[] = [];
  const next = follow(state, (svc) => services.has(svc.uuid), new Events(events, now));
  return { state: events.length ? next : state, events };
}

/** Each installed, idle service `touched` picks takes the operational state of what it uses. */
function follow(state: PrestoState, touched: (svc: ConnectivityService) => boolean, ev: Events): PrestoState {
  const { topology } = state;
  const services = { ...state.services };
  const connections = { ...state.connections };
  for (const svc of Object.values(state.services)) {
    if (svc.lifecycleState !== 'INSTALLED' || state.transactions[svc.uuid]) continue;
    if (!touched(svc)) continue;
    const up =
      sipsOf(svc).every((s) => topology.sips[s]?.operationalState !== 'DISABLED') &&
      svc.route.links.every((l) => topology.links[l]?.operationalState !== 'DISABLED');
    const oper = up ? 'ENABLED' : 'DISABLED';
    if (svc.operationalState === oper) continue;
    services[svc.uuid] = { ...svc, operationalState: oper };
    ev.changed('CONNECTIVITY_SERVICE', svc.uuid, [['operational-state', svc.operationalState, oper]]);
    for (const id of svc.connections) {
      const c = connections[id];
      if (!c || c.operationalState === oper) continue;
      connections[id] = { ...c, operationalState: oper };
      ev.changed('CONNECTION', id, [['operational-state', c.operationalState, oper]]);
    }
  }
  return { ...state, services, connections };
}
