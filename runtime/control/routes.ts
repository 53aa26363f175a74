import { getStateMachine, type StateMachine } from '../../specs/state-machines';
import type { ActorContext } from '../actor/context';
import { BadRequest } from '../server/errors';
import type { ControlRoute } from '../server/edge';
import type { Json, Query, Reply } from '../server/types';
import type { ActorControl } from './actor-control';

export type Ok = (body: unknown, status?: number) => Reply;

/** The machines of the kinds (and items) the actor keeps. */
function machinesOf(ctx: ActorContext): StateMachine[] {
  const ids = [
    ...Object.values(ctx.kinds.entities).map((k) => k.machine),
    ...Object.values(ctx.kinds.items).map((k) => k.machine),
  ];
  return [...new Set(ids.filter((m): m is string => !!m))].map(getStateMachine);
}

export const one = (q: Query, name: string): string | undefined => {
  const v = q[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
};

export const obj = (b: unknown): Json => (b && typeof b === 'object' && !Array.isArray(b) ? (b as Json) : {});

/**
 * The control API's routes: each maps onto one `ActorControl` function; a role adds its own (`extra`) after them.
 * Documented in mocks/README.md, which a test holds equal to the index served at the prefix.
 */
export function controlRoutes(
  c: ActorControl,
  ctx: ActorContext,
  extra: (ok: Ok) => ControlRoute[] = () => [],
): ControlRoute[] {
  const ok: Ok = (body, status = 200) => ({ status, body });
  const fire = (r: { params: Record<string, string>; body: unknown }, event: string) =>
    ok(c.fire(r.params.kind, r.params.id, event, obj(r.body)));
  const routes: ControlRoute[] = [
    { method: 'GET', path: '/health', describe: 'liveness', handler: () => ok({ status: 'ok', now: c.now() }) },
    // A harness probes this to tell an lso actor from a real implementation (suites/sonata-seller/support/seller.ts).
    {
      method: 'GET',
      path: '/status',
      describe: `what this is: {"mock": "${ctx.role}", "now": …}`,
      handler: () => ok({ mock: ctx.role, now: c.now() }),
    },
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
    {
      method: 'GET',
      path: '/outcomes',
      describe: 'the outcomes each kind knows, and those queued',
      handler: () => ok(c.outcomes()),
    },
    {
      method: 'POST',
      path: '/outcomes',
      describe:
        'force an outcome: {"kind": "productOrder", "outcome": "reject"} for the next one created ("count": n for more), or "id" for an existing one',
      handler: (r) => {
        const b = obj(r.body);
        if (typeof b.kind !== 'string' || typeof b.outcome !== 'string')
          throw new BadRequest('invalidBody', 'send {"kind": …, "outcome": …}');
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
      handler: () =>
        ok(machinesOf(ctx).map((m) => ({ id: m.id, api: m.api, states: m.states, transitions: m.transitions }))),
    },
    {
      method: 'GET',
      path: '/entities/:kind',
      describe: 'every stored entity of a kind, with what the mock keeps about it',
      handler: (r) => ok(c.entities(r.params.kind)),
    },
    {
      method: 'GET',
      path: '/entities/:kind/:id',
      describe: 'one stored entity',
      handler: (r) => ok(c.entity(r.params.kind, r.params.id)),
    },
    {
      method: 'POST',
      path: '/entities/:kind/:id/events/:event',
      describe:
        'fire an event now: an autopilot action (raiseCharge, requestInformation, reject…) or any transition the state machine allows from the current state; {"itemId": …} for an item',
      handler: (r) => fire(r, r.params.event),
    },
    {
      method: 'POST',
      path: '/entities/:kind/:id/actions/:action',
      describe: 'the same as …/events/:event',
      handler: (r) => fire(r, r.params.action),
    },
    { method: 'GET', path: '/faults', describe: 'the faults in force', handler: () => ok(c.faults()) },
    {
      method: 'PUT',
      path: '/faults',
      describe:
        'inject faults: {"http": {latencyMs, failNext, errorRate, errorStatus, apiId, operationId}, "notifications": {dropNext, dropRate, duplicate, reorder, delayMs}}',
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
    {
      method: 'POST',
      path: '/seed',
      describe: "add entities: a seed document (the role's format; see its default seed)",
      handler: (r) => ok({ seeded: c.seed(obj(r.body)) }),
    },
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
      handler: (r) =>
        ok(
          c.journal({
            after: Number(one(r.query, 'after') ?? 0),
            limit: one(r.query, 'limit') ? Number(one(r.query, 'limit')) : undefined,
          }),
        ),
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
      handler: (r) =>
        ok(
          c.deliveries({
            eventType: one(r.query, 'eventType'),
            hubId: one(r.query, 'hubId'),
            status: one(r.query, 'status'),
          }),
        ),
    },
    { method: 'GET', path: '/hubs', describe: 'every hub registered', handler: () => ok(c.hubs()) },
    {
      method: 'GET',
      path: '/self-check',
      describe: 'contract violations the mock found in its own responses and events',
      handler: () => ok(c.selfCheckFailures()),
    },
    ...extra(ok),
  ];
  return [
    {
      method: 'GET',
      path: '',
      describe: 'this index',
      handler: () => ok(routes.map((x) => ({ method: x.method, path: x.path, describe: x.describe }))),
    },
    ...routes,
  ];
}
