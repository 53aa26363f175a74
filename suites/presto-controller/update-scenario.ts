import type { Scenario } from '../harness/suite';
import type { PrestoControllerProfile } from './profile';
import { DEFAULT_CIR, endPointResource, rpc, serviceInput, type RcExchange } from './restconf';
import { PRESTO_API, PRESTO_RULES as R } from './rules';
import {
  awaitGone,
  capacityBps,
  CONN,
  followService,
  liveServices,
  noAnswer,
  pickSips,
  probe,
  serviceOf,
  settled,
  sipDetails,
  type Ctx,
  type Json,
} from './steps';

const NEW_CIR = 2 * DEFAULT_CIR;
const mbps = (bps: number) => `${bps / 1e6} Mb/s`;

const endPointsOf = (svc: Json | undefined): Json[] =>
  Array.isArray(svc?.['end-point']) ? (svc['end-point'] as Json[]) : [];

const cirOf = (ep: Json): number =>
  Number(
    (
      (ep['nrp-interface:nrp-carrier-eth-connectivity-end-point-resource'] as Json | undefined)?.[
        'ingress-bwp-flow'
      ] as Json | undefined
    )?.cir,
  );

interface Reading {
  bps: number;
  x: RcExchange;
}

/** Reads the SIP's available capacity and judges the ledger rule on how it moved since `before`. */
async function judgeCapacity(
  ctx: Ctx,
  sip: string,
  before: Reading,
  change: number,
  what: string,
): Promise<Reading | undefined> {
  const { x, sip: s } = await sipDetails(ctx, sip);
  if (noAnswer(ctx, R.capacityLedger.id, x, 200)) return undefined;
  const now = capacityBps(s?.['available-capacity']);
  const ok = now !== undefined && before.bps - now === change;
  ctx.check(R.capacityLedger.id, ok ? 'pass' : 'fail', {
    message: ok
      ? `${what}: available capacity of ${sip} went ${mbps(before.bps)} → ${mbps(now)}`
      : now === undefined
        ? `${what}: ${sip} reports no available-capacity`
        : `${what}: available capacity of ${sip} went ${mbps(before.bps)} → ${mbps(now)}, expected ${mbps(before.bps - change)}`,
    expected: before.bps - change,
    found: now,
    exchanges: [before.x, x],
  });
  return now === undefined ? undefined : { bps: now, x };
}

/**
 * A bandwidth change as the model allows it: two update-connectivity-service calls, one per end-point (the input's
 * end-point is a container, presto-adagio.md §1.5), the service settled between them, the ledger following.
 */
