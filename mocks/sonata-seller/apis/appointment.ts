import { fire, getStateMachine } from '../../../specs/state-machines';
import { Unprocessable, type Problem422 } from '../../../runtime/server/errors';
import { applyFilters, page, type FilterTable } from '../../../runtime/server/listing';
import { visibleTo, type Tenant } from '../../../runtime/server/tenancy';
import { OUTCOME_HEADER } from '../../../runtime/control/protocol';
import { listProjector } from '../../../runtime/server/projection';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { Behaviour, SellerContext } from '../context';
import {
  can,
  entityReply,
  hrefOf,
  load,
  move,
  outcomeForNew,
  save,
  touch,
  visible,
} from '../../../runtime/actor/lifecycle';
import { asArray, body, fail, mergeNotes, newRecord } from './common';

const API = 'sonata.appointment';
const KIND = 'appointment';
const ACTIVE = new Set(['confirmed', 'inProgress']);
const HOUR = 3_600_000;

const FILTERS: FilterTable = {
  workOrderId: 'workOrder.id',
  geographicSiteId: (a: Json) => (a.relatedPlace?.['@type'] === 'GeographicSiteRef' ? a.relatedPlace.id : undefined),
  geographicAddressId: (a: Json) =>
    a.relatedPlace?.['@type'] === 'GeographicAddressRef' ? a.relatedPlace.id : undefined,
  // MEF 137 R31: validFor.gt/lt select appointments whose window overlaps: it ends after gt, it starts before lt.
  validFor: (a: Json) => [a.validFor?.startDateTime, a.validFor?.endDateTime],
};

function workOrderFor(ctx: SellerContext, id: unknown, partner: Tenant): EntityRecord {
  const w = typeof id === 'string' ? ctx.store.get('workOrder', id) : undefined;
  if (!w || !visibleTo(w.owner, partner))
    throw Unprocessable.one('referenceNotFound', '/workOrder/id', `no work order with id '${String(id)}'`);
  return w;
}

const ticketsOf = (ctx: SellerContext, w: EntityRecord): EntityRecord[] =>
  asArray<Json>(w.data.relatedEntity)
    .filter((e) => e['@referredType'] === 'TroubleTicket')
    .map((e) => ctx.store.get('troubleTicket', e.id))
    .filter((t): t is EntityRecord => !!t);

/**
 * Slots offered inside each requested window: up to three two-hour visits from its start (MEF 137 R13/R14), none
 * in the Seller's past (a window that has begun is offered from the next whole hour).
 */
function slotsIn(window: Json, now: number): Json[] {
  const asked = Date.parse(window.validFor?.startDateTime);
  const end = Date.parse(window.validFor?.endDateTime);
  if (Number.isNaN(asked) || Number.isNaN(end)) return [];
  const start = asked >= now ? asked : Math.ceil(now / HOUR) * HOUR;
  const out: Json[] = [];
  for (let t = start; t + 2 * HOUR <= end && out.length < 3; t += 2 * HOUR) {
    out.push({
      validFor: { startDateTime: new Date(t).toISOString(), endDateTime: new Date(t + 2 * HOUR).toISOString() },
    });
  }
  return out;
}

