/**
 * The Seller's behaviours beyond the happy path, with their side effects on related entities and the events they
 * send: POQ and quote outcomes, cancel and modify requests with charges, charge timeout, trouble tickets with work
 * orders and appointments, address validation outcomes, availability and pricing, the catalog, the profiles.
 */
import type { SellerMock } from '../../mocks/sonata-seller';
import { S1 } from '../fixtures/mock/mef-examples';
import {
  API,
  base,
  call,
  eventually,
  expectNoSelfCheckFailures,
  Listener,
  sonataContracts,
  startSeller,
  ticket,
} from './support';

type Json = Record<string, any>;

let m: SellerMock;
let listener: Listener;
beforeAll(async () => {
  m = await startSeller();
  listener = await new Listener(sonataContracts()).start();
  for (const api of [API.poq, API.quote, API.order, API.tt, API.appointment, API.workOrder])
    await call(m, 'POST', `${base(m, api)}/hub`, { callback: listener.url });
});
afterAll(async () => {
  await m.close();
  await listener.close();
});
afterEach(() => {
  expectNoSelfCheckFailures(m);
  expect(listener.takeProblems()).toEqual([]);
});

const get = async (apiId: string, path: string) => (await call(m, 'GET', `${base(m, apiId)}${path}`)).body;
const post = async (apiId: string, path: string, body?: unknown, outcome?: string) =>
  call(m, 'POST', `${base(m, apiId)}${path}`, body, outcome ? { 'x-lso-outcome': outcome } : {});
const advance = async (by: string) => {
  m.control.advance(by);
  await m.control.waitForDeliveries();
};
const SITE_CONTACT = { role: 'siteContact', name: 'Ann', emailAddress: 'ann@buyer.example.com', number: '+1-555-0111' };

describe('product offering qualification (MEF 87)', () => {
  it('answers an immediate POQ at once with its create event only, alternatives when asked', async () => {
    const poq = (
      await post(API.poq, '/productOfferingQualification', {
        ...S1.poq(),
        instantSyncQualification: true,
        provideAlternative: true,
      })
    ).body;
    expect(poq.state).toBe('done.ready');
    expect(poq.productOfferingQualificationItem[0]).toMatchObject({
      state: 'done.ready',
      serviceabilityConfidence: 'green',
      alternateProductOfferingProposal: [expect.objectContaining({ alternateProduct: expect.any(Object) })],
    });
    await advance('1m');
    expect(listener.sequence(poq.id)).toEqual(['poqCreateEvent']);
  });

  it('terminates with an error: the failing item explains itself, the others are abandoned, no success fields (R30/R31)', async () => {
    const poq = (await post(API.poq, '/productOfferingQualification', S1.poq(), 'terminatedWithError')).body;
    await advance('1m');
    const done = await get(API.poq, `/productOfferingQualification/${poq.id}`);
    expect(done.state).toBe('terminatedWithError');
    expect(done.productOfferingQualificationItem.map((i: Json) => i.state)).toEqual([
      'terminatedWithError',
      'done.abandoned',
      'done.abandoned',
    ]);
    expect(done.productOfferingQualificationItem[0].terminationError).toEqual([
      expect.objectContaining({ code: 'otherIssue' }),
    ]);
    for (const it of done.productOfferingQualificationItem) expect(it.serviceabilityConfidence).toBeUndefined();
  });

  it('cannot meet the date: done.unableToProvide', async () => {
    const poq = (await post(API.poq, '/productOfferingQualification', S1.poq(), 'unableToProvide')).body;
    await advance('1m');
    expect((await get(API.poq, `/productOfferingQualification/${poq.id}`)).state).toBe('done.unableToProvide');
  });
});

