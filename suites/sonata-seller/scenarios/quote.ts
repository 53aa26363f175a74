import type { Exchange } from '../../../runtime/http/checking-client';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { getStateMachine } from '../../../specs/state-machines/index';
import { QUOTE } from '../rules/index';
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
import { quote } from '../../sonata/payloads';
import { requireControl, outcomeHeader } from '../support/seller';
import { awaitNotification, notificationsAbout, pollUntil, quietPeriod } from '../support/wait';
import { checkUnknownProductChange } from '../support/unknown-product';
import { scenario } from './define';
import { externalId, mainProduct } from './flows';
import { registerHub, unregisterHub } from '../support/hubs';

const COMPLETED = ['approved.orderable', 'approved.orderableAlternate', 'answered', 'unableToProvide'];
const FINAL_OR_DONE = [...new Set([...getStateMachine('sonata.quote').terminal, ...COMPLETED])];
const APPROVED = ['approved.orderable', 'approved.orderableAlternate'];
const get = (id: string) => ({ api: API.quote, operationId: 'retrieveQuote', pathParams: { id } });

/** What every quote response must have (R13/R26, R27–R31, R61, R60) and the level it answers with (R33–R35). */
function judgeQuote(ctx: ScenarioContext<SonataSellerProfile>, sent: Json, q: Json, ex: Exchange): void {
  checkEcho(ctx, QUOTE.createEcho, sent, q, 'the quote response', ex);
  const items = asArray<Json>(q.quoteItem);
  const missing = [
    typeof q.id === 'string' ? '' : 'id',
    typeof q.state === 'string' ? '' : 'state',
    q.quoteDate ? '' : 'quoteDate',
    items.every((i) => typeof i.state === 'string') ? '' : 'quoteItem.state',
    asArray<Json>(q.relatedContactInformation).some((c) => c.role === 'sellerContactInformation')
      ? ''
      : 'a sellerContactInformation contact',
  ].filter(Boolean);
  ctx.assert(QUOTE.sellerAttributes.id, missing.length === 0, {
    message: missing.length
      ? `the quote lacks ${missing.join(', ')}`
      : 'id, state, quoteDate, item states and the Seller contact are there',
    exchanges: [ex],
  });
  const sentIds = asArray<Json>(sent.quoteItem)
    .map((i) => i.id)
    .sort();
  const gotIds = items.map((i) => i.id).sort();
  ctx.assert(QUOTE.itemsMatch.id, JSON.stringify(sentIds) === JSON.stringify(gotIds), {
    message: `requested items ${sentIds.join(',')}, quote items ${gotIds.join(',')}`,
    exchanges: [ex],
  });
  if (COMPLETED.includes(q.state) && q.state !== 'unableToProvide') {
    const asked = sent.buyerRequestedQuoteLevel;
    const ok =
      asked === 'budgetary'
        ? q.quoteLevel === 'budgetary'
        : q.quoteLevel === 'firm' ||
          (q.quoteLevel === 'firmSubjectToFeasibilityCheck' && items.some((i) => i.subjectToFeasibilityCheck === true));
    ctx.assert(QUOTE.level.id, ok, {
      message: ok ? `asked ${asked}, answered ${q.quoteLevel}` : `asked ${asked}, answered quoteLevel ${q.quoteLevel}`,
      exchanges: [ex],
    });
    for (const i of items) {
      const term = i.quoteItemTerm;
      const terms = asArray<Json>(term);
      const problems = [
        terms.length ? '' : `item ${i.id} has no quoteItemTerm`,
        ...terms.map((t) =>
          t.endOfTermAction === 'roll' && !t.rollInterval
            ? `item ${i.id}: roll without rollInterval`
            : t.endOfTermAction !== 'roll' && t.rollInterval
              ? `item ${i.id}: rollInterval with ${t.endOfTermAction}`
              : '',
        ),
      ].filter(Boolean);
      ctx.assert(QUOTE.terms.id, problems.length === 0, {
        message: problems.join('; ') || `item ${i.id} has its term, rollInterval as endOfTermAction needs`,
        exchanges: [ex],
      });
    }
  }
  if (q.state === 'approved.orderable') {
    const all = items.every((i) => i.state === 'approved.orderable');
    ctx.assert(QUOTE.approvedAggregate.id, all, {
      message: all
        ? 'approved.orderable, every item too'
        : `approved.orderable with items ${items.map((i) => i.state).join(', ')}`,
      exchanges: [ex],
    });
  }
}