export function appointmentHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  return {
    createAppointment: (req) => {
      const b = body(req);
      const w = workOrderFor(ctx, b.workOrder?.id, req.tenant);
      // MEF 137 R21/R20: an open work order with no active appointment.
      if (w.data.state !== 'open')
        throw Unprocessable.one(
          'invalidValue',
          '/workOrder/id',
          `work order '${w.id}' is ${w.data.state}; an appointment can only be made for an open one`,
        );
      const active = visible(ctx, KIND, req.tenant).find(
        (a) => a.data.workOrder?.id === w.id && ACTIVE.has(a.data.status),
      );
      if (active)
        throw Unprocessable.one(
          'invalidValue',
          '/workOrder/id',
          `work order '${w.id}' already has appointment '${active.id}'`,
        );
      notInThePast(ctx, b.validFor);
      const notes = mergeNotes(undefined, b.note, '/note');
      const created = fire(getStateMachine('sonata.appointment'), null, 'create');
      if (!created.ok) throw new Error(created.reason);
      const outcome = outcomeForNew(ctx, KIND, req.headers[OUTCOME_HEADER]);
      const id = ctx.ids.next('appointment');
      const data: Json = {
        ...b,
        ...(notes.length ? { note: notes } : {}),
        id,
        href: hrefOf(ctx, KIND, id),
        status: created.to,
        workOrder: { id: w.id, href: w.data.href },
        relatedPlace: asArray<Json>(w.data.place)[0] ?? {
          '@type': 'GeographicAddressRef',
          id: 'unknown',
          role: 'INSTALL_LOCATION',
        },
      };
      const rec = newRecord(KIND, id, req.tenant, data, { outcome });
      save(ctx, rec);
      touch(ctx, rec);
      // MEF 137 R22–R25: the work order is planned, needs no more booking, and its ticket goes back to work.
      w.data.appointmentRequired = false;
      w.data.appointment = [...asArray<Json>(w.data.appointment), { id, href: data.href }];
      move(ctx, w, 'appointmentCreated');
      for (const tt of ticketsOf(ctx, w)) if (can(ctx, tt, 'appointmentCreated')) move(ctx, tt, 'appointmentCreated');
      return { ...entityReply(ctx, rec), status: 201 };
    },
    listAppointment: (req) => {
      const reply = page(
        applyFilters(
          visible(ctx, KIND, req.tenant).map((r) => r.data),
          req.query,
          FILTERS,
        ),
        req.query,
      );
      return { ...reply, body: (reply.body as Json[]).map(listProjector(ctx.contracts, API, 'listAppointment')) };
    },
    retrieveAppointment: (req) => entityReply(ctx, load(ctx, KIND, req.params.id, req.tenant)),
    patchAppointment: (req) => {
      const a = load(ctx, KIND, req.params.id, req.tenant);
      // MEF 137 R40: only a confirmed appointment can be changed.
      if (a.data.status !== 'confirmed')
        throw Unprocessable.one(
          'otherIssue',
          undefined,
          `appointment '${a.id}' is ${a.data.status}: only a confirmed appointment can be changed (MEF 137 R40)`,
        );
      const b = body(req);
      if (b.validFor !== undefined) notInThePast(ctx, b.validFor);
      const notes = mergeNotes(a.data.note, b.note, '/note');
      for (const key of ['attachment', 'relatedPlace', 'relatedContactInformation', 'validFor'] as const)
        if (b[key] !== undefined) a.data[key] = b[key];
      if (notes.length) a.data.note = notes;
      move(ctx, a, 'update');
      return { status: 200, body: a.data };
    },
    cancelAppointment: (req) => {
      const a = load(ctx, KIND, req.params.id, req.tenant);
      const w = ctx.store.get('workOrder', a.data.workOrder.id);
      // MEF 137 R46/R47: a confirmed appointment of a planned work order.
      if (a.data.status !== 'confirmed' || !w || w.data.state !== 'planned') {
        throw Unprocessable.one(
          'otherIssue',
          undefined,
          `appointment '${a.id}' is ${a.data.status}${w ? ` and its work order ${w.data.state}` : ''}: only a confirmed appointment of a planned work order can be cancelled`,
        );
      }
      move(ctx, a, 'cancel');
      reopenWorkOrder(ctx, w, 'appointmentCancelled');
      return { status: 204 };
    },
    createSearchTimeSlot: (req) => {
      const b = body(req);
      workOrderFor(ctx, b.workOrder?.id, req.tenant);
      // MEF 137 R12: a window that ends before it starts cannot be searched.
      fail(
        asArray<Json>(b.requestedTimeSlot).flatMap((w, i): Problem422[] =>
          Date.parse(w.validFor?.endDateTime) <= Date.parse(w.validFor?.startDateTime)
            ? [
                {
                  code: 'invalidValue',
                  propertyPath: `/requestedTimeSlot/${i}/validFor`,
                  reason: 'the requested time slot ends before it starts',
                },
              ]
            : [],
        ),
      );
      const none = req.headers[OUTCOME_HEADER]?.trim() === 'noSlot';
      const available = none ? [] : asArray<Json>(b.requestedTimeSlot).flatMap((w) => slotsIn(w, ctx.clock.now()));
      return {
        status: 201,
        body: { workOrder: b.workOrder, requestedTimeSlot: b.requestedTimeSlot, availableTimeSlot: available },
      };
    },
  };
}

