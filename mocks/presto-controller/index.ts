import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../../lib/errors';
import { buildActor, type Actor, type ActorOptions } from '../../runtime/actor/build';
import { restconfErrors } from '../../runtime/server/error-bodies/restconf';
import { singleTenant } from '../../runtime/server/tenancy';
import { YangValidator } from '../../specs/yang';
import { faultPlanOf, save, saveFaultPlan, stateOf, STATE_KEY, STEPS_JOB, type PrestoContext } from './actor-state';
import { prestoControlRoutes } from './control';
import { faultFor, followOutages } from './faults';
import { hostMeta, restconfMount } from './mount';
import { withNotifications } from './notification-mount';
import { NotificationStreams } from './notification-streams';
import { withOutcomes } from './outcome-header';
import { runDue } from './operations';
import type { Json } from './service';
import { loadTopology } from './seed/topology';
import defaultTopologyDoc from './seed/default-topology.json';
import { initialState } from './state';

export type { PrestoContext } from './actor-state';

/**
 * A stateful Presto (MEF NRP R2) controller over RESTCONF: the RPCs and the `tapi-common:context` data tree under
 * `/restconf` in the three URL dialects (dialects.ts), each RPC input checked by libyang (a long-lived yanglint)
 * and then by the domain rules, activation steps run on the virtual clock by the actor's scheduler. One tenant;
 * the whole `PrestoState` is one value in the actor's store.
 */

export interface PrestoControllerOptions extends ActorOptions {
  /** A topology seed file, a seed document, or the default topology. */
  seed?: string | Json;
  /** `fast` (default: 2 s of virtual time per node step) or `realistic` (1 min). */
  profile?: string;
  /** A running validator to share (tests); default: one started here and closed with the mock. */
  validator?: YangValidator;
}

export type PrestoController = Actor<PrestoContext>;

export const PRESTO_TIMINGS: Record<string, number> = { fast: 2_000, realistic: 60_000 };

function readSeed(seed: PrestoControllerOptions['seed']): Json {
  if (seed === undefined) return defaultTopologyDoc as Json;
  if (typeof seed !== 'string') return seed;
  if (!existsSync(seed)) throw new UsageError(`seed file ${seed} does not exist`);
  try {
    return JSON.parse(readFileSync(seed, 'utf8')) as Json;
  } catch (e) {
    throw new UsageError(`seed file ${seed} is not valid JSON: ${(e as Error).message}`);
  }
}

export async function buildPrestoController(opts: PrestoControllerOptions = {}): Promise<PrestoController> {
  const seed = readSeed(opts.seed);
  loadTopology(seed); // a bad seed fails before anything starts
  const profile = opts.profile ?? 'fast';
  if (!(profile in PRESTO_TIMINGS))
    throw new UsageError(`--profile must be one of ${Object.keys(PRESTO_TIMINGS).join(', ')}, got ${profile}`);
  const validator = opts.validator ?? (await YangValidator.start({ sdk: opts.sdk ? { sdk: opts.sdk } : undefined }));
  const own = opts.validator === undefined;
  const notifications = new NotificationStreams();
  let actor: PrestoController;
  try {
    actor = await buildActor<PrestoContext>(
      {
        role: 'presto-controller',
        sdks: ['presto'],
        apis: [],
        kinds: { entities: {}, items: {} },
        behaviours: [],
        timing: { name: profile, step: PRESTO_TIMINGS[profile] },
        tenancy: singleTenant,
        errors: restconfErrors,
        context: { settings: { strict: opts.strict === true }, notifications },
        handlers: () => ({}),
        seed: {
          initial: seed,
          apply: (ctx, doc) => {
            const topology = loadTopology(doc);
            ctx.scheduler.cancelKey(STEPS_JOB);
            ctx.store.setValue(STATE_KEY, initialState(topology));
            ctx.notifications.forget();
            return Object.keys(topology.nodes).length + Object.keys(topology.sips).length;
          },
        },
        control: (c, ctx, ok) => prestoControlRoutes(c, ctx, ok),
        mounts: (ctx) => [
          withNotifications(
            ctx,
            withOutcomes(
              ctx,
              restconfMount(ctx, () => validator),
            ),
          ),
          hostMeta,
        ],
        jobs: (ctx) => ({
          [STEPS_JOB]: () => {
            // Each step due asks the fault plan whether it fails; a fault used is used up.
            let plan = faultPlanOf(ctx);
            const r = runDue(stateOf(ctx), ctx.clock.now(), (step) => {
              const d = faultFor(plan, step);
              plan = d.plan;
              return d.fault;
            });
            saveFaultPlan(ctx, plan);
            const committed = new Set(r.reports.filter((x) => x.outcome === 'committed').map((x) => x.step.service));
            const f = followOutages(r.state, committed, ctx.clock.now());
            save(ctx, f.state, [...r.events, ...f.events]);
          },
        }),
      },
      opts,
    );
  } catch (e) {
    if (own) await validator.close();
    throw e;
  }
  const close = actor.close;
  return {
    ...actor,
    close: async () => {
      // An open event stream would keep the server from closing.
      notifications.close();
      await close();
      if (own) await validator.close();
    },
  };
}
