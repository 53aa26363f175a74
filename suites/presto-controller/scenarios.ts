import type { Verdict } from '../../runtime/events/verdicts';
import type { Scenario } from '../harness/suite';
import { encoding } from './encoding-scenario';
import { epl } from './epl-scenario';
import type { PrestoControllerProfile } from './profile';
import { evplInput, outputOf, restconf, restconfError, rpc } from './restconf';
import { resourceRefusals } from './resource-refusals-scenario';
import { PRESTO_API, PRESTO_RULES as R } from './rules';
import {
  awaitGone,
  CONN,
  judgeActivation,
  judgeErrorShape,
  judgeRefusal,
  listSips,
  liveServices,
  noAnswer,
  pickSips,
  probe,
  TOPO,
  type Json,
} from './steps';
import { bandwidthUpdate } from './update-scenario';

const discovery: Scenario<PrestoControllerProfile> = {
  id: 'presto.discovery',
  title: 'The controller lists its SIPs and its topologies',
  api: PRESTO_API,
  rules: [R.discoverySips.id, R.discoveryTopology.id],
  async run(ctx) {
    await ctx.step('get-service-interface-point-list', async () => {
      const { x, sips } = await listSips(ctx);
      if (noAnswer(ctx, R.discoverySips.id, x, 200)) return;
      const withUuid = sips.filter((s) => typeof s?.uuid === 'string' && s.uuid);
      const ok = x.status === 200 && sips.length > 0 && withUuid.length === sips.length;
      ctx.check(R.discoverySips.id, ok ? 'pass' : 'fail', {
        message: ok
          ? `${sips.length} SIPs, each with a uuid`
          : x.status !== 200
            ? `answered ${x.status}`
            : sips.length === 0
              ? 'the SIP list is empty (or there is no output.sip)'
              : `${sips.length - withUuid.length} of ${sips.length} SIPs have no uuid`,
        expected: '200 with a non-empty output.sip, each with a uuid',
        found: { status: x.status, sips: sips.length },
        exchanges: [x],
      });
    });
    await ctx.step('get-topology-list', async () => {
      const x = await rpc(ctx, TOPO, 'get-topology-list');
      if (noAnswer(ctx, R.discoveryTopology.id, x, 200)) return;
      const list = outputOf(x)?.topology;
      const ok = x.status === 200 && Array.isArray(list) && list.length > 0;
      ctx.check(R.discoveryTopology.id, ok ? 'pass' : 'fail', {
        message: ok ? `${list.length} topologies` : `answered ${x.status} without a non-empty output.topology`,
        expected: '200 with a non-empty output.topology',
        found: { status: x.status, topologies: Array.isArray(list) ? list.length : undefined },
        exchanges: [x],
      });
    });
  },
};

