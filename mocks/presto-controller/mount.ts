import { HttpError } from '../../runtime/server/errors';
import type { EdgeMount } from '../../runtime/server/edge';
import { isUnparsed } from '../../runtime/server/request-check';
import type { Reply } from '../../runtime/server/types';
import type { YangValidator, YangViolation } from '../../specs/yang';
import { stateOf, type PrestoContext } from './actor-state';
import { pickData } from './data';
import { routeRestconf, type Dialect } from './dialects';
import { IMPLEMENTED, invoke, NO_INPUT } from './rpcs';
import { asList, asObj, CS_AUGMENT, EP_AUGMENT, NRP, type Json } from './service';

const YANG_JSON = 'application/yang-data+json';

export class RestconfError extends HttpError {
  readonly code: string;
  constructor(
    readonly status: number,
    tag: string,
    readonly reason: string,
    private readonly path?: string,
    errorType?: HttpError['errorType'],
  ) {
    super(reason);
    this.tag = tag;
    this.code = tag;
    this.errorType = errorType;
  }
  override get problems() {
    return [{ code: 'otherIssue' as const, reason: this.reason, ...(this.path ? { propertyPath: this.path } : {}) }];
  }
}

const yangReply = (body: Json, status = 200): Reply => ({ status, headers: { 'content-type': YANG_JSON }, body });

/** Lenient: augment members sent without their `nrp-interface:` prefix get it (RFC 7951 §4 wants it). */
function prefixAugments(input: Json): boolean {
  let fixed = false;
  const fix = (obj: Json, name: string) => {
    if (name in obj && !(`${NRP}:${name}` in obj)) {
      obj[`${NRP}:${name}`] = obj[name];
      delete obj[name];
      fixed = true;
    }
  };
  fix(input, CS_AUGMENT);
  const eps = input['end-point'];
  for (const ep of Array.isArray(eps) ? asList(eps) : [asObj(eps)]) fix(ep, EP_AUGMENT);
  return fixed;
}

/** libyang's data location of an RPC input node, as the RESTCONF error-path into the input. */
const yangErrorPath = (v: YangViolation): string | undefined =>
  v.path.startsWith('/') ? v.path.replace(/^\/[^/]+/, '/input') || '/input' : undefined;

export function restconfMount(ctx: PrestoContext, validator: () => YangValidator): EdgeMount {
  return {
    prefix: '/restconf',
    handle: async (raw, warn) => {
      const strict = ctx.settings.strict;
      const routed = routeRestconf(raw.method, raw.path, { strict });
      if (!routed.ok) {
        const tag = routed.status === 405 ? 'operation-not-supported' : 'invalid-value';
        throw new RestconfError(routed.status, tag, routed.message);
      }
      const dialect: Dialect = routed.dialect;
      if (dialect !== 'rfc8040')
        warn(`${dialect === 'odl' ? 'OpenDaylight draft' : 'SDK Swagger'} URL; RFC 8040: ${routed.rfc8040}`);
      const { target } = routed;
      if (target.kind === 'data') return yangReply(pickData(stateOf(ctx), target.path));

      if (!IMPLEMENTED.has(target.name))
        throw new RestconfError(
          501,
          'operation-not-supported',
          `${target.name}: this controller offers no path computation`,
        );
      if (isUnparsed(raw.body))
        throw new RestconfError(
          415,
          'invalid-value',
          `a request body of type ${raw.body.contentType || '(none)'} cannot be read: send ${YANG_JSON} (RFC 7951 JSON)`,
        );
      const body = raw.body;
      const noBody = body === undefined || body === null || (typeof body === 'string' && body === '');
      if (!noBody && (typeof body !== 'object' || Array.isArray(body)))
        throw new RestconfError(400, 'malformed-message', 'an RPC body is a JSON object: {"<module>:input": {…}}');
      const qualified = `${target.module}:${target.name}`;
      const wrapper = noBody ? {} : (body as Json);
      const inputKey = Object.keys(wrapper).find((k) => k === 'input' || k === `${target.module}:input`);
      if (!noBody && Object.keys(wrapper).length && !inputKey)
        throw new RestconfError(
          400,
          'malformed-message',
          `an RPC body has one member, ${target.module}:input (RFC 8040 §3.6.1)`,
        );
      const input = structuredClone(asObj(inputKey ? wrapper[inputKey] : {}));
      if (!strict && prefixAugments(input))
        warn('augment members without their nrp-interface: prefix (RFC 7951 §4 requires it)');
      if (!(NO_INPUT.has(target.name) && Object.keys(input).length === 0)) {
        const verdict = await validator().validateRpc(qualified as `${string}:${string}`, { input });
        if (!verdict.valid) {
          const v = verdict.violations[0];
          const tag = /unknown|not found|schema node/i.test(v.message) ? 'unknown-element' : 'invalid-value';
          throw new RestconfError(400, tag, v.message, yangErrorPath(v), 'application');
        }
      }
      const output = ctx.store.transaction(() => invoke(ctx, target.name, input));
      if (output === undefined) return { status: 204 };
      return yangReply({ [dialect === 'rfc8040' ? `${target.module}:output` : 'output']: output });
    },
  };
}

/** RFC 8040 §3.1: where the RESTCONF API root is. */
export const hostMeta: EdgeMount = {
  prefix: '/.well-known/host-meta',
  handle: async (raw) => {
    if (raw.method !== 'GET' && raw.method !== 'HEAD')
      throw new RestconfError(405, 'operation-not-supported', 'host-meta is read with GET');
    return {
      status: 200,
      headers: { 'content-type': 'application/xrd+xml' },
      bytes: Buffer.from(
        "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>\n  <Link rel='restconf' href='/restconf'/>\n</XRD>\n",
      ),
    };
  },
};
