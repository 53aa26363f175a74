#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { UsageError } from '../lib/errors';
import { exitFor } from './exit-codes';
import { commands } from './commands';

/**
 * The `lso` CLI. Commands only parse arguments and call one module; every error reaches the single handler below,
 * which prints one line and sets the exit code (0 ok, 1 failed/invalid, 2 usage or config, 3 harness error).
 */
export async function main(argv: string[]): Promise<void> {
  const cli = yargs(argv)
    .scriptName('lso')
    .usage('$0 <command> [options]\n\nConformance suites, stateful mocks and contract checks for the MEF LSO APIs.')
    .strict()
    .demandCommand(1, 'name a command: lso --help lists them')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  for (const c of commands) cli.command(c as any);
  await cli.parseAsync();
}

if (require.main === module) {
  // `lso specs list | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  main(hideBin(process.argv)).catch((err: unknown) => {
    const { code, line } = exitFor(err);
    process.stderr.write(`lso: ${line}\n`);
    if (process.env.LSO_DEBUG === '1' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = code;
  });
}