/** Create, follow to INSTALLED, read back, delete, create again: returns the uuid the create gave. */
const lifecycle: Scenario<PrestoControllerProfile> = {
  id: 'presto.service-lifecycle',
  title: 'An EVPL is created, activated, read back through the data tree, deleted, and created again',
  api: PRESTO_API,
  rules: [R.create.id, R.activation.id, R.readBack.id, R.deleteReleases.id],
  async run(ctx) {
    const control = await probe(ctx);
    const sips = await pickSips(ctx);
    const input = evplInput(sips, ctx.profile.vlan);
    const { live } = liveServices(ctx, control);
    const uuid = await ctx.step('create-connectivity-service (RFC 8040 form)', async () => {
      const x = await rpc(ctx, CONN, 'create-connectivity-service', input);
      if (noAnswer(ctx, R.create.id, x, 200)) return ctx.abort('the create was not answered');
      const u = outputOf(x)?.service?.uuid;
      const ok = x.status === 200 && typeof u === 'string' && u !== '';
      ctx.check(R.create.id, ok ? 'pass' : 'fail', {
        message: ok ? `created service ${u}` : `answered ${x.status} without output.service.uuid`,
        expected: '200 with {"tapi-connectivity:output": {"service": {"uuid": …}}}',
        found: { status: x.status, uuid: u },
        exchanges: [x],
      });
      if (!ok) return ctx.abort('no service was created');
      live.add(u);
      return u as string;
    });
    await ctx.step('the service is followed to INSTALLED', () => judgeActivation(ctx, R.activation.id, uuid, control));
    await ctx.step('the service is read back through the data tree', async () => {
      const x = await restconf(
        ctx,
        'GET',
        `/data/tapi-common:context/tapi-connectivity:connectivity-service=${encodeURIComponent(uuid)}`,
      );
      if (noAnswer(ctx, R.readBack.id, x, 200)) return;
      const list = (x.json as Json | undefined)?.['tapi-connectivity:connectivity-service'];
      const found = Array.isArray(list) && list.some((s: Json) => s?.uuid === uuid);
      ctx.check(R.readBack.id, x.status === 200 && found ? 'pass' : 'fail', {
        message:
          x.status === 200 && found
            ? `the data tree holds service ${uuid}`
            : `answered ${x.status}${x.status === 200 ? ' without the service in tapi-connectivity:connectivity-service' : ''}`,
        expected: '200 with {"tapi-connectivity:connectivity-service": [{"uuid": …}]}',
        found: x.status,
        exchanges: [x],
      });
    });
    await ctx.step('delete, then the same create succeeds again', async () => {
      const del = await rpc(ctx, CONN, 'delete-connectivity-service', { 'service-id-or-name': uuid });
      if (noAnswer(ctx, R.deleteReleases.id, del, '200 or 204')) return;
      if (del.status !== 200 && del.status !== 204)
        return void ctx.check(R.deleteReleases.id, 'fail', {
          message: `delete-connectivity-service answered ${del.status}`,
          expected: '200 or 204',
          found: del.status,
          exchanges: [del],
        });
      live.delete(uuid);
      // The removal may run asynchronously: wait until the service is gone before asking for its resources again.
      await awaitGone(ctx, uuid, control);
      const again = await rpc(ctx, CONN, 'create-connectivity-service', input);
      const u = outputOf(again)?.service?.uuid;
      if (typeof u === 'string') live.add(u);
      if (noAnswer(ctx, R.deleteReleases.id, again, 200)) return;
      const verdict: Verdict = again.status === 200 && typeof u === 'string' ? 'pass' : 'fail';
      ctx.check(R.deleteReleases.id, verdict, {
        message:
          verdict === 'pass'
            ? `after the delete the same EVPL was created again (${u})`
            : `after the delete the same create answered ${again.status}: the resources were not released`,
        expected: 200,
        found: { status: again.status, 'error-tag': restconfError(again)?.['error-tag'] },
        exchanges: [del, again],
      });
    });
  },
};

const refusals: Scenario<PrestoControllerProfile> = {
  id: 'presto.refusals',
  title: 'Invalid creates are refused with RESTCONF errors: one end-point, an unknown SIP, a VLAN clash',
  api: PRESTO_API,
  rules: [R.refuseOneEndPoint.id, R.refuseUnknownSip.id, R.refuseVlanClash.id, R.errorShape.id],
  async run(ctx) {
    const control = await probe(ctx);
    const sips = await pickSips(ctx);
    const vlan = (ctx.profile.vlan % 4000) + 10;
    const { keep } = liveServices(ctx, control);
    await ctx.step('a create with one end-point is refused 400', async () => {
      const x = await rpc(ctx, CONN, 'create-connectivity-service', evplInput([sips[0]], vlan));
      keep(x);
      judgeRefusal(ctx, R.refuseOneEndPoint.id, x, 400);
      judgeErrorShape(ctx, x, 'one end-point');
    });
    await ctx.step('a create on an unknown SIP is refused 400 invalid-value', async () => {
      const x = await rpc(
        ctx,
        CONN,
        'create-connectivity-service',
        evplInput(['sip:lso-harness:no-such-sip', sips[1]], vlan),
      );
      keep(x);
      judgeRefusal(ctx, R.refuseUnknownSip.id, x, 400, 'invalid-value');
      judgeErrorShape(ctx, x, 'unknown SIP');
    });
    await ctx.step('a create reusing a CE-VLAN taken on the same SIPs is refused 409 resource-denied', async () => {
      const first = await rpc(ctx, CONN, 'create-connectivity-service', evplInput(sips, vlan));
      keep(first);
      if (first.status !== 200)
        return void ctx.check(R.refuseVlanClash.id, 'error', {
          message: `the first EVPL (VLAN ${vlan}) was not created (${first.status ?? 'no answer'}), so no clash could be provoked`,
          exchanges: [first],
        });
      const clash = await rpc(ctx, CONN, 'create-connectivity-service', evplInput(sips, vlan));
      keep(clash);
      judgeRefusal(ctx, R.refuseVlanClash.id, clash, 409, 'resource-denied');
      judgeErrorShape(ctx, clash, 'VLAN clash');
    });
  },
};

/** The scenarios in run order: each deletes what it created, so the next finds the resources free. */
export const PRESTO_SCENARIOS: readonly Scenario<PrestoControllerProfile>[] = [
  discovery,
  lifecycle,
  refusals,
  epl,
  bandwidthUpdate,
  resourceRefusals,
  encoding,
];
