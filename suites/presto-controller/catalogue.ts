import { PRESTO_RULES as R } from './rules';

/**
 * What the Presto suite is measured against. No MEF guide numbers Presto's requirements, so the suite keeps its own
 * catalogue, from the SDK and the research (presto-adagio.md §1), and `lso suites coverage --suite presto-controller`
 * counts how much of it a rule run by a scenario checks:
 *
 * - the 32 operations of the SDK's Swagger (`presto-nrp.yaml`: 15 data GETs, 17 RPCs). An operation counts when a
 *   rule cites it among its `sources`: an RPC by its YANG statement (`tapi-connectivity@2018-03-07 rpc …`), a data
 *   GET by its Swagger path (`presto-nrp.yaml GET /data/context/…`). A test holds this list equal to the Swagger's.
 * - the semantic rules the model leaves out (§1.4, §1.5), the error mapping (§1.11) and the encoding (§1.9,
 *   RFC 7951, RFC 8040): an item counts when one of the rules it names is run.
 */
export interface CatalogueItem {
  id: string;
  /** Where it comes from. */
  source: string;
  /** For an operation: the rule source that cites it. */
  cite?: string;
  /** For the other sections: the rules that check it. */
  rules?: readonly string[];
}

export interface CatalogueSection {
  id: string;
  label: string;
  items: readonly CatalogueItem[];
}

const V = '@2018-03-07';
const rpc = (module: string, name: string): CatalogueItem => ({
  id: `POST /operations/${name}/`,
  source: `tapi-${module}${V} rpc ${name}`,
  cite: `tapi-${module}${V} rpc ${name}`,
});
const data = (path: string): CatalogueItem => ({
  id: `GET ${path}`,
  source: `presto-nrp.yaml ${path}`,
  cite: `presto-nrp.yaml GET ${path}`,
});

export const OPERATIONS: CatalogueSection = {
  id: 'operations',
  label: 'Operations (SDK Swagger)',
  items: [
    data('/data/context/'),
    data('/data/context/connection={uuid}/'),
    data('/data/context/connection={uuid}/switch-control={switch-control-uuid}/'),
    data('/data/context/connectivity-service={uuid}/'),
    data('/data/context/nw-topology-service/'),
    data('/data/context/path-comp-service={uuid}/'),
    data('/data/context/path={uuid}/'),
    data('/data/context/service-interface-point={uuid}/'),
    data('/data/context/topology={uuid}/'),
    data('/data/context/topology={uuid}/link={link-uuid}/'),
    data('/data/context/topology={uuid}/node={node-uuid}/'),
    data('/data/context/topology={uuid}/node={node-uuid}/node-rule-group={node-rule-group-uuid}/'),
    data(
      '/data/context/topology={uuid}/node={node-uuid}/node-rule-group={node-rule-group-uuid}/inter-rule-group={inter-rule-group-uuid}/',
    ),
    data('/data/context/topology={uuid}/node={node-uuid}/owned-node-edge-point={owned-node-edge-point-uuid}/'),
    data(
      '/data/context/topology={uuid}/node={node-uuid}/owned-node-edge-point={owned-node-edge-point-uuid}/connection-end-point={connection-end-point-uuid}/',
    ),
    rpc('path-computation', 'compute-p-2-p-path'),
    rpc('connectivity', 'create-connectivity-service'),
    rpc('connectivity', 'delete-connectivity-service'),
    rpc('path-computation', 'delete-p-2-p-path'),
    rpc('connectivity', 'get-connection-details'),
    rpc('connectivity', 'get-connectivity-service-details'),
    rpc('connectivity', 'get-connectivity-service-list'),
    rpc('topology', 'get-link-details'),
    rpc('topology', 'get-node-details'),
    rpc('topology', 'get-node-edge-point-details'),
    rpc('common', 'get-service-interface-point-details'),
    rpc('common', 'get-service-interface-point-list'),
    rpc('topology', 'get-topology-details'),
    rpc('topology', 'get-topology-list'),
    rpc('path-computation', 'optimize-p-2-p-path'),
    rpc('connectivity', 'update-connectivity-service'),
    rpc('common', 'update-service-interface-point'),
  ],
};

