import type { Exchange } from '../../../runtime/http/checking-client';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { getStateMachine } from '../../../specs/state-machines/index';
import { POQ } from '../rules/index';
import { API } from '../support/apis';
import {
  asArray,
  bodyOf,
  checkEcho,
  checkIdsEchoed,
  checkRecordedHistory,
  checkUnknownId,
  create,
  expect422,
  expectError,
  historyOf,
  need,
  type Json,
} from '../support/checks';
import { checkList, type ListSpec } from '../support/list';
import { poq } from '../../sonata/payloads';
import { requireControl, outcomeHeader } from '../support/seller';
import { awaitNotification, notificationsAbout, pollUntil, quietPeriod } from '../support/wait';
import { checkUnknownProductChange } from '../support/unknown-product';
import { scenario } from './define';
import { externalId, mainProduct } from './flows';
import { registerHub, unregisterHub } from '../support/hubs';

const FINAL = getStateMachine('sonata.poq').terminal;
const ITEMS = 'productOfferingQualificationItem';
const get = (id: string) => ({ api: API.poq, operationId: 'retrieveProductOfferingQualification', pathParams: { id } });

/** What every POQ response must have, whatever its state (R8/R23, R25/R26, R27). */
function judgeResponse(ctx: ScenarioContext<SonataSellerProfile>, sent: Json, body: Json, ex: Exchange): void {
  checkEcho(ctx, POQ.createEcho, sent, body, 'the POQ response', ex);
  const seller = asArray<Json>(body.relatedContactInformation).some((c) => c.role === 'sellerContactInformation');
  ctx.assert(POQ.sellerContact.id, seller, {
    message: seller ? 'a sellerContactInformation contact is given' : 'no contact with role sellerContactInformation',
    exchanges: [ex],
  });
  const sentIds = asArray<Json>(sent[ITEMS])
    .map((i) => i.id)
    .sort();
  const gotIds = asArray<Json>(body[ITEMS])
    .map((i) => i.id)
    .sort();
  const same = JSON.stringify(sentIds) === JSON.stringify(gotIds);
  ctx.assert(POQ.itemsMatch.id, same, {
    message: same
      ? 'one response item per requested item'
      : `requested items ${sentIds.join(',')}, response items ${gotIds.join(',')}`,
    exchanges: [ex],
  });
}

/** Item attributes by state (R9, R10, R28–R31) and the POQ state against its items (R48–R50). */
function judgeItems(ctx: ScenarioContext<SonataSellerProfile>, body: Json, ex: Exchange): void {
  const items = asArray<Json>(body[ITEMS]);
  for (const it of items) {
    if (it.state === 'done.ready') {
      const conf = it.serviceabilityConfidence;
      const ok = typeof conf === 'string' && (!['green', 'yellow'].includes(conf) || !!it.installationInterval);
      ctx.assert(POQ.readyItems.id, ok, {
        message: ok
          ? `item ${it.id} done.ready: serviceabilityConfidence ${conf}${it.installationInterval ? ' with installationInterval' : ''}`
          : `item ${it.id} done.ready: serviceabilityConfidence ${conf ?? 'missing'}, installationInterval ${it.installationInterval ? 'set' : 'missing'}`,
        exchanges: [ex],
      });
    }
    if (it.state === 'terminatedWithError' || it.state === 'done.abandoned') {
      const forbidden = [
        'serviceabilityConfidence',
        'installationInterval',
        'validFor',
        'alternateProductOfferingProposal',
      ].filter((k) => it[k] !== undefined && !(Array.isArray(it[k]) && it[k].length === 0));
      const needsError = it.state === 'terminatedWithError' && asArray(it.terminationError).length === 0;
      ctx.assert(POQ.errorItems.id, forbidden.length === 0 && !needsError, {
        message: forbidden.length
          ? `item ${it.id} (${it.state}) still has ${forbidden.join(', ')}`
          : needsError
            ? `item ${it.id} terminatedWithError has no terminationError`
            : `item ${it.id} (${it.state}) has only what that state allows`,
        exchanges: [ex],
      });
    }
  }
  const states = items.map((i) => i.state as string);
  const s = body.state;
  const bad =
    (s === 'done.ready' && !states.every((x) => x === 'done.ready')) ||
    (s === 'terminatedWithError' && !states.includes('terminatedWithError')) ||
    (s === 'inProgress' && (!states.includes('inProgress') || states.includes('terminatedWithError')));
  ctx.assert(POQ.aggregate.id, !bad, {
    message: bad ? `POQ ${s} with items ${states.join(', ')}` : `POQ ${s} agrees with its items (${states.join(', ')})`,
    exchanges: [ex],
  });
}

