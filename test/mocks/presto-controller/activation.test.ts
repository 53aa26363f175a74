import { sequentialIds } from '../../../lib/ids';
import { checkHistory } from '../../../specs/state-machines/machine';
import { applyStep, plan, type Fault, type PrestoEvent } from '../../../mocks/presto-controller/activation';
import { audit, emptyLedger } from '../../../mocks/presto-controller/ledger';
import {
  createService,
  deleteService,
  runDue,
  updateService,
  type OperationResult,
} from '../../../mocks/presto-controller/operations';
import { prestoConnectivityService } from '../../../mocks/presto-controller/service-states';
import type { Json } from '../../../mocks/presto-controller/service';
import type { PrestoState } from '../../../mocks/presto-controller/state';
import { createInput, endPoint, evpl, fresh, UNI1, UNI2, UNI3, UNI5 } from './inputs';

const M = 1e6;
const STEP = 1000;
type Ok = Extract<OperationResult, { ok: true }>;
function ok(r: OperationResult): Ok {
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r;
}
const brief = (events: PrestoEvent[]) =>
  events.map(
    (e) =>
      `${e.type} ${e.objectType} ${e.uuid}${e.changedAttributes ? ` ${e.changedAttributes.map((c) => `${c['value-name']}:${c['old-value']}>${c['new-value']}`).join(',')}` : ''}`,
  );
const failOn =
  (node: string, rollbackFailsOn: string[] = []) =>
  (step: { node: string }): Fault | undefined =>
    step.node === node ? { reason: 'element unreachable', rollbackFailsOn } : undefined;

/** A P2P EVPL pe1 → pe3 (route pe1, pe2, pe3), created at t=0 and not yet activated. */
function created(ids = sequentialIds()): Ok {
  return ok(createService(fresh(), evpl(UNI1, UNI5, 301, 100 * M), { ids, now: 0, stepMs: STEP }));
}
/** The same, activated. */
function installed(): PrestoState {
  return runDue(created().state, 3 * STEP).state;
}

