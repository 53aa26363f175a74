import type { Exchange } from '../../../runtime/http/checking-client';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { getStateMachine } from '../../../specs/state-machines/index';
import { APPOINTMENT, WORK_ORDER } from '../rules/index';
import { API } from '../support/apis';
import {
  asArray,
  bodyOf,
  checkEcho,
  checkIdsEchoed,
  checkPolledStates,
  checkUnknownId,
  expectError,
  expect422,
  type Json,
} from '../support/checks';
import { checkList, type ListSpec } from '../support/list';
import { appointment, isoIn, searchTimeSlot, troubleTicket, visitIn } from '../../sonata/payloads';
import { outcomeHeader, requireControl } from '../support/seller';
import { awaitNotification, notificationsAbout, pollUntil, quietPeriod } from '../support/wait';
import { scenario } from './define';
import { anActiveProduct, externalId } from './flows';
import { registerHub, unregisterHub } from '../support/hubs';

const AP = API.appointment;
const WO = API.workOrder;
const getWo = (id: string) => ({ api: WO, operationId: 'retrieveWorkOrder', pathParams: { id } });
const getAp = (id: string) => ({ api: AP, operationId: 'retrieveAppointment', pathParams: { id } });
const getTt = (id: string) => ({ api: API.ticket, operationId: 'retrieveTroubleTicket', pathParams: { id } });
const HOUR = 3_600_000;

const APPOINTMENT_LIST: ListSpec = {
  api: AP,
  list: 'listAppointment',
  retrieve: 'retrieveAppointment',
  filters: {
    workOrderId: 'workOrder.id',
    status: 'status',
    // MEF 137 R31: an appointment overlapping the window matches: it ends after `gt`, starts before `lt`.
    'validFor.gt': 'validFor.endDateTime',
    'validFor.lt': 'validFor.startDateTime',
    geographicSiteId: (a: Json) => (a.relatedPlace?.['@type'] === 'GeographicSiteRef' ? a.relatedPlace.id : undefined),
    geographicAddressId: (a: Json) =>
      a.relatedPlace?.['@type'] === 'GeographicAddressRef' ? a.relatedPlace.id : undefined,
  },
  impossible: { workOrderId: 'LSO-NO-SUCH-WORK-ORDER-0f1e2d' },
  paginated: true,
  rules: {
    contract: APPOINTMENT.listContract,
    pagination: APPOINTMENT.listPagination,
    filters: APPOINTMENT.listFilters,
    empty: APPOINTMENT.listEmpty,
  },
};

/** GET /workorder answers one WorkOrder_Find in the SDK, a list in practice; both are accepted, the content is checked. */
async function checkWorkOrderList(
  ctx: ScenarioContext<SonataSellerProfile>,
  ticketId: string,
  woId: string,
): Promise<void> {
  const ex = await ctx.send({ api: WO, operationId: 'listWorkOrder', query: { relatedEntityId: ticketId } });
  if (!ctx.expectStatus(WORK_ORDER.list.id, ex, [200])) return;
  const found = Array.isArray(ex.json) ? (ex.json as Json[]) : bodyOf(ex) ? [bodyOf(ex)!] : [];
  if (!Array.isArray(ex.json)) ctx.checkContract(WORK_ORDER.list.id, ex);
  const ok =
    found.some((w) => w.id === woId) &&
    found.every((w) => !w.relatedEntity || asArray<Json>(w.relatedEntity).some((e) => e.id === ticketId));
  ctx.assert(WORK_ORDER.list.id, ok, {
    message: ok
      ? `GET /workorder?relatedEntityId=${ticketId} returns work order ${woId}`
      : `GET /workorder?relatedEntityId=${ticketId} returned ${found.map((w) => w.id).join(', ') || 'nothing'}`,
    exchanges: [ex],
  });
}

/**
 * S13: a trouble ticket needs a visit. The Seller opens a work order that requires an appointment (the ticket waits,
 * pending); the Buyer searches slots, books, changes and cancels an appointment, books again, and the visit happens.
 */
