import type { FastifyInstance } from 'fastify';
import { VirtualClock } from '../../lib/clock';
import { uuidIds, type IdSource } from '../../lib/ids';
import { createLogger, type Logger } from '../../lib/logger';
import { Contracts } from '../../specs';
import { listenersOf } from '../../runtime/server/routes';
import { FaultInjector } from '../../runtime/server/faults';
import { DEFAULT_RETRY, Notifier, type RetryPolicy } from '../../runtime/hubs/notifier';
import { partnerKey, type PartnerPolicy } from '../../runtime/server/partners';
import { Engine } from '../../runtime/server/pipeline';
import { PrismBackend } from '../../runtime/server/prism';
import { Scheduler } from '../../runtime/state/scheduler';
import { SelfCheck } from '../../runtime/server/self-check';
import { buildServer } from '../../runtime/server/edge';
import { MemoryStore } from '../../runtime/state/store/memory';
import { SqliteStore } from '../../runtime/state/store/sqlite';
import type { Store } from '../../runtime/state/store/store';
import { addressBehaviour } from './apis/address';
import { appointmentBehaviour } from './apis/appointment';
import { chargeBehaviour } from './apis/charge';
import { incidentBehaviour } from './apis/incident';
import { orderBehaviour } from './apis/order';
import { cancelBehaviour, modifyBehaviour } from './apis/order-tasks';
import { poqBehaviour } from './apis/poq';
import { quoteBehaviour } from './apis/quote';
import { troubleTicketBehaviour } from './apis/trouble-ticket';
import { workOrderBehaviour } from './apis/work-order';
import type { Behaviour, SellerContext, SellerSettings } from './context';
import { controlRoutes, sellerControl, type SellerControl } from './control';
import { forgetOldest, HOUSEKEEPING_JOB, runStep, STEP_JOB } from './lifecycle';
import { SELLER_APIS, sellerHandlerTable } from './operations';
import { profileNamed } from './profiles';
import { applySeed, DEFAULT_SEED, readSeedFile, type SeedDoc } from './seed/seed';

export interface SellerMockOptions {
  /** Listen on a real port (default true); `false` for `app.inject` only. */
  listen?: boolean;
  /** Default 0: any free port. */
  port?: number;
  host?: string;
  /** A seed file, a seed document, or `false` for an empty Seller; default: the built-in seed. */
  seed?: string | SeedDoc | false;
  /** `fast` (default) or `realistic`. */
  profile?: string;
  /** Keep everything in this SQLite file (survives restarts); default: in memory. */
  store?: string;
  /** Unknown properties and query parameters are errors, not warnings. */
  strict?: boolean;
  /** buyerId required on every call; each Buyer sees only its own entities. */
  multiPartner?: boolean;
  buyers?: string[];
  sellers?: string[];
  tokens?: PartnerPolicy['tokens'];
  /** Validate every response and event against the contract and report violations loudly. */
  selfCheck?: boolean;
  /** Virtual ms per real ms: 1 (default) follows the wall clock, 0 freezes time (advance it through the control API). */
  clockRate?: number;
  /** Virtual time at start (ISO 8601 or ms); default now, or where a stored mock left off. */
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
  /** Where Buyers reach the mock (behind a proxy, say): hrefs start with it. Default: the listening address. */
  publicUrl?: string;
  addressValidation?: SellerSettings['addressValidation'];
  /**
   * Most entities of one kind kept in memory; past it the oldest are forgotten, finished ones first (a load test
   * stays within bounded memory). Default 1000 with the memory store, 0 (everything) with `store`.
   */
  retain?: number;
}