async function newQuote(
  ctx: ScenarioContext<SonataSellerProfile>,
  instant: boolean,
  level: 'firm' | 'budgetary',
  outcome?: string,
): Promise<{ sent: Json; q: Json; ex: Exchange }> {
  const sent = quote(mainProduct(ctx), { instant, level, externalId: externalId(ctx, 'quote') });
  const { ex, body } = await create(ctx, QUOTE.createContract, {
    api: API.quote,
    operationId: 'createQuote',
    body: sent,
    headers: outcomeHeader(outcome),
  });
  return { sent, q: need(body, 'the quote', ctx), ex };
}

export const quoteImmediate = scenario({
  id: 'sonata.quote.immediate-firm',
  title: 'S5: an immediate firm quote is approved at once; cancelling it is refused; declining it ends it declined',
  api: API.quote,
  rules: [
    QUOTE.createContract,
    QUOTE.createEcho,
    QUOTE.sellerAttributes,
    QUOTE.itemsMatch,
    QUOTE.bothModes,
    QUOTE.level,
    QUOTE.terms,
    QUOTE.approvedAggregate,
    QUOTE.cancelWrongState,
    QUOTE.decline,
    QUOTE.lifecycle,
    QUOTE.retrieveContract,
  ],
  async run(ctx) {
    const { sent, q, ex } = await ctx.step('ask for an immediate firm quote', () => newQuote(ctx, true, 'firm'));
    ctx.check(QUOTE.bothModes.id, 'pass', { message: 'an immediate request was accepted (201)', exchanges: [ex] });
    judgeQuote(ctx, sent, q, ex);
    if (!APPROVED.includes(q.state)) ctx.abort(`the immediate quote is ${q.state}, so declining it cannot be tried`);
    await ctx.step('cancelling an approved quote is refused', async () => {
      const c = await ctx.send({
        api: API.quote,
        operationId: 'cancelQuote',
        body: { quoteId: q.id, reason: 'conformance test' },
        negative: true,
      });
      expectError(ctx, QUOTE.cancelWrongState, c, [422]);
      const after = bodyOf(await ctx.send(get(q.id)));
      ctx.assert(QUOTE.cancelWrongState.id, after?.state === q.state, {
        message: `the quote is ${after?.state} after the refused cancel`,
        expected: q.state,
      });
    });
    await ctx.step('decline it', async () => {
      const r = await ctx.call(QUOTE.decline.id, {
        api: API.quote,
        operationId: 'rejectQuote',
        body: { quoteId: q.id, reason: 'conformance test' },
      });
      if (!ctx.expectStatus(QUOTE.decline.id, r, [200])) return;
      const polled = await pollUntil(ctx, get(q.id), (b) => b.state !== q.state, `quote ${q.id} to leave ${q.state}`);
      const last = bodyOf(polled.last)!;
      ctx.checkContract(QUOTE.retrieveContract.id, polled.last);
      ctx.assert(QUOTE.decline.id, last.state === 'declined', {
        message: `the declined quote is ${last.state}`,
        expected: 'declined',
        exchanges: [polled.last],
      });
      checkRecordedHistory(
        ctx,
        QUOTE.lifecycle,
        getStateMachine('sonata.quote'),
        historyOf(last),
        [q.state, last.state],
        [polled.last],
        `quote ${q.id}`,
      );
    });
  },
});