describe('quote (MEF 115)', () => {
  it('answers an immediate firm quote approved.orderable, and an alternate with another term (R41)', async () => {
    const q = (await post(API.quote, '/quote', { ...S1.quote(), instantSyncQuote: true })).body;
    expect(q).toMatchObject({ state: 'approved.orderable', quoteLevel: 'firm', validFor: expect.any(Object) });
    const alt = (await post(API.quote, '/quote', { ...S1.quote(), instantSyncQuote: true }, 'alternate')).body;
    expect(alt.state).toBe('approved.orderableAlternate');
    expect(alt.quoteItem[0].quoteItemTerm[0].duration).not.toEqual(
      S1.quote().quoteItem[0].requestedQuoteItemTerm.duration,
    );
  });

  it('answers a budgetary quote and lets it expire after its validity', async () => {
    const q = (await post(API.quote, '/quote', { ...S1.quote(), buyerRequestedQuoteLevel: 'budgetary' })).body;
    await advance('1m');
    expect(await get(API.quote, `/quote/${q.id}`)).toMatchObject({ state: 'answered', quoteLevel: 'budgetary' });
    await advance('31d');
    expect((await get(API.quote, `/quote/${q.id}`)).state).toBe('expired');
    expect(listener.sequence(q.id).filter((t) => t === 'quoteStateChangeEvent')).toHaveLength(3);
  });

  it('cancels a quote being worked on; its items are abandoned', async () => {
    const q = (await post(API.quote, '/quote', S1.quote())).body;
    await advance('1s');
    expect((await post(API.quote, '/cancelQuote', { quoteId: q.id, reason: 'no longer needed' })).body).toEqual({
      quoteId: q.id,
      reason: 'no longer needed',
    });
    const done = await get(API.quote, `/quote/${q.id}`);
    expect(done.state).toBe('cancelled');
    expect(done.quoteItem.every((i: Json) => i.state === 'abandoned')).toBe(true);
  });

  it('rejects a quote that fails validation', async () => {
    const q = (await post(API.quote, '/quote', S1.quote(), 'reject')).body;
    await advance('1m');
    const done = await get(API.quote, `/quote/${q.id}`);
    expect(done.state).toBe('rejected');
    expect(done.quoteItem[0].terminationError).toBeDefined();
  });
});

