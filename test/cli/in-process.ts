import yargs, { type CommandModule } from 'yargs';

/** Runs one `lso specs <command>` module in process, returning what it wrote to stdout. */
export async function runSpecsCommand(command: CommandModule<any, any>, args: string[]): Promise<string> {
  const out: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await yargs(['specs', ...args])
      .command('specs', 'SDK commands', (y) => y.command(command).demandCommand(1))
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