const item = (id: string, source: string, ...rules: string[]): CatalogueItem => ({ id, source, rules });

export const SEMANTICS: CatalogueSection = {
  id: 'semantics',
  label: 'Semantic rules (presto-adagio.md §1.4, §1.5)',
  items: [
    item('at least 2 end-points', '§1.4 YANG min-elements 2', R.refuseOneEndPoint.id),
    item('every SIP exists', '§1.4 leafref; Unimgr', R.refuseUnknownSip.id),
    item('P2P means exactly 2 end-points', '§1.4'),
    item('VLAN ids 1..4094', '§1.4'),
    item('a CE-VLAN maps to at most one service at a UNI', '§1.4', R.refuseVlanClash.id),
    item('an exclusive (EPL) service takes the whole port', '§1.4', R.eplCreate.id, R.refusePortExclusive.id),
    item('a non-exclusive service cannot join an exclusive port', '§1.4', R.refusePortExclusive.id),
    item('max-frame-size no larger than the SIP’s', '§1.4', R.refuseFrameSize.id),
    item('sum of CIR within the SIP’s capacity', '§1.4', R.refuseOverCapacity.id, R.capacityLedger.id),
    item('a path must exist between the SIPs', '§1.4'),
    item('update changes one end-point per call', '§1.5', R.updateBandwidth.id),
    item('update: the service and the end-point (local-id) exist, the SIP is unchanged', '§1.5'),
    item('delete releases the resources', '§1.5, §1.6', R.deleteReleases.id, R.capacityLedger.id),
    item('activation is asynchronous, to INSTALLED', '§1.5, §1.7', R.activation.id, R.eplCreate.id),
    item('activation is all-or-nothing across nodes, with rollback', '§1.5'),
    item('ids are server-assigned', '§1.5', R.create.id),
  ],
};

export const ERRORS: CatalogueSection = {
  id: 'errors',
  label: 'Error mapping (presto-adagio.md §1.11)',
  items: [
    item('errors are application/yang-data+json ietf-restconf:errors', '§1.11, RFC 8040 §7.1', R.errorShape.id),
    item('body not JSON / wrong media type: 400 malformed-message / 415', '§1.11'),
    item('< 2 end-points, unknown member, bad enum: 400', '§1.11', R.refuseOneEndPoint.id),
    item('SIP not found: 400 invalid-value with error-path', '§1.11', R.refuseUnknownSip.id),
    item('service not found: 404 on data GET, 400 invalid-value on RPC', '§1.11'),
    item(
      'VLAN used / exclusive port taken / CIR over capacity: 409 resource-denied',
      '§1.11',
      R.refuseVlanClash.id,
      R.refusePortExclusive.id,
      R.refuseOverCapacity.id,
    ),
    item('frame size over the SIP’s: 400 invalid-value with error-path', '§1.4, §1.11', R.refuseFrameSize.id),
    item('no path between SIPs: 409 resource-denied or 500 operation-failed', '§1.11'),
    item('activation failed, rolled back: 500 operation-failed', '§1.11'),
    item('rollback failed: 500 rollback-failed, PENDING_REMOVAL', '§1.11'),
  ],
};

export const ENCODING: CatalogueSection = {
  id: 'encoding',
  label: 'Encoding (RFC 7951, RFC 8040)',
  items: [
    item('int64/uint64 as JSON strings', 'RFC 7951 §6.1; §1.9', R.int64Strings.id),
    item('module-qualified top-level and augment members', 'RFC 7951 §4; §1.9', R.modulePrefixes.id),
    item('application/yang-data+json', 'RFC 8040 §5.2', R.mediaType.id),
    item('RPC output as <module>:output', 'RFC 8040 §3.6.2', R.modulePrefixes.id),
    item('list keys percent-encoded in data paths', 'RFC 8040 §3.5.3; §1.10', R.readBack.id),
  ],
};

export const PRESTO_CATALOGUE: readonly CatalogueSection[] = [OPERATIONS, SEMANTICS, ERRORS, ENCODING];
