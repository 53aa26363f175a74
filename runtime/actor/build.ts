import type { FastifyInstance } from 'fastify';
import { uuidIds, type IdSource } from '../../lib/ids';
import { createLogger, type Logger } from '../../lib/logger';
import { Contracts, type SdkName } from '../../specs';
import { actorControl, type ActorControl } from '../control/actor-control';
import { CONTROL_PREFIX } from '../control/protocol';
import { controlRoutes, type Ok } from '../control/routes';
import { hubHandlers } from '../hubs/hubs';
import { DEFAULT_RETRY, Notifier, type RetryPolicy } from '../hubs/notifier';
import { buildServer, type ControlRoute, type EdgeMount } from '../server/edge';
import type { ErrorBodies } from '../server/error-bodies/error-bodies';
import { FaultInjector } from '../server/faults';
import { Pipeline } from '../server/pipeline';
import { PrismBackend } from '../server/prism';
import { listenersOf } from '../server/routes';
import { SelfCheck } from '../server/self-check';
import type { Tenancy } from '../server/tenancy';
import { PRISM, type HandlerTable, type Json, type OperationHandler } from '../server/types';
import { Scheduler, type JobRunner } from '../state/scheduler';
import { MemoryStore } from '../state/store/memory';
import { SqliteStore } from '../state/store/sqlite';
import type { Store } from '../state/store/store';
import { saveClock, startClock } from './clock';
import type { ActorContext, Behaviour, Timing } from './context';
import type { KindTable } from './kinds';
import { forgetOldest, HOUSEKEEPING_JOB, runStep, settle, STEP_JOB } from './lifecycle';

/** What a role is: everything `buildActor` needs to know that is not the same for every actor. */
export interface ActorDefinition<C extends ActorContext> {
  role: string;
  /** The SDKs whose contracts the actor serves. */
  sdks: SdkName[];
  apis: readonly string[];
  kinds: KindTable;
  behaviours: ReadonlyArray<Behaviour<C>>;
  timing: Timing;
  tenancy: Tenancy;
  errors: ErrorBodies;
  /** What the role's context has beyond `ActorContext` (its settings). */
  context: Omit<C, keyof ActorContext>;
  /** operationId → handler per API; `hubs(apiId)` gives the hub operations that API has. */
  handlers: (ctx: C, hubs: (apiId: string) => Record<string, OperationHandler>) => HandlerTable;
  /** The seed loaded on first start and on reset, and how the role loads one; returns how many entities it added. */
  seed?: { initial?: Json; apply: (ctx: C, doc: Json) => number };
  /** Control routes of the role's own, after the shared ones. */
  control?: (c: ActorControl, ctx: C, ok: Ok) => ControlRoute[];
  /** URL prefixes the role serves with its own router (a protocol with no OpenAPI contract: RESTCONF). */
  mounts?: (ctx: C) => EdgeMount[];
  /** Scheduler jobs of the role's own, by job type (beside the lifecycle steps every actor has). */
  jobs?: (ctx: C) => Record<string, JobRunner>;
}

/** How one actor process runs: the same for every role. */
export interface ActorOptions {
  /** Listen on a real port (default true); `false` for `app.inject` only. */
  listen?: boolean;
  /** Default 0: any free port. */
  port?: number;
  host?: string;
  /** Keep everything in this SQLite file (survives restarts); default: in memory. */
  store?: string;
  /** Unknown properties and query parameters are errors, not warnings. */
  strict?: boolean;
  /** Validate every response and event against the contract and report violations loudly. */
  selfCheck?: boolean;
  /** Virtual ms per real ms: 1 (default) follows the wall clock, 0 freezes time (advance it through the control API). */
  clockRate?: number;
  /** Virtual time at start (ISO 8601 or ms); default now, or where a stored actor left off. */
  clockStart?: string | number;
  ids?: IdSource;
  retry?: Partial<RetryPolicy>;
  /** Largest request body in bytes (default 1 MiB); bigger ones get 413. */
  bodyLimit?: number;
  /** Keep the request journal (default true). */
  journal?: boolean;
  logger?: Logger;
  /** Reuse a loaded catalogue (tests and benchmarks load it once). */
  contracts?: Contracts;
  /** SDK folder (default: LSO_SDK_DIR, ../shared/mef-sdk, the user cache). */
  sdk?: string;
  /** Default `/_lso`. */
  controlPrefix?: string;
  /** Where clients reach the actor (behind a proxy, say): hrefs start with it. Default: the listening address. */
  publicUrl?: string;
  /**
   * Most entities of one kind kept in memory; past it the oldest are forgotten, finished ones first (a load test
   * stays within bounded memory). Default 1000 with the memory store, 0 (everything) with `store`.
   */
  retain?: number;
}

