import { HarnessError, UsageError } from '../../../lib/errors';
import type { StateMachine } from '../../../specs/state-machines/machine';
import type { RunEvent } from '../../../runtime/events/events';
import { sequentialIds } from '../../../lib/ids';
import { harnessSelftest } from '../../../suites/sonata-seller/selftest/suite';
import { startSelftestTarget } from '../../../suites/sonata-seller/selftest/target';
import type { Scenario, Suite } from '../../../suites/harness/suite';
import { SONATA_SELLER_PROFILE, type SonataSellerProfile } from '../../../suites/sonata-seller/profile';
import { checksOf, profile, runWith, steppingClock, verdictsByRule } from './helpers/run';
import { json, startHttp, startMisbehavingSeller, type Misbehaviour, type TestServer } from './helpers/servers';

const API = 'sonata.productOrder';
const servers: TestServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));
async function serve<T extends TestServer>(s: Promise<T>): Promise<T> {
  const started = await s;
  servers.push(started);
  return started;
}

/** A suite made of the given scenarios, with rules r1..rN citing real requirements. */
function suiteOf(
  scenarios: Scenario<SonataSellerProfile>[],
  ruleIds = ['t.r1', 't.r2', 't.r3'],
): Suite<SonataSellerProfile> {
  return {
    id: 'test-suite',
    title: 'Test suite',
    description: '',
    rules: ruleIds.map((id) => ({ id, title: `rule ${id}`, api: API, requirements: ['MEF123 R10'] })),
    scenarios,
    profile: SONATA_SELLER_PROFILE,
    ports: { client: { apis: [API] } },
  };
}
const scenario = (
  id: string,
  rules: string[],
  run: Scenario<SonataSellerProfile>['run'],
  extra: Partial<Scenario<SonataSellerProfile>> = {},
): Scenario<SonataSellerProfile> => ({ id, title: id, api: API, rules, run, ...extra });
const types = (events: RunEvent[]) => events.map((e) => e.type);

describe('runner: a pure event stream', () => {
  test('the self-test suite against its built-in target: events in order, every check tied to a selected rule', async () => {
    const target = await harnessSelftest.startDefaultTarget!({ clock: steppingClock(), ids: sequentialIds() });
    try {
      const { events, result } = await runWith(harnessSelftest, target.profile);
      expect(types(events)[0]).toBe('run-started');
      expect(types(events).at(-1)).toBe('run-finished');
      const started = events[0] as Extract<RunEvent, { type: 'run-started' }>;
      const ruleIds = new Set(started.rules.map((r) => r.id));
      expect(checksOf(events).every((c) => ruleIds.has(c.ruleId))).toBe(true);
      // Each scenario's events sit between its start and finish.
      const order = events
        .filter((e) => e.type === 'scenario-started' || e.type === 'scenario-finished')
        .map((e) => `${e.type}:${(e as { scenarioId: string }).scenarioId}`);
      expect(order).toEqual([
        'scenario-started:selftest.hub-notification-fetch',
        'scenario-finished:selftest.hub-notification-fetch',
        'scenario-started:selftest.cancel-list-empty',
        'scenario-finished:selftest.cancel-list-empty',
      ]);
      expect(result.counts).toEqual({ pass: 9, fail: 0, error: 0, skip: 3 });
      expect(verdictsByRule(events)['selftest.cancel.list.empty']).toEqual(['skip']);
      expect(verdictsByRule(events)['selftest.order.state-history']).toEqual(['pass']);
      expect(JSON.parse(JSON.stringify(events))).toEqual(events);
    } finally {
      await target.close();
    }
  });
});

describe('runner: buyerId/sellerId from the profile', () => {
  test('go on the hub registration, and the self-test target echoing them in the notification passes MEF123 R6', async () => {
    const target = await startSelftestTarget({ clock: steppingClock(), ids: sequentialIds() });
    try {
      const { events } = await runWith(
        harnessSelftest,
        profile(target.baseUrl, { buyerId: 'BUYER-1', sellerId: 'SELLER-1' }),
      );
      const r6 = checksOf(events).find((c) => c.ruleId === 'selftest.notification.buyer-seller-ids')!;
      expect(r6).toMatchObject({
        verdict: 'pass',
        expected: { buyerId: 'BUYER-1', sellerId: 'SELLER-1' },
        found: { buyerId: 'BUYER-1', sellerId: 'SELLER-1' },
      });
      const hub = checksOf(events).find((c) => c.ruleId === 'selftest.hub.register.contract')!;
      expect(hub.evidence.exchanges[0].request.url).toMatch(/\/hub\?buyerId=BUYER-1&sellerId=SELLER-1$/);
    } finally {
      await target.close();
    }
  });
});

