import { sipAvailable, linkAvailable } from './ledger';
import type { Sip } from './seed/topology';
import type { Json } from './service';
import type { Connection, PrestoState } from './state';

/**
 * The TAPI context of the controller's state, as RFC 7951 JSON (`GET /restconf/data/tapi-common:context`): the
 * top-level member and the members another module adds (augments) carry their module name (`tapi-topology:`,
 * `tapi-connectivity:`, `nrp-interface:`); int64 and uint64 values are strings (RFC 7951 §6.1). Shapes follow
 * tapi-common/-topology/-connectivity@2018-03-07 and nrp-interface (2018-03-21).
 */

const names = (value: string, valueName = 'name'): Json[] => [{ 'value-name': valueName, value }];

/** A TAPI capacity (tapi-common `capacity`): total-size in the largest unit that states it exactly. */
export function capacity(bps: number): Json {
  const [value, unit] =
    bps % 1e9 === 0 ? [bps / 1e9, 'GBPS'] : bps % 1e6 === 0 ? [bps / 1e6, 'MBPS'] : [Math.floor(bps / 1e3), 'KBPS'];
  return { 'total-size': { value: String(value), unit } };
}

const SIP_AUGMENT: Record<Sip['role'], string> = {
  'UNI-N': 'nrp-interface:nrp-carrier-eth-uni-n-resource',
  'ENNI-N': 'nrp-interface:nrp-carrier-eth-enni-n-resource',
  'INNI-N': 'nrp-interface:nrp-carrier-eth-inni-n-resource',
};

export function renderSip(state: PrestoState, sip: Sip): Json {
  return {
    uuid: sip.uuid,
    name: names(sip.name),
    'layer-protocol-name': ['ETH'],
    'administrative-state': sip.administrativeState,
    'operational-state': sip.operationalState,
    'lifecycle-state': 'INSTALLED',
    'total-potential-capacity': capacity(sip.capacity),
    'available-capacity': capacity(sipAvailable(state.ledger, state.topology, sip.uuid)),
    [SIP_AUGMENT[sip.role]]: { 'max-frame-size': String(sip.maxFrameSize) },
  };
}

function renderTopology(state: PrestoState): Json {
  const t = state.topology;
  const cepsByNep = new Map<string, Json[]>();
  for (const c of Object.values(state.connections)) {
    if (c.node === undefined) continue;
    for (const e of c.endPoints) {
      const svc = state.services[c.service];
      const localId = svc?.endPoints.find(
        (ep) =>
          (ep['service-interface-point'] as Json | undefined)?.['service-interface-point-id'] === t.neps[e.nep].sip,
      )?.['local-id'];
      const list = cepsByNep.get(e.nep) ?? [];
      list.push({
        uuid: e.cep,
        'layer-protocol-name': 'ETH',
        ...(localId !== undefined ? { 'connectivity-service-end-point': localId } : {}),
        'parent-node-edge-point': [
          { 'topology-id': t.topology.uuid, 'node-id': e.node, 'owned-node-edge-point-id': e.nep },
        ],
        'connection-port-direction': 'BIDIRECTIONAL',
        'operational-state': c.operationalState,
        'lifecycle-state': c.lifecycleState,
      });
      cepsByNep.set(e.nep, list);
    }
  }
  return {
    uuid: t.topology.uuid,
    name: names(t.topology.name, 'topology-name'),
    'layer-protocol-name': ['ETH'],
    node: Object.values(t.nodes).map((n) => ({
      uuid: n.uuid,
      name: names(n.name, 'node-name'),
      'layer-protocol-name': ['ETH'],
      'administrative-state': 'UNLOCKED',
      'operational-state': 'ENABLED',
      'lifecycle-state': 'INSTALLED',
      'owned-node-edge-point': n.neps.map((id) => {
        const nep = t.neps[id];
        const ceps = cepsByNep.get(id);
        const free = nep.sip
          ? sipAvailable(state.ledger, t, nep.sip)
          : nep.link
            ? linkAvailable(state.ledger, t, nep.link)
            : nep.capacity;
        return {
          uuid: id,
          name: names(nep.port, 'port'),
          'layer-protocol-name': 'ETH',
          ...(nep.sip ? { 'mapped-service-interface-point': [{ 'service-interface-point-id': nep.sip }] } : {}),
          'link-port-direction': 'BIDIRECTIONAL',
          'administrative-state': 'UNLOCKED',
          'operational-state': 'ENABLED',
          'lifecycle-state': 'INSTALLED',
          'total-potential-capacity': capacity(nep.capacity),
          'available-capacity': capacity(Math.min(free, nep.capacity)),
          ...(ceps ? { 'tapi-connectivity:connection-end-point': ceps } : {}),
        };
      }),
    })),
    link: Object.values(t.links).map((l) => ({
      uuid: l.uuid,
      name: names(l.name, 'link-name'),
      'node-edge-point': l.neps.map((nep, i) => ({
        'topology-id': t.topology.uuid,
        'node-id': l.nodes[i],
        'owned-node-edge-point-id': nep,
      })),
      'layer-protocol-name': ['ETH'],
      direction: 'BIDIRECTIONAL',
      'administrative-state': l.administrativeState,
      'operational-state': l.operationalState,
      'lifecycle-state': 'INSTALLED',
      'total-potential-capacity': capacity(l.capacity),
      'available-capacity': capacity(linkAvailable(state.ledger, t, l.uuid)),
      'cost-characteristic': [{ 'cost-name': 'HOP_COST', 'cost-value': String(l.cost), 'cost-algorithm': 'static' }],
    })),
  };
}

