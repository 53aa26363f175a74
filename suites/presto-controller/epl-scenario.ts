import type { Scenario } from '../harness/suite';
import type { PrestoControllerProfile } from './profile';
import { restconf, rpc, serviceInput, type RcExchange } from './restconf';
import { PRESTO_API, PRESTO_RULES as R } from './rules';
import {
  CONN,
  INTO_END_POINT,
  judgeActivation,
  judgeErrorShape,
  judgeRefusal,
  liveServices,
  noAnswer,
  pickEplSips,
  probe,
  serviceOf,
  type Ctx,
  type Json,
} from './steps';

const sipsOf = (svc: Json | undefined): string[] =>
  (Array.isArray(svc?.['end-point']) ? (svc['end-point'] as Json[]) : [])
    .map((e) => (e?.['service-interface-point'] as Json | undefined)?.['service-interface-point-id'])
    .filter((s): s is string => typeof s === 'string')
    .sort();

/** The EPL as one view shows it: exclusive, on both SIPs. */
function judgeEplView(ctx: Ctx, x: RcExchange, svc: Json | undefined, sips: readonly string[], where: string): void {
  if (noAnswer(ctx, R.eplReadBack.id, x, 200)) return;
  const want = [...sips].sort();
  const got = sipsOf(svc);
  const exclusive = svc?.['is-exclusive'] ?? (svc?.['conn-constraint'] as Json | undefined)?.['is-exclusive'];
  const ok = x.status === 200 && exclusive === true && got.join() === want.join();
  ctx.check(R.eplReadBack.id, ok ? 'pass' : 'fail', {
    message: ok
      ? `${where}: exclusive, on ${got.join(' and ')}`
      : x.status !== 200
        ? `${where} answered ${x.status}`
        : svc === undefined
          ? `${where} does not hold the service`
          : `${where}: is-exclusive ${JSON.stringify(exclusive)}, SIPs ${got.join(', ') || '(none)'}`,
    expected: { 'is-exclusive': true, sips: want },
    found: { status: x.status, 'is-exclusive': exclusive, sips: got },
    exchanges: [x],
  });
}

/** An EPL: created, followed to INSTALLED, read back through the RPC and the data tree; its port refuses an EVPL. */
export const epl: Scenario<PrestoControllerProfile> = {
  id: 'presto.epl',
  title: 'An EPL takes its ports whole: created, INSTALLED, read back both ways, and an EVPL on its port refused',
  api: PRESTO_API,
  rules: [R.eplCreate.id, R.eplReadBack.id, R.refusePortExclusive.id, R.errorShape.id],
  async run(ctx) {
    const control = await probe(ctx);
    const sips = await pickEplSips(ctx);
    const { keep } = liveServices(ctx, control);
    const uuid = await ctx.step('create-connectivity-service: an EPL (is-exclusive, every CE-VLAN)', async () => {
      const x = await rpc(
        ctx,
        CONN,
        'create-connectivity-service',
        serviceInput(sips, { vlans: 'ALL', exclusive: true }),
      );
      if (noAnswer(ctx, R.eplCreate.id, x, 200)) return ctx.abort('the EPL create was not answered');
      const u = keep(x);
      ctx.check(R.eplCreate.id, u ? 'pass' : 'fail', {
        message: u ? `created EPL ${u} on ${sips.join(' and ')}` : `answered ${x.status} without output.service.uuid`,
        expected: '200 with {"tapi-connectivity:output": {"service": {"uuid": …}}}',
        found: { status: x.status, uuid: serviceOf(x)?.uuid },
        exchanges: [x],
      });
      return u ?? ctx.abort('no EPL was created');
    });
    await ctx.step('the EPL is followed to INSTALLED', () => judgeActivation(ctx, R.eplCreate.id, uuid, control));
    await ctx.step('get-connectivity-service-details shows it exclusive on both SIPs', async () => {
      const x = await rpc(ctx, CONN, 'get-connectivity-service-details', { 'service-id-or-name': uuid });
      judgeEplView(ctx, x, serviceOf(x), sips, 'get-connectivity-service-details');
    });
    await ctx.step('the data tree shows it exclusive on both SIPs', async () => {
      const x = await restconf(
        ctx,
        'GET',
        `/data/tapi-common:context/tapi-connectivity:connectivity-service=${encodeURIComponent(uuid)}`,
      );
      const list = (x.json as Json | undefined)?.['tapi-connectivity:connectivity-service'];
      const svc = Array.isArray(list) ? (list as Json[]).find((s) => s?.uuid === uuid) : undefined;
      judgeEplView(ctx, x, svc, sips, 'the data tree');
    });
    await ctx.step('an EVPL on the EPL’s ports is refused 409 resource-denied', async () => {
      const x = await rpc(ctx, CONN, 'create-connectivity-service', serviceInput(sips, { vlans: [ctx.profile.vlan] }));
      keep(x);
      judgeRefusal(ctx, R.refusePortExclusive.id, x, 409, 'resource-denied', INTO_END_POINT);
      judgeErrorShape(ctx, x, 'exclusive port taken');
    });
  },
};
