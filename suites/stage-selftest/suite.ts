import { WaitTimeoutError } from '../../runtime/http/errors';
import type { StageExchange } from '../../runtime/http/stage';
import { getStateMachine } from '../../specs/state-machines/index';
import { transitionsFrom } from '../../specs/state-machines/machine';
import { repoVersion } from '../harness/harness-version';
import { profileFromObject } from '../harness/profile';
import type { ScenarioContext } from '../harness/scenario-context';
import type { Scenario, Suite } from '../harness/suite';
import { CLIENT_PROFILE, type ClientProfile } from './profile';
import { STAGE_RULES as R } from './rules';
import { scriptedClient } from './scripted-client';
import { sellerStandIn } from './seller-stand-in';

const API = 'sonata.productOrder';

const clientOrders: Scenario<ClientProfile> = {
  id: 'stage.client-orders',
  title: 'A client registers a hub, orders, and asks for a change of the order',
  api: API,
  rules: Object.values(R).map((r) => r.id),
  async run(ctx) {
    await ctx.step('the client orders, with a hub registered first', async () => {
      const order = await ctx.stage.waitFor(
        (x) => x.operationId === 'createProductOrder',
        'a POST /productOrder from the client',
      );
      const hub = ctx.stage
        .exchanges()
        .find((x) => x.operationId === 'registerListener' && x.status === 201 && x.index < order.index);
      ctx.assert(R.hubRegistered.id, hub !== undefined, {
        message: hub
          ? `the client registered hub ${(hub.reply as { id?: string } | undefined)?.id} before ordering`
          : 'the client ordered without registering a hub first, so it gets no notification of the order',
        exchanges: hub ? [hub, order] : [order],
      });
    });
    await ctx.step('the client asks to cancel the order', async () => {
      let change: StageExchange;
      try {
        change = await ctx.stage.waitFor(
          (x) => x.operationId === 'createCancelProductOrder',
          'a POST /cancelProductOrder from the client',
        );
      } catch (e) {
        if (!(e instanceof WaitTimeoutError)) throw e;
        return ctx.check(R.transition.id, 'skip', {
          message: `not applicable: the client asked for no change of an order (${e.message})`,
        });
      }
      judgeTransition(ctx, change);
    });
    await ctx.step('every order the client sent conforms to the contract', () => {
      for (const x of ctx.stage.exchanges().filter((e) => e.operationId === 'createProductOrder'))
        ctx.checkStageRequest(R.createContract.id, x);
    });
  },
};

/**
 * The state the client was last told its order is in (by the stage's own answers), and whether the Product Order
 * state machine lets a Buyer ask for this change from there.
 */
function judgeTransition(ctx: ScenarioContext<ClientProfile>, change: StageExchange): void {
  const machine = getStateMachine('sonata.productOrder');
  const orderId = (change.json as { productOrder?: { productOrderId?: unknown } } | undefined)?.productOrder
    ?.productOrderId;
  const told = ctx.stage
    .exchanges()
    .filter(
      (x) =>
        x.index < change.index && (x.operationId === 'createProductOrder' || x.operationId === 'retrieveProductOrder'),
    )
    .map((x) => x.reply as { id?: unknown; state?: unknown } | undefined)
    .filter((o) => o !== undefined && o.id === orderId && typeof o.state === 'string');
  const state = told.at(-1)?.state as string | undefined;
  if (state === undefined)
    return void ctx.check(R.transition.id, 'fail', {
      message: `the client asked to cancel order ${String(orderId)}, which the stage never told it about`,
      exchanges: [change],
    });
  const allowed = transitionsFrom(machine, state).some((t) => t.operationId === change.operationId);
  const from = transitionsFrom(machine, state)
    .filter((t) => t.actor === 'client' && t.operationId)
    .map((t) => t.operationId);
  ctx.assert(R.transition.id, allowed, {
    message: allowed
      ? `${change.operationId} on a ${state} order is a transition the state machine allows`
      : `${change.operationId} on a ${state} order: the state machine allows no such change from ${state}`,
    expected: from.length ? from : 'no Buyer request',
    found: `${change.operationId} from ${state}`,
    exchanges: [change],
  });
}

/**
 * `stage-selftest`: the harness plays a Sonata Seller (productOrder) on its stage and judges the client that calls
 * it. The built-in target is a scripted, well-behaved client; with --target, point any Sonata Buyer at the stage URL
 * the run prints. Not a conformance suite: it proves the stage port.
 */
export const stageSelftest: Suite<ClientProfile> = {
  id: 'stage-selftest',
  title: 'Stage self-test (harness as Seller)',
  description:
    'Judges a client of a Sonata productOrder stand-in on the harness stage: hub first, valid orders, allowed transitions only.',
  rules: Object.values(R),
  scenarios: [clientOrders],
  profile: CLIENT_PROFILE,
  ports: { stage: { apis: [API], responder: sellerStandIn } },
  async startDefaultTarget() {
    const client = scriptedClient();
    const profile = profileFromObject(
      {
        role: 'client',
        target: { name: 'scripted Sonata Buyer (in process)', version: repoVersion() },
        timeouts: { requestMs: 5000, notificationMs: 5000, scenarioMs: 30000 },
      },
      '(embedded stage-selftest client)',
      CLIENT_PROFILE,
      { baseDir: process.cwd() },
    );
    return {
      profile,
      portsOpened: (ports) => void (ports.stage && client.run(ports.stage)),
      close: () => client.close(),
    };
  },
};