export const bandwidthUpdate: Scenario<PrestoControllerProfile> = {
  id: 'presto.bandwidth-update',
  title: 'A bandwidth profile is raised end-point by end-point, and the SIP capacity follows it, then is released',
  api: PRESTO_API,
  rules: [R.updateBandwidth.id, R.capacityLedger.id],
  async run(ctx) {
    const control = await probe(ctx);
    const sips = await pickSips(ctx);
    const vlan = (ctx.profile.vlan % 4000) + 20;
    const { live, keep } = liveServices(ctx, control);
    const start = await ctx.step('the SIP’s available capacity before', async (): Promise<Reading | undefined> => {
      const { x, sip } = await sipDetails(ctx, sips[0]);
      const bps = capacityBps(sip?.['available-capacity']);
      if (bps === undefined) {
        ctx.check(R.capacityLedger.id, x.status === undefined || x.status >= 500 ? 'error' : 'fail', {
          message: `get-service-interface-point-details of ${sips[0]} answered ${x.status ?? 'nothing'} without an available-capacity`,
          expected: 'output.sip.available-capacity.total-size {value, unit}',
          exchanges: [x],
        });
        return undefined;
      }
      return { bps, x };
    });
    const uuid = await ctx.step('an EVPL at 100 Mb/s is created and followed to INSTALLED', async () => {
      const x = await rpc(ctx, CONN, 'create-connectivity-service', serviceInput(sips, { vlans: [vlan] }));
      const u = keep(x);
      const f = u ? await followService(ctx, u, control, settled) : undefined;
      if (!u || !f?.reached) {
        ctx.check(R.updateBandwidth.id, 'error', {
          message: u ? `service ${u} never settled INSTALLED` : `the EVPL was not created (${x.status ?? 'no answer'})`,
          exchanges: f ? [x, f.last] : [x],
        });
        return ctx.abort('no installed service to update');
      }
      return u;
    });
    const afterCreate = start
      ? await ctx.step('the SIP’s capacity fell by the CIR', () =>
          judgeCapacity(ctx, sips[0], start, DEFAULT_CIR, 'after the create'),
        )
      : undefined;
    await ctx.step('update-connectivity-service, once per end-point, to 200 Mb/s', async () => {
      const details = await rpc(ctx, CONN, 'get-connectivity-service-details', { 'service-id-or-name': uuid });
      const eps = endPointsOf(serviceOf(details));
      const ids = eps.map((e) => e['local-id']);
      if (eps.length !== 2 || !ids.every((i) => typeof i === 'string' && i))
        return void ctx.check(R.updateBandwidth.id, 'fail', {
          message: `the service shows ${eps.length} end-points, local-ids ${JSON.stringify(ids)}: an update cannot name them`,
          expected: 'two end-points, each with a local-id',
          exchanges: [details],
        });
      const exchanges: RcExchange[] = [details];
      for (const ep of eps) {
        const x = await rpc(ctx, CONN, 'update-connectivity-service', {
          'service-id-or-name': uuid,
          'end-point': {
            'local-id': ep['local-id'],
            'service-interface-point': ep['service-interface-point'],
            'nrp-interface:nrp-carrier-eth-connectivity-end-point-resource': endPointResource({
              vlans: [vlan],
              cir: NEW_CIR,
            }),
          },
        });
        exchanges.push(x);
        if (noAnswer(ctx, R.updateBandwidth.id, x, 200)) return;
        if (x.status !== 200)
          return void ctx.check(R.updateBandwidth.id, 'fail', {
            message: `update-connectivity-service of end-point ${String(ep['local-id'])} answered ${x.status}`,
            expected: 200,
            found: { status: x.status, body: x.json },
            exchanges,
          });
        // One change at a time: the next end-point is updated once this one is applied.
        const f = await followService(ctx, uuid, control, settled);
        exchanges.push(f.last);
        if (!f.reached)
          return void ctx.check(R.updateBandwidth.id, 'fail', {
            message: `after updating end-point ${String(ep['local-id'])} the service never settled (seen ${f.seen.map(String).join(' → ')})`,
            expected: 'lifecycle-state INSTALLED, operational-state ENABLED',
            exchanges,
          });
      }
      const last = exchanges[exchanges.length - 1];
      const cirs = endPointsOf(serviceOf(last)).map(cirOf);
      const ok = cirs.length === 2 && cirs.every((c) => c === NEW_CIR);
      ctx.check(R.updateBandwidth.id, ok ? 'pass' : 'fail', {
        message: ok
          ? `both end-points now carry CIR ${mbps(NEW_CIR)}`
          : `after two updates the end-points carry CIR ${cirs.map(String).join(', ')}`,
        expected: [NEW_CIR, NEW_CIR],
        found: cirs,
        exchanges,
      });
    });
    if (afterCreate)
      await ctx.step('the SIP’s capacity fell by the difference', () =>
        judgeCapacity(ctx, sips[0], afterCreate, NEW_CIR - DEFAULT_CIR, 'after the update'),
      );
    await ctx.step('delete-connectivity-service gives the capacity back', async () => {
      const del = await rpc(ctx, CONN, 'delete-connectivity-service', { 'service-id-or-name': uuid });
      if (del.status === 200 || del.status === 204) live.delete(uuid);
      await awaitGone(ctx, uuid, control);
      if (start) await judgeCapacity(ctx, sips[0], start, 0, 'after the delete');
    });
  },
};
