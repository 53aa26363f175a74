import { parseDuration } from '../../lib/clock';
import { BadRequest, Conflict, NotFound, Unprocessable } from '../../runtime/server/errors';
import type { FaultInjector, HttpFaults } from '../../runtime/server/faults';
import { HUB_KIND, type Hub } from '../../runtime/hubs/hubs';
import type { Delivery, NotificationFaults } from '../../runtime/hubs/notifier';
import type { SelfCheck, SelfCheckFailure } from '../../runtime/server/self-check';
import type { ControlRoute } from '../../runtime/server/edge';
import type { EntityRecord, LogEntry } from '../../runtime/state/store/store';
import type { Json, Query } from '../../runtime/server/types';
import type { SellerContext } from './context';
import { openIncident } from './apis/incident';
import { openWorkOrder } from './apis/work-order';
import { itemKindOf, kindInfo } from './kinds';
import { fire as fireTransition, getStateMachine, STATE_MACHINES } from '../../specs/state-machines';
import { can, checkOutcome, clearQueuedOutcomes, load, moveItem, move, queueOutcome, queuedOutcomes, runAction, settle, touch } from './lifecycle';
import { applySeed, type SeedDoc } from './seed/seed';

function isMachineEvent(kind: string, event: string): boolean {
  const machine = kindInfo(kind)?.machine;
  return !!machine && getStateMachine(machine).transitions.some((t) => t.event === event);
}

function refusedReason(rec: EntityRecord, event: string): string {
  const i = kindInfo(rec.kind)!;
  const r = fireTransition(getStateMachine(i.machine!), rec.data[i.stateField!] ?? null, event);
  return r.ok ? `${event} is allowed` : r.reason;
}

/** The control API under its reserved prefix, and the same functions in process (`buildSellerMock().control`). */
export interface SellerControl {
  now(): string;
  /** Moves virtual time forward (`90s`, `2h`, `3d`, `P1D` or milliseconds), running what falls due. */
  advance(by: string | number): { now: string; ran: number };
  setClockRate(rate: number): void;
  /** Forces the outcome of an existing entity (`id`) or of the next `count` entities of a kind created. */
  setOutcome(kind: string, outcome: string, opts?: { id?: string; count?: number }): void;
  outcomes(): { known: Record<string, Record<string, string>>; queued: Record<string, string[]> };
  /** Fires an event on an entity (or one of its items): an action of the mock's autopilot, or any transition its state machine allows. */
  fire(kind: string, id: string, event: string, args?: Json): Json;
  openIncident(productId: string, opts?: { description?: string }): Json;
  openWorkOrder(opts: { troubleTicketId?: string; productId?: string; appointmentRequired?: boolean }): Json;
  entities(kind: string): EntityRecord[];
  entity(kind: string, id: string): EntityRecord;
  setFaults(f: { http?: HttpFaults; notifications?: NotificationFaults }): void;
  faults(): { http: HttpFaults; notifications: NotificationFaults };
  clearFaults(): void;
  seed(doc: SeedDoc): number;
  reset(opts?: { seed?: boolean }): void;
  journal(opts?: { after?: number; limit?: number }): LogEntry[];
  clearJournal(): void;
  deliveries(filter?: { eventType?: string; hubId?: string; status?: string }): Delivery[];
  /** Resolves once every notification sent so far has been delivered or given up. */
  waitForDeliveries(): Promise<void>;
  selfCheckFailures(): SelfCheckFailure[];
  clearSelfCheck(): void;
  hubs(): Hub[];
}

export interface ControlDeps {
  ctx: SellerContext;
  faults: FaultInjector;
  selfCheck?: SelfCheck;
  keyFor: (buyerId?: string, sellerId?: string) => string;
  defaultSeed: () => SeedDoc;
}

