import { aggregate, compareKeys, exitCodeOf } from '../../reports/aggregate';
import { recordOf } from '../../reports/run-record';
import type { Verdict } from '../../runtime/events/verdicts';
import { check, finished, started } from './helpers/events';

/** The verdict of one rule with checks of the given verdicts. */
function ruleVerdict(verdicts: Verdict[]) {
  return aggregate(
    recordOf([
      started([{ id: 'a.r', requirements: ['MEF123 R1'] }]),
      ...verdicts.map((v) => check('a.r', v)),
      finished(),
    ]),
  ).rules[0];
}

describe('verdict per rule', () => {
  test.each<[Verdict[], Verdict]>([
    [['pass'], 'pass'],
    [['pass', 'pass'], 'pass'],
    [['pass', 'fail'], 'fail'],
    [['pass', 'error'], 'error'],
    [['error', 'fail'], 'fail'],
    [['skip'], 'skip'],
    [['pass', 'skip'], 'pass'],
    [['skip', 'error'], 'error'],
  ])('checks %j make the rule %s', (checks, expected) => {
    expect(ruleVerdict(checks).verdict).toBe(expected);
  });

  test('a rule that was never checked is error, never pass', () => {
    expect(ruleVerdict([])).toMatchObject({ verdict: 'error', reason: 'not checked' });
    const bailed = aggregate(recordOf([started([{ id: 'a.r', requirements: ['MEF123 R1'] }]), finished(true)]));
    expect(bailed.rules[0].reason).toBe('not checked: the run stopped early (--bail)');
  });
});

describe('verdict per requirement: passes only if all its checks pass', () => {
  /** Requirement MEF123 R1 cited by rules x.1 and x.2, with these checks each. */
  function requirement(one: Verdict[], two: Verdict[]) {
    const run = recordOf([
      started([
        { id: 'x.one', requirements: ['MEF123 R1'] },
        { id: 'x.two', requirements: ['MEF123 R1', 'MEF123 R2'] },
      ]),
      ...one.map((v) => check('x.one', v)),
      ...two.map((v) => check('x.two', v)),
      finished(),
    ]);
    return aggregate(run).requirements.find((q) => q.key === 'MEF123 R1')!;
  }

  test.each<[Verdict[], Verdict[], Verdict]>([
    [['pass'], ['pass'], 'pass'],
    [['pass'], ['pass', 'fail'], 'fail'],
    [['pass'], ['error'], 'error'],
    [['pass', 'pass'], ['error', 'pass'], 'error'],
    [['fail'], ['error'], 'fail'],
    [['pass'], ['skip'], 'pass'],
    [['skip'], ['skip'], 'skip'],
    [['pass'], [], 'error'],
  ])('rules with checks %j and %j make it %s', (one, two, expected) => {
    expect(requirement(one, two).verdict).toBe(expected);
  });

  test('a requirement lists every rule citing it, with the counts of all their checks', () => {
    expect(requirement(['pass'], ['pass', 'error'])).toMatchObject({
      rules: ['x.one', 'x.two'],
      counts: { pass: 2, fail: 0, error: 1, skip: 0 },
    });
  });
});

describe('run verdict and exit code', () => {
  const run = (verdicts: Verdict[]) =>
    aggregate(
      recordOf([
        started(verdicts.map((_, i) => ({ id: `r.n${i}`, requirements: ['MEF123 R1'] }))),
        ...verdicts.map((v, i) => check(`r.n${i}`, v)),
        finished(),
      ]),
    );
  test.each<[Verdict[], Verdict, 0 | 1]>([
    [['pass', 'pass'], 'pass', 0],
    [['pass', 'skip'], 'pass', 0],
    [['skip'], 'skip', 0],
    [['pass', 'error'], 'error', 1],
    [['pass', 'fail', 'error'], 'fail', 1],
  ])('rules %j: run %s, exit %d', (verdicts, verdict, code) => {
    const a = run(verdicts);
    expect(a.verdict).toBe(verdict);
    expect(exitCodeOf(a)).toBe(code);
  });

  test('requirement keys sort by guide, label and number', () => {
    expect(['MEF123 R10', 'MEF123 CR1', 'MEF115 R2', 'MEF123 R9'].sort(compareKeys)).toEqual([
      'MEF115 R2',
      'MEF123 CR1',
      'MEF123 R9',
      'MEF123 R10',
    ]);
  });
});