describe('runner: a misbehaving target gives verdicts, never a crash or a hang', () => {
  // The status check passes where the broken seller did answer 201; nothing that depends on the broken part passes.
  const ACCEPTED = ['selftest.hub.register.event-type-query'];
  test.each([
    ['hang', 'error', []],
    ['reset', 'error', []],
    ['garbage', 'error', []],
    ['non-json', 'fail', ACCEPTED],
    ['wrong-content-type', 'fail', ACCEPTED],
    ['5xx-storm', 'fail', []],
  ] as const)(
    '%s: the hub contract rule is %s, every rule is reported, only %j passes',
    async (kind, hubVerdict, passing) => {
      const target = await serve(startMisbehavingSeller(kind as Misbehaviour));
      const { events, result } = await runWith(
        harnessSelftest,
        profile(target.url, { capabilities: { cancel: true } }),
      );
      const byRule = verdictsByRule(events);
      expect(byRule['selftest.hub.register.contract']).toEqual([hubVerdict]);
      for (const r of harnessSelftest.rules) expect(byRule[r.id]?.length).toBeGreaterThan(0);
      const pass = checksOf(events)
        .filter((c) => c.verdict === 'pass')
        .map((c) => c.ruleId);
      expect(pass).toEqual(passing);
      expect(result.counts.fail + result.counts.error).toBeGreaterThan(0);
    },
  );

  test('a 5xx answer to a valid request leaves the expected behaviour as error: it was not observed', async () => {
    const target = await serve(startHttp((_req, res) => json(res, 500, { code: 'internalError', reason: 'down' })));
    const { events } = await runWith(harnessSelftest, profile(target.url));
    const byRule = verdictsByRule(events);
    expect(byRule['selftest.hub.register.contract']).toEqual(['pass']); // 500 with an Error500 body is documented
    expect(byRule['selftest.hub.register.event-type-query']).toEqual(['error']);
    const aborted = checksOf(events).find((c) => c.ruleId === 'selftest.notification.delivered')!;
    expect(aborted.message).toMatch(
      /^not checked: the scenario stopped at step 'register a hub.*': the hub registration was not accepted$/,
    );
  });

  test('a seller that never notifies: the wait is bounded and the notification rules are error', async () => {
    const target = await serve(startMisbehavingSeller('conforming'));
    const { events } = await runWith(harnessSelftest, profile(target.url));
    const delivered = checksOf(events).find((c) => c.ruleId === 'selftest.notification.delivered')!;
    expect(delivered.verdict).toBe('error');
    expect(delivered.message).toContain('no productOrderStateChangeEvent notification within 500 ms');
    expect(verdictsByRule(events)['selftest.hub.register.contract']).toEqual(['pass']);
  });

  test('a malformed notification is a fail with the notification as evidence', async () => {
    const target = await serve(
      startHttp((req, res) => {
        if (req.method !== 'POST' || !req.url.endsWith('/hub'))
          return json(res, 404, { code: 'notFound', reason: 'x' });
        const { callback } = JSON.parse(req.body) as { callback: string };
        json(res, 201, { id: 'h1', callback });
        void fetch(`${callback}/mefApi/sonata/productOrderingNotification/v10/listener/productOrderStateChangeEvent`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            eventType: 'productOrderStateChangeEvent',
            eventTime: 'yesterday',
            event: { id: 'SO-1' },
          }),
        }).catch(() => undefined);
      }),
    );
    const { events } = await runWith(harnessSelftest, profile(target.url));
    const c = checksOf(events).find((x) => x.ruleId === 'selftest.notification.contract')!;
    expect(c.verdict).toBe('fail');
    expect(c.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/eventId', rule: 'required' }),
        expect.objectContaining({ pointer: '/eventTime', rule: 'format' }),
      ]),
    );
    expect(c.evidence.notifications).toEqual([
      expect.objectContaining({
        eventType: 'productOrderStateChangeEvent',
        entityId: 'SO-1',
        body: expect.stringContaining('yesterday'),
      }),
    ]);
  });
});