export function sellerControl(d: ControlDeps): SellerControl {
  const { ctx } = d;
  /** A control change is a unit like a request: stored together, announced after, re-planned at the end. */
  const change = <T>(fn: () => T): T => {
    try {
      return ctx.store.transaction(() =>
        ctx.notifier.batch(() => {
          const r = fn();
          settle(ctx);
          return r;
        }),
      );
    } finally {
      ctx.dirty.clear();
    }
  };
  const known = () => Object.fromEntries(Object.values(ctx.behaviours).map((b) => [b.kind, b.outcomes]));
  return {
    now: () => new Date(ctx.clock.now()).toISOString(),
    advance: (by) => {
      const ms = parseDuration(by);
      if (ms === undefined) throw new BadRequest('invalidBody', `'${by}' is not a duration (try 90s, 2h, 3d, P1DT2H or milliseconds)`);
      const ran = ctx.scheduler.advance(ms);
      return { now: new Date(ctx.clock.now()).toISOString(), ran };
    },
    setClockRate: (rate) => {
      try {
        ctx.clock.setRate(rate);
      } catch (e) {
        throw new BadRequest('invalidBody', (e as Error).message);
      }
    },
    setOutcome: (kind, outcome, opts = {}) =>
      change(() => {
        if (!ctx.behaviours[kind]) throw new NotFound(`no autopilot for kind '${kind}'; kinds: ${Object.keys(ctx.behaviours).join(', ')}`);
        if (opts.id === undefined) return queueOutcome(ctx, kind, outcome, opts.count ?? 1);
        const rec = load(ctx, kind, opts.id);
        rec.meta.outcome = checkOutcome(ctx, kind, outcome);
        ctx.store.put(rec);
        touch(ctx, rec);
      }),
    outcomes: () => ({ known: known(), queued: queuedOutcomes(ctx) }),
    fire: (kind, id, event, args = {}) =>
      change(() => {
        if (!kindInfo(kind)) throw new NotFound(`unknown entity kind '${kind}'`);
        const rec = load(ctx, kind, id);
        try {
          if (typeof args.itemId === 'string') {
            // An item moves by its own table (its parent's actions are fired without itemId).
            const ik = itemKindOf(kind);
            const item = ik && (rec.data[ik.listField] as Json[] | undefined)?.find((i) => i.id === args.itemId);
            if (!item) throw new NotFound(`${kind} '${id}' has no item '${args.itemId}'`);
            moveItem(ctx, rec, item, event, { reason: typeof args.reason === 'string' ? args.reason : 'forced through the control API' });
          } else if (ctx.behaviours[kind]?.actions[event]) {
            // An action named after a transition runs only where the table allows that transition.
            if (isMachineEvent(kind, event) && !can(rec, event)) throw new Conflict(refusedReason(rec, event));
            runAction(ctx, rec, event, args);
          } else {
            if (!kindInfo(kind)?.machine) throw new Conflict(`${kind} has no lifecycle`);
            move(ctx, rec, event, { reason: typeof args.reason === 'string' ? args.reason : 'forced through the control API' });
          }
        } catch (e) {
          // A transition the table refuses is the control caller's conflict, not a Buyer's 422.
          if (e instanceof Unprocessable) throw new Conflict(e.message);
          throw e;
        }
        return ctx.store.get(kind, id)!.data;
      }),
    openIncident: (productId, opts = {}) => change(() => openIncident(ctx, { product: load(ctx, 'product', productId), description: opts.description }).data),
    openWorkOrder: (opts) =>
      change(() => {
        const tt = opts.troubleTicketId ? load(ctx, 'troubleTicket', opts.troubleTicketId) : undefined;
        const product = opts.productId ? load(ctx, 'product', opts.productId) : undefined;
        const anchor = tt ?? product;
        if (!anchor) throw new BadRequest('invalidBody', 'name a troubleTicketId or a productId');
        const address = ctx.store.list('geographicAddress')[0];
        const w = openWorkOrder(ctx, {
          owner: anchor.owner,
          partner: anchor.meta.partner,
          appointmentRequired: opts.appointmentRequired ?? true,
          relatedEntity: [{ id: anchor.id, href: anchor.data.href, '@referredType': tt ? 'TroubleTicket' : 'Product', role: tt ? 'troubleTicket' : 'product' }],
          place: address ? [{ '@type': 'GeographicAddressRef', id: address.id, href: address.data.href, role: 'INSTALL_LOCATION' }] : [],
        });
        if (tt) {
          tt.data.workOrder = [...(tt.data.workOrder ?? []), { id: w.id, href: w.data.href }];
          ctx.store.put(tt);
        }
        return w.data;
      }),
    entities: (kind) => ctx.store.list(kind),
    entity: (kind, id) => load(ctx, kind, id),
    setFaults: (f) => {
      if (f.http) d.faults.set(f.http);
      if (f.notifications) ctx.notifier.setFaults(f.notifications);
    },
    faults: () => ({ http: d.faults.get(), notifications: ctx.notifier.getFaults() }),
    clearFaults: () => {
      d.faults.clear();
      ctx.notifier.setFaults({});
    },
    seed: (doc) => change(() => applySeed(ctx, doc, d.keyFor)),
    reset: (opts = {}) => {
      ctx.store.clear();
      clearQueuedOutcomes(ctx);
      d.faults.clear();
      ctx.notifier.setFaults({});
      d.selfCheck?.clear();
      if (opts.seed !== false) change(() => applySeed(ctx, d.defaultSeed(), d.keyFor));
      // A stored mock must not seed itself again over what was reset on its next start.
      ctx.store.setValue('seeded', true);
    },
    journal: (opts) => ctx.store.readLog('journal', opts),
    clearJournal: () => ctx.store.clearLog('journal'),
    deliveries: (filter = {}) =>
      (ctx.store.readLog('deliveries') as unknown as Delivery[]).filter(
        (x) => (!filter.eventType || x.eventType === filter.eventType) && (!filter.hubId || x.hubId === filter.hubId) && (!filter.status || x.status === filter.status),
      ),
    waitForDeliveries: () => ctx.notifier.idle(),
    selfCheckFailures: () => d.selfCheck?.failures() ?? [],
    clearSelfCheck: () => d.selfCheck?.clear(),
    hubs: () => ctx.store.list(HUB_KIND).map((r) => r.data as Hub),
  };
}

