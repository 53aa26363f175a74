import { defaultTopology } from '../../../mocks/presto-controller/seed/topology';
import type { Json } from '../../../mocks/presto-controller/service';
import { initialState, type PrestoState } from '../../../mocks/presto-controller/state';

/** Building blocks of the Presto tests: RFC 7951 end-points and create inputs on the default topology. */

export interface EpSpec {
  sip: string;
  vlans?: (number | string)[];
  cir?: number;
  localId?: string;
  mappingType?: 'LIST' | 'EXCEPT' | 'ALL';
}

export function endPoint(e: EpSpec): Json {
  const aug: Json = {};
  if (e.vlans || e.mappingType) {
    aug['ce-vlan-id-list-and-untag'] = {
      ...(e.mappingType ? { 'vlan-id-mapping-type': e.mappingType } : {}),
      'vlan-id': (e.vlans ?? []).map((v) => ({ 'vlan-id': String(v) })),
    };
  }
  if (e.cir !== undefined) aug['ingress-bwp-flow'] = { cir: String(e.cir), cbs: '100000', eir: '0', ebs: '0' };
  return {
    ...(e.localId ? { 'local-id': e.localId } : {}),
    'service-interface-point': { 'service-interface-point-id': e.sip },
    direction: 'BIDIRECTIONAL',
    'layer-protocol-name': 'ETH',
    role: 'SYMMETRIC',
    'nrp-interface:nrp-carrier-eth-connectivity-end-point-resource': aug,
  };
}

export interface ServiceSpec {
  eps: EpSpec[];
  /** `undefined` leaves is-exclusive out (the YANG default, true, applies). */
  exclusive?: boolean;
  serviceType?: string;
  maxFrameSize?: number;
}

/** A create-connectivity-service `input`. */
export function createInput(s: ServiceSpec): Json {
  return {
    'end-point': s.eps.map(endPoint),
    'conn-constraint': {
      'service-type': s.serviceType ?? 'POINT_TO_POINT_CONNECTIVITY',
      ...(s.exclusive !== undefined ? { 'is-exclusive': s.exclusive } : {}),
      'service-level': 'BEST_EFFORT',
    },
    'nrp-interface:nrp-carrier-eth-connectivity-resource': { 'max-frame-size': String(s.maxFrameSize ?? 1500) },
  };
}

/** An EVPL between two SIPs with one CE-VLAN each. */
export const evpl = (a: string, z: string, vlan: number, cir = 100_000_000): Json =>
  createInput({
    eps: [
      { sip: a, vlans: [vlan], cir },
      { sip: z, vlans: [vlan], cir },
    ],
    exclusive: false,
  });

export const fresh = (): PrestoState => initialState(defaultTopology());

export const UNI1 = 'sip:pe1:ge-0/0/1';
export const UNI2 = 'sip:pe1:ge-0/0/2';
export const UNI3 = 'sip:pe2:ge-0/0/1';
export const UNI4 = 'sip:pe2:xe-0/0/3';
export const UNI5 = 'sip:pe3:ge-0/0/1';
export const UNI6 = 'sip:pe3:xe-0/0/9';
export const ENNI = 'sip:pe1:xe-0/0/5';