describe('runner: scenarios that stop early never let a rule pass by omission', () => {
  test('a scenario over its time limit is timed-out, its unchecked rules error, and the run goes on', async () => {
    const suite = suiteOf([
      scenario('slow', ['t.r1', 't.r2'], async (ctx) => {
        await ctx.step('check one', () => ctx.check('t.r1', 'pass', { message: 'ok' }));
        await ctx.step('wait for ever', () => new Promise(() => undefined));
      }),
      scenario('next', ['t.r3'], async (ctx) => ctx.check('t.r3', 'pass', { message: 'ok' })),
    ]);
    const { events } = await runWith(suite, profile('http://127.0.0.1:9', { timeouts: { scenarioMs: 100 } }));
    expect(verdictsByRule(events)).toEqual({ 't.r1': ['pass'], 't.r2': ['error'], 't.r3': ['pass'] });
    const fin = events.find((e) => e.type === 'scenario-finished' && e.scenarioId === 'slow') as Extract<
      RunEvent,
      { type: 'scenario-finished' }
    >;
    expect(fin.status).toBe('timed-out');
    expect(fin.reason).toContain("at step 'wait for ever'");
  });

  test('a step that throws stops the scenario as error, naming the exception', async () => {
    const suite = suiteOf([
      scenario('throws', ['t.r1', 't.r2'], async (ctx) => {
        await ctx.step('read a missing field', () => {
          const body = undefined as unknown as { id: string };
          return body.id;
        });
      }),
    ]);
    const { events } = await runWith(suite, profile('http://127.0.0.1:9'));
    const checks = checksOf(events);
    expect(checks.map((c) => c.verdict)).toEqual(['error', 'error']);
    expect(checks[0].message).toMatch(/^not checked: the scenario stopped at step 'read a missing field': TypeError: /);
  });

  test('a scenario that ends without checking a declared rule reports it as error', async () => {
    const { events } = await runWith(
      suiteOf([scenario('lazy', ['t.r1', 't.r2'], async (ctx) => ctx.check('t.r1', 'pass', { message: 'ok' }))]),
      profile('http://127.0.0.1:9'),
    );
    expect(verdictsByRule(events)).toEqual({ 't.r1': ['pass'], 't.r2': ['error'] });
    expect(checksOf(events)[1].message).toContain('finished without checking this rule');
  });

  test('capabilities not claimed: skip, before or during the scenario', async () => {
    const suite = suiteOf([
      scenario('needs-cancel', ['t.r1'], async () => undefined, { requires: ['cancel'] }),
      scenario('needs-charges-later', ['t.r2', 't.r3'], async (ctx) => {
        ctx.check('t.r2', 'pass', { message: 'ok' });
        ctx.requireCapability('charges');
        ctx.check('t.r3', 'pass', { message: 'never reached' });
      }),
    ]);
    const { events, result } = await runWith(suite, profile('http://127.0.0.1:9'));
    expect(verdictsByRule(events)).toEqual({ 't.r1': ['skip'], 't.r2': ['pass'], 't.r3': ['skip'] });
    expect(checksOf(events)[0].message).toBe("not applicable: the target profile does not claim 'cancel'");
    expect(result.counts).toEqual({ pass: 1, fail: 0, error: 0, skip: 2 });
  });

  test('--bail stops at the first fail: later scenarios do not run', async () => {
    const ran: string[] = [];
    const suite = suiteOf([
      scenario('a', ['t.r1', 't.r2'], async (ctx) => {
        ran.push('a');
        await ctx.step('fail', () => ctx.check('t.r1', 'fail', { message: 'bad' }));
        await ctx.step('never', () => ctx.check('t.r2', 'pass', { message: 'ok' }));
      }),
      scenario('b', ['t.r3'], async (ctx) => {
        ran.push('b');
        ctx.check('t.r3', 'pass', { message: 'ok' });
      }),
    ]);
    const { events, result } = await runWith(suite, profile('http://127.0.0.1:9'), { bail: true });
    expect(ran).toEqual(['a']);
    expect(result.bailed).toBe(true);
    expect(verdictsByRule(events)).toEqual({ 't.r1': ['fail'], 't.r2': ['error'] });
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', bailed: true });
  });
});

