import { renderConnection, renderContext, renderService, renderSip } from './context';
import { save, stateOf, type PrestoContext } from './actor-state';
import { createService, deleteService, setSipAdminState, updateService } from './operations';
import { PrestoError } from './problems';
import { findService, serviceExists } from './rules';
import { asList, asObj, type Json } from './service';

function byIdOrName(list: Json[], id: unknown): Json | undefined {
  return list.find(
    (e) =>
      e.uuid === id ||
      asList(e.name).some((n) => n.value === id) ||
      (e['local-id'] !== undefined && e['local-id'] === id),
  );
}

function notFound(what: string, member: string, id: unknown): PrestoError {
  return new PrestoError([
    {
      rule: `${what}-exists`,
      tag: 'invalid-value',
      path: `/input/${member}`,
      message: `${what} ${typeof id === 'string' && id ? id : '(none)'} does not exist`,
    },
  ]);
}

/** The RPCs that read or change the state: input (checked by libyang) → output, or a PrestoError. */
export function invoke(ctx: PrestoContext, name: string, input: Json): Json | undefined {
  const opts = { ids: ctx.ids, now: ctx.clock.now(), stepMs: Number(ctx.timing.step) };
  const state = stateOf(ctx);
  const changed = (r: ReturnType<typeof createService>): Json => {
    if (!r.ok) throw new PrestoError(r.problems);
    save(ctx, r.state, r.events);
    const view = r.state.services[r.service.uuid] ? r.state : { ...r.state, services: { [r.service.uuid]: r.service } };
    return { service: renderService(view, r.service.uuid) };
  };
  const topology = () => asList(asObj(renderContext(state)['tapi-common:context'])['tapi-topology:topology']);
  const topo = () => {
    const t = byIdOrName(topology(), input['topology-id-or-name']);
    if (!t) throw notFound('Topology', 'topology-id-or-name', input['topology-id-or-name']);
    return t;
  };
  const node = () => {
    const n = byIdOrName(asList(topo().node), input['node-id-or-name']);
    if (!n) throw notFound('Node', 'node-id-or-name', input['node-id-or-name']);
    return n;
  };
  switch (name) {
    case 'create-connectivity-service':
      return changed(createService(state, input, opts));
    case 'update-connectivity-service':
      return changed(updateService(state, input, opts));
    case 'delete-connectivity-service':
      return changed(deleteService(state, input, opts));
    case 'get-connectivity-service-list':
      return { service: Object.keys(state.services).map((u) => renderService(state, u)) };
    case 'get-connectivity-service-details': {
      const svc = findService(state, input['service-id-or-name']);
      if (!svc) throw new PrestoError(serviceExists(input, state));
      return { service: renderService(state, svc.uuid) };
    }
    case 'get-connection-details': {
      const svc = findService(state, input['service-id-or-name']);
      if (!svc) throw new PrestoError(serviceExists(input, state));
      // The connections activation made for this service: the top-level one and one per node on its route.
      const own = Object.values(state.connections).filter((c) => c.service === svc.uuid);
      const c = own.find((x) => x.uuid === input['connection-id-or-name']);
      if (!c) throw notFound('Connection', 'connection-id-or-name', input['connection-id-or-name']);
      return { connection: renderConnection(state, c) };
    }
    case 'get-service-interface-point-list':
      return { sip: Object.values(state.topology.sips).map((s) => renderSip(state, s)) };
    case 'get-service-interface-point-details': {
      const sip = byIdOrName(
        Object.values(state.topology.sips).map((s) => renderSip(state, s)),
        input['sip-id-or-name'],
      );
      if (!sip) throw notFound('Service interface point', 'sip-id-or-name', input['sip-id-or-name']);
      return { sip };
    }
    case 'update-service-interface-point': {
      const sip = byIdOrName(
        Object.values(state.topology.sips).map((s) => renderSip(state, s)),
        input['sip-id-or-name'],
      );
      const r = setSipAdminState(
        state,
        String(sip?.uuid ?? input['sip-id-or-name']),
        input.state === 'LOCKED' ? 'LOCKED' : 'UNLOCKED',
        opts.now,
      );
      if (!r.ok) throw new PrestoError(r.problems);
      save(ctx, r.state, r.events);
      return undefined;
    }
    case 'get-topology-list':
      return { topology: topology() };
    case 'get-topology-details':
      return { topology: topo() };
    case 'get-node-details':
      return { node: node() };
    case 'get-node-edge-point-details': {
      const nep = byIdOrName(asList(node()['owned-node-edge-point']), input['ep-id-or-name']);
      if (!nep) throw notFound('Node edge point', 'ep-id-or-name', input['ep-id-or-name']);
      return { 'node-edge-point': nep };
    }
    case 'get-link-details': {
      const link = byIdOrName(asList(topo().link), input['link-id-or-name']);
      if (!link) throw notFound('Link', 'link-id-or-name', input['link-id-or-name']);
      return { link };
    }
    default:
      // Unreachable: `restconfMount` lets only IMPLEMENTED names through.
      throw new Error(`no handler for RPC ${name}`);
  }
}

/**
 * The RPCs served. The three path-computation RPCs (compute-, optimize-, delete-p-2-p-path) are not: the mock
 * offers no path-computation service and says so with 501 operation-not-supported (RFC 8040 §7), as a controller
 * that does not offer an RPC answers; issue 11 keeps them open.
 */
export const IMPLEMENTED = new Set([
  'create-connectivity-service',
  'update-connectivity-service',
  'delete-connectivity-service',
  'get-connectivity-service-list',
  'get-connectivity-service-details',
  'get-connection-details',
  'get-service-interface-point-list',
  'get-service-interface-point-details',
  'update-service-interface-point',
  'get-topology-list',
  'get-topology-details',
  'get-node-details',
  'get-node-edge-point-details',
  'get-link-details',
]);

export const NO_INPUT = new Set([
  'get-connectivity-service-list',
  'get-service-interface-point-list',
  'get-topology-list',
]);