describe('order tasks and charges (MEF 123 §6.5, §6.8, §6.11)', () => {
  async function inProgress(): Promise<Json> {
    const o = (await post(API.order, '/productOrder', S1.order())).body;
    await advance('1s');
    return o;
  }

  it('cancels an order after an accepted cancellation charge: items cancelled, products cancelled (S8)', async () => {
    const o = await inProgress();
    const c = await post(
      API.order,
      '/cancelProductOrder',
      {
        productOrder: { productOrderId: o.id },
        cancellationReason: 'project stopped',
        relatedContactInformation: [
          { role: 'cancelProductOrderContact', name: 'a', emailAddress: 'a@b.c', number: '1' },
        ],
      },
      'charge',
    );
    expect(c.status).toBe(201);
    expect(c.body.relatedContactInformation.map((x: Json) => x.role)).toContain('cancelProductOrderSellerContact');
    const assessing = await get(API.order, `/productOrder/${o.id}`);
    expect(assessing.state).toBe('assessingCancellation');
    expect(assessing.productOrderItem.every((i: Json) => i.state === 'pending')).toBe(true);
    await advance('1s');
    const cancel = await get(API.order, `/cancelProductOrder/${c.body.id}`);
    expect(cancel.state).toBe('inProgress.assessingCharge');
    const charge = await get(API.order, `/charge/${cancel.charge.id}`);
    expect(charge.chargeItem[0].priceCategory).toBe('cancellation');
    expect(listener.of('chargeCreateEvent', charge.id)).toHaveLength(1);
    await call(m, 'PATCH', `${base(m, API.order)}/charge/${charge.id}`, {
      chargeItem: [{ id: charge.chargeItem[0].id, acceptanceIndicator: 'accepted' }],
    });
    await advance('1m');
    expect((await get(API.order, `/cancelProductOrder/${c.body.id}`)).state).toBe('done');
    const cancelled = await get(API.order, `/productOrder/${o.id}`);
    expect(cancelled).toMatchObject({
      state: 'cancelled',
      cancellationDate: expect.any(String),
      cancellationReason: 'project stopped',
      cancellationCharge: [{ id: charge.id, href: expect.any(String) }],
    });
    for (const it of cancelled.productOrderItem) {
      expect(it.state).toBe('cancelled');
      expect(it.expectedCompletionDate).toBeUndefined();
      expect((await get(API.inventory, `/product/${it.product.id}`)).status).toBe('cancelled');
    }
    expect(listener.sequence(c.body.id)).toEqual([
      'cancelProductOrderStateChangeEvent',
      'cancelProductOrderStateChangeEvent',
    ]);
  });

  it('goes back to work when the cancellation charge is declined (done.declined)', async () => {
    const o = await inProgress();
    const c = (
      await post(
        API.order,
        '/cancelProductOrder',
        {
          productOrder: { productOrderId: o.id },
          relatedContactInformation: [
            { role: 'cancelProductOrderContact', name: 'a', emailAddress: 'a@b.c', number: '1' },
          ],
        },
        'charge',
      )
    ).body;
    await advance('1s');
    const charge = await get(API.order, `/charge/${(await get(API.order, `/cancelProductOrder/${c.id}`)).charge.id}`);
    await call(m, 'PATCH', `${base(m, API.order)}/charge/${charge.id}`, {
      chargeItem: [{ id: charge.chargeItem[0].id, acceptanceIndicator: 'rejected' }],
    });
    expect((await get(API.order, `/cancelProductOrder/${c.id}`)).state).toBe('done.declined');
    expect((await get(API.order, `/productOrder/${o.id}`)).state).toBe('inProgress');
    await advance('1m');
    expect((await get(API.order, `/productOrder/${o.id}`)).state).toBe('completed');
  });

  it('reschedules an item: new dates with a note when accepted; unchanged when its charge is declined (S9)', async () => {
    const o = await inProgress();
    const mod = (
      await post(API.order, '/modifyProductOrderItemRequestedDeliveryDate', {
        productOrderItem: { productOrderId: o.id, productOrderItemId: 'item-001' },
        requestedCompletionDate: '2025-06-01T00:00:00.000Z',
      })
    ).body;
    expect(mod).toMatchObject({ state: 'acknowledged', creationDate: expect.any(String) });
    expect((await get(API.order, `/productOrder/${o.id}`)).state).toBe('pending.assessingModification');
    await advance('1s');
    const after = (await get(API.order, `/productOrder/${o.id}`)).productOrderItem[0];
    expect(after).toMatchObject({
      state: 'inProgress',
      requestedCompletionDate: '2025-06-01T00:00:00.000Z',
      expectedCompletionDate: '2025-06-01T00:00:00.000Z',
    });
    expect(after.note.slice(-1)[0]).toMatchObject({ source: 'seller', text: expect.stringContaining('2025-06-01') });

    const expedite = (
      await post(
        API.order,
        '/modifyProductOrderItemRequestedDeliveryDate',
        {
          productOrderItem: { productOrderId: o.id, productOrderItemId: 'item-002' },
          requestedCompletionDate: '2025-03-02T00:00:00.000Z',
          expediteIndicator: true,
        },
        'charge',
      )
    ).body;
    await advance('1s');
    const charge = (await get(API.order, `/charge?productOrderId=${o.id}`)).find(
      (c: Json) => c.state === 'awaitingResponse',
    );
    const full = await get(API.order, `/charge/${charge.id}`);
    expect(full.chargeItem[0].priceCategory).toBe('expedite');
    await call(m, 'PATCH', `${base(m, API.order)}/charge/${charge.id}`, {
      chargeItem: [{ id: full.chargeItem[0].id, acceptanceIndicator: 'rejected' }],
    });
    expect((await get(API.order, `/modifyProductOrderItemRequestedDeliveryDate/${expedite.id}`)).state).toBe(
      'done.declined',
    );
    const item2 = (await get(API.order, `/productOrder/${o.id}`)).productOrderItem[1];
    // Declined: the original dates stay (MEF 123 §6.12), and expedite is not accepted (R24/R25).
    expect(item2.requestedCompletionDate).toBe(S1.order().productOrderItem[1].requestedCompletionDate);
    expect(item2.expediteAcceptedIndicator).not.toBe(true);
  });

  it('times a charge out at its responseDueDate: every item declined, the charged order item failed (S10)', async () => {
    const o = (await post(API.order, '/productOrder', S1.order(), 'heldForCharge')).body;
    await advance('2s');
    const [charge] = await get(API.order, `/charge?productOrderId=${o.id}`);
    expect((await get(API.order, `/productOrder/${o.id}`)).state).toBe('held.assessingCharge');
    await advance('2m');
    const timedOut = await get(API.order, `/charge/${charge.id}`);
    expect(timedOut.state).toBe('timeout');
    expect(timedOut.chargeItem.every((ci: Json) => ci.state === 'declinedByBuyer')).toBe(true);
    expect(listener.of('chargeTimeoutEvent', charge.id)).toHaveLength(1);
    const done = await get(API.order, `/productOrder/${o.id}`);
    expect(done.productOrderItem.map((i: Json) => i.state)).toEqual(['failed', 'completed', 'completed']);
    expect(done.state).toBe('partial');
  });

  it('keeps notes append-only on PATCH (MEF 123 R20/R21)', async () => {
    const o = (await post(API.order, '/productOrder', S1.order())).body;
    const note = {
      id: 'n1',
      author: 'buyer ops',
      date: '2025-03-01T08:00:00Z',
      source: 'buyer',
      text: 'please call first',
    };
    expect((await call(m, 'PATCH', `${base(m, API.order)}/productOrder/${o.id}`, { note: [note] })).body.note).toEqual([
      note,
    ]);
    expect(
      (await call(m, 'PATCH', `${base(m, API.order)}/productOrder/${o.id}`, { note: [{ ...note, text: 'changed' }] }))
        .status,
    ).toBe(400);
    expect(
      (
        await call(m, 'PATCH', `${base(m, API.order)}/productOrder/${o.id}`, {
          note: [note, { ...note, id: 'n2', source: 'seller' }],
        })
      ).body,
    ).toMatchObject({ code: 'invalidBody', message: expect.stringContaining('/note/1/source') });
    expect((await call(m, 'PATCH', `${base(m, API.order)}/productOrder/${o.id}`, { note: [] })).body.message).toContain(
      'never removed',
    );
  });
});

