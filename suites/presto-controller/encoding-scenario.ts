import type { Violation } from '../../specs/index';
import type { Scenario } from '../harness/suite';
import { int64Findings, mediaTypeFindings, prefixFindings } from './encoding';
import type { PrestoControllerProfile } from './profile';
import { restconf, rpc, serviceInput, type RcExchange } from './restconf';
import { PRESTO_API, PRESTO_RULES as R } from './rules';
import { COMMON, CONN, liveServices, pickSips, probe, TOPO, type Ctx } from './steps';

/**
 * Judges one encoding rule over every reply: without findings a pass; with findings a pass carrying them as warnings
 * in a lenient run, a failure in a strict one (`lso test --strict`), as the checking client treats unknown members.
 */
function judgeEncoding(
  ctx: Ctx,
  rule: string,
  replies: readonly RcExchange[],
  findings: (x: RcExchange) => Violation[],
  what: string,
): void {
  const answered = replies.filter((x) => x.status !== undefined);
  if (answered.length === 0) return void ctx.check(rule, 'error', { message: 'no reply to judge', exchanges: replies });
  const found = answered.map((x) => ({ x, v: findings(x) })).filter((f) => f.v.length > 0);
  const violations = found.flatMap((f) =>
    f.v.map((v) => ({
      ...v,
      severity: ctx.strict ? ('error' as const) : ('warning' as const),
      message: `${f.x.record.request.method} ${f.x.record.request.url}: ${v.message}`,
    })),
  );
  const verdict = violations.length && ctx.strict ? 'fail' : 'pass';
  ctx.check(rule, verdict, {
    message:
      violations.length === 0
        ? `${answered.length} replies, ${what}`
        : `${violations.length} finding(s) in ${found.length} of ${answered.length} replies${ctx.strict ? '' : ' (warnings; --strict makes them failures)'}: ${violations[0].message}`,
    expected: what,
    found: violations.length ? violations.slice(0, 5).map((v) => ({ pointer: v.pointer, found: v.found })) : undefined,
    violations,
    exchanges: found.length ? found.map((f) => f.x) : answered,
  });
}

/**
 * Dialect and encoding of the controller's replies: with a service in place (so the replies hold VLANs, CIRs and
 * augments), the context, the SIP and topology lists and the service's details are read and judged against RFC 7951
 * (int64 as strings, module names) and RFC 8040 (the media type).
 */
export const encoding: Scenario<PrestoControllerProfile> = {
  id: 'presto.encoding',
  title: 'Replies are RFC 7951 JSON in application/yang-data+json (warnings; failures with --strict)',
  api: PRESTO_API,
  rules: [R.int64Strings.id, R.modulePrefixes.id, R.mediaType.id],
  async run(ctx) {
    const control = await probe(ctx);
    const sips = await pickSips(ctx);
    const { keep } = liveServices(ctx, control);
    const replies = await ctx.step('read the controller with an EVPL in place', async () => {
      const create = await rpc(
        ctx,
        CONN,
        'create-connectivity-service',
        serviceInput(sips, { vlans: [(ctx.profile.vlan % 4000) + 40] }),
      );
      const uuid = keep(create);
      return [
        create,
        ...(uuid ? [await rpc(ctx, CONN, 'get-connectivity-service-details', { 'service-id-or-name': uuid })] : []),
        await rpc(ctx, COMMON, 'get-service-interface-point-list'),
        await rpc(ctx, TOPO, 'get-topology-list'),
        await restconf(ctx, 'GET', '/data/tapi-common:context'),
      ].filter((x) => x.status === undefined || x.status < 300);
    });
    await ctx.step('int64 leaves are strings (RFC 7951 §6.1)', () =>
      judgeEncoding(ctx, R.int64Strings.id, replies, (x) => int64Findings(x.json), 'int64 leaves as strings'),
    );
    await ctx.step('module-qualified member names (RFC 7951 §4)', () =>
      judgeEncoding(ctx, R.modulePrefixes.id, replies, (x) => prefixFindings(x.json), 'members module-qualified'),
    );
    await ctx.step('application/yang-data+json (RFC 8040 §5.2)', () =>
      judgeEncoding(
        ctx,
        R.mediaType.id,
        replies,
        (x) => mediaTypeFindings(x.contentType, Boolean(x.record.response?.body)),
        'application/yang-data+json',
      ),
    );
  },
};
