import type { Violation } from '../../specs/index';
import { YANG_JSON } from './restconf';

/**
 * The RFC 7951 / RFC 8040 encoding a Presto controller's replies are judged by, beyond what a lenient SOF copes
 * with (presto-adagio.md §1.9: the SDK's Swagger types int64 as numbers and names augments without their module).
 * Pure: a reply body in, the findings out; the scenario decides whether they warn or fail (`--strict`).
 */

type Json = Record<string, unknown>;

/**
 * Leaves of the NRP R2 model typed int64 or uint64, which RFC 7951 §6.1 encodes as JSON strings: `vlan-id`
 * (mef-common-types positive-integer), the bandwidth profile's `cir`/`cbs`/`eir`/`ebs`/`cir-max`/`eir-max`,
 * `max-frame-size` (positive-integer / natural-number) and a capacity's `value` (tapi-common capacity-value, uint64).
 */
export const INT64_LEAVES: ReadonlySet<string> = new Set([
  'vlan-id',
  'cir',
  'cbs',
  'eir',
  'ebs',
  'cir-max',
  'eir-max',
  'max-frame-size',
  'value',
]);

/**
 * Members another module adds by `augment`, by their local name, with the module RFC 7951 §4 requires as their
 * prefix: the TAPI modules' additions to `tapi-common:context`, and nrp-interface's resources.
 */
export const AUGMENT_MODULE: Readonly<Record<string, string>> = {
  topology: 'tapi-topology',
  'nw-topology-service': 'tapi-topology',
  'connectivity-service': 'tapi-connectivity',
  connection: 'tapi-connectivity',
  'path-comp-service': 'tapi-path-computation',
  path: 'tapi-path-computation',
  'nrp-carrier-eth-connectivity-resource': 'nrp-interface',
  'nrp-carrier-eth-connectivity-end-point-resource': 'nrp-interface',
  'nrp-carrier-eth-uni-n-resource': 'nrp-interface',
  'nrp-carrier-eth-enni-n-resource': 'nrp-interface',
  'nrp-carrier-eth-inni-n-resource': 'nrp-interface',
};

/** The context's augmenting members are prefixed only directly under the context (`path` is a common name). */
const CONTEXT_ONLY = new Set([
  'topology',
  'nw-topology-service',
  'connectivity-service',
  'connection',
  'path-comp-service',
  'path',
]);

const pointer = (parts: readonly string[]) =>
  `/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

const finding = (
  parts: readonly string[],
  rule: string,
  message: string,
  found: unknown,
  expected: unknown,
): Violation => ({
  pointer: pointer(parts),
  rule,
  message,
  expected,
  found,
  severity: 'error',
});

function walk(
  value: unknown,
  parts: string[],
  visit: (key: string, v: unknown, parts: string[], parent: Json) => void,
): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...parts, String(i)], visit));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value as Json)) {
      visit(k, v, [...parts, k], value as Json);
      walk(v, [...parts, k], visit);
    }
}

const localName = (member: string) => member.slice(member.indexOf(':') + 1);

/** int64/uint64 leaves sent as JSON numbers (RFC 7951 §6.1). */
export function int64Findings(body: unknown): Violation[] {
  const out: Violation[] = [];
  walk(body, [], (key, v, parts) => {
    if (typeof v === 'number' && INT64_LEAVES.has(localName(key)))
      out.push(
        finding(
          parts,
          'rfc7951-int64',
          `${localName(key)} is a JSON number; RFC 7951 §6.1 encodes int64 as a string`,
          v,
          String(v),
        ),
      );
  });
  return out;
}

/**
 * Members without the module name RFC 7951 §4 requires: every top-level member (`tapi-connectivity:output`,
 * `tapi-common:context`, `ietf-restconf:errors`), and every augmenting member of AUGMENT_MODULE.
 */
export function prefixFindings(body: unknown): Violation[] {
  const out: Violation[] = [];
  if (body && typeof body === 'object' && !Array.isArray(body))
    for (const k of Object.keys(body))
      if (!k.includes(':'))
        out.push(
          finding([k], 'rfc7951-top-level-prefix', `top-level member '${k}' has no module name`, k, '<module>:' + k),
        );
  walk(body, [], (key, _v, parts, parent) => {
    const module = AUGMENT_MODULE[key];
    if (!module || key.includes(':')) return;
    const underContext = parts.length >= 2 && localName(parts[parts.length - 2]) === 'context';
    if (CONTEXT_ONLY.has(key) && !underContext) return;
    if (`${module}:${key}` in parent) return;
    out.push(
      finding(
        parts,
        'rfc7951-augment-prefix',
        `'${key}' augments from ${module}: RFC 7951 §4 names it ${module}:${key}`,
        key,
        `${module}:${key}`,
      ),
    );
  });
  return out;
}

/** A reply with a body that is not `application/yang-data+json` (RFC 8040 §5.2, §3.6.2). */
export function mediaTypeFindings(contentType: string | undefined, hasBody: boolean): Violation[] {
  if (!hasBody || (contentType ?? '').toLowerCase().split(';')[0].trim() === YANG_JSON) return [];
  return [
    {
      pointer: '',
      in: 'content-type',
      rule: 'rfc8040-media-type',
      message: `Content-Type ${contentType ?? '(none)'}, not ${YANG_JSON}`,
      expected: YANG_JSON,
      found: contentType,
      severity: 'error',
    },
  ];
}
