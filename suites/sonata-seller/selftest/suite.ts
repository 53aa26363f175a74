import { getStateMachine } from '../../../specs/state-machines/index';
import { repoVersion } from '../../harness/harness-version';
import { profileFromObject } from '../../harness/profile';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { Scenario, Suite } from '../../harness/suite';
import { buyerSellerQuery, SONATA_SELLER_PROFILE, type SonataSellerProfile } from '../profile';
import { registerHub, unregisterHub } from '../support/hubs';
import { SELFTEST_RULES as R } from './rules';
import { startSelftestTarget } from './target';

const API = 'sonata.productOrder';
const NOTIFICATIONS = 'sonata.productOrderNotification';
const EVENT = 'productOrderStateChangeEvent';

const hubAndNotification: Scenario<SonataSellerProfile> = {
  id: 'selftest.hub-notification-fetch',
  title: 'Register a hub, receive a notification, fetch the order it names, remove the hub',
  api: API,
  rules: [
    R.hubContract,
    R.hubQuery,
    R.delivered,
    R.notificationContract,
    R.idsEchoed,
    R.retrieveContract,
    R.retrieveSameId,
    R.history,
    R.unregisterContract,
  ].map((r) => r.id),
  async run(ctx) {
    const hub = await ctx.step('register a hub for productOrderStateChangeEvent', async () => {
      const ex = await registerHub(ctx, R.hubContract.id, API, `eventType=${EVENT}`);
      if (!ctx.expectStatus(R.hubQuery.id, ex, [201])) ctx.abort('the hub registration was not accepted');
      const id = (ex.json as { id?: unknown } | undefined)?.id;
      return typeof id === 'string' ? id : ctx.abort('the hub registration returned no id');
    });
    const n = await ctx.step('wait for the notification', async () => {
      const got = await ctx.waitForNotification((x) => x.record.eventType === EVENT, { what: `${EVENT} notification` });
      ctx.check(R.delivered.id, 'pass', { message: `${EVENT} received at ${got.record.path}`, notifications: [got] });
      ctx.checkNotification(R.notificationContract.id, got);
      checkIdsEchoed(ctx, got.json);
      return got;
    });
    const order = await ctx.step('fetch the order the notification names', async () => {
      const id = n.record.entityId ?? ctx.abort('the notification names no entity (event.id)');
      const ex = await ctx.call(R.retrieveContract.id, {
        api: API,
        operationId: 'retrieveProductOrder',
        pathParams: { id },
      });
      const body = ex.json as { id?: unknown } | undefined;
      ctx.assert(R.retrieveSameId.id, body?.id === id, {
        message: body?.id === id ? `the order is ${id}` : 'the retrieved order has another id',
        expected: id,
        found: body?.id,
        exchanges: [ex],
        notifications: [n],
      });
      return ex;
    });
    await ctx.step("check the order's state history", () => {
      const body = order.json as
        { state?: unknown; stateChange?: Array<{ state?: unknown; changeDate?: unknown }> } | undefined;
      const history = [...(body?.stateChange ?? [])]
        .sort((a, b) => String(a.changeDate).localeCompare(String(b.changeDate)))
        .map((s) => String(s.state));
      if (typeof body?.state === 'string' && history[history.length - 1] !== body.state) history.push(body.state);
      ctx.assertHistory(
        R.history.id,
        getStateMachine('sonata.productOrder'),
        history,
        { strict: true },
        { exchanges: [order] },
      );
    });
    await ctx.step('remove the hub', async () => {
      const ex = await unregisterHub(ctx, R.unregisterContract.id, API, hub);
      if (ex.responseCheck?.valid) ctx.expectStatus(R.unregisterContract.id, ex, [204]);
    });
  },
};

/** MEF 123 R6 applies only when the registration carried buyerId/sellerId, i.e. when the profile sets them. */
function checkIdsEchoed(ctx: ScenarioContext<SonataSellerProfile>, json: unknown): void {
  const { buyerId, sellerId } = ctx.profile;
  if (!buyerId && !sellerId) {
    ctx.check(R.idsEchoed.id, 'skip', {
      message: 'not applicable: the profile sets neither buyerId nor sellerId, so none were sent',
    });
    return;
  }
  const event = (json as { event?: { buyerId?: unknown; sellerId?: unknown } } | undefined)?.event;
  const expected = { ...(buyerId ? { buyerId } : {}), ...(sellerId ? { sellerId } : {}) };
  const found = { ...(buyerId ? { buyerId: event?.buyerId } : {}), ...(sellerId ? { sellerId: event?.sellerId } : {}) };
  ctx.assert(R.idsEchoed.id, JSON.stringify(expected) === JSON.stringify(found), {
    message: 'buyerId/sellerId in the notification',
    expected,
    found,
  });
}

const emptyCancelList: Scenario<SonataSellerProfile> = {
  id: 'selftest.cancel-list-empty',
  title: 'List cancel requests for an order that does not exist',
  api: API,
  rules: [R.cancelListContract.id, R.cancelListEmpty.id],
  requires: ['cancel'],
  async run(ctx) {
    await ctx.step('list cancel requests of an unknown order', async () => {
      const ex = await ctx.call(R.cancelListContract.id, {
        api: API,
        operationId: 'listCancelProductOrder',
        query: { productOrderId: `no-such-order-${ctx.ids.next('probe')}` },
      });
      if (ex.status !== 200) return ctx.expectStatus(R.cancelListEmpty.id, ex, [200]);
      return ctx.assert(R.cancelListEmpty.id, Array.isArray(ex.json) && ex.json.length === 0, {
        message: 'the list is empty',
        expected: [],
        found: ex.json,
        exchanges: [ex],
      });
    });
  },
};

/**
 * `harness-selftest`: exercises the runtime (checking client, listener, hubs, rules, verdicts, reports) against a
 * Sonata seller stand-in started in process, so `lso test` works end to end before any real suite exists. Not a conformance suite.
 */
export const harnessSelftest: Suite<SonataSellerProfile> = {
  id: 'harness-selftest',
  title: 'Harness self-test',
  description:
    'Checks the harness machinery against a tiny in-process target; with --target, against any Sonata seller.',
  rules: Object.values(R),
  scenarios: [hubAndNotification, emptyCancelList],
  // A Sonata stand-in: with --target it runs against any Sonata Seller, so it takes a Seller's profile.
  profile: SONATA_SELLER_PROFILE,
  ports: {
    client: { apis: [API], defaultQuery: buyerSellerQuery },
    listener: { apis: [NOTIFICATIONS] },
  },
  async startDefaultTarget(deps) {
    const target = await startSelftestTarget(deps);
    const profile = profileFromObject(
      {
        target: { name: 'harness self-test target (in process)', version: repoVersion(), baseUrl: target.baseUrl },
        timeouts: { requestMs: 5000, notificationMs: 5000, scenarioMs: 30000 },
      },
      '(embedded harness-selftest target)',
      SONATA_SELLER_PROFILE,
      { baseDir: process.cwd() },
    );
    return { profile, close: () => target.close() };
  },
};