describe('runner: suite defects and bad input are refused, not reported as verdicts', () => {
  test('a check against a rule the scenario does not declare is a harness error', async () => {
    const suite = suiteOf([scenario('sloppy', ['t.r1'], async (ctx) => ctx.check('t.r2', 'pass', { message: 'x' }))]);
    await expect(runWith(suite, profile('http://127.0.0.1:9'))).rejects.toThrow(
      new HarnessError('scenario sloppy checked rule t.r2, which it does not declare'),
    );
  });

  test('a rule citing a requirement that does not exist stops the run before it starts', async () => {
    const suite = { ...suiteOf([]), rules: [{ id: 't.r1', title: 'x', api: API, requirements: ['MEF123 R4242'] }] };
    const events: RunEvent[] = [];
    await expect(runWith(suite, profile('http://127.0.0.1:9')).then((r) => events.push(...r.events))).rejects.toThrow(
      /cites 'MEF123 R4242'/,
    );
    expect(events).toEqual([]);
  });

  test('an API without a base URL is a usage error', async () => {
    const p = profile('http://127.0.0.1:9');
    await expect(runWith(suiteOf([]), { ...p, target: { apis: {} } })).rejects.toThrow(UsageError);
  });
});

describe('runner: --only and --grep', () => {
  const suite = suiteOf(
    [
      scenario('s1', ['t.r1', 't.r2'], async (ctx) =>
        ['t.r1', 't.r2'].forEach((r) => ctx.check(r, 'pass', { message: 'ok' })),
      ),
      scenario('s2', ['t.r3'], async (ctx) => ctx.check('t.r3', 'pass', { message: 'ok' })),
    ],
    ['t.r1', 't.r2', 't.r3'],
  );
  const selected = async (opts: { only?: string[]; grep?: string }) => {
    const { events } = await runWith(suite, profile('http://127.0.0.1:9'), opts);
    return {
      rules: (events[0] as Extract<RunEvent, { type: 'run-started' }>).rules.map((r) => r.id),
      checked: Object.keys(verdictsByRule(events)),
    };
  };

  test.each([
    [{ only: ['t.r3'] }, ['t.r3']],
    [{ only: ['t.r1,t.r3'] }, ['t.r1', 't.r3']],
    [{ only: ['s1'] }, ['t.r1', 't.r2']],
    [{ only: [API] }, ['t.r1', 't.r2', 't.r3']],
    [{ grep: 'r2' }, ['t.r2']],
    [{ grep: '/R[13]$/' }, ['t.r1', 't.r3']],
  ])('%j selects %j, and only those are checked', async (opts, expected) => {
    expect(await selected(opts)).toEqual({ rules: expected, checked: expected });
  });

  test.each([
    [
      { only: ['t.r4'] },
      /--only t\.r4 matches no rule, API or scenario of suite test-suite \(did you mean t\.r1, t\.r2, t\.r3\?\)/,
    ],
    [{ grep: 'nothing' }, /--grep nothing matches no rule/],
    [{ grep: '/(/' }, /not a valid regular expression/],
  ])('%j is a usage error', async (opts, message) => {
    await expect(runWith(suite, profile('http://127.0.0.1:9'), opts)).rejects.toThrow(message);
  });
});

describe('runner: state histories are judged by the state-machine oracle', () => {
  const machine: StateMachine = {
    id: 'sonata.widget',
    api: API,
    entity: 'Widget',
    stateField: 'state',
    stateEnum: { file: 'x', schema: 'X' },
    states: ['new', 'active', 'done'],
    initial: ['new'],
    terminal: ['done'],
    transitions: [
      { from: null, to: 'new', event: 'create', actor: 'client' },
      { from: 'new', to: 'active', event: 'start', actor: 'server' },
      { from: 'active', to: 'done', event: 'finish', actor: 'server' },
    ],
    source: [],
  };
  test.each([
    [['new', 'active', 'done'], true, 'pass'],
    [['new', 'done'], true, 'fail'],
    [['new', 'done'], false, 'pass'],
    [['new', 'done', 'active'], false, 'fail'],
    [['active'], false, 'fail'],
    [['new', 'new', 'done'], false, 'pass'],
    [[], true, 'fail'],
  ])('%j (strict %s) is %s', async (states, strict, verdict) => {
    const suite = suiteOf([
      scenario('h', ['t.r1'], async (ctx) => void ctx.assertHistory('t.r1', machine, states, { strict })),
    ]);
    const [c] = checksOf((await runWith(suite, profile('http://127.0.0.1:9'))).events);
    expect(c.verdict).toBe(verdict);
    expect(c.found).toEqual(states);
  });
});
