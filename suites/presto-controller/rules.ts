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
    sources: [
      'RFC 8040 §3.5.3',
      'RFC 8040 §4.3',
      'tapi-connectivity@2018-03-07 augment /tapi-common:context',
      'presto-nrp.yaml GET /data/context/connectivity-service={uuid}/',
    ],
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
  eplCreate: {
    id: 'presto.epl.create',
    title: 'An EPL (is-exclusive true, every CE-VLAN) is created (200 with output.service.uuid) and reaches INSTALLED',
    api: PRESTO_API,
    requirements: [],
    sources: [
      'tapi-connectivity@2018-03-07 rpc create-connectivity-service',
      'tapi-connectivity@2018-03-07 grouping connectivity-constraint leaf is-exclusive',
      'nrm-connectivity vlan-id-mapping-type ALL',
      'presto-adagio.md §1.4',
    ],
  },
  eplReadBack: {
    id: 'presto.epl.read-back',
    title:
      'The EPL reads back as exclusive, on both its SIPs, through get-connectivity-service-details and the data tree',
    api: PRESTO_API,
    requirements: [],
    sources: [
      'tapi-connectivity@2018-03-07 rpc get-connectivity-service-details',
      'tapi-connectivity@2018-03-07 augment /tapi-common:context connectivity-service',
      'RFC 8040 §3.5.3',
      'RFC 8040 §4.3',
      'presto-nrp.yaml GET /data/context/connectivity-service={uuid}/',
    ],
  },
  refusePortExclusive: {
    id: 'presto.refusal.port-exclusive',
    title:
      'An EVPL on a port an EPL holds is refused 409 resource-denied, error-path into /input/end-point (exclusive port taken)',
    api: PRESTO_API,
    requirements: [],
    sources: [
      'tapi-connectivity@2018-03-07 grouping connectivity-constraint leaf is-exclusive',
      'RFC 8040 §7',
      'RFC 8040 §7.1 error-path',
      'presto-adagio.md §1.4',
      'presto-adagio.md §1.11',
    ],
  },
  updateBandwidth: {
    id: 'presto.service.update-bandwidth',
    title:
      'A bandwidth profile changes by two update-connectivity-service calls, one per end-point (200 each), and the service shows the new CIR, INSTALLED',
    api: PRESTO_API,
    requirements: [],
    sources: [
      'tapi-connectivity@2018-03-07 rpc update-connectivity-service (input end-point is a container)',
      'nrp-interface augment /tapi-connectivity:update-connectivity-service/tapi-connectivity:input/tapi-connectivity:end-point',
      'presto-adagio.md §1.5',
      'presto-adagio.md §3.4',
    ],
  },
  capacityLedger: {
    id: 'presto.capacity.ledger',
    title:
      "A SIP's available-capacity falls by the CIR on create, by the difference on update, and is whole again after delete",
    api: PRESTO_API,
    requirements: [],
    sources: [
      'tapi-common@2018-03-07 rpc get-service-interface-point-details',
      'tapi-common@2018-03-07 grouping capacity-pac leaf available-capacity',
      'presto-adagio.md §1.6',
      'presto-adagio.md §4.1',
    ],
  },
  refuseOverCapacity: {
    id: 'presto.refusal.over-capacity',
    title:
      "A create whose CIR exceeds the SIP's available capacity is refused 409 resource-denied, error-path into /input/end-point",
    api: PRESTO_API,
    requirements: [],
    sources: ['RFC 8040 §7', 'RFC 8040 §7.1 error-path', 'presto-adagio.md §1.4', 'presto-adagio.md §1.11'],
  },
  refuseFrameSize: {
    id: 'presto.refusal.frame-size',
    title:
      "A create whose max-frame-size exceeds a SIP's is refused 400 invalid-value, error-path to the max-frame-size leaf",
    api: PRESTO_API,
    requirements: [],
    sources: [
      'nrp-interface grouping nrp-carrier-eth-connectivity-resource leaf max-frame-size',
      'RFC 8040 §7',
      'RFC 8040 §7.1 error-path',
      'presto-adagio.md §1.4',
    ],
  },
  int64Strings: {
    id: 'presto.encoding.int64-strings',
    title:
      'int64 and uint64 leaves (vlan-id, cir, cbs, eir, ebs, max-frame-size, capacity value) are JSON strings in replies (warning; failure with --strict)',
    api: PRESTO_API,
    requirements: [],
    sources: [
      'RFC 7951 §6.1',
      'mef-common-types typedef positive-integer (int64)',
      'tapi-common@2018-03-07 grouping capacity-value leaf value (uint64)',
      'presto-adagio.md §1.9',
      'presto-nrp.yaml GET /data/context/',
    ],
  },
  modulePrefixes: {
    id: 'presto.encoding.module-prefixes',
    title:
      'Top-level members and members another module augments carry the module name, e.g. tapi-connectivity:output, nrp-interface:… (warning; failure with --strict)',
    api: PRESTO_API,
    requirements: [],
    sources: [
      'RFC 7951 §4',
      'RFC 8040 §3.6.2',
      'presto-adagio.md §1.9',
      'presto-adagio.md §1.10',
      'presto-nrp.yaml GET /data/context/',
    ],
  },
  mediaType: {
    id: 'presto.encoding.media-type',
    title: 'Replies with a body are application/yang-data+json (warning; failure with --strict)',
    api: PRESTO_API,
    requirements: [],
    sources: ['RFC 8040 §5.2', 'RFC 8040 §3.6.2', 'RFC 8040 §11.3.2'],
  },
} as const satisfies Record<string, Rule>;
