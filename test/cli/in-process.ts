import yargs, { type CommandModule } from 'yargs';

/** Runs one `lso specs <command>` module in process, returning what it wrote to stdout. */
export function runSpecsCommand(command: CommandModule<any, any>, args: string[]): Promise<string> {
  return runGroupCommand('specs', command, args);
}

/** Runs one `lso <group> <command>` module in process, returning what it wrote to stdout. */
export async function runGroupCommand(
  group: string,
  command: CommandModule<any, any>,
  args: string[],
): Promise<string> {
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await yargs([group, ...args])
      .command(group, `${group} commands`, (y) => y.command(command).demandCommand(1))
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new Error(msg);
      })
      .parseAsync();
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}