export const poqImmediate = scenario({
  id: 'sonata.poq.immediate',
  title:
    'S4a: an immediate qualification answers in a final state, with exactly one poqCreateEvent and no state events',
  api: API.poq,
  rules: [
    POQ.hubRegister,
    POQ.createContract,
    POQ.createEcho,
    POQ.sellerContact,
    POQ.itemsMatch,
    POQ.instantFinal,
    POQ.readyItems,
    POQ.aggregate,
    POQ.createEvent,
    POQ.stateEvents,
    POQ.hubDelivered,
    POQ.hubContract,
    POQ.hubIds,
  ],
  async run(ctx) {
    const hub = await registerHub(ctx, POQ.hubRegister.id, API.poq);
    ctx.expectStatus(POQ.hubRegister.id, hub, [201]);
    const sent = poq(mainProduct(ctx), { instant: true, externalId: externalId(ctx, 'poq'), items: 2 });
    const { ex, body } = await create(ctx, POQ.createContract, {
      api: API.poq,
      operationId: 'createProductOfferingQualification',
      body: sent,
    });
    const q = need(body, 'the POQ', ctx);
    judgeResponse(ctx, sent, q, ex);
    const final = ['done.ready', 'terminatedWithError'].includes(q.state);
    ctx.assert(POQ.instantFinal.id, final, {
      message: final ? `answered at once: ${q.state}` : `an immediate POQ answered ${q.state}`,
      expected: ['done.ready', 'terminatedWithError'],
      found: q.state,
      exchanges: [ex],
    });
    judgeItems(ctx, q, ex);
    const n = await awaitNotification(
      ctx,
      (x) => x.record.entityId === q.id && x.record.eventType === 'poqCreateEvent',
      `poqCreateEvent for ${q.id}`,
    );
    ctx.check(POQ.createEvent.id, 'pass', {
      message: 'poqCreateEvent arrived for the immediate POQ',
      notifications: [n],
    });
    ctx.check(POQ.hubDelivered.id, 'pass', {
      message: `poqCreateEvent arrived at ${n.record.path}`,
      notifications: [n],
    });
    checkIdsEchoed(ctx, POQ.hubIds, n);
    await quietPeriod(ctx);
    const all = notificationsAbout(ctx, q.id);
    for (const x of all) ctx.checkNotification(POQ.hubContract.id, x);
    const creates = all.filter((x) => x.record.eventType === 'poqCreateEvent').length;
    const states = all.filter((x) => x.record.eventType !== 'poqCreateEvent');
    ctx.assert(POQ.createEvent.id, creates === 1, {
      message: `${creates} poqCreateEvent(s) for one POQ`,
      expected: 1,
      notifications: all,
    });
    ctx.assert(POQ.stateEvents.id, states.length === 0, {
      message: states.length
        ? `an immediate POQ got ${states.map((x) => x.record.eventType).join(', ')}`
        : 'no state change event for the immediate POQ',
      notifications: states,
    });
  },
});

