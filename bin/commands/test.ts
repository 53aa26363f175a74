import { randomUUID } from 'node:crypto';
import { EMBEDDED_TARGETS } from './embedded-targets';
import type { CommandModule } from 'yargs';
import { UsageError } from '../../lib/errors';
import { Contracts } from '../../specs/index';
import { loadRequirements } from '../../specs/requirements/index';
import type { SdkName } from '../../specs/sdk/locate';
import {
  aggregate,
  createConsoleReporter,
  createResultsWriter,
  defaultResultsDir,
  exitCodeOf,
  recordOf,
} from '../../reports/index';
import { systemClock, type Clock } from '../../lib/clock';
import type { RunEvent } from '../../runtime/events/events';
import { harnessIdentity } from '../../suites/harness/harness-version';
import { sequentialIds } from '../../lib/ids';
import { loadProfile } from '../../suites/harness/profile';
import { writeExampleProfile } from '../../suites/harness/profile-example';
import { runSuite } from '../../suites/harness/runner';
import { readSdkInfo } from '../../specs/sdk/info';
import { apisOf, type EmbeddedTarget } from '../../suites/harness/suite';
import { getSuite, SUITES } from '../../suites/registry';

export interface TestArgs {
  suite?: string;
  target?: string;
  out?: string;
  only?: string[];
  grep?: string;
  bail: boolean;
  strict: boolean;
  init?: string;
  sdk?: string;
}

/** What the command touches besides its arguments; tests replace it. */
export interface TestIo {
  out: (s: string) => void;
  clock: Clock;
  runId: () => string;
  env: NodeJS.ProcessEnv;
}

export const DEFAULT_INIT_FILE = 'lso-target.yaml';

/**
 * `lso test <suite> --target profile.yaml` and `lso test --init [FILE]`. Resolves to the exit code for verdicts
 * (0 every rule passed or was skipped, 1 any failed or could not be checked); usage and profile problems throw a
 * `UsageError` (exit 2), harness failures a `HarnessError` or anything else (exit 3), mapped by the CLI's one handler.
 */
export async function runTestCommand(argv: TestArgs, io: TestIo): Promise<0 | 1> {
  if (argv.init !== undefined) {
    const file = argv.init.trim() || DEFAULT_INIT_FILE;
    writeExampleProfile(file);
    io.out(`wrote ${file}: edit it, then run: lso test <suite> --target ${file}\n`);
    return 0;
  }
  if (!argv.suite)
    throw new UsageError(
      `name a suite: lso test <suite> --target profile.yaml (suites: ${Object.keys(SUITES).join(', ')})`,
    );
  for (const [flag, v] of [
    ['--target', argv.target],
    ['--out', argv.out],
    ['--sdk', argv.sdk],
  ] as const) {
    if (v !== undefined && !v.trim()) throw new UsageError(`${flag} needs a value`);
  }
  const suite = getSuite(argv.suite);
  const profile = argv.target ? loadProfile(argv.target, suite.profile, { env: io.env }) : undefined;
  const startDefault = suite.startDefaultTarget ?? EMBEDDED_TARGETS[suite.id];
  if (!profile && !startDefault)
    throw new UsageError(
      `suite ${suite.id} has no built-in target; pass --target profile.yaml (lso test --init writes one)`,
    );
  const sdks = [...new Set(apisOf(suite).map((a) => a.split('.')[0] as SdkName))];
  const contracts = Contracts.load({ sdk: argv.sdk, env: io.env, sdks });
  const requirements = loadRequirements(contracts.sdkDir);
  const sdk = readSdkInfo(contracts.sdkDir);
  const ids = sequentialIds();
  const outDir = argv.out ?? defaultResultsDir(new Date(io.clock.now()));
  const writer = createResultsWriter(outDir);
  const terminal = createConsoleReporter(io.out, { resultsDir: outDir });
  const events: RunEvent[] = [];
  let embedded: EmbeddedTarget | undefined;
  try {
    if (!profile) embedded = await startDefault!({ clock: io.clock, ids });
    await runSuite(
      suite,
      profile ?? embedded!.profile,
      { only: argv.only, grep: argv.grep, bail: argv.bail, strict: argv.strict },
      {
        contracts,
        requirements,
        sdk,
        harness: harnessIdentity(),
        clock: io.clock,
        ids,
        runId: io.runId(),
        onPortsOpen: (ports) => embedded?.portsOpened?.(ports),
        emit: (e) => {
          events.push(e);
          writer.onEvent(e);
          terminal(e);
        },
      },
    );
  } finally {
    await embedded?.close();
  }
  return exitCodeOf(aggregate(recordOf(events)));
}

/** The yargs 17 command module; the lead wires it into bin/lso.ts. No side effects at import. */
export const testCommand: CommandModule<object, TestArgs> = {
  command: 'test [suite]',
  describe: 'Run a conformance suite against a target; write summary.json, report.html, junit.xml, allure-results/',
  builder: (y) =>
    y
      .positional('suite', { type: 'string', describe: `Suite to run (${Object.keys(SUITES).join(', ')})` })
      .option('target', {
        type: 'string',
        requiresArg: true,
        describe: "Target profile (YAML); default: the suite's built-in target, if it has one",
      })
      .option('out', {
        type: 'string',
        requiresArg: true,
        describe: 'Results folder (default: ./lso-results/<timestamp>/)',
      })
      .option('only', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'Only these rule ids, rule id prefixes, API ids or scenario ids (repeat or comma-separate)',
      })
      .option('grep', {
        type: 'string',
        requiresArg: true,
        describe: 'Only rules whose id, title or API contains this text (or matches /regex/)',
      })
      .option('bail', { type: 'boolean', default: false, describe: 'Stop at the first fail or error' })
      .option('strict', {
        type: 'boolean',
        default: false,
        describe:
          "Unknown properties and parameters are violations, not warnings; presto-controller's RFC 7951/8040 encoding checks fail instead of warning",
      })
      .option('init', {
        type: 'string',
        describe: `Write a commented example target profile to FILE (default ${DEFAULT_INIT_FILE}) and exit`,
      })
      .option('sdk', {
        type: 'string',
        requiresArg: true,
        describe: 'MEF SDK folder (default: LSO_SDK_DIR, ../shared/mef-sdk, user cache)',
      })
      .example('$0 test harness-selftest', 'Run the harness self-test against its built-in target')
      .example('$0 test stage-selftest', 'Judge a scripted client on the harness stage')
      .example('$0 test --init seller.yaml', 'Write an example target profile'),
  handler: async (argv) => {
    process.exitCode = await runTestCommand(argv, {
      out: (s) => process.stdout.write(s),
      clock: systemClock,
      runId: randomUUID,
      env: process.env,
    });
  },
};