export const quoteDeferred = scenario({
  id: 'sonata.quote.deferred-budgetary',
  title: 'S5: a deferred budgetary quote is answered, announced by quote and quote item events',
  api: API.quote,
  rules: [
    QUOTE.hubRegister,
    QUOTE.createContract,
    QUOTE.createEcho,
    QUOTE.sellerAttributes,
    QUOTE.itemsMatch,
    QUOTE.bothModes,
    QUOTE.level,
    QUOTE.terms,
    QUOTE.lifecycle,
    QUOTE.deferredEvents,
    QUOTE.itemEvents,
    QUOTE.hubDelivered,
    QUOTE.hubContract,
    QUOTE.hubIds,
  ],
  async run(ctx) {
    ctx.expectStatus(QUOTE.hubRegister.id, await registerHub(ctx, QUOTE.hubRegister.id, API.quote), [201]);
    const { sent, q, ex } = await newQuote(ctx, false, 'budgetary');
    ctx.check(QUOTE.bothModes.id, 'pass', { message: 'a deferred request was accepted (201)', exchanges: [ex] });
    const polled = await pollUntil(
      ctx,
      get(q.id),
      (b) => FINAL_OR_DONE.includes(b.state),
      `quote ${q.id} to be answered`,
    );
    const last = bodyOf(polled.last)!;
    judgeQuote(ctx, sent, last, polled.last);
    checkRecordedHistory(
      ctx,
      QUOTE.lifecycle,
      getStateMachine('sonata.quote'),
      historyOf(last),
      [q.state, ...polled.all.map((e) => String(bodyOf(e)?.state))],
      [polled.last],
      `quote ${q.id}`,
    );
    ctx.assert(QUOTE.lifecycle.id, last.state === 'answered', {
      message: `the budgetary quote ended ${last.state}`,
      expected: 'answered',
      exchanges: [polled.last],
    });
    const changes = historyOf(last).length - 1;
    const first = await awaitNotification(
      ctx,
      (n) => n.record.entityId === q.id && n.record.eventType === 'quoteStateChangeEvent',
      `quoteStateChangeEvent for ${q.id}`,
    );
    ctx.check(QUOTE.hubDelivered.id, 'pass', {
      message: `quoteStateChangeEvent arrived at ${first.record.path}`,
      notifications: [first],
    });
    checkIdsEchoed(ctx, QUOTE.hubIds, first);
    await awaitNotification(
      ctx,
      () => notificationsAbout(ctx, q.id, ['quoteStateChangeEvent']).length >= changes,
      `${changes} quoteStateChangeEvents`,
    ).catch(() => undefined);
    await quietPeriod(ctx);
    const states = notificationsAbout(ctx, q.id, ['quoteStateChangeEvent']);
    ctx.assert(QUOTE.deferredEvents.id, states.length === changes, {
      message: `${states.length} quoteStateChangeEvent(s) for ${changes} change(s) (${historyOf(last).join(' → ')})`,
      notifications: states,
    });
    const items = notificationsAbout(ctx, q.id, ['quoteItemStateChangeEvent']);
    if (!items.length)
      ctx.check(QUOTE.itemEvents.id, 'error', {
        message: 'no quoteItemStateChangeEvent arrived although the items changed state',
      });
    for (const n of items) {
      const itemId = (n.json as Json | undefined)?.event?.quoteItemId;
      const ok = asArray<Json>(last.quoteItem).some((i) => i.id === itemId);
      ctx.assert(QUOTE.itemEvents.id, ok, {
        message: ok
          ? `quoteItemStateChangeEvent names item ${itemId}`
          : `quoteItemStateChangeEvent names quoteItemId ${JSON.stringify(itemId)}`,
        notifications: [n],
      });
    }
    for (const n of notificationsAbout(ctx, q.id)) ctx.checkNotification(QUOTE.hubContract.id, n);
  },
});

export const quoteCancel = scenario({
  id: 'sonata.quote.cancel',
  title: 'S5: a deferred quote cancelled while in progress ends cancelled; declining it in progress is refused',
  api: API.quote,
  rules: [QUOTE.cancel, QUOTE.declineWrongState, QUOTE.lifecycle, QUOTE.createContract],
  async run(ctx) {
    const { q } = await newQuote(ctx, false, 'firm', 'draft');
    const inProgress = await pollUntil(
      ctx,
      get(q.id),
      (b) => ['inProgress', 'inProgress.draft', ...FINAL_OR_DONE].includes(b.state),
      `quote ${q.id} to be in progress`,
      { stepMs: 250 },
    );
    const now = bodyOf(inProgress.last)!;
    if (!['inProgress', 'inProgress.draft'].includes(now.state))
      ctx.abort(`the quote went ${now.state} before it could be cancelled in progress`);
    const decline = await ctx.send({
      api: API.quote,
      operationId: 'rejectQuote',
      body: { quoteId: q.id, reason: 'conformance test' },
      negative: true,
    });
    expectError(ctx, QUOTE.declineWrongState, decline, [422]);
    const c = await ctx.call(QUOTE.cancel.id, {
      api: API.quote,
      operationId: 'cancelQuote',
      body: { quoteId: q.id, reason: 'conformance test' },
    });
    if (!ctx.expectStatus(QUOTE.cancel.id, c, [200])) return;
    const polled = await pollUntil(
      ctx,
      get(q.id),
      (b) => getStateMachine('sonata.quote').terminal.includes(b.state),
      `quote ${q.id} to end`,
    );
    const last = bodyOf(polled.last)!;
    ctx.assert(QUOTE.cancel.id, last.state === 'cancelled', {
      message: `the cancelled quote is ${last.state}`,
      expected: 'cancelled',
      exchanges: [c, polled.last],
    });
    checkRecordedHistory(
      ctx,
      QUOTE.lifecycle,
      getStateMachine('sonata.quote'),
      historyOf(last),
      [q.state, ...inProgress.all.map((e) => String(bodyOf(e)?.state)), last.state],
      [polled.last],
      `quote ${q.id}`,
    );
  },
});