describe('trouble tickets, work orders and appointments (MEF 124, MEF 137)', () => {
  it('asks for information, and goes on when the Buyer answers with a PATCH (R63, R64, R37)', async () => {
    const t = (await post(API.tt, '/troubleTicket', ticket(), 'pending')).body;
    await advance('2s');
    const pending = await get(API.tt, `/troubleTicket/${t.id}`);
    expect(pending.status).toBe('pending');
    expect(pending.note.slice(-1)[0]).toMatchObject({ source: 'seller' });
    expect(listener.of('troubleTicketInformationRequiredEvent', t.id)).toHaveLength(1);
    const patched = await call(m, 'PATCH', `${base(m, API.tt)}/troubleTicket/${t.id}`, {
      note: [
        ...pending.note,
        { id: 'b1', author: 'NOC', date: '2025-03-01T09:00:00Z', source: 'buyer', text: 'contact: Ann' },
      ],
    });
    expect(patched.body.status).toBe('inProgress');
    await advance('1m');
    expect((await get(API.tt, `/troubleTicket/${t.id}`)).status).toBe('resolved');
  });

  it('needs a visit: work order, time slots, appointment, visit, resolution, reopen and close (S13)', async () => {
    const t = (await post(API.tt, '/troubleTicket', ticket(), 'appointment')).body;
    await advance('2s');
    const pending = await get(API.tt, `/troubleTicket/${t.id}`);
    expect(pending.status).toBe('pending');
    const woId = pending.workOrder[0].id;
    const wo = await get(API.workOrder, `/workorder/${woId}`);
    expect(wo).toMatchObject({
      state: 'open',
      appointmentRequired: true,
      relatedEntity: [expect.objectContaining({ id: t.id, '@referredType': 'TroubleTicket' })],
    });
    expect(listener.sequence(woId)).toEqual(['workOrderCreateEvent', 'workOrderAppointmentRequiredEvent']);
    // R64: a required appointment does not raise troubleTicketInformationRequiredEvent.
    expect(listener.of('troubleTicketInformationRequiredEvent', t.id)).toEqual([]);

    // Earlier tests moved the clock on: the visit is booked relative to the mock's own now.
    const tomorrow = Date.parse(m.control.now()) + 86_400_000;
    const window = {
      validFor: {
        startDateTime: new Date(tomorrow).toISOString(),
        endDateTime: new Date(tomorrow + 6 * 3_600_000).toISOString(),
      },
    };
    const slots = (
      await post(API.appointment, '/searchTimeSlot', { workOrder: { id: woId }, requestedTimeSlot: [window] })
    ).body;
    expect(slots.availableTimeSlot).toHaveLength(3);
    expect(
      (
        await post(
          API.appointment,
          '/searchTimeSlot',
          { workOrder: { id: woId }, requestedTimeSlot: [window] },
          'noSlot',
        )
      ).body.availableTimeSlot,
    ).toEqual([]);
    // Nothing in the Seller's past: a window that has begun is offered from the next whole hour, and a visit that
    // would start before now is refused where it says so.
    const now = Date.parse(m.control.now());
    const begun = {
      validFor: {
        startDateTime: new Date(now - 86_400_000).toISOString(),
        endDateTime: new Date(now + 86_400_000).toISOString(),
      },
    };
    const offered = (
      await post(API.appointment, '/searchTimeSlot', { workOrder: { id: woId }, requestedTimeSlot: [begun] })
    ).body.availableTimeSlot;
    expect(offered[0].validFor.startDateTime).toBe(new Date(Math.ceil(now / 3_600_000) * 3_600_000).toISOString());
    const late = await post(API.appointment, '/appointment', {
      workOrder: { id: woId },
      validFor: begun.validFor,
      relatedContactInformation: [SITE_CONTACT],
    });
    expect(late.status).toBe(422);
    expect(late.body).toEqual([
      expect.objectContaining({ code: 'invalidValue', propertyPath: '/validFor/startDateTime' }),
    ]);

    const a = (
      await post(API.appointment, '/appointment', {
        workOrder: { id: woId },
        validFor: slots.availableTimeSlot[0].validFor,
        relatedContactInformation: [SITE_CONTACT],
      })
    ).body;
    expect(a.status).toBe('confirmed');
    expect(await get(API.workOrder, `/workorder/${woId}`)).toMatchObject({
      state: 'planned',
      appointmentRequired: false,
    });
    expect((await get(API.tt, `/troubleTicket/${t.id}`)).status).toBe('inProgress');
    // R20: one active appointment per work order.
    const second = await post(API.appointment, '/appointment', {
      workOrder: { id: woId },
      validFor: slots.availableTimeSlot[1].validFor,
      relatedContactInformation: [SITE_CONTACT],
    });
    expect(second.body).toEqual([
      expect.objectContaining({ propertyPath: '/workOrder/id', reason: expect.stringContaining('planned') }),
    ]);

    await advance('3d');
    expect((await get(API.appointment, `/appointment/${a.id}`)).status).toBe('completed');
    expect((await get(API.workOrder, `/workorder/${woId}`)).state).toBe('completed');
    expect((await get(API.tt, `/troubleTicket/${t.id}`)).status).toBe('resolved');

    expect((await post(API.tt, `/troubleTicket/${t.id}/reopen`, { reason: 'down again' })).status).toBe(204);
    const reopened = await get(API.tt, `/troubleTicket/${t.id}`);
    expect(reopened.status).toBe('reopened');
    expect(reopened.note.slice(-1)[0]).toMatchObject({
      source: 'buyer',
      author: 'closureRejection',
      text: 'down again',
    });
    await advance('1m');
    expect((await post(API.tt, `/troubleTicket/${t.id}/close`)).status).toBe(204);
    expect((await get(API.tt, `/troubleTicket/${t.id}`)).statusChange.map((s: Json) => s.status)).toEqual([
      'acknowledged',
      'inProgress',
      'pending',
      'inProgress',
      'resolved',
      'reopened',
      'inProgress',
      'resolved',
      'closed',
    ]);
  });

  it('waits for the visit to be booked without polling: six hours of virtual time run a handful of steps', async () => {
    const t = (await post(API.tt, '/troubleTicket', ticket(), 'appointment')).body;
    await advance('2s');
    const woId = (await get(API.tt, `/troubleTicket/${t.id}`)).workOrder[0].id;
    // A step that found nothing to do used to re-arm itself every visit length (2 s here): 10,800 runs in 6 h.
    const { ran } = m.control.advance('6h');
    expect(ran).toBeLessThan(50);
    expect((await get(API.workOrder, `/workorder/${woId}`)).state).toBe('open');
    expect((await get(API.tt, `/troubleTicket/${t.id}`)).status).toBe('pending');
    // Booking it still starts the visit: the appointment wakes the work order, its end wakes the ticket.
    const at = (days: number) => new Date(Date.parse(m.control.now()) + days * 86_400_000).toISOString();
    await post(API.appointment, '/appointment', {
      workOrder: { id: woId },
      validFor: { startDateTime: at(1), endDateTime: at(1.1) },
      relatedContactInformation: [SITE_CONTACT],
    });
    await advance('3d');
    expect((await get(API.workOrder, `/workorder/${woId}`)).state).toBe('completed');
    expect((await get(API.tt, `/troubleTicket/${t.id}`)).status).toBe('resolved');
  });

  it('reopens the work order when the Buyer cancels the appointment (R48–R50)', async () => {
    const t = (await post(API.tt, '/troubleTicket', ticket(), 'appointment')).body;
    await advance('2s');
    const woId = (await get(API.tt, `/troubleTicket/${t.id}`)).workOrder[0].id;
    const at = (days: number) => new Date(Date.parse(m.control.now()) + days * 86_400_000).toISOString();
    const a = (
      await post(API.appointment, '/appointment', {
        workOrder: { id: woId },
        validFor: { startDateTime: at(5), endDateTime: at(5.1) },
        relatedContactInformation: [SITE_CONTACT],
      })
    ).body;
    expect(
      (
        await call(m, 'PATCH', `${base(m, API.appointment)}/appointment/${a.id}`, {
          validFor: { startDateTime: at(6), endDateTime: at(6.1) },
        })
      ).body.validFor.startDateTime,
    ).toBe(at(6));
    // What the booking announced must be in before the listener forgets it, or a late one counts as the cancel's.
    await m.control.waitForDeliveries();
    listener.clear();
    expect((await post(API.appointment, `/appointment/${a.id}/cancel`)).status).toBe(204);
    await m.control.waitForDeliveries();
    expect(await get(API.workOrder, `/workorder/${woId}`)).toMatchObject({ state: 'open', appointmentRequired: true });
    expect(listener.sequence(woId)).toEqual(['workOrderStateChangeEvent', 'workOrderAppointmentRequiredEvent']);
    expect(listener.sequence(a.id)).toEqual(['appointmentStatusChangeEvent']);
    expect(
      (await get(API.appointment, `/appointment?workOrderId=${woId}&status=cancelled`)).map((x: Json) => x.id),
    ).toEqual([a.id]);
  });
});

