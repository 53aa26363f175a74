import { testCommand } from '../../bin/commands/test';
import { prestoControllerSuite } from '../../suites/presto-controller/index';
import { CONTROLLER_VARIANTS } from '../suites/presto-controller/variants';
import { readDoc } from './markdown';

/** The README's paragraph on the Presto suite, and `lso test --help` on `--strict`, say what the code does. */

/** The README paragraph that introduces `lso test presto-controller`, as one line. */
function prestoParagraph(): string {
  const readme = readDoc('README.md');
  const start = readme.indexOf('**`lso test presto-controller`**');
  expect(start).toBeGreaterThan(0);
  return readme.slice(start, readme.indexOf('\n\n', start)).replace(/\s+/g, ' ');
}

/** The description yargs shows for one option of a command module. */
function describedOption(name: string): string {
  let described = '';
  const y: any = {
    positional: () => y,
    example: () => y,
    option: (key: string, o: { describe?: string }) => {
      if (key === name) described = o.describe ?? '';
      return y;
    },
  };
  (testCommand.builder as (y: unknown) => unknown)(y);
  return described;
}

test('the README counts the Presto suite’s scenarios, rules and variants as the code has them', () => {
  const text = prestoParagraph();
  expect(text).toContain(`${prestoControllerSuite.scenarios.length} scenarios`);
  expect(text).toContain(`${prestoControllerSuite.rules.length} rules`);
  expect(text).toContain(`${CONTROLLER_VARIANTS.length} controller variants`);
  expect(text).toContain('--strict');
  expect(text).toContain('lso suites coverage --suite presto-controller');
});

test('`lso test --help` and the README say what --strict does to the Presto encoding checks', () => {
  expect(describedOption('strict')).toMatch(/presto-controller.*encoding checks fail instead of warning/);
  expect(readDoc('README.md').replace(/\s+/g, ' ')).toMatch(
    /--strict: unknown members are violations, and presto-controller's encoding checks fail instead of warning/,
  );
});
