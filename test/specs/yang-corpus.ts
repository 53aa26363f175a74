/** Test data shared by the yang-*.test.ts files: one good create-connectivity-service input and its context. */
export const CREATE = 'tapi-connectivity:create-connectivity-service' as const;

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** presto-adagio.md §1.4's "harness-mandatory" EVPL body, in RFC 7951 form, between two known SIPs. */
export function goodCreate(): { input: { [k: string]: Json } } {
  const endPoint = (localId: string, sip: string): Json => ({
    'local-id': localId,
    'service-interface-point': { 'service-interface-point-id': sip },
    direction: 'BIDIRECTIONAL',
    'layer-protocol-name': 'ETH',
    role: 'SYMMETRIC',
    'nrp-interface:nrp-carrier-eth-connectivity-end-point-resource': {
      'ce-vlan-id-list-and-untag': { 'vlan-id': [{ 'vlan-id': '301' }] },
      'ingress-bwp-flow': { cir: '100000000', cbs: '100000', eir: '0', ebs: '0' },
    },
  });
  return {
    input: {
      'end-point': [endPoint('ep-a', 'sip-1'), endPoint('ep-z', 'sip-2')],
      'conn-constraint': {
        'service-type': 'POINT_TO_POINT_CONNECTIVITY',
        'is-exclusive': false,
        'service-level': 'BEST_EFFORT',
      },
      'nrp-interface:nrp-carrier-eth-connectivity-resource': {
        'max-frame-size': '1600',
        'ce-vlan-id-preservation': 'PRESERVE',
      },
    },
  };
}

/** A context that holds the two SIPs the good body names. */
export function context(sips: string[] = ['sip-1', 'sip-2']): Json {
  return {
    'tapi-common:context': {
      uuid: 'ctx-1',
      'service-interface-point': sips.map((uuid) => ({ uuid, 'layer-protocol-name': ['ETH'] })),
    },
  };
}

type Input = { [k: string]: Json };
const ep = (i: Input, n: number) => (i['end-point'] as Input[])[n];
const epRes = (i: Input, n: number) =>
  ep(i, n)['nrp-interface:nrp-carrier-eth-connectivity-end-point-resource'] as Input;

/** One mutation each of the good input; `null` for the good body itself. */
export const MUTATIONS: Record<string, ((i: Input) => void) | null> = {
  'the good body': null,
  'EPL: exclusive, no VLAN list': (i) => {
    (i['conn-constraint'] as Input)['is-exclusive'] = true;
    for (const n of [0, 1]) delete epRes(i, n)['ce-vlan-id-list-and-untag'];
  },
  'one end-point missing': (i) => void (i['end-point'] as Json[]).pop(),
  'no end-point at all': (i) => void delete i['end-point'],
  'end-point augment without its module prefix': (i) => {
    const e = ep(i, 1);
    e['nrp-carrier-eth-connectivity-end-point-resource'] = epRes(i, 1);
    delete e['nrp-interface:nrp-carrier-eth-connectivity-end-point-resource'];
  },
  'service augment without its module prefix': (i) => {
    i['nrp-carrier-eth-connectivity-resource'] = i['nrp-interface:nrp-carrier-eth-connectivity-resource'];
    delete i['nrp-interface:nrp-carrier-eth-connectivity-resource'];
  },
  'int64 vlan-id as a JSON number': (i) =>
    void ((epRes(i, 0)['ce-vlan-id-list-and-untag'] as Input)['vlan-id'] = [{ 'vlan-id': 301 }]),
  'int64 cir as a JSON number': (i) => void ((epRes(i, 0)['ingress-bwp-flow'] as Input).cir = 100000000),
  'int64 max-frame-size as a JSON number': (i) =>
    void ((i['nrp-interface:nrp-carrier-eth-connectivity-resource'] as Input)['max-frame-size'] = 1600),
  'unknown member in input': (i) => void (i.foo = 1),
  'unknown member in an end-point': (i) => void (ep(i, 0).colour = 'blue'),
  'bad enum: direction': (i) => void (ep(i, 0).direction = 'SIDEWAYS'),
  'bad enum: service-type': (i) => void ((i['conn-constraint'] as Input)['service-type'] = 'P2P'),
  'bad enum: layer-protocol-name': (i) => void (ep(i, 1)['layer-protocol-name'] = 'ETHERNET'),
  'wrong type: is-exclusive as a string': (i) => void ((i['conn-constraint'] as Input)['is-exclusive'] = 'false'),
  'wrong type: end-point as an object': (i) => void (i['end-point'] = ep(i, 0)),
  'wrong type: service-interface-point as a string': (i) => void (ep(i, 0)['service-interface-point'] = 'sip-1'),
  'vlan-id 5000 (no range in the model: accepted)': (i) =>
    void ((epRes(i, 0)['ce-vlan-id-list-and-untag'] as Input)['vlan-id'] = [{ 'vlan-id': '5000' }]),
};

/** Context data trees, for `-t data`. */
export const CONTEXTS: Record<string, Json> = {
  'a context with two SIPs': context(),
  'a SIP without layer-protocol-name': {
    'tapi-common:context': { uuid: 'c', 'service-interface-point': [{ uuid: 's' }] },
  },
  'an unknown member in the context': { 'tapi-common:context': { uuid: 'c', colour: 'blue' } },
  'a SIP listed twice': {
    'tapi-common:context': {
      uuid: 'c',
      'service-interface-point': [
        { uuid: 's', 'layer-protocol-name': ['ETH'] },
        { uuid: 's', 'layer-protocol-name': ['ETH'] },
      ],
    },
  },
};