export interface SellerMock {
  app: FastifyInstance;
  /** `http://host:port` when listening, '' otherwise. */
  url: string;
  /** API id → its base URL (or base path when not listening). */
  baseUrls: Record<string, string>;
  control: SellerControl;
  contracts: Contracts;
  controlPrefix: string;
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_RETAIN = 1000;
const CLOCK_KEY = 'clock';

const BEHAVIOURS: Behaviour[] = [
  orderBehaviour,
  cancelBehaviour,
  modifyBehaviour,
  chargeBehaviour,
  poqBehaviour,
  quoteBehaviour,
  troubleTicketBehaviour,
  incidentBehaviour,
  appointmentBehaviour,
  workOrderBehaviour,
  addressBehaviour,
];

/** A wildcard bind address is not one a Buyer can call; name the machine instead. */
function hostOf(address: string, family: string): string {
  if (address === '0.0.0.0' || address === '::') return 'localhost';
  return family === 'IPv6' ? `[${address}]` : address;
}

function seedDoc(seed: SellerMockOptions['seed']): SeedDoc | undefined {
  if (seed === false) return undefined;
  if (seed === undefined) return DEFAULT_SEED;
  return typeof seed === 'string' ? readSeedFile(seed) : seed;
}

/** Virtual time resumes where a stored mock left it, running on while it was down. */
function startClock(store: Store, opts: SellerMockOptions): VirtualClock {
  const rate = opts.clockRate ?? 1;
  const saved = store.getValue<{ virtual: number; real: number }>(CLOCK_KEY);
  const start =
    opts.clockStart !== undefined ? (typeof opts.clockStart === 'number' ? opts.clockStart : Date.parse(opts.clockStart)) : saved ? saved.virtual + (Date.now() - saved.real) * rate : undefined;
  const clock = new VirtualClock({ start: Number.isNaN(start) ? undefined : start, rate });
  const persist = () => store.setValue(CLOCK_KEY, { virtual: clock.now(), real: Date.now() });
  clock.onChange(persist);
  persist();
  return clock;
}

/**
 * A stateful Sonata Seller: the 12 management APIs at their MEF base paths, with validation, MEF errors, partners,
 * lifecycles driven by a virtual clock, hubs and notifications, and a control API. The CLI runs this same function.
 */
export async function buildSellerMock(opts: SellerMockOptions = {}): Promise<SellerMock> {
  // Read first: a bad seed file must fail before anything listens.
  const seed = seedDoc(opts.seed);
  const contracts = opts.contracts ?? Contracts.load({ sdk: opts.sdk, sdks: ['sonata'] });
  const log = opts.logger ?? createLogger({ level: 'warn', name: 'sonata-seller' });
  const strict = opts.strict === true;
  const apis = SELLER_APIS.map((id) => contracts.api(id));
  const listeners = new Map(apis.map((a) => [a.id, listenersOf(contracts, a.id)]));
  const store: Store = opts.store ? new SqliteStore(opts.store) : new MemoryStore();
  const clock = startClock(store, opts);
  const ids = opts.ids ?? uuidIds;
  const selfCheck = opts.selfCheck ? new SelfCheck(contracts, strict, log) : undefined;
  const notifier = new Notifier({ store, clock, ids, listeners, selfCheck, retry: { ...DEFAULT_RETRY, ...opts.retry }, log });
  const partners: PartnerPolicy = { multiPartner: opts.multiPartner === true, buyers: opts.buyers, sellers: opts.sellers, tokens: opts.tokens };
  const keyFor = (b?: string, s?: string) => partnerKey(b, (partners.sellers?.length ?? 0) > 1 ? s : undefined);

  const ctx = {
    contracts,
    store,
    clock,
    ids,
    notifier,
    profile: profileNamed(opts.profile ?? 'fast'),
    log,
    settings: { addressValidation: opts.addressValidation ?? 'lenient', retain: opts.retain ?? (opts.store ? 0 : DEFAULT_RETAIN) },
    behaviours: Object.fromEntries(BEHAVIOURS.map((b) => [b.kind, b])),
    dirty: new Map(),
    origin: opts.publicUrl?.replace(/\/+$/, '') ?? 'http://localhost',
  } as Omit<SellerContext, 'scheduler'> as SellerContext;
  ctx.scheduler = new Scheduler(store, clock, ids, { [STEP_JOB]: (job) => runStep(ctx, job), [HOUSEKEEPING_JOB]: (job) => forgetOldest(ctx, job.data.kind) }, log);

  const faults = new FaultInjector();
  const engine = new Engine({
    contracts,
    apis,
    handlers: sellerHandlerTable(ctx, { contracts, store, ids, listeners }),
    store,
    notifier,
    faults,
    partners,
    clock,
    log,
    strict,
    selfCheck,
    prism: new PrismBackend(contracts.sdkDir),
    journal: opts.journal !== false,
  });
  const defaultSeed = () => seed ?? {};
  const control = sellerControl({ ctx, faults, selfCheck, keyFor, defaultSeed });
  const controlPrefix = opts.controlPrefix ?? '/_lso';
  const app = buildServer(engine, { bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT, controlPrefix, control: controlRoutes(control) });

  let url = '';
  if (opts.listen !== false) {
    await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
    const addr = app.server.address();
    if (addr && typeof addr === 'object') url = `http://${hostOf(addr.address, addr.family)}:${addr.port}`;
    if (!opts.publicUrl) ctx.origin = url;
  } else await app.ready();
  // Seeded after listening, so that seeded hrefs carry the real address; a stored mock is seeded once only.
  if (!store.getValue('seeded')) {
    try {
      if (seed) store.transaction(() => applySeed(ctx, seed, keyFor));
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
    control,
    contracts,
    controlPrefix,
    close: async () => {
      if (closed) return;
      closed = true;
      ctx.scheduler.close();
      await app.close();
      await notifier.close();
      store.setValue(CLOCK_KEY, { virtual: clock.now(), real: Date.now() });
      store.close();
    },
  };
}

export type { SellerControl } from './control';
export type { SeedDoc } from './seed/seed';