export interface Actor<C extends ActorContext> {
  app: FastifyInstance;
  /** `http://host:port` when listening, '' otherwise. */
  url: string;
  /** API id → its base URL (or base path when not listening). */
  baseUrls: Record<string, string>;
  ctx: C;
  control: ActorControl;
  contracts: Contracts;
  controlPrefix: string;
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_RETAIN = 1000;

/** A wildcard bind address is not one a client can call; name the machine instead. */
function hostOf(address: string, family: string): string {
  if (address === '0.0.0.0' || address === '::') return 'localhost';
  return family === 'IPv6' ? `[${address}]` : address;
}

/** After a handler, the entities it changed are re-planned; if it failed, what it marked is forgotten with it. */
function settled(ctx: ActorContext, h: OperationHandler): OperationHandler {
  return (req) => {
    try {
      const reply = h(req);
      settle(ctx);
      return reply;
    } finally {
      ctx.dirty.clear();
    }
  };
}

/**
 * One stateful actor from its role's definition: contracts, store, virtual clock, hubs and notifications, the
 * scheduler that drives lifecycles, the server pipeline and its fastify edge, the control API, the seed. Every mock
 * (and the reference orchestrator's north side) is this function and a definition.
 */
export async function buildActor<C extends ActorContext>(
  def: ActorDefinition<C>,
  opts: ActorOptions = {},
): Promise<Actor<C>> {
  const contracts = opts.contracts ?? Contracts.load({ sdk: opts.sdk, sdks: def.sdks });
  const log = opts.logger ?? createLogger({ level: 'warn', name: def.role });
  const strict = opts.strict === true;
  const apis = def.apis.map((id) => contracts.api(id));
  const listeners = new Map(apis.map((a) => [a.id, listenersOf(contracts, a.id)]));
  const store: Store = opts.store ? new SqliteStore(opts.store) : new MemoryStore();
  const clock = startClock(store, opts);
  const ids = opts.ids ?? uuidIds;
  const selfCheck = opts.selfCheck ? new SelfCheck(contracts, strict, log) : undefined;
  const notifier = new Notifier({
    store,
    clock,
    ids,
    listeners,
    selfCheck,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    log,
  });
  const base: Omit<ActorContext, 'scheduler'> = {
    role: def.role,
    contracts,
    store,
    clock,
    ids,
    notifier,
    log,
    timing: def.timing,
    kinds: def.kinds,
    behaviours: Object.fromEntries(def.behaviours.map((b) => [b.kind, b])),
    retain: opts.retain ?? (opts.store ? 0 : DEFAULT_RETAIN),
    dirty: new Map(),
    origin: opts.publicUrl?.replace(/\/+$/, '') ?? 'http://localhost',
  };
  const ctx = Object.assign(base, def.context) as unknown as C;
  ctx.scheduler = new Scheduler(
    store,
    clock,
    ids,
    {
      ...def.jobs?.(ctx),
      [STEP_JOB]: (job) => runStep(ctx, job),
      [HOUSEKEEPING_JOB]: (job) => forgetOldest(ctx, job.data.kind),
    },
    log,
  );

  /** The hub operations an API actually has (Quote and POQ have no `GET /hub/{id}`). */
  const hubs = (apiId: string): Record<string, OperationHandler> => {
    const all = hubHandlers(store, ids, apiId, new Set(listeners.get(apiId)?.keys() ?? []));
    const ops = new Set(contracts.api(apiId).operations.map((o) => o.operationId));
    return Object.fromEntries(Object.entries(all).filter(([id]) => ops.has(id)));
  };
  const table = def.handlers(ctx, hubs);
  const handlers: HandlerTable = Object.fromEntries(
    Object.entries(table).map(([api, ops]) => [
      api,
      Object.fromEntries(Object.entries(ops).map(([op, h]) => [op, h === PRISM ? h : settled(ctx, h)])),
    ]),
  );
  const faults = new FaultInjector();
  const pipeline = new Pipeline({
    contracts,
    apis,
    handlers,
    store,
    notifier,
    faults,
    tenancy: def.tenancy,
    errors: def.errors,
    clock,
    log,
    strict,
    selfCheck,
    prism: new PrismBackend(contracts.sdkDir),
    journal: opts.journal !== false,
  });
  const seed = def.seed;
  const control = actorControl({
    ctx,
    faults,
    selfCheck,
    applySeed: (doc) => seed?.apply(ctx, doc) ?? 0,
    defaultSeed: () => seed?.initial ?? {},
  });
  const controlPrefix = opts.controlPrefix ?? CONTROL_PREFIX;
  const routes = controlRoutes(control, ctx, (ok) => def.control?.(control, ctx, ok) ?? []);
  const app = buildServer(pipeline, {
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    controlPrefix,
    control: routes,
    mounts: def.mounts?.(ctx),
  });

  let url = '';
  if (opts.listen !== false) {
    await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
    const addr = app.server.address();
    if (addr && typeof addr === 'object') url = `http://${hostOf(addr.address, addr.family)}:${addr.port}`;
    if (!opts.publicUrl) ctx.origin = url;
  } else await app.ready();
  // Seeded after listening, so that seeded hrefs carry the real address; a stored actor is seeded once only.
  if (!store.getValue('seeded')) {
    try {
      if (seed?.initial) store.transaction(() => seed.apply(ctx, seed.initial!));
    } catch (e) {
      await app.close();
      store.close();
      throw e;
    }
    store.setValue('seeded', true);
  }
  ctx.scheduler.start();
  const baseUrls = Object.fromEntries(apis.map((a) => [a.id, `${url}${a.basePath}`]));

  let closed = false;
  return {
    app,
    url,
    baseUrls,
    ctx,
    control,
    contracts,
    controlPrefix,
    close: async () => {
      if (closed) return;
      closed = true;
      ctx.scheduler.close();
      await app.close();
      await notifier.close();
      saveClock(store, clock);
      store.close();
    },
  };
}
