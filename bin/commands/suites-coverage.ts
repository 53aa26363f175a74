import type { CommandModule } from 'yargs';
import { Contracts } from '../../specs/index';
import { loadRequirements } from '../../specs/requirements/index';
import { prestoCoverage } from '../../suites/presto-controller/coverage';
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

/**
 * Computes the coverage the command prints: for the Presto suite over its own catalogue (Presto has no numbered
 * requirements), otherwise over the numbered requirements of the Sonata guides in the SDK.
 */
export function computeCoverage(
  argv: Pick<SuitesCoverageArgs, 'suite' | 'sdk'>,
  env: NodeJS.ProcessEnv = process.env,
): Coverage {
  const suite = getSuite(argv.suite);
  if (suite.id === 'presto-controller') return prestoCoverage(suite);
  const contracts = Contracts.load({ sdk: argv.sdk, env, sdks: ['sonata'] });
  return suiteCoverage(suite, loadRequirements(contracts.sdkDir), SONATA_GUIDES);
}

/**
 * `lso suites coverage`: how many of the numbered requirements of the Sonata guides (MEF 123, 115, 87, 116, 121,
 * 122, 124, 137, 141, W142, W160) at least one check of the suite tests, per guide, and which do not; for
 * `--suite presto-controller`, how much of the suite's catalogue (the SDK's 32 operations, the semantic rules and
 * error mapping of the research, the RFC 7951/8040 encoding). Meant to sit under a `suites <command>` parent, like
 * the `specs` subcommands. No side effects at import.
 */
export const suitesCoverageCommand: CommandModule<object, SuitesCoverageArgs> = {
  command: 'coverage',
  describe:
    'Which numbered requirements of the Sonata guides the suite checks, per guide; for presto-controller, which items of its catalogue (a table, or --json)',
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
        describe: 'Also list, per guide (or catalogue section), what no check covers',
      }) as any,
  handler: (argv) => {
    const c = computeCoverage(argv);
    process.stdout.write(
      argv.json ? `${JSON.stringify(c, null, 2)}\n` : coverageTable(c, { uncovered: argv.uncovered }),
    );
  },
};