export const quoteAlternate = scenario({
  id: 'sonata.quote.alternate',
  title: 'S5: the Seller prices another term than the one asked: approved.orderableAlternate',
  api: API.quote,
  rules: [QUOTE.alternate, QUOTE.createContract],
  async run(ctx) {
    await requireControl(ctx);
    const { sent, q } = await newQuote(ctx, false, 'firm', 'alternate');
    const polled = await pollUntil(
      ctx,
      get(q.id),
      (b) => FINAL_OR_DONE.includes(b.state),
      `quote ${q.id} to be answered`,
    );
    const last = bodyOf(polled.last)!;
    const asked = sent.quoteItem[0].requestedQuoteItemTerm.duration;
    const items = asArray<Json>(last.quoteItem);
    const differs = items.filter((i) =>
      asArray<Json>(i.quoteItemTerm).some(
        (t) => t.duration && (t.duration.amount !== asked.amount || t.duration.units !== asked.units),
      ),
    );
    const ok =
      last.state === 'approved.orderableAlternate' &&
      differs.length > 0 &&
      differs.every((i) => i.state === 'approved.orderableAlternate');
    ctx.assert(QUOTE.alternate.id, ok, {
      message: ok
        ? 'another term than asked: the quote and its items are approved.orderableAlternate'
        : `quote ${last.state}, items ${items.map((i) => `${i.id}:${i.state}`).join(', ')}, ${differs.length} with another term`,
      exchanges: [polled.last],
    });
  },
});

const QUOTE_LIST: ListSpec = {
  api: API.quote,
  list: 'listQuote',
  retrieve: 'retrieveQuote',
  filters: {
    state: 'state',
    quoteLevel: 'quoteLevel',
    externalId: 'externalId',
    projectId: 'projectId',
    'quoteDate.gt': 'quoteDate',
    'quoteDate.lt': 'quoteDate',
    'requestedQuoteCompletionDate.gt': 'requestedQuoteCompletionDate',
    'requestedQuoteCompletionDate.lt': 'requestedQuoteCompletionDate',
    'expectedQuoteCompletionDate.gt': 'expectedQuoteCompletionDate',
    'expectedQuoteCompletionDate.lt': 'expectedQuoteCompletionDate',
    'effectiveQuoteCompletionDate.gt': 'effectiveQuoteCompletionDate',
    'effectiveQuoteCompletionDate.lt': 'effectiveQuoteCompletionDate',
  },
  impossible: { externalId: 'LSO-NO-SUCH-QUOTE-0f1e2d' },
  paginated: true,
  rules: {
    contract: QUOTE.listContract,
    pagination: QUOTE.listPagination,
    filters: QUOTE.listFilters,
    empty: QUOTE.listEmpty,
  },
};