/** A visit is booked for later: one that would start before the Seller's now is refused where it says so. */
function notInThePast(ctx: SellerContext, validFor: Json | undefined): void {
  const start = Date.parse(validFor?.startDateTime);
  if (start < ctx.clock.now()) {
    throw Unprocessable.one(
      'invalidValue',
      '/validFor/startDateTime',
      `the visit would start at ${validFor!.startDateTime}, before the Seller's time now (${new Date(ctx.clock.now()).toISOString()})`,
    );
  }
}

/** MEF 137 R48–R50: back to open, booking required again (with its event, listed by the work order table). */
function reopenWorkOrder(ctx: SellerContext, w: EntityRecord, event: string): void {
  w.data.appointmentRequired = true;
  move(ctx, w, event);
}

const untilStart = (ctx: SellerContext, a: EntityRecord) =>
  Math.max(0, Date.parse(a.data.validFor?.startDateTime) - ctx.clock.now() || 0);

function workOrderOf(ctx: SellerContext, a: EntityRecord): EntityRecord | undefined {
  return ctx.store.get('workOrder', a.data.workOrder?.id);
}

export const appointmentBehaviour: Behaviour = {
  kind: KIND,
  outcomes: {
    default: 'the technician comes at the start of validFor (inProgress) and completes the visit',
    missed: 'the visit does not take place through the Seller’s fault (missed)',
    failed: 'the visit does not take place through the Buyer’s fault (failed)',
  },
  plans: {
    default: { confirmed: { after: untilStart, do: 'start' }, inProgress: { after: 'visit', do: 'complete' } },
    missed: { confirmed: { after: untilStart, do: 'start' }, inProgress: { after: 'visit', do: 'miss' } },
    failed: { confirmed: { after: untilStart, do: 'start' }, inProgress: { after: 'visit', do: 'fail' } },
  },
  actions: {
    start: (ctx, a) => {
      move(ctx, a, 'start');
      const w = workOrderOf(ctx, a);
      if (w && can(ctx, w, 'start')) move(ctx, w, 'start');
    },
    complete: (ctx, a) => {
      move(ctx, a, 'complete');
      const w = workOrderOf(ctx, a);
      if (w && can(ctx, w, 'complete')) ctx.behaviours.workOrder.actions.complete(ctx, w, {});
    },
    miss: (ctx, a) => {
      move(ctx, a, 'miss');
      const w = workOrderOf(ctx, a);
      if (w && can(ctx, w, 'unableToComplete')) ctx.behaviours.workOrder.actions.unableToComplete(ctx, w, {});
    },
    fail: (ctx, a) => {
      move(ctx, a, 'fail');
      const w = workOrderOf(ctx, a);
      if (w && can(ctx, w, 'unableToComplete')) ctx.behaviours.workOrder.actions.unableToComplete(ctx, w, {});
    },
    cancelBySeller: (ctx, a) => {
      move(ctx, a, 'cancelBySeller');
      const w = workOrderOf(ctx, a);
      if (w && can(ctx, w, 'appointmentCancelledBySeller')) reopenWorkOrder(ctx, w, 'appointmentCancelledBySeller');
    },
  },
};