export const workforceScenario = scenario({
  id: 'sonata.workforce.ticket-with-appointment',
  title:
    'S13: a ticket needing a visit: work order, time slots, appointment booked, patched, cancelled, booked again and completed',
  api: AP,
  rules: [
    WORK_ORDER.hubRegister,
    WORK_ORDER.hubRetrieve,
    WORK_ORDER.hubDelivered,
    WORK_ORDER.hubContract,
    WORK_ORDER.hubIds,
    WORK_ORDER.hubUnregister,
    WORK_ORDER.hubSilent,
    WORK_ORDER.createEvent,
    WORK_ORDER.appointmentRequiredEvent,
    WORK_ORDER.stateEvents,
    WORK_ORDER.ticketPending,
    WORK_ORDER.retrieve,
    WORK_ORDER.retrieveUnknown,
    WORK_ORDER.history,
    WORK_ORDER.list,
    APPOINTMENT.hubRegister,
    APPOINTMENT.hubRetrieve,
    APPOINTMENT.hubDelivered,
    APPOINTMENT.hubContract,
    APPOINTMENT.hubIds,
    APPOINTMENT.hubUnregister,
    APPOINTMENT.hubSilent,
    APPOINTMENT.searchContract,
    APPOINTMENT.searchSlots,
    APPOINTMENT.searchInvalid,
    APPOINTMENT.createContract,
    APPOINTMENT.workOrderPlanned,
    APPOINTMENT.ticketInProgress,
    APPOINTMENT.duplicate,
    APPOINTMENT.retrieve,
    APPOINTMENT.patch,
    APPOINTMENT.cancel,
    APPOINTMENT.cancelWrongState,
    APPOINTMENT.statusEvents,
    APPOINTMENT.history,
    APPOINTMENT.listContract,
    APPOINTMENT.listPagination,
    APPOINTMENT.listFilters,
    APPOINTMENT.listEmpty,
  ],
  async run(ctx) {
    const product = await anActiveProduct(ctx);
    const control = await requireControl(ctx);
    const hubs = await ctx.step('register work order and appointment hubs', async () => {
      const out: Record<string, string> = {};
      for (const [api, rules] of [
        [WO, WORK_ORDER],
        [AP, APPOINTMENT],
      ] as const) {
        const ex = await registerHub(ctx, rules.hubRegister.id, api);
        if (!ctx.expectStatus(rules.hubRegister.id, ex, [201]))
          ctx.abort(`the ${api} hub registration was not accepted`);
        out[api] = String(bodyOf(ex)?.id);
        const back = await ctx.call(rules.hubRetrieve.id, {
          api,
          operationId: 'retrieveHub',
          pathParams: { id: out[api] },
        });
        ctx.expectStatus(rules.hubRetrieve.id, back, [200]);
      }
      return out;
    });
    const { ticketId, woId } = await ctx.step('a ticket the Seller needs a visit for', async () => {
      const ex = await ctx.send({
        api: API.ticket,
        operationId: 'createTroubleTicket',
        body: troubleTicket(product, externalId(ctx, 'tt-visit')),
        headers: outcomeHeader('appointment'),
      });
      const tid = bodyOf(ex)?.id;
      if (ex.status !== 201 || typeof tid !== 'string') ctx.abort('the Seller did not take the ticket');
      const polled = await pollUntil(
        ctx,
        getTt(tid as string),
        (t) => asArray(t.workOrder).length > 0 && t.status === 'pending',
        `ticket ${tid} to wait for a visit`,
      );
      const t = bodyOf(polled.last)!;
      const wid = String(asArray<Json>(t.workOrder)[0].id);
      ctx.assert(WORK_ORDER.ticketPending.id, t.status === 'pending', {
        message: `the ticket is ${t.status} while its work order needs an appointment`,
        expected: 'pending',
        exchanges: [polled.last],
      });
      return { ticketId: tid as string, woId: wid };
    });
    const woPolls: Exchange[] = [];
    await ctx.step('the work order and its events', async () => {
      const ex = await ctx.call(WORK_ORDER.retrieve.id, getWo(woId));
      woPolls.push(ex);
      const w = bodyOf(ex);
      if (ctx.expectStatus(WORK_ORDER.retrieve.id, ex, [200]))
        ctx.assert(WORK_ORDER.retrieve.id, w?.state === 'open' && w?.appointmentRequired === true, {
          message: `work order ${w?.state}, appointmentRequired ${w?.appointmentRequired}`,
          expected: { state: 'open', appointmentRequired: true },
          exchanges: [ex],
        });
      const created = await awaitNotification(
        ctx,
        (n) => n.record.entityId === woId && n.record.eventType === 'workOrderCreateEvent',
        `workOrderCreateEvent for ${woId}`,
      );
      ctx.check(WORK_ORDER.createEvent.id, 'pass', {
        message: 'workOrderCreateEvent arrived',
        notifications: [created],
      });
      ctx.check(WORK_ORDER.hubDelivered.id, 'pass', {
        message: `workOrderCreateEvent arrived at ${created.record.path}`,
        notifications: [created],
      });
      checkIdsEchoed(ctx, WORK_ORDER.hubIds, created);
      const required = await awaitNotification(
        ctx,
        (n) => n.record.entityId === woId && n.record.eventType === 'workOrderAppointmentRequiredEvent',
        `workOrderAppointmentRequiredEvent for ${woId}`,
      );
      ctx.check(WORK_ORDER.appointmentRequiredEvent.id, 'pass', {
        message: 'workOrderAppointmentRequiredEvent arrived',
        notifications: [required],
      });
      await checkWorkOrderList(ctx, ticketId, woId);
    });
    const slot = await ctx.step('search time slots', async () => {
      // A window starting soon on the Seller's clock (an earlier run may have moved it on): the visit then happens
      // after little virtual time.
      const now = await control.now();
      const sent = searchTimeSlot(woId, 0.1, 2, now);
      const ex = await ctx.call(APPOINTMENT.searchContract.id, {
        api: AP,
        operationId: 'createSearchTimeSlot',
        body: sent,
      });
      if (!ctx.expectStatus(APPOINTMENT.searchContract.id, ex, [201])) ctx.abort('the slot search was not answered');
      const window = sent.requestedTimeSlot[0].validFor;
      const slots = asArray<Json>(bodyOf(ex)?.availableTimeSlot);
      const outside = slots.filter(
        (s) =>
          Date.parse(s.validFor?.startDateTime) < Date.parse(window.startDateTime) ||
          Date.parse(s.validFor?.endDateTime) > Date.parse(window.endDateTime),
      );
      ctx.assert(APPOINTMENT.searchSlots.id, outside.length === 0, {
        message: outside.length
          ? `${outside.length} slot(s) outside the requested window`
          : `${slots.length} slot(s), all inside the requested window`,
        exchanges: [ex],
      });
      const bad = searchTimeSlot(woId);
      bad.requestedTimeSlot[0].validFor = { startDateTime: isoIn(5, now), endDateTime: isoIn(3, now) };
      expectError(
        ctx,
        APPOINTMENT.searchInvalid,
        await ctx.send({ api: AP, operationId: 'createSearchTimeSlot', body: bad, negative: true }),
        [422],
      );
      return slots[0]?.validFor ?? visitIn(2, now);
    });
    const first = await ctx.step('book an appointment', async () => {
      const sent = appointment(woId, slot);
      const ex = await ctx.call(APPOINTMENT.createContract.id, {
        api: AP,
        operationId: 'createAppointment',
        body: sent,
      });
      if (!ctx.expectStatus(APPOINTMENT.createContract.id, ex, [201])) ctx.abort('the appointment was not booked');
      const a = bodyOf(ex)!;
      checkEcho(ctx, APPOINTMENT.createContract, sent, a, 'the 201 of POST /appointment', ex);
      ctx.assert(APPOINTMENT.createContract.id, a.status === 'confirmed', {
        message: `the new appointment is ${a.status}`,
        expected: 'confirmed',
        exchanges: [ex],
      });
      const wex = await ctx.send(getWo(woId));
      woPolls.push(wex);
      const w = bodyOf(wex);
      const planned =
        w?.state === 'planned' &&
        w?.appointmentRequired === false &&
        asArray<Json>(w?.appointment).some((x) => x.id === a.id);
      ctx.assert(APPOINTMENT.workOrderPlanned.id, planned, {
        message: planned
          ? 'the work order is planned, appointmentRequired false, the appointment listed'
          : `work order ${w?.state}, appointmentRequired ${w?.appointmentRequired}, appointments ${asArray<Json>(
              w?.appointment,
            )
              .map((x) => x.id)
              .join(', ')}`,
        exchanges: [wex],
      });
      const t = bodyOf(await ctx.send(getTt(ticketId)));
      ctx.assert(APPOINTMENT.ticketInProgress.id, t?.status === 'inProgress', {
        message: `the ticket is ${t?.status} once the visit is booked`,
        expected: 'inProgress',
      });
      expect422(
        ctx,
        APPOINTMENT.duplicate,
        await ctx.send({ api: AP, operationId: 'createAppointment', body: appointment(woId, slot), negative: true }),
        ['/workOrder/id', '/workOrder'],
        'a second appointment for the same work order',
      );
      return a;
    });
    await ctx.step('retrieve and patch the appointment', async () => {
      const ex = await ctx.call(APPOINTMENT.retrieve.id, getAp(first.id));
      if (ctx.expectStatus(APPOINTMENT.retrieve.id, ex, [200]))
        ctx.assert(APPOINTMENT.retrieve.id, bodyOf(ex)?.id === first.id, {
          message: 'the appointment comes back by id',
          exchanges: [ex],
        });
      await checkUnknownId(ctx, APPOINTMENT.retrieve, { api: AP, operationId: 'retrieveAppointment' });
      const note = {
        id: 'buyer-note-1',
        author: 'Jane Buyer',
        date: new Date().toISOString(),
        source: 'buyer',
        text: 'Call the site guard on arrival.',
      };
      const p = await ctx.call(APPOINTMENT.patch.id, {
        api: AP,
        operationId: 'patchAppointment',
        pathParams: { id: first.id },
        body: { note: [...asArray<Json>(first.note), note] },
      });
      if (ctx.expectStatus(APPOINTMENT.patch.id, p, [200]))
        ctx.assert(
          APPOINTMENT.patch.id,
          asArray<Json>(bodyOf(p)?.note).some((n) => n.id === note.id),
          { message: 'the note was added', exchanges: [p] },
        );
      await checkUnknownId(ctx, APPOINTMENT.patch, {
        api: AP,
        operationId: 'patchAppointment',
        body: { note: [note] },
      });
    });
    await ctx.step('cancel it', async () => {
      const ex = await ctx.call(APPOINTMENT.cancel.id, {
        api: AP,
        operationId: 'cancelAppointment',
        pathParams: { id: first.id },
      });
      if (!ctx.expectStatus(APPOINTMENT.cancel.id, ex, [204])) return;
      const a = bodyOf(await ctx.send(getAp(first.id)));
      const wex = await ctx.send(getWo(woId));
      woPolls.push(wex);
      const w = bodyOf(wex);
      const ok = a?.status === 'cancelled' && w?.state === 'open' && w?.appointmentRequired === true;
      ctx.assert(APPOINTMENT.cancel.id, ok, {
        message: ok
          ? 'appointment cancelled; work order open again, appointmentRequired true'
          : `appointment ${a?.status}, work order ${w?.state}, appointmentRequired ${w?.appointmentRequired}`,
        exchanges: [wex],
      });
      const again = await awaitNotification(
        ctx,
        () => notificationsAbout(ctx, woId, ['workOrderAppointmentRequiredEvent']).length >= 2,
        'a second workOrderAppointmentRequiredEvent',
      ).catch(() => undefined);
      ctx.assert(WORK_ORDER.appointmentRequiredEvent.id, !!again, {
        message: again
          ? 'workOrderAppointmentRequiredEvent after the cancellation'
          : 'no workOrderAppointmentRequiredEvent after the appointment was cancelled',
        notifications: notificationsAbout(ctx, woId, ['workOrderAppointmentRequiredEvent']),
      });
      expectError(
        ctx,
        APPOINTMENT.cancelWrongState,
        await ctx.send({ api: AP, operationId: 'cancelAppointment', pathParams: { id: first.id }, negative: true }),
        [422],
      );
      expectError(
        ctx,
        APPOINTMENT.cancelWrongState,
        await ctx.send({
          api: AP,
          operationId: 'patchAppointment',
          pathParams: { id: first.id },
          body: { note: [] },
          negative: true,
        }),
        [422],
      );
      await checkUnknownId(ctx, APPOINTMENT.cancelWrongState, { api: AP, operationId: 'cancelAppointment' });
    });
    const second = await ctx.step('book again; the visit takes place', async () => {
      const ex = await ctx.send({ api: AP, operationId: 'createAppointment', body: appointment(woId, slot) });
      const a = bodyOf(ex);
      if (ex.status !== 201 || !a?.id) ctx.abort('the second appointment was not booked');
      const polled = await pollUntil(
        ctx,
        getAp(a!.id),
        (b) => getStateMachine('sonata.appointment').terminal.includes(b.status),
        `appointment ${a!.id} to end`,
        { stepMs: HOUR },
      );
      const done = bodyOf(polled.last)!;
      checkPolledStates(
        ctx,
        APPOINTMENT.history,
        getStateMachine('sonata.appointment'),
        ['confirmed', ...polled.all.map((e) => String(bodyOf(e)?.status))],
        [polled.last],
      );
      ctx.assert(APPOINTMENT.history.id, done.status === 'completed', {
        message: `the visit ended ${done.status}`,
        expected: 'completed',
        exchanges: [polled.last],
      });
      const wp = await pollUntil(
        ctx,
        getWo(woId),
        (w) => getStateMachine('sonata.workOrder').terminal.includes(w.state),
        `work order ${woId} to end`,
        { stepMs: HOUR },
      );
      woPolls.push(...wp.all);
      checkPolledStates(
        ctx,
        WORK_ORDER.history,
        getStateMachine('sonata.workOrder'),
        ['open', ...woPolls.map((e) => String(bodyOf(e)?.state))],
        [wp.last],
      );
      return { appointment: done, workOrder: bodyOf(wp.last)! };
    });
    await ctx.step('appointment and work order events', async () => {
      const apEvents = notificationsAbout(ctx, first.id, ['appointmentStatusChangeEvent']);
      const apFirst =
        apEvents[0] ??
        (await awaitNotification(
          ctx,
          (n) => n.record.entityId === first.id && n.record.eventType === 'appointmentStatusChangeEvent',
          `appointmentStatusChangeEvent for ${first.id}`,
        ));
      ctx.check(APPOINTMENT.hubDelivered.id, 'pass', {
        message: `appointmentStatusChangeEvent arrived at ${apFirst.record.path}`,
        notifications: [apFirst],
      });
      checkIdsEchoed(ctx, APPOINTMENT.hubIds, apFirst);
      const secondEvents = notificationsAbout(ctx, second.appointment.id, ['appointmentStatusChangeEvent']);
      ctx.assert(APPOINTMENT.statusEvents.id, apEvents.length >= 1 && secondEvents.length >= 2, {
        message: `${apEvents.length} status event(s) for the cancelled appointment, ${secondEvents.length} for the completed one (confirmed → inProgress → completed)`,
        notifications: [...apEvents, ...secondEvents],
      });
      const woEvents = notificationsAbout(ctx, woId, ['workOrderStateChangeEvent']);
      ctx.assert(WORK_ORDER.stateEvents.id, woEvents.length >= 3, {
        message: `${woEvents.length} workOrderStateChangeEvent(s) for open → planned → open → planned → inProgress → completed`,
        notifications: woEvents,
      });
      for (const n of [
        ...notificationsAbout(ctx, woId),
        ...notificationsAbout(ctx, first.id),
        ...notificationsAbout(ctx, second.appointment.id),
      ])
        ctx.checkNotification(
          n.record.api === WO + 'Notification' ? WORK_ORDER.hubContract.id : APPOINTMENT.hubContract.id,
          n,
        );
    });
    await ctx.step('unknown work order id; the appointment list', async () => {
      await checkUnknownId(ctx, WORK_ORDER.retrieveUnknown, { api: WO, operationId: 'retrieveWorkOrder' });
      const known = [bodyOf(await ctx.send(getAp(first.id)))!, second.appointment];
      await checkList(ctx, APPOINTMENT_LIST, known);
    });
    await ctx.step('after the hubs are removed, nothing arrives', async () => {
      for (const [api, rules] of [
        [WO, WORK_ORDER],
        [AP, APPOINTMENT],
      ] as const)
        ctx.expectStatus(
          rules.hubUnregister.id,
          await unregisterHub(ctx, rules.hubUnregister.id, api, hubs[api]),
          [204],
        );
      const w = await control.openWorkOrder(ticketId, true);
      // The first slot has passed by now: the visit took place.
      const ap = await ctx.send({
        api: AP,
        operationId: 'createAppointment',
        body: appointment(String(w.id), visitIn(1, await control.now())),
      });
      const apId = bodyOf(ap)?.id;
      if (typeof apId === 'string')
        await ctx.send({ api: AP, operationId: 'cancelAppointment', pathParams: { id: apId } });
      await quietPeriod(ctx);
      const woLate = notificationsAbout(ctx, String(w.id));
      const apLate = typeof apId === 'string' ? notificationsAbout(ctx, apId) : [];
      ctx.assert(WORK_ORDER.hubSilent.id, woLate.length === 0, {
        message: woLate.length
          ? `${woLate.length} work order event(s) after the hub was removed`
          : 'no work order event after the hub was removed',
        notifications: woLate,
      });
      ctx.assert(APPOINTMENT.hubSilent.id, apLate.length === 0, {
        message: apLate.length
          ? `${apLate.length} appointment event(s) after the hub was removed`
          : 'no appointment event after the hub was removed',
        notifications: apLate,
      });
    });
  },
});
