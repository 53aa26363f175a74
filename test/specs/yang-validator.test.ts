import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nrpR2Modules, rpcTree, YangValidator, yanglintOnce, yanglintPath } from '../../specs/yang';
import { CONTEXTS, context, CREATE, goodCreate, MUTATIONS, type Json } from './yang-corpus';

/*
 * The long-lived validator's verdicts are libyang's: on a corpus of create-connectivity-service inputs (one good
 * body, one mutation each) and of context data trees, each verdict and the path and message of its first
 * violation equal those of a one-shot `yanglint` run on a temporary file, the authority (with an operational
 * datastore holding the SIPs the bodies name, and the unmodified modules).
 */

const yanglint = yanglintPath();
const modules = nrpR2Modules().files;
let v: YangValidator;

beforeAll(async () => {
  v = await YangValidator.start();
});
afterAll(() => v.close());

const first = (r: { valid: boolean; violations: Array<{ path: string; message: string }> }) => ({
  valid: r.valid,
  first: r.violations[0] ?? null,
});

describe('YANG validator: verdicts equal one-shot yanglint', () => {
  for (const [name, mutate] of Object.entries(MUTATIONS)) {
    it(`create input: ${name}`, async () => {
      const body = goodCreate();
      mutate?.(body.input);
      const authority = yanglintOnce({
        yanglint,
        modules,
        kind: 'rpc',
        tree: rpcTree(CREATE, body),
        operational: context(),
      });
      const mine = await v.validateRpc(CREATE, body);
      expect(first(mine)).toEqual(first(authority));
      expect(mine.valid).toBe(mutate === null || /^EPL|accepted/.test(name));
    });
  }

  for (const [name, tree] of Object.entries(CONTEXTS)) {
    it(`context data tree: ${name}`, async () => {
      const authority = yanglintOnce({ yanglint, modules, kind: 'data', tree });
      expect(first(await v.validateData(tree))).toEqual(first(authority));
    });
  }

  it('the reasons are the expected ones', async () => {
    const check = async (mutate: ((i: { [k: string]: Json }) => void) | null) => {
      const body = goodCreate();
      mutate?.(body.input);
      return (await v.validateRpc(CREATE, body)).violations[0]?.message;
    };
    expect(await check(MUTATIONS['one end-point missing'])).toBe('Too few "end-point" instances');
    expect(await check(MUTATIONS['int64 cir as a JSON number'])).toMatch(/^Invalid non-num64-encoded int64 value/);
    expect(await check(MUTATIONS['end-point augment without its module prefix'])).toMatch(
      /not found as a child of "end-point"/,
    );
  });
});

describe('YANG validator: the Postman create body (presto-adagio.md §1.9)', () => {
  const collection = JSON.parse(
    readFileSync(
      join(nrpR2Modules().dir, '..', '..', 'documentation', 'examples', 'MEF-LSO-Presto-SDK-ODL.postman_collection'),
      'utf8',
    ),
  ) as { item: Array<{ name: string; request: { body?: { raw?: string } } }> };
  const raw = collection.item.find((i) => /create connn?ectivity service/.test(i.name))!.request.body!.raw!;
  const postman = () => JSON.parse(raw.replace('{{sip1_uuid}}', 'sip-1').replace('{{sip2_uuid}}', 'sip-2'));

  it('is refused for its unprefixed augment, then for its int64 as a number, and passes once both are fixed', async () => {
    const body = postman();
    const eps = body.input['end-point'] as Array<Record<string, unknown>>;
    let r = await v.validateRpc(CREATE, body);
    expect(r.valid).toBe(false);
    expect(r.violations[0].message).toMatch(
      /Node "nrp-carrier-eth-connectivity-end-point-resource" not found as a child/,
    );

    for (const e of eps) {
      e['nrp-interface:nrp-carrier-eth-connectivity-end-point-resource'] =
        e['nrp-carrier-eth-connectivity-end-point-resource'];
      delete e['nrp-carrier-eth-connectivity-end-point-resource'];
    }
    r = await v.validateRpc(CREATE, body);
    expect(r.violations[0].message).toBe('Invalid non-num64-encoded int64 value "301"');
    expect(r.violations[0].path).toMatch(/end-point\[1\]\/nrp-interface:.*\/vlan-id\/vlan-id$/);

    for (const e of eps) {
      const res = e['nrp-interface:nrp-carrier-eth-connectivity-end-point-resource'] as { [k: string]: Json };
      (res['ce-vlan-id-list-and-untag'] as { 'vlan-id': Array<{ 'vlan-id': Json }> })['vlan-id'][0]['vlan-id'] = '301';
    }
    expect(await v.validateRpc(CREATE, body)).toEqual({ valid: true, violations: [] });
    // And yanglint itself, with the SIPs in an operational datastore, agrees.
    expect(
      yanglintOnce({ yanglint, modules, kind: 'rpc', tree: rpcTree(CREATE, body), operational: context() }).valid,
    ).toBe(true);
  });
});

describe('YANG validator: RPC leafrefs are left to the caller', () => {
  it('an unknown SIP fails yanglint with -O, passes the validator, and the leafref is listed for the caller', async () => {
    const body = goodCreate();
    const authority = yanglintOnce({
      yanglint,
      modules,
      kind: 'rpc',
      tree: rpcTree(CREATE, body),
      operational: context(['sip-1']),
    });
    expect(authority.violations[0].message).toMatch(/^Invalid leafref value "sip-2"/);
    expect((await v.validateRpc(CREATE, body)).valid).toBe(true);
    expect(v.leafrefs).toContainEqual({
      node: `/${CREATE}/tapi-connectivity:input/tapi-connectivity:end-point/tapi-connectivity:service-interface-point/tapi-connectivity:service-interface-point-id`,
      target: '/tapi-common:context/tapi-common:service-interface-point/tapi-common:uuid',
    });
  });

  it('replies are checked too (libyang 2 needs no copy of the request)', async () => {
    const service = { uuid: 'cs-1', 'end-point': goodCreate().input['end-point'] };
    expect((await v.validateReply(CREATE, { output: { service } })).valid).toBe(true);
    const r = await v.validateReply(CREATE, { output: { service: { uuid: 'cs-1' } } });
    expect(first(r)).toEqual(
      first(
        yanglintOnce({
          yanglint,
          modules,
          kind: 'reply',
          tree: { [CREATE]: { service: { uuid: 'cs-1' } } },
          operational: context(),
        }),
      ),
    );
  });
});