describe('presto-controller activation (Unimgr ActivationTransaction, all-or-nothing across nodes)', () => {
  it('a created service is PLANNED and DISABLED, holds its resources, and has one step per node of its route', () => {
    const r = created();
    expect(r.service).toMatchObject({ uuid: 'cs-1', lifecycleState: 'PLANNED', operationalState: 'DISABLED' });
    expect(r.service.route).toEqual({ nodes: ['pe1', 'pe2', 'pe3'], links: ['link:pe1-pe2', 'link:pe2-pe3'] });
    expect(r.steps.map((s) => [s.node, s.action, s.due])).toEqual([
      ['pe1', 'activate', 1000],
      ['pe2', 'activate', 2000],
      ['pe3', 'activate', 3000],
    ]);
    expect(r.state.ledger.sips[UNI1].vlans).toEqual({ 301: 'cs-1' });
    expect(brief(r.events)).toEqual(['OBJECT_CREATION CONNECTIVITY_SERVICE cs-1']);
    // Local ids the client left out are assigned, int64 leaves kept as strings.
    expect(r.service.endPoints.map((e) => e['local-id'])).toEqual(['sep:1', 'sep:2']);
    const mixed = createInput({
      eps: [
        { sip: UNI1, vlans: [5] },
        { sip: UNI5, vlans: [5], localId: 'sep:1' },
      ],
      exclusive: false,
    });
    const m = ok(createService(fresh(), mixed, { ids: sequentialIds(), now: 0, stepMs: STEP }));
    expect(m.service.endPoints.map((e) => e['local-id'])).toEqual(['sep:2', 'sep:1']);
  });

  it('steps run on the virtual clock; the last one commits: INSTALLED, ENABLED, connections per node and on top', () => {
    const half = runDue(created().state, 1500);
    expect(half.reports.map((r) => [r.step.node, r.outcome])).toEqual([['pe1', 'continued']]);
    expect(half.state.services['cs-1'].lifecycleState).toBe('PLANNED');
    expect(Object.keys(half.state.connections)).toEqual(['conn:pe1:cs-1']);

    const done = runDue(half.state, 3000);
    expect(done.reports.map((r) => [r.step.node, r.outcome])).toEqual([
      ['pe2', 'continued'],
      ['pe3', 'committed'],
    ]);
    const svc = done.state.services['cs-1'];
    expect(svc).toMatchObject({ lifecycleState: 'INSTALLED', operationalState: 'ENABLED', connections: ['conn:cs-1'] });
    expect(done.state.transactions).toEqual({});
    expect(done.state.connections['conn:cs-1'].lower).toEqual(['conn:pe1:cs-1', 'conn:pe2:cs-1', 'conn:pe3:cs-1']);
    expect(done.state.connections['conn:pe2:cs-1'].endPoints.map((e) => e.nep)).toEqual([
      'nep:pe2:xe-0/1/0',
      'nep:pe2:xe-0/1/1',
    ]);
    expect(brief(done.events)).toEqual([
      'OBJECT_CREATION CONNECTION conn:pe2:cs-1',
      'OBJECT_CREATION CONNECTION conn:pe3:cs-1',
      'OBJECT_CREATION CONNECTION conn:cs-1',
      'ATTRIBUTE_VALUE_CHANGE CONNECTIVITY_SERVICE cs-1 lifecycle-state:PLANNED>INSTALLED,operational-state:DISABLED>ENABLED',
    ]);
    expect(done.events.every((e) => e.at === 2000 || e.at === 3000)).toBe(true);
    expect(checkHistory(prestoConnectivityService, ['PLANNED', 'INSTALLED'], { strict: true })).toEqual([]);
  });

  it.each([
    ['pe1', [], []],
    ['pe2', ['pe1'], ['OBJECT_DELETION CONNECTION conn:pe1:cs-1']],
    ['pe3', ['pe1', 'pe2'], ['OBJECT_DELETION CONNECTION conn:pe2:cs-1', 'OBJECT_DELETION CONNECTION conn:pe1:cs-1']],
  ])(
    'a failure on %s rolls back the nodes before it, last first, releases everything and removes the service',
    (node, _before, rollbackEvents) => {
      const r = runDue(created().state, 3 * STEP, failOn(node));
      const last = r.reports[r.reports.length - 1];
      expect(last).toMatchObject({ step: { node }, outcome: 'rolled-back' });
      expect(last.problems).toEqual([
        expect.objectContaining({
          tag: 'operation-failed',
          message: `activate failed on node ${node}: element unreachable`,
        }),
      ]);
      expect(r.state.services).toEqual({});
      expect(r.state.connections).toEqual({});
      expect(r.state.transactions).toEqual({});
      expect(r.state.ledger).toEqual(emptyLedger());
      const failedAt = brief(r.events).findIndex(
        (e) => e.startsWith('OBJECT_DELETION CONNECTION') || e.includes('PENDING_REMOVAL'),
      );
      expect(brief(r.events).slice(failedAt)).toEqual([
        ...rollbackEvents,
        'ATTRIBUTE_VALUE_CHANGE CONNECTIVITY_SERVICE cs-1 lifecycle-state:PLANNED>PENDING_REMOVAL',
        'OBJECT_DELETION CONNECTIVITY_SERVICE cs-1',
      ]);
      expect(checkHistory(prestoConnectivityService, ['PLANNED', 'PENDING_REMOVAL'], { strict: true })).toEqual([]);
    },
  );

  it('a rollback that fails leaves the service PENDING_REMOVAL / DISABLED holding its resources; a delete cleans up', () => {
    const r = runDue(created().state, 3 * STEP, failOn('pe3', ['pe1']));
    const last = r.reports[r.reports.length - 1];
    expect(last.outcome).toBe('rollback-failed');
    expect(last.problems[0]).toMatchObject({ tag: 'rollback-failed' });
    expect(last.problems[0].message).toContain('rolling back node(s) pe1 failed');
    expect(r.state.services['cs-1']).toMatchObject({ lifecycleState: 'PENDING_REMOVAL', operationalState: 'DISABLED' });
    expect(Object.keys(r.state.connections)).toEqual(['conn:pe1:cs-1']); // pe2 was rolled back, pe1 was not
    expect(r.state.ledger.claims['cs-1']).toBeDefined();

    const del = ok(deleteService(r.state, { 'service-id-or-name': 'cs-1' }, { now: 4000, stepMs: STEP }));
    expect(del.steps.map((s) => [s.node, s.action])).toEqual([['pe1', 'deactivate']]);
    expect(del.events).toEqual([]); // already PENDING_REMOVAL and DISABLED
    const gone = runDue(del.state, 5000);
    expect(gone.state.services).toEqual({});
    expect(gone.state.connections).toEqual({});
    expect(gone.state.ledger).toEqual(emptyLedger());
  });

  it('delete: PENDING_REMOVAL at once, each node deactivated, then removed with its resources given back', () => {
    const s = installed();
    const del = ok(deleteService(s, { 'service-id-or-name': 'cs-1' }, { now: 10_000, stepMs: STEP }));
    expect(brief(del.events)).toEqual([
      'ATTRIBUTE_VALUE_CHANGE CONNECTIVITY_SERVICE cs-1 lifecycle-state:INSTALLED>PENDING_REMOVAL,operational-state:ENABLED>DISABLED',
    ]);
    expect(del.steps.map((x) => x.node)).toEqual(['pe1', 'pe2', 'pe3']);
    expect(deleteService(del.state, { 'service-id-or-name': 'cs-1' }, { now: 10_000, stepMs: STEP })).toMatchObject({
      ok: false,
      problems: [{ tag: 'in-use' }],
    });
    const done = runDue(del.state, 13_000);
    expect(done.state.services).toEqual({});
    expect(done.state.connections).toEqual({});
    expect(done.state.ledger).toEqual(emptyLedger());
    expect(brief(done.events).slice(-2)).toEqual([
      'OBJECT_DELETION CONNECTION conn:cs-1',
      'OBJECT_DELETION CONNECTIVITY_SERVICE cs-1',
    ]);
    expect(
      checkHistory(prestoConnectivityService, ['PLANNED', 'INSTALLED', 'PENDING_REMOVAL'], { strict: true }),
    ).toEqual([]);
  });

  it('a delete that fails on a node leaves the service PENDING_REMOVAL with what is left; a second delete finishes', () => {
    const del = ok(deleteService(installed(), { 'service-id-or-name': 'cs-1' }, { now: 10_000, stepMs: STEP }));
    const r = runDue(del.state, 13_000, failOn('pe2'));
    expect(r.reports.map((x) => x.outcome)).toEqual(['continued', 'failed']);
    expect(r.state.services['cs-1'].lifecycleState).toBe('PENDING_REMOVAL');
    expect(Object.keys(r.state.connections).sort()).toEqual(['conn:cs-1', 'conn:pe2:cs-1', 'conn:pe3:cs-1']);
    const again = ok(deleteService(r.state, { 'service-id-or-name': 'cs-1' }, { now: 14_000, stepMs: STEP }));
    expect(again.steps.map((x) => x.node)).toEqual(['pe2', 'pe3']);
    expect(runDue(again.state, 16_000).state.ledger).toEqual(emptyLedger());
  });

  it.each([
    ['an unknown service', { 'service-id-or-name': 'cs-9' }, 'invalid-value', 'Service cs-9 does not exist'],
    ['no id at all', {}, 'invalid-value', 'Service (none) does not exist'],
  ])('delete of %s is refused', (_n, input, tag, message) => {
    expect(deleteService(installed(), input, { now: 0, stepMs: STEP })).toEqual({
      ok: false,
      problems: [expect.objectContaining({ tag, message, path: '/input/service-id-or-name' })],
    });
  });

  describe('update-connectivity-service: one end-point, node by node, undone as a whole', () => {
    const update = (ep: Json, id = 'cs-1'): Json => ({ 'service-id-or-name': id, 'end-point': ep });
    const bigger = endPoint({ sip: UNI1, vlans: [301], cir: 300 * M, localId: 'sep:1' });

    it('takes the new CIR in the ledger at once, reconfigures every node, and is ENABLED again at the end', () => {
      const u = ok(updateService(installed(), update(bigger), { now: 10_000, stepMs: STEP }));
      expect(u.service.operationalState).toBe('DISABLED');
      expect(u.state.ledger.sips[UNI1].cir).toBe(300 * M);
      expect(u.state.ledger.links['link:pe1-pe2'].cir).toBe(300 * M);
      expect(u.steps.map((s) => [s.node, s.action])).toEqual([
        ['pe1', 'update'],
        ['pe2', 'update'],
        ['pe3', 'update'],
      ]);
      const done = runDue(u.state, 13_000);
      const svc = done.state.services['cs-1'];
      expect(svc).toMatchObject({ lifecycleState: 'INSTALLED', operationalState: 'ENABLED', revision: 2 });
      const ep = svc.endPoints[0]['nrp-interface:nrp-carrier-eth-connectivity-end-point-resource'] as Json;
      expect((ep['ingress-bwp-flow'] as Json).cir).toBe('300000000');
      expect(audit(done.state.ledger)).toEqual([]);
    });

    it('a failure on a node puts back the old end-point and the old ledger', () => {
      const s = installed();
      const u = ok(updateService(s, update(bigger), { now: 10_000, stepMs: STEP }));
      const r = runDue(u.state, 13_000, failOn('pe3'));
      expect(r.reports.map((x) => x.outcome)).toEqual(['continued', 'continued', 'rolled-back']);
      expect(r.state.ledger).toEqual(s.ledger);
      expect(r.state.services['cs-1'].endPoints).toEqual(s.services['cs-1'].endPoints);
      expect(r.state.services['cs-1']).toMatchObject({ lifecycleState: 'INSTALLED', operationalState: 'ENABLED' });
    });

    it('a failure whose rollback fails leaves it PENDING_REMOVAL / DISABLED', () => {
      const u = ok(updateService(installed(), update(bigger), { now: 10_000, stepMs: STEP }));
      const r = runDue(u.state, 13_000, failOn('pe2', ['pe1']));
      expect(r.state.services['cs-1']).toMatchObject({
        lifecycleState: 'PENDING_REMOVAL',
        operationalState: 'DISABLED',
      });
      expect(
        checkHistory(prestoConnectivityService, ['PLANNED', 'INSTALLED', 'PENDING_REMOVAL'], { strict: true }),
      ).toEqual([]);
    });

    it.each([
      ['no end-point', { 'service-id-or-name': 'cs-1' }, 'invalid-value', '/input/end-point'],
      ['an end-point list instead of one', update([bigger] as unknown as Json), 'invalid-value', '/input/end-point'],
      ['no local-id', update(endPoint({ sip: UNI1, vlans: [301] })), 'invalid-value', '/input/end-point/local-id'],
      [
        'an unknown local-id',
        update(endPoint({ sip: UNI1, vlans: [301], localId: 'x' })),
        'invalid-value',
        '/input/end-point/local-id',
      ],
      [
        'another SIP',
        update(endPoint({ sip: UNI2, vlans: [301], localId: 'sep:1' })),
        'invalid-value',
        '/input/end-point/service-interface-point/service-interface-point-id',
      ],
      [
        'VLAN 4095',
        update(endPoint({ sip: UNI1, vlans: [4095], localId: 'sep:1' })),
        'invalid-value',
        "/input/end-point/nrp-interface:nrp-carrier-eth-connectivity-end-point-resource/ce-vlan-id-list-and-untag/vlan-id[vlan-id='4095']",
      ],
      [
        'CIR beyond the UNI',
        update(endPoint({ sip: UNI1, vlans: [301], cir: 2000 * M, localId: 'sep:1' })),
        'resource-denied',
        '/input/end-point',
      ],
      ['an unknown service', update(bigger, 'cs-7'), 'invalid-value', '/input/service-id-or-name'],
    ])('refuses %s and changes nothing', (_n, input, tag, path) => {
      const s = installed();
      const before = structuredClone(s);
      const r = updateService(s, input, { now: 10_000, stepMs: STEP });
      expect(r).toMatchObject({ ok: false, problems: [{ tag, path }] });
      expect(s).toEqual(before);
    });

    it('refuses a VLAN another service maps at that UNI, and an update while activating', () => {
      let s = installed();
      s = ok(createService(s, evpl(UNI1, UNI3, 400), { ids: sequentialIds(), now: 0, stepMs: STEP })).state;
      expect(
        updateService(s, update(endPoint({ sip: UNI1, vlans: [400], localId: 'sep:1' })), { now: 0, stepMs: STEP }),
      ).toMatchObject({ ok: false, problems: [{ tag: 'resource-denied', appTag: 'vlan-in-use' }] });
      expect(updateService(created().state, update(bigger), { now: 0, stepMs: STEP })).toMatchObject({
        ok: false,
        problems: [{ tag: 'in-use' }],
      });
    });
  });

  it('a step applies only in its turn', () => {
    const r = created();
    expect(() => applyStep(r.state, r.steps[1])).toThrow(/not the next one/);
    expect(() => applyStep(r.state, { ...r.steps[0], service: 'cs-9' })).toThrow(/no activation under way/);
    expect(plan('x', { nodes: ['a', 'b'] }, 'activate', { now: 5, stepMs: 10 }).map((s) => s.due)).toEqual([15, 25]);
  });

  it('random services, faults and deletes: the ledger stays exact and drains to empty', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const sips = [UNI1, UNI2, UNI3, UNI5, 'sip:pe2:xe-0/0/3', 'sip:pe3:xe-0/0/9', 'sip:pe1:xe-0/0/5'];
    const ids = sequentialIds();
    const nodes = ['pe1', 'pe2', 'pe3'];
    let s = fresh();
    let now = 0;
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      now += 500;
      const roll = rand();
      const live = Object.values(s.services).filter((x) => !s.transactions[x.uuid]);
      if (roll < 0.55 || live.length === 0) {
        const a = pick(sips);
        const z = pick(sips.filter((x) => x !== a));
        const vlan = 1 + Math.floor(rand() * 30);
        const exclusive = rand() < 0.2 ? true : false;
        const input = createInput({
          eps: [
            { sip: a, vlans: [vlan], cir: Math.floor(rand() * 300) * M },
            { sip: z, vlans: [vlan], cir: Math.floor(rand() * 300) * M },
          ],
          exclusive,
        });
        const r = createService(s, input, { ids, now, stepMs: STEP });
        if (r.ok) s = r.state;
      } else if (roll < 0.7) {
        const svc = pick(live);
        const ep = pick(svc.endPoints);
        const r = updateService(
          s,
          {
            'service-id-or-name': svc.uuid,
            'end-point': {
              ...ep,
              'nrp-interface:nrp-carrier-eth-connectivity-end-point-resource': {
                'ingress-bwp-flow': { cir: String(Math.floor(rand() * 300) * M) },
              },
            },
          },
          { now, stepMs: STEP },
        );
        if (r.ok) s = r.state;
      } else {
        const r = deleteService(s, { 'service-id-or-name': pick(live).uuid }, { now, stepMs: STEP });
        if (r.ok) s = r.state;
      }
      const faulty = pick(nodes);
      const ran = runDue(s, now, (step) =>
        rand() < 0.15 && step.node === faulty ? { rollbackFailsOn: rand() < 0.3 ? [pick(nodes)] : [] } : undefined,
      );
      s = ran.state;
      for (const rep of ran.reports) outcomes.set(rep.outcome, (outcomes.get(rep.outcome) ?? 0) + 1);
      expect(audit(s.ledger)).toEqual([]);
      // The ledger holds exactly the services that exist.
      expect(Object.keys(s.ledger.claims).sort()).toEqual(Object.keys(s.services).sort());
    }
    // The run met every outcome, not only the happy one.
    for (const o of ['committed', 'rolled-back', 'rollback-failed', 'failed'])
      expect(outcomes.get(o) ?? 0).toBeGreaterThan(0);
    // Let everything finish, then delete every service until none is left.
    for (let round = 0; round < 5 && Object.keys(s.services).length; round++) {
      now += 10 * STEP;
      s = runDue(s, now).state;
      for (const uuid of Object.keys(s.services)) {
        const r = deleteService(s, { 'service-id-or-name': uuid }, { now, stepMs: STEP });
        if (r.ok) s = r.state;
      }
      now += 10 * STEP;
      s = runDue(s, now).state;
    }
    expect(s.services).toEqual({});
    expect(s.connections).toEqual({});
    expect(s.ledger).toEqual(emptyLedger());
  });
});
