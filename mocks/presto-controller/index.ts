import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../../lib/errors';
import { buildActor, type Actor, type ActorOptions } from '../../runtime/actor/build';
import type { ActorContext } from '../../runtime/actor/context';
import { restconfErrors } from '../../runtime/server/error-bodies/restconf';
import type { EdgeMount } from '../../runtime/server/edge';
import { HttpError, NotFound } from '../../runtime/server/errors';
import { isUnparsed } from '../../runtime/server/request-check';
import { singleTenant } from '../../runtime/server/tenancy';
import type { Reply } from '../../runtime/server/types';
import { YangValidator, type YangViolation } from '../../specs/yang';
import { dueSteps } from './activation';
import { renderConnection, renderContext, renderService, renderSip } from './context';
import { routeRestconf, type DataSegment, type Dialect } from './dialects';
import { createService, deleteService, runDue, setSipAdminState, updateService } from './operations';
import { PrestoError } from './problems';
import { findService, serviceExists } from './rules';
import { asList, asObj, CS_AUGMENT, EP_AUGMENT, NRP, type Json } from './service';
import { loadTopology } from './seed/topology';
import defaultTopologyDoc from './seed/default-topology.json';
import { initialState, type PrestoState } from './state';

/**
 * A stateful Presto (MEF NRP R2) controller over RESTCONF: the RPCs and the `tapi-common:context` data tree under
 * `/restconf` in the three URL dialects (dialects.ts), each RPC input checked by libyang (a long-lived yanglint)
 * and then by the domain rules, activation steps run on the virtual clock by the actor's scheduler. One tenant;
 * the whole `PrestoState` is one value in the actor's store.
 */

export interface PrestoControllerOptions extends ActorOptions {
  /** A topology seed file, a seed document, or the default topology. */
  seed?: string | Json;
  /** `fast` (default: 2 s of virtual time per node step) or `realistic` (1 min). */
  profile?: string;
  /** A running validator to share (tests); default: one started here and closed with the mock. */
  validator?: YangValidator;
}

export interface PrestoContext extends ActorContext {
  settings: { strict: boolean };
}

export type PrestoController = Actor<PrestoContext>;

export const STATE_KEY = 'presto-state';
const STEPS_JOB = 'presto-steps';
const YANG_JSON = 'application/yang-data+json';
export const PRESTO_TIMINGS: Record<string, number> = { fast: 2_000, realistic: 60_000 };

class RestconfError extends HttpError {
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

function readSeed(seed: PrestoControllerOptions['seed']): Json {
  if (seed === undefined) return defaultTopologyDoc as Json;
  if (typeof seed !== 'string') return seed;
  if (!existsSync(seed)) throw new UsageError(`seed file ${seed} does not exist`);
  try {
    return JSON.parse(readFileSync(seed, 'utf8')) as Json;
  } catch (e) {
    throw new UsageError(`seed file ${seed} is not valid JSON: ${(e as Error).message}`);
  }
}

const stateOf = (ctx: PrestoContext): PrestoState => {
  const s = ctx.store.getValue<PrestoState>(STATE_KEY);
  if (!s) throw new Error('the Presto controller has no state: it was never seeded');
  return s;
};

/** Saves the state and schedules the job that runs the earliest activation step still to come. */
function save(ctx: PrestoContext, state: PrestoState): void {
  ctx.store.setValue(STATE_KEY, state);
  const next = dueSteps(state, Number.MAX_SAFE_INTEGER)[0];
  if (next) ctx.scheduler.schedule(STEPS_JOB, Math.max(0, next.due - ctx.clock.now()), {}, STEPS_JOB);
  else ctx.scheduler.cancelKey(STEPS_JOB);
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

function pickData(state: PrestoState, path: DataSegment[]): Json {
  let node: unknown = renderContext(state)['tapi-common:context'];
  let parent = 'tapi-common';
  const where: string[] = ['tapi-common:context'];
  for (const seg of path.slice(1)) {
    const obj = asObj(node);
    const member = seg.module !== parent ? `${seg.module}:${seg.name}` : seg.name;
    const value = obj[member] ?? obj[seg.name] ?? obj[`${seg.module}:${seg.name}`];
    where.push(seg.keys.length ? `${seg.name}=${seg.keys.join(',')}` : seg.name);
    if (value === undefined) throw new NotFound(`no data node ${where.join('/')}`);
    if (seg.keys.length) {
      const entry = asList(value).find((e) => e.uuid === seg.keys[0] || e['local-id'] === seg.keys[0]);
      if (!entry) throw new NotFound(`no data node ${where.join('/')}`);
      node = [entry];
    } else node = value;
    if (seg !== path[path.length - 1] && Array.isArray(node)) node = node[0];
    parent = seg.module;
  }
  const last = path[path.length - 1];
  return path.length === 1 ? { 'tapi-common:context': node } : { [`${last.module}:${last.name}`]: node };
}

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
function invoke(ctx: PrestoContext, name: string, input: Json): Json | undefined {
  const opts = { ids: ctx.ids, now: ctx.clock.now(), stepMs: Number(ctx.timing.step) };
  const state = stateOf(ctx);
  const changed = (r: ReturnType<typeof createService>): Json => {
    if (!r.ok) throw new PrestoError(r.problems);
    save(ctx, r.state);
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
      save(ctx, r.state);
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
const IMPLEMENTED = new Set([
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

const NO_INPUT = new Set(['get-connectivity-service-list', 'get-service-interface-point-list', 'get-topology-list']);

function restconfMount(ctx: PrestoContext, validator: () => YangValidator): EdgeMount {
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
const hostMeta: EdgeMount = {
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

export async function buildPrestoController(opts: PrestoControllerOptions = {}): Promise<PrestoController> {
  const seed = readSeed(opts.seed);
  loadTopology(seed); // a bad seed fails before anything starts
  const profile = opts.profile ?? 'fast';
  if (!(profile in PRESTO_TIMINGS))
    throw new UsageError(`--profile must be one of ${Object.keys(PRESTO_TIMINGS).join(', ')}, got ${profile}`);
  const validator = opts.validator ?? (await YangValidator.start({ sdk: opts.sdk ? { sdk: opts.sdk } : undefined }));
  const own = opts.validator === undefined;
  let actor: PrestoController;
  try {
    actor = await buildActor<PrestoContext>(
      {
        role: 'presto-controller',
        sdks: ['presto'],
        apis: [],
        kinds: { entities: {}, items: {} },
        behaviours: [],
        timing: { name: profile, step: PRESTO_TIMINGS[profile] },
        tenancy: singleTenant,
        errors: restconfErrors,
        context: { settings: { strict: opts.strict === true } },
        handlers: () => ({}),
        seed: {
          initial: seed,
          apply: (ctx, doc) => {
            const topology = loadTopology(doc);
            ctx.scheduler.cancelKey(STEPS_JOB);
            ctx.store.setValue(STATE_KEY, initialState(topology));
            return Object.keys(topology.nodes).length + Object.keys(topology.sips).length;
          },
        },
        mounts: (ctx) => [restconfMount(ctx, () => validator), hostMeta],
        jobs: (ctx) => ({
          [STEPS_JOB]: () => {
            const r = runDue(stateOf(ctx), ctx.clock.now());
            save(ctx, r.state);
          },
        }),
      },
      opts,
    );
  } catch (e) {
    if (own) await validator.close();
    throw e;
  }
  const close = actor.close;
  return {
    ...actor,
    close: async () => {
      await close();
      if (own) await validator.close();
    },
  };
}
