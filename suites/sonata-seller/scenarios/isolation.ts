import { ISOLATION, ORDER, TICKET } from '../rules/index';
import { API } from '../support/apis';
import { bodyOf, expectError, listOf } from '../support/checks';
import { quote, troubleTicket } from '../../sonata/payloads';
import { requireControl } from '../support/seller';
import { extrasOf } from '../support/target';
import { quietPeriod, notificationsAbout } from '../support/wait';
import { scenario } from './define';
import { completedOrder, externalId, mainProduct, productIdsOf, simpleOrderBody } from './flows';
import { registerHub } from '../support/hubs';

/**
 * Two Buyers through one Seller. The suite acts for the profile's Buyer (A) and, with a second Buyer (B) the
 * credentials may also act for, checks that A never sees B's order, quote or ticket, nor events about them.
 */
export const isolationScenario = scenario({
  id: 'sonata.isolation.two-buyers',
  title: "Multi-buyer isolation: a Buyer sees neither another Buyer's order, quote and ticket nor their events",
  api: API.order,
  rules: [
    ISOLATION.retrieve,
    ISOLATION.list,
    ISOLATION.notifications,
    ISOLATION.quote,
    ISOLATION.ticket,
    ISOLATION.incident,
    ORDER.hubRegister,
    TICKET.hubRegister,
  ],
  async run(ctx) {
    const other = extrasOf(ctx.profile).otherBuyerId;
    if (!other || !ctx.profile.buyerId) {
      const message =
        'not applicable: the target profile names one Buyer; isolation needs a second Buyer the credentials may act for';
      for (const r of [
        ISOLATION.retrieve,
        ISOLATION.list,
        ISOLATION.notifications,
        ISOLATION.quote,
        ISOLATION.ticket,
        ISOLATION.incident,
        ORDER.hubRegister,
        TICKET.hubRegister,
      ])
        ctx.check(r.id, 'skip', { message });
      return;
    }
    const hub = await registerHub(ctx, ORDER.hubRegister.id, API.order);
    ctx.expectStatus(ORDER.hubRegister.id, hub, [201]);
    const theirs = await ctx.step(`Buyer ${other} orders and completes an EPL`, () =>
      completedOrder(ctx, simpleOrderBody(externalId(ctx, 'iso')), { buyerId: other }),
    );
    await ctx.step(`Buyer ${ctx.profile.buyerId} asks for it`, async () => {
      const ex = await ctx.send({ api: API.order, operationId: 'retrieveProductOrder', pathParams: { id: theirs.id } });
      expectError(ctx, ISOLATION.retrieve, ex, [404]);
      const list = await ctx.send({
        api: API.order,
        operationId: 'listProductOrder',
        query: { externalId: theirs.externalId },
      });
      const leaked = (listOf(list) ?? []).filter((o) => o.id === theirs.id);
      ctx.assert(ISOLATION.list.id, list.status === 200 && leaked.length === 0, {
        message: leaked.length
          ? `Buyer ${ctx.profile.buyerId}'s list shows ${theirs.id}, an order of ${other}`
          : `the order of ${other} is not in ${ctx.profile.buyerId}'s list`,
        exchanges: [list],
      });
      await quietPeriod(ctx);
      const events = notificationsAbout(ctx, theirs.id);
      ctx.assert(ISOLATION.notifications.id, events.length === 0, {
        message: events.length
          ? `${events.length} event(s) about ${other}'s order reached ${ctx.profile.buyerId}'s hub`
          : `no event about ${other}'s order reached ${ctx.profile.buyerId}'s hub`,
        notifications: events,
      });
    });
    await ctx.step(`Buyer ${other}'s quote`, async () => {
      const q = await ctx.send({
        api: API.quote,
        operationId: 'createQuote',
        query: { buyerId: other },
        body: quote(mainProduct(ctx), { instant: true, level: 'firm', externalId: externalId(ctx, 'iso') }),
      });
      const id = bodyOf(q)?.id;
      if (q.status !== 201 || typeof id !== 'string') ctx.abort(`the Seller did not take Buyer ${other}'s quote`);
      expectError(
        ctx,
        ISOLATION.quote,
        await ctx.send({ api: API.quote, operationId: 'retrieveQuote', pathParams: { id: id as string } }),
        [404],
      );
      // MEF 115 §6.5: another Buyer's quote is a reference that is not found.
      expectError(
        ctx,
        ISOLATION.quote,
        await ctx.send({
          api: API.quote,
          operationId: 'rejectQuote',
          body: { quoteId: id, reason: 'not mine' },
          negative: true,
        }),
        [422],
      );
    });
    await ctx.step(`Buyer ${other}'s trouble ticket`, async () => {
      const product = productIdsOf(theirs)[0];
      const t = await ctx.send({
        api: API.ticket,
        operationId: 'createTroubleTicket',
        query: { buyerId: other },
        body: troubleTicket(product, externalId(ctx, 'iso')),
      });
      const id = bodyOf(t)?.id;
      if (t.status !== 201 || typeof id !== 'string') ctx.abort(`the Seller did not take Buyer ${other}'s ticket`);
      expectError(
        ctx,
        ISOLATION.ticket,
        await ctx.send({ api: API.ticket, operationId: 'retrieveTroubleTicket', pathParams: { id: id as string } }),
        [404],
      );
    });
    await ctx.step(`an incident on Buyer ${other}'s product`, async () => {
      ctx.expectStatus(
        TICKET.hubRegister.id,
        await registerHub(
          ctx,
          TICKET.hubRegister.id,
          API.ticket,
          'eventType=incidentCreateEvent,incidentStatusChangeEvent',
        ),
        [201],
      );
      const control = await requireControl(ctx);
      const incident = await control.openIncident(productIdsOf(theirs)[0]);
      await quietPeriod(ctx);
      const leaked = notificationsAbout(ctx, String(incident.id));
      ctx.assert(ISOLATION.incident.id, leaked.length === 0, {
        message: leaked.length
          ? `${leaked.length} incident event(s) about ${other}'s product reached ${ctx.profile.buyerId}`
          : `no incident event about ${other}'s product reached ${ctx.profile.buyerId}`,
        notifications: leaked,
      });
    });
  },
});