export const quoteListAndErrors = scenario({
  id: 'sonata.quote.list-and-errors',
  title: 'List quotes (paging, filters, empty); an unknown id; quotes the Seller must refuse',
  api: API.quote,
  rules: [
    QUOTE.listContract,
    QUOTE.listPagination,
    QUOTE.listFilters,
    QUOTE.listEmpty,
    QUOTE.retrieveUnknown,
    QUOTE.invalidPayload,
    QUOTE.unknownProduct,
  ],
  async run(ctx) {
    const known: Json[] = [];
    for (const [instant, level] of [
      [true, 'firm'],
      [false, 'budgetary'],
    ] as const) {
      const ex = await ctx.send({
        api: API.quote,
        operationId: 'createQuote',
        body: quote(mainProduct(ctx), { instant, level, externalId: externalId(ctx, 'quote-list') }),
      });
      const id = bodyOf(ex)?.id;
      if (ex.status !== 201 || typeof id !== 'string') ctx.abort('the Seller did not take a set-up quote');
      const polled = await pollUntil(
        ctx,
        get(id as string),
        (b) => FINAL_OR_DONE.includes(b.state),
        `quote ${id} to be answered`,
      );
      known.push(bodyOf(polled.last)!);
    }
    await checkList(ctx, QUOTE_LIST, known);
    await checkUnknownId(ctx, QUOTE.retrieveUnknown, { api: API.quote, operationId: 'retrieveQuote' });
    const noItems = quote(mainProduct(ctx), { instant: true, level: 'firm', externalId: externalId(ctx, 'quote-neg') });
    noItems.quoteItem = [];
    expectError(
      ctx,
      QUOTE.invalidPayload,
      await ctx.send({ api: API.quote, operationId: 'createQuote', body: noItems, negative: true }),
      [400, 422],
    );
    const del = quote(mainProduct(ctx), { instant: true, level: 'firm', externalId: externalId(ctx, 'quote-neg') });
    del.quoteItem[0].action = 'delete';
    del.quoteItem[0].product = {
      id: 'ANY-PRODUCT',
      productConfiguration: del.quoteItem[0].product.productConfiguration,
    };
    expect422(
      ctx,
      QUOTE.invalidPayload,
      await ctx.send({ api: API.quote, operationId: 'createQuote', body: del, negative: true }),
      ['/quoteItem/0/product/productConfiguration', '/quoteItem/0/product/id'],
      'delete item with productConfiguration',
    );
    const gone = quote(mainProduct(ctx), { instant: false, level: 'firm', externalId: externalId(ctx, 'quote-neg') });
    gone.quoteItem[0].action = 'delete';
    gone.quoteItem[0].product = { id: 'set-by-the-check' };
    await checkUnknownProductChange(ctx, QUOTE.unknownProduct, {
      create: { api: API.quote, operationId: 'createQuote', body: gone },
      items: 'quoteItem',
      get,
      settled: (b) => FINAL_OR_DONE.includes(b.state),
      found: ['approved.orderable', 'approved.orderableAlternate', 'answered'],
      what: 'a quote to delete a product the Buyer does not have',
    });
  },
});

export const quoteHub = scenario({
  id: 'sonata.quote.hub-semantics',
  title: 'S11: a quote hub for quoteStateChangeEvent only gets those; after DELETE /hub nothing arrives',
  api: API.quote,
  rules: [QUOTE.hubRegister, QUOTE.hubUnregister, QUOTE.hubFilter, QUOTE.hubSilent, QUOTE.createContract],
  async run(ctx) {
    const reg = await registerHub(ctx, QUOTE.hubRegister.id, API.quote, 'eventType=quoteStateChangeEvent');
    if (!ctx.expectStatus(QUOTE.hubRegister.id, reg, [201])) ctx.abort('the hub registration was not accepted');
    const hubId = bodyOf(reg)!.id as string;
    const make = async () => {
      const { q } = await newQuote(ctx, false, 'firm');
      const polled = await pollUntil(
        ctx,
        get(q.id),
        (b) => FINAL_OR_DONE.includes(b.state),
        `quote ${q.id} to be answered`,
      );
      return bodyOf(polled.last)!;
    };
    const first = await make();
    const changes = historyOf(first).length - 1;
    await awaitNotification(
      ctx,
      () => notificationsAbout(ctx, first.id, ['quoteStateChangeEvent']).length >= Math.max(1, changes),
      'quoteStateChangeEvents',
    ).catch(() => undefined);
    await quietPeriod(ctx);
    const got = notificationsAbout(ctx, first.id, ['quoteStateChangeEvent']);
    const others = notificationsAbout(ctx, first.id).filter((n) => n.record.eventType !== 'quoteStateChangeEvent');
    ctx.assert(QUOTE.hubFilter.id, others.length === 0 && got.length > 0, {
      message: others.length
        ? `the hub asked for quoteStateChangeEvent only, yet got ${[...new Set(others.map((n) => n.record.eventType))].join(', ')}`
        : got.length
          ? 'only quoteStateChangeEvent arrived'
          : 'no quoteStateChangeEvent arrived',
      notifications: [...got, ...others],
    });
    ctx.expectStatus(QUOTE.hubUnregister.id, await unregisterHub(ctx, QUOTE.hubUnregister.id, API.quote, hubId), [204]);
    expectError(
      ctx,
      QUOTE.hubUnregister,
      await ctx.send({ api: API.quote, operationId: 'unregisterListener', pathParams: { id: hubId } }),
      [404],
    );
    const second = await make();
    await quietPeriod(ctx);
    const late = notificationsAbout(ctx, second.id);
    ctx.assert(QUOTE.hubSilent.id, late.length === 0, {
      message: late.length
        ? `${late.length} event(s) for ${second.id} after the hub was removed`
        : 'nothing arrived after the hub was removed',
      notifications: late,
    });
  },
});