const one = (q: Query, name: string): string | undefined => {
  const v = q[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
};

const obj = (b: unknown): Json => (b && typeof b === 'object' && !Array.isArray(b) ? (b as Json) : {});

/** The control API's routes: each maps onto one `SellerControl` function. Documented in mocks/README.md. */
export function controlRoutes(c: SellerControl): ControlRoute[] {
  const ok = (body: unknown, status = 200) => ({ status, body });
  const fire = (r: { params: Record<string, string>; body: unknown }, event: string) => ok(c.fire(r.params.kind, r.params.id, event, obj(r.body)));
  const routes: ControlRoute[] = [
    { method: 'GET', path: '/health', describe: 'liveness', handler: () => ok({ status: 'ok', now: c.now() }) },
    // A harness probes this to tell the mock from a real Seller (suites/sonata-seller/support/seller.ts).
    { method: 'GET', path: '/status', describe: 'what this is: {"mock": "sonata-seller", "now": …}', handler: () => ok({ mock: 'sonata-seller', now: c.now() }) },
    { method: 'GET', path: '/clock', describe: 'virtual time', handler: () => ok({ now: c.now() }) },
    {
      method: 'POST',
      path: '/clock/advance',
      describe: 'move virtual time forward: {"by": "2h"} (90s, 3d, P1DT2H or ms); what falls due runs',
      handler: (r) => ok(c.advance(obj(r.body).by ?? one(r.query, 'by') ?? '')),
    },
    {
      method: 'PUT',
      path: '/clock',
      describe: 'set the clock rate: {"rate": 0} freezes time, 1 follows the wall clock, 60 runs a minute per second',
      handler: (r) => {
        c.setClockRate(Number(obj(r.body).rate));
        return ok({ now: c.now() });
      },
    },
    { method: 'GET', path: '/outcomes', describe: 'the outcomes each kind knows, and those queued', handler: () => ok(c.outcomes()) },
    {
      method: 'POST',
      path: '/outcomes',
      describe: 'force an outcome: {"kind": "productOrder", "outcome": "reject"} for the next one created ("count": n for more), or "id" for an existing one',
      handler: (r) => {
        const b = obj(r.body);
        if (typeof b.kind !== 'string' || typeof b.outcome !== 'string') throw new BadRequest('invalidBody', 'send {"kind": …, "outcome": …}');
        c.setOutcome(b.kind, b.outcome, { id: b.id, count: b.count });
        return ok(c.outcomes());
      },
    },
    {
      method: 'POST',
      path: '/outcomes/:kind',
      describe: 'the same as POST /outcomes with the kind in the path: {"outcome": …, "count"?, "id"?}',
      handler: (r) => {
        const b = obj(r.body);
        if (typeof b.outcome !== 'string') throw new BadRequest('invalidBody', 'send {"outcome": …}');
        c.setOutcome(r.params.kind, b.outcome, { id: b.id, count: b.count });
        return ok(c.outcomes());
      },
    },
    {
      method: 'GET',
      path: '/machines',
      describe: 'the state machines the mock moves entities with (specs/state-machines)',
      handler: () => ok(Object.values(STATE_MACHINES).map((m) => ({ id: m.id, api: m.api, states: m.states, transitions: m.transitions }))),
    },
    { method: 'GET', path: '/entities/:kind', describe: 'every stored entity of a kind, with what the mock keeps about it', handler: (r) => ok(c.entities(r.params.kind)) },
    { method: 'GET', path: '/entities/:kind/:id', describe: 'one stored entity', handler: (r) => ok(c.entity(r.params.kind, r.params.id)) },
    {
      method: 'POST',
      path: '/entities/:kind/:id/events/:event',
      describe: 'fire an event now: an autopilot action (raiseCharge, requestInformation, reject…) or any transition the state machine allows from the current state; {"itemId": …} for an item',
      handler: (r) => fire(r, r.params.event),
    },
    { method: 'POST', path: '/entities/:kind/:id/actions/:action', describe: 'the same as …/events/:event', handler: (r) => fire(r, r.params.action) },
    { method: 'POST', path: '/incidents', describe: 'the Seller declares an incident: {"productId": …}', handler: (r) => ok(c.openIncident(String(obj(r.body).productId), obj(r.body)), 201) },
    {
      method: 'POST',
      path: '/workOrders',
      describe: 'the Seller opens a work order: {"troubleTicketId" | "productId", "appointmentRequired": true}',
      handler: (r) => ok(c.openWorkOrder(obj(r.body)), 201),
    },
    { method: 'GET', path: '/faults', describe: 'the faults in force', handler: () => ok(c.faults()) },
    {
      method: 'PUT',
      path: '/faults',
      describe: 'inject faults: {"http": {latencyMs, failNext, errorRate, errorStatus, apiId, operationId}, "notifications": {dropNext, dropRate, duplicate, reorder, delayMs}}',
      handler: (r) => {
        c.setFaults(obj(r.body));
        return ok(c.faults());
      },
    },
    {
      method: 'DELETE',
      path: '/faults',
      describe: 'stop injecting faults',
      handler: () => {
        c.clearFaults();
        return { status: 204 };
      },
    },
    { method: 'POST', path: '/seed', describe: 'add entities: a seed document (see seed/default-seed.json)', handler: (r) => ok({ seeded: c.seed(obj(r.body) as SeedDoc) }) },
    {
      method: 'POST',
      path: '/reset',
      describe: 'forget everything and load the default seed again ({"seed": false} to start empty)',
      handler: (r) => {
        c.reset({ seed: obj(r.body).seed !== false });
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/journal',
      describe: 'the requests received, oldest first (?after=<seq>&limit=<n>)',
      handler: (r) => ok(c.journal({ after: Number(one(r.query, 'after') ?? 0), limit: one(r.query, 'limit') ? Number(one(r.query, 'limit')) : undefined })),
    },
    {
      method: 'DELETE',
      path: '/journal',
      describe: 'empty the journal',
      handler: () => {
        c.clearJournal();
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/deliveries',
      describe: 'the notification delivery log (?eventType=&hubId=&status=pending|delivered|failed|dropped|invalid)',
      handler: (r) => ok(c.deliveries({ eventType: one(r.query, 'eventType'), hubId: one(r.query, 'hubId'), status: one(r.query, 'status') })),
    },
    { method: 'GET', path: '/hubs', describe: 'every hub registered', handler: () => ok(c.hubs()) },
    { method: 'GET', path: '/self-check', describe: 'contract violations the mock found in its own responses and events', handler: () => ok(c.selfCheckFailures()) },
  ];
  return [{ method: 'GET', path: '', describe: 'this index', handler: () => ok(routes.map((x) => ({ method: x.method, path: x.path, describe: x.describe }))) }, ...routes];
}
