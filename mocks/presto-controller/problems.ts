import { HttpError, type Problem422 } from '../../runtime/server/errors';
import { RESTCONF_TAG_STATUS } from '../../runtime/server/error-bodies/restconf';

/**
 * What the controller's checks find wrong, in RFC 8040 terms (presto-adagio.md §1.11): the `error-tag` and its
 * status, an `error-app-tag` for the resource refusals (`vlan-in-use`, `bandwidth-exhausted`, `port-exclusive`,
 * `no-path`, `sip-locked`), and the `error-path` into the RPC input, e.g.
 * `/input/end-point[1]/service-interface-point/service-interface-point-id` (keyless list: 1-based position).
 */
/** RFC 8040 §7 tags the controller uses (RFC 8040 has no `missing-element`: a missing leaf is `invalid-value`). */
export type RestconfTag = 'invalid-value' | 'in-use' | 'resource-denied' | 'operation-failed' | 'rollback-failed';

export interface PrestoProblem {
  /** The rule (rules.ts) or ledger check that found it. */
  rule: string;
  tag: RestconfTag;
  appTag?: string;
  /** RFC 8040 §7.1 `error-path`: a data path into the request. */
  path?: string;
  message: string;
}

/** The order in which tags are reported: a request that is wrong is refused as such before resources matter. */
const TAG_ORDER: readonly RestconfTag[] = [
  'invalid-value',
  'in-use',
  'resource-denied',
  'operation-failed',
  'rollback-failed',
];

/**
 * Problems as the typed error the server pipeline renders (runtime/server/errors.ts): the tag of the first problem
 * in TAG_ORDER and every problem sharing it, each with its error-path. (The RESTCONF renderer writes one tag per
 * reply and writes `appTag` as `error-app-tag`.) Every problem here is the data's, not the transport's: `error-type`
 * `application`.
 */
export class PrestoError extends HttpError {
  readonly status: number;
  readonly code: string;
  readonly reason: string;
  readonly appTag?: string;
  readonly list: readonly PrestoProblem[];

  constructor(problems: readonly PrestoProblem[]) {
    if (problems.length === 0) throw new Error('PrestoError needs at least one problem');
    const tag = TAG_ORDER.find((t) => problems.some((p) => p.tag === t)) ?? problems[0].tag;
    const list = problems.filter((p) => p.tag === tag);
    super(list.map((p) => `${p.tag}${p.appTag ? `/${p.appTag}` : ''}: ${p.message}`).join('; '));
    this.name = 'PrestoError';
    this.tag = tag;
    this.status = RESTCONF_TAG_STATUS[tag] ?? 500;
    this.code = tag === 'invalid-value' ? 'invalidValue' : tag;
    this.reason = list[0].message;
    this.appTag = list.find((p) => p.appTag)?.appTag;
    this.errorType = 'application';
    this.list = list;
  }

  override get problems(): Problem422[] {
    return this.list.map((p) => ({
      code: this.tag === 'invalid-value' ? 'invalidValue' : 'otherIssue',
      reason: p.message,
      // The renderer turns an RFC 6901 pointer into the error-path; `~` and `/` inside a segment never occur here.
      ...(p.path ? { propertyPath: p.path } : {}),
    }));
  }
}

export function toHttpError(problems: readonly PrestoProblem[]): PrestoError {
  return new PrestoError(problems);
}
