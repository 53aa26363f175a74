import type { CommandModule } from 'yargs';
import { suitesCoverageCommand } from './suites-coverage';

/** `lso suites …`: facts about the conformance suites themselves. */
export const suitesCommand: CommandModule = {
  command: 'suites <command>',
  describe: 'Inspect the conformance suites: which MEF requirements they check',
  builder: (y) =>
    y.command(suitesCoverageCommand as any).demandCommand(1, 'name a suites command: lso suites --help lists them'),
  handler: () => undefined,
};
