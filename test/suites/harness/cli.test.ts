import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startMisbehavingSeller, type TestServer } from './helpers/servers';

// The CLI runs as a child process, as a CI job runs it.
const ENTRY = resolve(__dirname, '../../../bin/lso.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function lso(cwd: string, args: string[]): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', TSX, ENTRY, ...args],
      { cwd, timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0' } },
      (err, stdout, stderr) => {
        done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr });
      },
    );
  });
}

let dir: string;
let broken: TestServer;
const runs: Record<string, Outcome> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lso-cli-'));
  broken = await startMisbehavingSeller('5xx-storm');
  writeFileSync(
    join(dir, 'broken.yaml'),
    `target:\n  name: broken seller\n  baseUrl: ${broken.url}\ntimeouts:\n  requestMs: 2000\n  notificationMs: 500\n`,
  );
  writeFileSync(join(dir, 'bad.yaml'), `target:\n  baseUrl: ${broken.url}\ntimeout:\n  requestMs: 5\n`);
  writeFileSync(join(dir, 'a-file'), '');
  // Independent child processes, started together to keep the test run short.
  const cases: Record<string, string[]> = {
    pass: ['test', 'harness-selftest', '--out', 'res-pass'],
    only: [
      'test',
      'harness-selftest',
      '--out',
      'res-only',
      '--only',
      'selftest.hub.register.contract',
      '--grep',
      'hub',
    ],
    fail: ['test', 'harness-selftest', '--target', 'broken.yaml', '--out', 'res-fail', '--strict'],
    badProfile: ['test', 'harness-selftest', '--target', 'bad.yaml', '--out', 'res-bad'],
    unknownSuite: ['test', 'sonata-sellr', '--out', 'res-unknown'],
    noSuite: ['test'],
    unknownFlag: ['test', 'harness-selftest', '--bogus'],
    unwritable: ['test', 'harness-selftest', '--out', 'a-file/res'],
    init: ['test', '--init', 'seller.yaml'],
  };
  const outcomes = await Promise.all(
    Object.entries(cases).map(async ([name, args]) => [name, await lso(dir, args)] as const),
  );
  for (const [name, o] of outcomes) runs[name] = o;
}, 120_000);

afterAll(async () => {
  await broken?.close();
  rmSync(dir, { recursive: true, force: true });
});

const summary = (folder: string) =>
  JSON.parse(readFileSync(join(dir, folder, 'summary.json'), 'utf8')) as {
    verdict: string;
    rules: Array<{ id: string }>;
  };

describe('lso test: exit codes as a CI job sees them', () => {
  test('0: every rule passed or was skipped (built-in target), with all results written', () => {
    expect(runs.pass).toMatchObject({ code: 0, stderr: '' });
    expect(runs.pass.stdout).toContain('Result: PASS');
    expect(summary('res-pass').verdict).toBe('pass');
    for (const f of ['summary.json', 'report.html', 'junit.xml', 'events.jsonl', 'allure-results'])
      expect(existsSync(join(dir, 'res-pass', f))).toBe(true);
  });

  test('--only and --grep narrow the run to the rules asked for', () => {
    expect(runs.only.code).toBe(0);
    expect(summary('res-only').rules.map((r) => r.id)).toEqual(['selftest.hub.register.contract']);
  });

  test('1: a target that breaks the contract', () => {
    expect(runs.fail.code).toBe(1);
    expect(runs.fail.stdout).toContain('lso test harness-selftest → broken seller');
    expect(runs.fail.stdout).toMatch(/FAIL selftest\.hub\.register\.contract: registerListener answered 503/);
    expect(summary('res-fail').verdict).toBe('fail');
  });

  test('2: a bad profile is one line naming file, line and key, and nothing is written', () => {
    expect(runs.badProfile.code).toBe(2);
    expect(runs.badProfile.stderr).toBe('lso: bad.yaml:3 timeout: unknown key (did you mean timeouts?)\n');
    expect(existsSync(join(dir, 'res-bad'))).toBe(false);
  });

  test.each([
    [
      'unknownSuite',
      /^lso: unknown suite 'sonata-sellr' \(did you mean sonata-seller\?\); known suites: harness-selftest, presto-controller, sonata-seller, stage-selftest\n$/,
    ],
    ['noSuite', /^lso: name a suite: lso test <suite> --target profile.yaml/],
    ['unknownFlag', /Unknown argument: bogus/],
  ])('2: bad usage (%s)', (name, message) => {
    expect(runs[name].code).toBe(2);
    expect(runs[name].stderr).toMatch(message);
  });

  test('3: the harness cannot write its results', () => {
    expect(runs.unwritable.code).toBe(3);
    expect(runs.unwritable.stderr).toMatch(
      /^lso: harness error: cannot write the results folder in a-file\/res: (ENOTDIR|EEXIST)\n$/,
    );
  });

  test('--init writes a commented example profile that loads; it never overwrites one', async () => {
    expect(runs.init).toMatchObject({
      code: 0,
      stdout: 'wrote seller.yaml: edit it, then run: lso test <suite> --target seller.yaml\n',
    });
    expect(readFileSync(join(dir, 'seller.yaml'), 'utf8')).toContain('# lso-harness target profile');
    const again = await lso(dir, ['test', '--init', 'seller.yaml']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('lso: seller.yaml already exists; choose another file name or remove it\n');
  });
});
