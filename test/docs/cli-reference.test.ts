import { main } from '../../bin/lso';
import { codeBlocks, codeSpans, readDoc, section } from './markdown';

/**
 * The README's "CLI reference" agrees with the CLI's own `--help`: every command and option it lists exists, and
 * every option a command's `--help` shows is listed (the global `--help`, `--version` and `--sdk` are said once).
 */

/** Options every command has, or nearly: the README says so once instead of on each line. */
const GLOBAL = new Set(['--help', '--version', '--sdk']);

/** What `lso <args> --help` prints, through the CLI's own `main` in this process. */
async function help(args: string[]): Promise<string> {
  const out: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(`${a.join(' ')}\n`));
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  // yargs ends the process after printing help; here it must only return.
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as typeof process.exit);
  try {
    await main([...args, '--help']);
  } finally {
    log.mockRestore();
    write.mockRestore();
    exit.mockRestore();
  }
  return out.join('');
}

/** The lines of one section of a yargs help text (`Commands:`, `Options:`), up to the next blank line. */
function helpSection(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`${title}:`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && !l.trim());
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The subcommand names `lso <path…> --help` lists (`lso specs --help` → list, show, …). */
function subcommands(text: string, path: string[]): string[] {
  const names: string[] = [];
  for (const line of helpSection(text, 'Commands')) {
    const words = line.trim().split(/\s+/);
    if (/^ {2}\S/.test(line) && words[0] === 'lso' && path.every((p, i) => words[i + 1] === p)) {
      names.push(words[path.length + 1]);
    }
  }
  return names;
}

/** The long options `lso <path…> --help` shows (`--json`, `--sdk`…). */
function options(text: string): string[] {
  return helpSection(text, 'Options')
    .map((l) => /^ {2}(?:-\w, | {4})(--[\w-]+)/.exec(l)?.[1])
    .filter((o): o is string => !!o);
}

interface ReadmeEntry {
  /** The command's first line as the README writes it. */
  line: string;
  /** Its synopsis and description, continuation lines included. */
  text: string;
}

/** The `lso …` entries of the code blocks of the README's "CLI reference" (output examples are skipped). */
function readmeEntries(cliReference: string): ReadmeEntry[] {
  const entries: ReadmeEntry[] = [];
  for (const block of codeBlocks(cliReference)) {
    let current: ReadmeEntry | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith('lso ')) {
        current = { line: line.split(/ {2,}/)[0], text: line };
        entries.push(current);
      } else if (current && /^\s+\S/.test(line)) current.text += `\n${line}`;
      else current = undefined;
    }
  }
  return entries;
}

interface CliCommand {
  /** `specs list`, `test`… */
  name: string;
  options: string[];
}

/** Every leaf command of the CLI with the options its `--help` shows, walking `lso --help` down. */
async function cliCommands(): Promise<CliCommand[]> {
  const found: CliCommand[] = [];
  const walk = async (path: string[]) => {
    const text = await help(path);
    const subs = subcommands(text, path);
    if (path.length && !subs.length) {
      found.push({ name: path.join(' '), options: options(text) });
      return;
    }
    for (const s of subs) await walk([...path, s]);
  };
  await walk([]);
  return found;
}

/** The leaf command an entry documents: the longest CLI command its first words name. */
function commandOf(entry: ReadmeEntry, cli: CliCommand[]): CliCommand | undefined {
  const words = entry.line.split(/\s+/).slice(1);
  return cli
    .filter((c) => c.name.split(' ').every((w, i) => words[i] === w))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

const optionsIn = (text: string) => [...new Set(text.match(/--[a-z][\w-]*/g) ?? [])];

describe('README "CLI reference" agrees with `lso --help`', () => {
  const reference = section(readDoc('README.md'), '## CLI reference');
  const entries = readmeEntries(reference);
  let cli: CliCommand[];

  beforeAll(async () => {
    cli = await cliCommands();
  });

  it('walks a CLI with commands and a README with entries (the parsers still read both)', () => {
    expect(cli.map((c) => c.name)).toEqual(expect.arrayContaining(['test', 'mock', 'specs list', 'suites coverage']));
    expect(cli.find((c) => c.name === 'specs validate')?.options).toEqual(expect.arrayContaining(['--api', '--json']));
    expect(entries.length).toBeGreaterThanOrEqual(cli.length);
  });

  it('lists only commands the CLI has', () => {
    const unknown = entries.filter((e) => !commandOf(e, cli)).map((e) => e.line);
    expect(unknown).toEqual([]);
  });

  it('lists every command the CLI has', () => {
    const documented = new Set(entries.map((e) => commandOf(e, cli)?.name));
    expect(cli.map((c) => c.name).filter((n) => !documented.has(n))).toEqual([]);
  });

  it("lists only options the command's --help shows", () => {
    const wrong: string[] = [];
    for (const e of entries) {
      const c = commandOf(e, cli);
      if (!c) continue;
      for (const o of optionsIn(e.text)) if (!c.options.includes(o)) wrong.push(`lso ${c.name} ${o}`);
    }
    expect(wrong).toEqual([]);
  });

  it("lists every option each command's --help shows, but the global ones", () => {
    const missing: string[] = [];
    for (const c of cli) {
      const documented = new Set(entries.filter((e) => commandOf(e, cli) === c).flatMap((e) => optionsIn(e.text)));
      for (const o of c.options) if (!GLOBAL.has(o) && !documented.has(o)) missing.push(`lso ${c.name} ${o}`);
    }
    expect(missing).toEqual([]);
  });

  it('says once which commands take --sdk DIR, and that is true', () => {
    const prose = reference.replace(/^```[\s\S]*?^```$/gm, '');
    const sentence = prose.split(/(?<=\.)\s+/).find((s) => s.includes('`--sdk DIR`'));
    expect(sentence).toBeDefined();
    const exceptions = codeSpans(sentence!)
      .filter((s) => s.startsWith('lso '))
      .map((s) => s.slice('lso '.length));
    const without = cli.filter((c) => !c.options.includes('--sdk')).map((c) => c.name);
    expect(without.sort()).toEqual(exceptions.sort());
  });
});