export const poqDeferred = scenario({
  id: 'sonata.poq.deferred',
  title: 'S4b/c: a deferred qualification goes acknowledged → inProgress → done.ready, announced by events',
  api: API.poq,
  requires: ['deferredPoq'],
  rules: [
    POQ.hubRegister,
    POQ.createContract,
    POQ.createEcho,
    POQ.sellerContact,
    POQ.itemsMatch,
    POQ.deferredLifecycle,
    POQ.readyItems,
    POQ.aggregate,
    POQ.createEvent,
    POQ.stateEvents,
    POQ.retrieveContract,
    POQ.hubDelivered,
    POQ.hubContract,
  ],
  async run(ctx) {
    ctx.expectStatus(POQ.hubRegister.id, await registerHub(ctx, POQ.hubRegister.id, API.poq), [201]);
    const sent = poq(mainProduct(ctx), { instant: false, externalId: externalId(ctx, 'poq') });
    const { ex, body } = await create(ctx, POQ.createContract, {
      api: API.poq,
      operationId: 'createProductOfferingQualification',
      body: sent,
    });
    const q = need(body, 'the POQ', ctx);
    judgeResponse(ctx, sent, q, ex);
    const polled = await pollUntil(ctx, get(q.id), (b) => FINAL.includes(b.state), `POQ ${q.id} to finish`);
    const last = bodyOf(polled.last)!;
    ctx.checkContract(POQ.retrieveContract.id, polled.last);
    judgeItems(ctx, last, polled.last);
    const seen = [q.state, ...polled.all.map((e) => String(bodyOf(e)?.state))];
    checkRecordedHistory(
      ctx,
      POQ.deferredLifecycle,
      getStateMachine('sonata.poq'),
      historyOf(last),
      seen,
      [polled.last],
      `POQ ${q.id}`,
    );
    ctx.assert(POQ.deferredLifecycle.id, last.state === 'done.ready', {
      message: `the deferred POQ ended ${last.state}`,
      expected: 'done.ready',
      exchanges: [polled.last],
    });
    const created = await awaitNotification(
      ctx,
      (x) => x.record.entityId === q.id && x.record.eventType === 'poqCreateEvent',
      `poqCreateEvent for ${q.id}`,
    );
    ctx.check(POQ.createEvent.id, 'pass', {
      message: 'poqCreateEvent arrived for the deferred POQ',
      notifications: [created],
    });
    ctx.check(POQ.hubDelivered.id, 'pass', {
      message: `poqCreateEvent arrived at ${created.record.path}`,
      notifications: [created],
    });
    const changes = historyOf(last).length - 1;
    if (changes > 0)
      await awaitNotification(
        ctx,
        () => notificationsAbout(ctx, q.id, ['poqStateChangeEvent']).length >= changes,
        `${changes} poqStateChangeEvents`,
      ).catch(() => undefined);
    await quietPeriod(ctx);
    const stateEvents = notificationsAbout(ctx, q.id, ['poqStateChangeEvent']);
    const itemEvents = notificationsAbout(ctx, q.id, ['poqItemStateChangeEvent']);
    const itemIdsOk = itemEvents.every((x) =>
      asArray<Json>(last[ITEMS]).some((i) => i.id === (x.json as Json)?.event?.poqItemId),
    );
    ctx.assert(POQ.stateEvents.id, stateEvents.length === changes && itemIdsOk, {
      message: `${stateEvents.length} poqStateChangeEvent(s) for ${changes} change(s) after the 201; ${itemEvents.length} item event(s)${itemIdsOk ? '' : ', some without a poqItemId of the POQ'}`,
      notifications: [...stateEvents, ...itemEvents],
    });
    for (const x of notificationsAbout(ctx, q.id)) ctx.checkNotification(POQ.hubContract.id, x);
  },
});

export const poqTerminated = scenario({
  id: 'sonata.poq.terminated',
  title: 'S4e: one item cannot be qualified: POQ terminatedWithError, the others done.abandoned, no success attributes',
  api: API.poq,
  rules: [POQ.errorItems, POQ.aggregate, POQ.createContract],
  async run(ctx) {
    await requireControl(ctx);
    const sent = poq(mainProduct(ctx), { instant: false, externalId: externalId(ctx, 'poq'), items: 3 });
    const { body } = await create(ctx, POQ.createContract, {
      api: API.poq,
      operationId: 'createProductOfferingQualification',
      body: sent,
      headers: outcomeHeader('terminatedWithError'),
    });
    const q = need(body, 'the POQ', ctx);
    const polled = await pollUntil(ctx, get(q.id), (b) => FINAL.includes(b.state), `POQ ${q.id} to finish`);
    const last = bodyOf(polled.last)!;
    ctx.assert(POQ.aggregate.id, last.state === 'terminatedWithError', {
      message: `the POQ ended ${last.state}`,
      expected: 'terminatedWithError',
      exchanges: [polled.last],
    });
    judgeItems(ctx, last, polled.last);
  },
});

const POQ_LIST: ListSpec = {
  api: API.poq,
  list: 'listProductOfferingQualification',
  retrieve: 'retrieveProductOfferingQualification',
  filters: {
    state: 'state',
    externalId: 'externalId',
    projectId: 'projectId',
    'requestedPOQCompletionDate.gt': 'requestedPOQCompletionDate',
    'requestedPOQCompletionDate.lt': 'requestedPOQCompletionDate',
  },
  impossible: { externalId: 'LSO-NO-SUCH-POQ-0f1e2d' },
  paginated: true,
  rules: { contract: POQ.listContract, pagination: POQ.listPagination, filters: POQ.listFilters, empty: POQ.listEmpty },
};

