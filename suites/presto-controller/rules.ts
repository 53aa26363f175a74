import type { Rule } from '../harness/rules';

export const PRESTO_API = 'presto.nrp';

/**
 * What the suite judges of a Presto controller. No MEF Developer Guide governs Presto, so each rule cites its
 * sources: an RFC 8040/7951 section, a TAPI YANG statement, or a de-facto rule of the Presto reference notes
 * (presto-adagio.md §1.x).
 */
export const PRESTO_RULES = {
  discoverySips: {
    id: 'presto.discovery.sips',
    title: 'get-service-interface-point-list answers 200 with a non-empty SIP list, each SIP with a uuid',
    api: PRESTO_API,
    requirements: [],
    sources: ['tapi-common@2018-03-07 rpc get-service-interface-point-list', 'RFC 8040 §3.6', 'presto-adagio.md §1.1'],
  },
  discoveryTopology: {
    id: 'presto.discovery.topology',
    title: 'get-topology-list answers 200 with a topology list',
    api: PRESTO_API,
    requirements: [],
    sources: ['tapi-topology@2018-03-07 rpc get-topology-list', 'RFC 8040 §3.6'],
  },
  create: {
    id: 'presto.service.create',
    title: 'create-connectivity-service in RFC 8040 form answers 200 with output.service.uuid',
    api: PRESTO_API,
    requirements: [],
    sources: ['tapi-connectivity@2018-03-07 rpc create-connectivity-service', 'RFC 8040 §3.6.2', 'RFC 7951 §4'],
  },
  activation: {
    id: 'presto.service.activation',
    title: 'A created service reaches lifecycle-state INSTALLED (get-connectivity-service-details)',
    api: PRESTO_API,
    requirements: [],
    sources: [
      'tapi-connectivity@2018-03-07 rpc get-connectivity-service-details',
      'tapi-common@2018-03-07 typedef lifecycle-state',
      'presto-adagio.md §1.5',
    ],
  },
  readBack: {
    id: 'presto.service.read-back',
    title:
      'The service is readable in the data tree at tapi-common:context/tapi-connectivity:connectivity-service=<uuid>',
    api: PRESTO_API,
    requirements: [],
    sources: ['RFC 8040 §3.5.3', 'RFC 8040 §4.3', 'tapi-connectivity@2018-03-07 augment /tapi-common:context'],
  },
  refuseOneEndPoint: {
    id: 'presto.refusal.one-end-point',
    title: 'A create with one end-point is refused 400 with ietf-restconf:errors',
    api: PRESTO_API,
    requirements: [],
    sources: [
      'tapi-connectivity@2018-03-07 rpc create-connectivity-service (list end-point min-elements 2)',
      'RFC 8040 §7.1',
      'presto-adagio.md §1.11',
    ],
  },
  refuseUnknownSip: {
    id: 'presto.refusal.unknown-sip',
    title: 'A create on an unknown SIP is refused 400 with error-tag invalid-value',
    api: PRESTO_API,
    requirements: [],
    sources: ['RFC 8040 §7', 'tapi-connectivity@2018-03-07 rpc create-connectivity-service', 'presto-adagio.md §1.11'],
  },
  refuseVlanClash: {
    id: 'presto.refusal.vlan-clash',
    title: 'A create that reuses a CE-VLAN already taken on a SIP is refused 409 with error-tag resource-denied',
    api: PRESTO_API,
    requirements: [],
    sources: ['RFC 8040 §7', 'presto-adagio.md §1.6', 'presto-adagio.md §1.11'],
  },
  errorShape: {
    id: 'presto.errors.shape',
    title: 'Errors are application/yang-data+json with an ietf-restconf:errors body',
    api: PRESTO_API,
    requirements: [],
    sources: ['RFC 8040 §7.1', 'RFC 8040 §3.6.3', 'RFC 7951 §4', 'presto-adagio.md §1.11'],
  },
  deleteReleases: {
    id: 'presto.service.delete-releases',
    title: 'delete-connectivity-service releases the resources: the same create then succeeds',
    api: PRESTO_API,
    requirements: [],
    sources: [
      'tapi-connectivity@2018-03-07 rpc delete-connectivity-service',
      'presto-adagio.md §1.5',
      'presto-adagio.md §1.6',
    ],
  },
} as const satisfies Record<string, Rule>;
