import { HarnessError } from '../../../lib/errors';
import { resolveRules, ruleProblems, type Rule } from '../../../suites/harness/rules';
import { SUITES } from '../../../suites/registry';
import { requirements } from './helpers/contracts';

const rule = (over: Partial<Rule> = {}): Rule => ({
  id: 'sonata.order.hub.contract',
  title: 't',
  api: 'sonata.productOrder',
  requirements: ['MEF123 R10'],
  ...over,
});

describe('rules cite MEF requirements that exist', () => {
  test.each(Object.values(SUITES).map((s) => [s.id, s] as const))(
    'every rule of suite %s cites requirements the SDK defines',
    (_id, suite) => {
      expect(ruleProblems(suite.rules, requirements())).toEqual([]);
    },
  );

  test('every scenario declares only rules its suite defines', () => {
    for (const suite of Object.values(SUITES)) {
      const ids = new Set(suite.rules.map((r) => r.id));
      for (const s of suite.scenarios) expect(s.rules.filter((r) => !ids.has(r))).toEqual([]);
    }
  });

  test('a rule citing a requirement key that does not exist is reported, and refused at run time', () => {
    const bad = [
      rule({ requirements: ['MEF123 R10', 'MEF123 R9999'] }),
      rule({ id: 'sonata.other', requirements: ['MEF999 R1'] }),
    ];
    expect(ruleProblems(bad, requirements())).toEqual([
      "rule sonata.order.hub.contract cites 'MEF123 R9999', which no MEF Developer Guide in the SDK defines",
      "rule sonata.other cites 'MEF999 R1', which no MEF Developer Guide in the SDK defines",
    ]);
    expect(() => resolveRules(bad, requirements())).toThrow(HarnessError);
  });

  test.each([
    ['a duplicate id', [rule(), rule()], "rule id 'sonata.order.hub.contract' is defined twice"],
    [
      'an id that is not dotted lower case',
      [rule({ id: 'Hub Contract' })],
      "rule id 'Hub Contract' is not dotted lower case (e.g. sonata.order.create.contract)",
    ],
    ['no requirement at all', [rule({ requirements: [] })], 'rule sonata.order.hub.contract cites no MEF requirement'],
    [
      'no requirement and an empty source',
      [rule({ requirements: [], sources: [' '] })],
      'rule sonata.order.hub.contract cites an empty source',
    ],
  ])('%s is reported', (_name, rules, problem) => {
    expect(ruleProblems(rules, requirements())).toEqual([problem]);
  });

  test('a rule of an API no guide governs may cite sources instead (RFC sections, YANG statements)', () => {
    const presto = rule({ id: 'presto.x.y', api: 'presto.nrp', requirements: [], sources: ['RFC 8040 §7.1'] });
    expect(ruleProblems([presto], requirements())).toEqual([]);
    expect(resolveRules([presto], requirements())[0]).toMatchObject({ requirements: [], sources: ['RFC 8040 §7.1'] });
    expect(resolveRules([rule()], requirements())[0]).not.toHaveProperty('sources');
  });

  test('resolved rules carry the requirement text a report shows', () => {
    const [r] = resolveRules([rule({ requirements: ['MEF123 R105'] })], requirements());
    expect(r.requirements).toEqual([
      expect.objectContaining({
        key: 'MEF123 R105',
        guide: 'MEF123',
        id: 'R105',
        level: 'mandatory',
        section: expect.stringContaining('Send Notification'),
        text: expect.stringContaining('MUST send Notifications'),
      }),
    ]);
  });
});
