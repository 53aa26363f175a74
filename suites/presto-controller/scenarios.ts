import { ControlClient } from '../../runtime/control/client';
import type { Verdict } from '../../runtime/events/verdicts';
import type { ScenarioContext } from '../harness/scenario-context';
import type { Scenario } from '../harness/suite';
import type { PrestoControllerProfile } from './profile';
import { evplInput, outputOf, restconf, restconfError, rpc, YANG_JSON, type RcExchange } from './restconf';
import { PRESTO_API, PRESTO_RULES as R } from './rules';

type Ctx = ScenarioContext<PrestoControllerProfile>;
type Json = Record<string, any>;

const CONN = 'tapi-connectivity';
const COMMON = 'tapi-common';
const TOPO = 'tapi-topology';
/** How many times the suite moves an lso controller's clock by a minute, or polls a real one, before giving up. */
const MAX_POLLS = 30;
const POLL_MS = 1000;

/** An error verdict when nothing came back (or a 5xx): the behaviour under test was not observed. */
function noAnswer(ctx: Ctx, rule: string, x: RcExchange, expected: unknown): boolean {
  if (x.status === undefined) {
    ctx.check(rule, 'error', {
      message: `no response: ${x.record.failure?.message ?? 'unknown failure'}`,
      expected,
      exchanges: [x],
    });
    return true;
  }
  if (x.status >= 500) {
    ctx.check(rule, 'error', {
      message: `answered ${x.status}: the controller could not process the request`,
      expected,
      found: x.status,
      exchanges: [x],
    });
    return true;
  }
  return false;
}

/** The SIPs the controller lists (uuids), UNIs first. */
async function listSips(ctx: Ctx): Promise<{ x: RcExchange; sips: Json[] }> {
  const x = await rpc(ctx, COMMON, 'get-service-interface-point-list');
  const list = outputOf(x)?.sip;
  return { x, sips: Array.isArray(list) ? (list as Json[]) : [] };
}

const isUni = (sip: Json) => Object.keys(sip).some((k) => /(^|[:-])uni/i.test(k));

/** The two SIPs of the suite's EVPL: the profile's, else the first two UNIs (or SIPs) the controller lists. */
async function pickSips(ctx: Ctx): Promise<[string, string]> {
  if (ctx.profile.sips) return ctx.profile.sips;
  const { sips } = await listSips(ctx);
  const uuids = [...sips.filter(isUni), ...sips.filter((s) => !isUni(s))]
    .map((s) => s.uuid)
    .filter((u): u is string => typeof u === 'string');
  if (uuids.length < 2) ctx.abort('the controller lists fewer than two SIPs: no service can be built');
  return [uuids[0], uuids[1]];
}

/** Moves time on: an lso controller's clock by a minute through its control API, a real one's by waiting. */
async function letTimePass(control: ControlClient | undefined): Promise<void> {
  if (control) await control.advance(60_000);
  else await new Promise((r) => setTimeout(r, POLL_MS));
}

function probe(ctx: Ctx): Promise<ControlClient | undefined> {
  const root = ctx.profile.target.baseUrl;
  return root ? ControlClient.probe(root, ctx.profile.timeouts.requestMs) : Promise.resolve(undefined);
}

const lifecycleOf = (x: RcExchange): unknown => outputOf(x)?.service?.['lifecycle-state'];

/** Deletes a service, best effort (clean-up). */
async function deleteQuietly(ctx: Ctx, uuid: string, control: ControlClient | undefined): Promise<void> {
  await rpc(ctx, CONN, 'delete-connectivity-service', { 'service-id-or-name': uuid }, { cleanup: true });
  if (control) await control.advance(60_000);
}