describe('address, availability and pricing, catalog', () => {
  const nyc = {
    '@type': 'FieldedAddress',
    streetNr: '20',
    streetName: 'Example',
    city: 'New York',
    country: 'United States',
  };

  it('validates addresses: known, new (lenient), partial and fail outcomes', async () => {
    expect(
      (
        await post(
          API.address,
          '/geographicAddressValidation',
          { provideAlternative: false, submittedGeographicAddress: nyc },
          undefined,
        )
      ).body.bestMatchGeographicAddress.id,
    ).toBe('NewYorkAddress-id-1');
    const fresh = (
      await post(API.address, '/geographicAddressValidation', {
        provideAlternative: false,
        submittedGeographicAddress: { ...nyc, streetNr: '99' },
      })
    ).body;
    expect(fresh).toMatchObject({
      validationResult: 'success',
      bestMatchGeographicAddress: { id: expect.any(String), streetNr: '99' },
    });
    expect((await get(API.address, `/geographicAddress/${fresh.bestMatchGeographicAddress.id}`)).streetNr).toBe('99');
    const partial = (
      await post(
        API.address,
        '/geographicAddressValidation',
        { provideAlternative: true, submittedGeographicAddress: { ...nyc, streetNr: '21' } },
        'partial',
      )
    ).body;
    expect(partial.validationResult).toBe('partial');
    expect(partial.alternateGeographicAddress.length).toBeGreaterThan(0);
    expect(
      (
        await post(
          API.address,
          '/geographicAddressValidation',
          { provideAlternative: false, submittedGeographicAddress: nyc },
          'fail',
        )
      ).body,
    ).toEqual({ provideAlternative: false, submittedGeographicAddress: nyc, validationResult: 'fail' });
  });

  it('offers configurations of orderable offerings for a specification, then prices one', async () => {
    const epl = 'urn:mef:lso:spec:cantata-sonata:epl-evc:v1.0.0:all';
    const a = (
      await post(API.poapd, '/productOfferingAvailability', {
        action: 'add',
        productSpecification: { id: epl },
        place: [{ '@type': 'GeographicAddressRef', id: 'NewYorkAddress-id-1', role: 'INSTALL_LOCATION' }],
      })
    ).body;
    expect(a.availableProductOfferingConfigurations).toEqual([
      expect.objectContaining({
        productOffering: expect.objectContaining({ id: '000073' }),
        productConfiguration: expect.objectContaining({ '@type': epl }),
      }),
    ]);
    const id = a.availableProductOfferingConfigurations[0].productConfigurationIdentifier;
    const p = (await post(API.poapd, '/pricingDiscovery', { action: 'add', productConfigurationIdentifier: id })).body;
    expect(p.pricingAndTerms.map((x: Json) => x.term.duration.amount)).toEqual([12, 36]);
    expect(
      (await post(API.poapd, '/pricingDiscovery', { action: 'add', productConfigurationIdentifier: 'nope' })).body,
    ).toEqual([
      expect.objectContaining({ code: 'referenceNotFound', propertyPath: '/productConfigurationIdentifier' }),
    ]);
  });

  it('publishes one specification per SDK product schema, with its source schema', async () => {
    const specs = await get(API.catalog, '/productSpecification?limit=1000');
    expect(specs.length).toBe(
      sonataContracts()
        .urnIndex.urns()
        .filter((u) => sonataContracts().urnIndex.resolve(u, 'sonata')?.sdk === 'sonata').length,
    );
    const epl = await get(
      API.catalog,
      `/productSpecification/${encodeURIComponent('urn:mef:lso:spec:cantata-sonata:epl-evc:v1.0.0:all')}`,
    );
    expect(epl.sourceSchema.schemaLocation).toMatch(
      /^https:\/\/github\.com\/MEF-GIT\/MEF-LSO-Sonata-SDK\/blob\/[0-9a-f]{40}\/productSchema\/carrierEthernet\/subscriberEthernet\/epl\/ethernetPrivateLineEvc\.yaml$/,
    );
    expect((await get(API.catalog, '/category')).map((c: Json) => c.id)).toEqual([
      'cat-carrier-ethernet',
      'cat-operator-ethernet',
      'cat-internet-access',
    ]);
    expect(
      (await get(API.catalog, '/productOffering?lifecycleStatus=orderable&category.id=cat-internet-access')).length,
    ).toBe(6);
  });
});

describe('profiles and the clock', () => {
  it('realistic: an order takes days of virtual time', async () => {
    const r = await startSeller({ profile: 'realistic' });
    const o = (await call(r, 'POST', `${base(r, API.order)}/productOrder`, S1.order())).body;
    r.control.advance('1d');
    expect((await call(r, 'GET', `${base(r, API.order)}/productOrder/${o.id}`)).body.state).toBe('inProgress');
    r.control.advance('10d');
    expect((await call(r, 'GET', `${base(r, API.order)}/productOrder/${o.id}`)).body.state).toBe('completed');
    expectNoSelfCheckFailures(r);
    await r.close();
  });

  it('fast, on the wall clock: an order completes by itself', async () => {
    const r = await startSeller({ clockRate: 1, clockStart: undefined });
    const o = (await call(r, 'POST', `${base(r, API.order)}/productOrder`, S1.order())).body;
    await eventually(
      'the order to complete',
      () => r.control.entity('productOrder', o.id).data.state === 'completed',
      15_000,
    );
    expectNoSelfCheckFailures(r);
    await r.close();
  });
});