export const poqListAndErrors = scenario({
  id: 'sonata.poq.list-and-errors',
  title: 'List POQs (paging, filters, empty); an unknown id; POQs the Seller must refuse',
  api: API.poq,
  rules: [
    POQ.listContract,
    POQ.listPagination,
    POQ.listFilters,
    POQ.listEmpty,
    POQ.retrieveUnknown,
    POQ.invalidPayload,
    POQ.unknownProduct,
  ],
  async run(ctx) {
    const known: Json[] = [];
    for (const instant of [true, false]) {
      const ex = await ctx.send({
        api: API.poq,
        operationId: 'createProductOfferingQualification',
        body: poq(mainProduct(ctx), { instant, externalId: externalId(ctx, 'poq-list') }),
      });
      const q = bodyOf(ex);
      if (ex.status !== 201 || !q?.id) ctx.abort('the Seller did not take a set-up POQ');
      known.push(bodyOf(await ctx.send(get(q!.id))) ?? q!);
    }
    await checkList(ctx, POQ_LIST, known);
    await checkUnknownId(ctx, POQ.retrieveUnknown, {
      api: API.poq,
      operationId: 'retrieveProductOfferingQualification',
    });
    const noItems = poq(mainProduct(ctx), { instant: true, externalId: externalId(ctx, 'poq-neg') });
    noItems[ITEMS] = [];
    expectError(
      ctx,
      POQ.invalidPayload,
      await ctx.send({
        api: API.poq,
        operationId: 'createProductOfferingQualification',
        body: noItems,
        negative: true,
      }),
      [400, 422],
    );
    const withId = poq(mainProduct(ctx), { instant: true, externalId: externalId(ctx, 'poq-neg') });
    withId[ITEMS][0].product.id = 'PRODUCT-CHOSEN-BY-BUYER';
    expect422(
      ctx,
      POQ.invalidPayload,
      await ctx.send({ api: API.poq, operationId: 'createProductOfferingQualification', body: withId, negative: true }),
      [`/${ITEMS}/0/product/id`],
      'add item with product.id',
    );
    const change = poq(mainProduct(ctx), { instant: false, externalId: externalId(ctx, 'poq-neg') });
    change[ITEMS][0].action = 'modify';
    await checkUnknownProductChange(ctx, POQ.unknownProduct, {
      create: { api: API.poq, operationId: 'createProductOfferingQualification', body: change },
      items: ITEMS,
      get,
      settled: (b) => FINAL.includes(b.state),
      found: ['done.ready'],
      what: 'a POQ to modify a product the Buyer does not have',
    });
  },
});

/** S11 for POQ: a filtered hub, its removal, and silence afterwards (POQ has no GET /hub/{id}). */
export const poqHub = scenario({
  id: 'sonata.poq.hub-semantics',
  title: 'S11: a POQ hub for poqStateChangeEvent only gets those; after DELETE /hub nothing arrives',
  api: API.poq,
  requires: ['deferredPoq'],
  rules: [POQ.hubRegister, POQ.hubUnregister, POQ.hubFilter, POQ.hubSilent],
  async run(ctx) {
    const reg = await registerHub(ctx, POQ.hubRegister.id, API.poq, 'eventType=poqStateChangeEvent');
    if (!ctx.expectStatus(POQ.hubRegister.id, reg, [201])) ctx.abort('the hub registration was not accepted');
    const hubId = bodyOf(reg)!.id as string;
    const make = async () => {
      const ex = await ctx.send({
        api: API.poq,
        operationId: 'createProductOfferingQualification',
        body: poq(mainProduct(ctx), { instant: false, externalId: externalId(ctx, 'poq-hub') }),
      });
      const id = bodyOf(ex)?.id;
      if (ex.status !== 201 || typeof id !== 'string') ctx.abort('the Seller did not take a set-up POQ');
      const polled = await pollUntil(ctx, get(id as string), (b) => FINAL.includes(b.state), `POQ ${id} to finish`);
      return bodyOf(polled.last)!;
    };
    const first = await make();
    const changes = historyOf(first).length - 1;
    await awaitNotification(
      ctx,
      () => notificationsAbout(ctx, first.id, ['poqStateChangeEvent']).length >= Math.max(1, changes),
      'poqStateChangeEvents',
    ).catch(() => undefined);
    await quietPeriod(ctx);
    const others = notificationsAbout(ctx, first.id).filter((n) => n.record.eventType !== 'poqStateChangeEvent');
    const got = notificationsAbout(ctx, first.id, ['poqStateChangeEvent']);
    ctx.assert(POQ.hubFilter.id, others.length === 0 && got.length > 0, {
      message: others.length
        ? `the hub asked for poqStateChangeEvent only, yet got ${[...new Set(others.map((n) => n.record.eventType))].join(', ')}`
        : got.length
          ? 'only poqStateChangeEvent arrived'
          : 'no poqStateChangeEvent arrived',
      notifications: [...got, ...others],
    });
    const del = await unregisterHub(ctx, POQ.hubUnregister.id, API.poq, hubId);
    ctx.expectStatus(POQ.hubUnregister.id, del, [204]);
    expectError(
      ctx,
      POQ.hubUnregister,
      await ctx.send({ api: API.poq, operationId: 'unregisterListener', pathParams: { id: hubId } }),
      [404],
    );
    const second = await make();
    await quietPeriod(ctx);
    const late = notificationsAbout(ctx, second.id);
    ctx.assert(POQ.hubSilent.id, late.length === 0, {
      message: late.length
        ? `${late.length} event(s) for ${second.id} after the hub was removed`
        : 'nothing arrived after the hub was removed',
      notifications: late,
    });
  },
});