/** Judges an error answer's shape (RFC 8040 §7.1): yang-data+json with an `ietf-restconf:errors` list. */
function judgeErrorShape(ctx: Ctx, x: RcExchange, what: string): void {
  if (x.status === undefined || x.status < 400) return;
  const yang = (x.contentType ?? '').toLowerCase().startsWith(YANG_JSON);
  const err = restconfError(x);
  const ok = yang && err !== undefined && typeof err['error-tag'] === 'string';
  ctx.check(R.errorShape.id, ok ? 'pass' : 'fail', {
    message: ok
      ? `${what}: ${x.status} ${YANG_JSON} with ietf-restconf:errors (error-tag ${err!['error-tag']})`
      : `${what}: ${x.status} ${!yang ? `with Content-Type ${x.contentType ?? '(none)'}, not ${YANG_JSON}` : 'without an ietf-restconf:errors list whose error has an error-tag'}`,
    expected: `${YANG_JSON}; {"ietf-restconf:errors": {"error": [{"error-type", "error-tag", …}]}}`,
    found: { contentType: x.contentType, body: x.json ?? x.record.response?.body },
    exchanges: [x],
  });
}

/** A refusal: the expected status and error-tag, else fail (or error when nothing was observed). */
function judgeRefusal(ctx: Ctx, rule: string, x: RcExchange, status: number, tag?: string): void {
  const expected = tag ? `${status} with error-tag ${tag}` : `${status} with ietf-restconf:errors`;
  if (noAnswer(ctx, rule, x, expected)) return;
  const err = restconfError(x);
  const tagOk = tag ? err?.['error-tag'] === tag : err !== undefined;
  const ok = x.status === status && tagOk;
  ctx.check(rule, ok ? 'pass' : 'fail', {
    message: ok
      ? `refused ${x.status}${err?.['error-tag'] ? ` ${err['error-tag']}` : ''}: ${err?.['error-message'] ?? ''}`.trim()
      : x.status! < 300
        ? `accepted with ${x.status}: the controller should have refused it`
        : `refused ${x.status}, error-tag ${String(err?.['error-tag'] ?? '(no ietf-restconf:errors)')}`,
    expected,
    found: { status: x.status, 'error-tag': err?.['error-tag'] },
    exchanges: [x],
  });
}

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
    const live = new Set<string>();
    ctx.onCleanup(async () => {
      for (const uuid of live) await deleteQuietly(ctx, uuid, control);
    });
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
    await ctx.step('the service is followed to INSTALLED', async () => {
      const seen: unknown[] = [];
      let last: RcExchange | undefined;
      for (let i = 0; i <= MAX_POLLS; i++) {
        last = await rpc(ctx, CONN, 'get-connectivity-service-details', { 'service-id-or-name': uuid });
        if (last.status === undefined || last.status >= 500) break;
        const state = lifecycleOf(last);
        if (seen.at(-1) !== state) seen.push(state);
        if (state === 'INSTALLED') break;
        if (i < MAX_POLLS) await letTimePass(control);
      }
      if (noAnswer(ctx, R.activation.id, last!, 'INSTALLED')) return ctx.abort('the service could not be read');
      const ok = lifecycleOf(last!) === 'INSTALLED';
      const waited = control ? `${MAX_POLLS} minutes of the controller's clock` : `${MAX_POLLS} polls`;
      ctx.check(R.activation.id, ok ? 'pass' : 'fail', {
        message: ok
          ? `lifecycle-state went ${seen.map(String).join(' → ')}`
          : `still ${String(lifecycleOf(last!))} after ${waited} (seen: ${seen.map(String).join(' → ')})`,
        expected: 'lifecycle-state INSTALLED',
        found: seen,
        exchanges: [last!],
      });
    });
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
      for (let i = 0; i < MAX_POLLS; i++) {
        const d = await rpc(ctx, CONN, 'get-connectivity-service-details', { 'service-id-or-name': uuid });
        if (d.status !== 200) break;
        await letTimePass(control);
      }
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
    const live = new Set<string>();
    ctx.onCleanup(async () => {
      for (const uuid of live) await deleteQuietly(ctx, uuid, control);
    });
    const keep = (x: RcExchange) => {
      const u = outputOf(x)?.service?.uuid;
      if (x.status === 200 && typeof u === 'string') live.add(u);
    };
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

export const PRESTO_SCENARIOS: readonly Scenario<PrestoControllerProfile>[] = [discovery, lifecycle, refusals];
