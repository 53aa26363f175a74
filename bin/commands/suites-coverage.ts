import type { CommandModule } from 'yargs';
import { Contracts } from '../../specs/index';
import { loadRequirements } from '../../specs/requirements/index';
import { coverageTable, SONATA_GUIDES, suiteCoverage, type Coverage } from '../../suites/sonata-seller/coverage';
import { getSuite } from '../../suites/registry';
import { withSdk } from './sdk-option';

export interface SuitesCoverageArgs {
  suite: string;
  sdk?: string;
  json: boolean;
  uncovered: boolean;
}

export const DEFAULT_COVERAGE_SUITE = 'sonata-seller';

/** Computes the coverage the command prints; the requirements come from the SDK's guides. */
export function computeCoverage(
  argv: Pick<SuitesCoverageArgs, 'suite' | 'sdk'>,
  env: NodeJS.ProcessEnv = process.env,
): Coverage {
  const suite = getSuite(argv.suite);
  const contracts = Contracts.load({ sdk: argv.sdk, env, sdks: ['sonata'] });
  return suiteCoverage(suite, loadRequirements(contracts.sdkDir), SONATA_GUIDES);
}

/**
 * `lso suites coverage`: how many of the numbered requirements of the Sonata guides (MEF 123, 115, 87, 116, 121,
 * 122, 124, 137, 141, W142, W160) at least one check of the suite tests, per guide, and which do not. Meant to sit
 * under a `suites <command>` parent, like the `specs` subcommands. No side effects at import.
 */
export const suitesCoverageCommand: CommandModule<object, SuitesCoverageArgs> = {
  command: 'coverage',
  describe: 'Which numbered requirements of the Sonata guides the suite checks, per guide (a table, or --json)',
  builder: (y) =>
    withSdk(y)
      .option('suite', {
        type: 'string',
        default: DEFAULT_COVERAGE_SUITE,
        requiresArg: true,
        describe: 'The suite whose rules are counted',
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'Print JSON (every guide with its checked and unchecked requirement ids)',
      })
      .option('uncovered', {
        type: 'boolean',
        default: false,
        describe: 'Also list, per guide, the requirements no check covers',
      }) as any,
  handler: (argv) => {
    const c = computeCoverage(argv);
    process.stdout.write(
      argv.json ? `${JSON.stringify(c, null, 2)}\n` : coverageTable(c, { uncovered: argv.uncovered }),
    );
  },
};