export function renderService(state: PrestoState, uuid: string): Json {
  const s = state.services[uuid];
  return {
    uuid: s.uuid,
    ...(s.name ? { name: s.name } : {}),
    'end-point': s.endPoints.map((ep) => ({
      ...ep,
      'administrative-state': s.administrativeState,
      'operational-state': s.operationalState,
      'lifecycle-state': s.lifecycleState,
    })),
    ...(s.connections.length ? { connection: s.connections } : {}),
    direction: 'BIDIRECTIONAL',
    'layer-protocol-name': 'ETH',
    'service-type': s.serviceType,
    ...(s.serviceLevel ? { 'service-level': s.serviceLevel } : {}),
    'is-exclusive': s.isExclusive,
    'administrative-state': s.administrativeState,
    'operational-state': s.operationalState,
    'lifecycle-state': s.lifecycleState,
    ...(s.resource ? { 'nrp-interface:nrp-carrier-eth-connectivity-resource': s.resource } : {}),
  };
}

export function renderConnection(state: PrestoState, c: Connection): Json {
  const t = state.topology.topology.uuid;
  return {
    uuid: c.uuid,
    'connection-end-point': c.endPoints.map((e) => ({
      'topology-id': t,
      'node-id': e.node,
      'owned-node-edge-point-id': e.nep,
      'connection-end-point-id': e.cep,
    })),
    ...(c.lower.length ? { 'lower-connection': c.lower } : {}),
    direction: 'BIDIRECTIONAL',
    'layer-protocol-name': 'ETH',
    'operational-state': c.operationalState,
    'lifecycle-state': c.lifecycleState,
  };
}

/** The whole `tapi-common:context` document. */
export function renderContext(state: PrestoState): Json {
  const t = state.topology;
  const services = Object.keys(state.services);
  const connections = Object.values(state.connections);
  return {
    'tapi-common:context': {
      uuid: t.context.uuid,
      name: names(t.context.name, 'context-name'),
      'service-interface-point': Object.values(t.sips).map((sip) => renderSip(state, sip)),
      'tapi-topology:topology': [renderTopology(state)],
      'tapi-topology:nw-topology-service': {
        uuid: `${t.context.uuid}:nw-topology-service`,
        topology: [t.topology.uuid],
      },
      ...(services.length
        ? { 'tapi-connectivity:connectivity-service': services.map((u) => renderService(state, u)) }
        : {}),
      ...(connections.length
        ? { 'tapi-connectivity:connection': connections.map((c) => renderConnection(state, c)) }
        : {}),
    },
  };
}
