import { runSpecsCommand } from '../cli/in-process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { specsVerifyCommand } from '../../bin/commands/specs-verify';
import { HarnessError, SdkNotFoundError, UsageError } from '../../lib/errors';
import { repoRoot, SDK_NAMES } from '../../specs/sdk/locate';
import {
  buildLock,
  formatSources,
  listFiles,
  loadLock,
  lockPath,
  parseSources,
  serializeLock,
  validateLock,
  type SdkLock,
} from '../../specs/sdk/lock';
import { verifySdk } from '../../specs/sdk/verify';

const shared = resolve(repoRoot(), '..', 'shared', 'mef-sdk');
const tmpDirs: string[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'lso-sdk-lock-'));
  tmpDirs.push(d);
  return d;
}

/** Copies files byte by byte rather than with cp: the shared SDK is read-only and its modes must not follow. */
function copyFiles(from: string, to: string, rels: string[]): void {
  for (const rel of rels) {
    const dest = join(to, ...rel.split('/'));
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, readFileSync(join(from, ...rel.split('/'))));
  }
}

function flipFirstByte(path: string): void {
  const buf = readFileSync(path);
  buf[0] ^= 0x01;
  writeFileSync(path, buf);
}

async function runVerify(args: string[]): Promise<string> {
  return runSpecsCommand(specsVerifyCommand, ['verify', ...args]);
}

afterEach(() => {
  process.exitCode = undefined;
});

afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

describe('committed grace lock', () => {
  const lock = loadLock('grace');

  it('is stored in canonical form (sorted keys, 2-space indent), so regenerating yields no spurious diff', () => {
    expect(readFileSync(lockPath('grace'), 'utf8')).toBe(serializeLock(lock));
  });

  it('pins the repositories and commits named in ../shared/mef-sdk/SOURCES', () => {
    const sources = parseSources(readFileSync(join(shared, 'SOURCES'), 'utf8'));
    for (const n of SDK_NAMES) {
      expect({ name: n, repo: lock.sdks[n].repo, commit: lock.sdks[n].commit }).toEqual({ name: n, ...sources[n] });
    }
  });

  it('matches ../shared/mef-sdk exactly: every file present with the same bytes, nothing extra', () => {
    const expectedCount = SDK_NAMES.reduce((n, s) => n + listFiles(join(shared, s)).length, 0);
    const r = verifySdk(shared, lock);
    expect(r).toEqual({ ok: true, checked: expectedCount, missing: [], changed: [], extra: 0 });
    expect(expectedCount).toBeGreaterThan(1000);
  });

  it('is what buildLock produces from ../shared/mef-sdk today', () => {
    expect(buildLock(shared)).toEqual(lock);
  });
});

describe('verifySdk on a partial copy', () => {
  const full = loadLock('grace');
  // A few files per SDK, including names with spaces and non-ASCII characters.
  const picks: Record<string, string[]> = {};
  for (const n of SDK_NAMES) {
    const all = Object.keys(full.sdks[n].files);
    picks[n] = [all[0], all[all.length - 1], ...all.filter((p) => /[^\x20-\x7e]/.test(p)).slice(0, 1)];
  }
  const subLock: SdkLock = {
    ...full,
    sdks: Object.fromEntries(
      SDK_NAMES.map((n) => [
        n,
        { ...full.sdks[n], files: Object.fromEntries(picks[n].map((p) => [p, full.sdks[n].files[p]])) },
      ]),
    ) as SdkLock['sdks'],
  };
  const checked = SDK_NAMES.reduce((c, n) => c + picks[n].length, 0);

  function makeCopy(): string {
    const dir = tempDir();
    for (const n of SDK_NAMES) copyFiles(join(shared, n), join(dir, n), picks[n]);
    return dir;
  }

  it('an intact copy checks out', () => {
    expect(verifySdk(makeCopy(), subLock)).toEqual({ ok: true, checked, missing: [], changed: [], extra: 0 });
  });

  it('reports a file with one byte changed as changed and a deleted one as missing, and counts extras', () => {
    const dir = makeCopy();
    const changedRel = picks.sonata[0];
    const missingRel = picks.presto[1];
    flipFirstByte(join(dir, 'sonata', ...changedRel.split('/')));
    unlinkSync(join(dir, 'presto', ...missingRel.split('/')));
    writeFileSync(join(dir, 'legato', 'diagram.png'), 'not in the lock');
    expect(verifySdk(dir, subLock)).toEqual({
      ok: false,
      checked,
      missing: [`presto/${missingRel}`],
      changed: [`sonata/${changedRel}`],
      extra: 1,
    });
  });

  it('treats a folder where a file should be as missing', () => {
    const dir = makeCopy();
    const rel = picks.cantata[0];
    const p = join(dir, 'cantata', ...rel.split('/'));
    unlinkSync(p);
    mkdirSync(p);
    expect(verifySdk(dir, subLock).missing).toEqual([`cantata/${rel}`]);
  });
});

describe('loadLock, validateLock, SOURCES', () => {
  it('rejects an unknown release with a UsageError naming the known ones', () => {
    expect(() => loadLock('nope')).toThrow(UsageError);
    expect(() => loadLock('nope')).toThrow(/unknown SDK release "nope" \(known: .*grace/);
  });

  it('refuses release names that would leave the locks folder', () => {
    expect(() => loadLock('../package')).toThrow(UsageError);
  });

  it('reads the lock named by a release from another folder, checking the release inside matches', () => {
    const dir = tempDir();
    const lock = loadLock('grace');
    writeFileSync(join(dir, 'other.json'), serializeLock(lock));
    expect(() => loadLock('other', dir)).toThrow(/says it is release "grace"/);
    writeFileSync(join(dir, 'other.json'), serializeLock({ ...lock, release: 'other' }));
    expect(loadLock('other', dir).release).toBe('other');
  });

  it('rejects lock paths that climb out of the SDK folder and malformed hashes', () => {
    const lock = loadLock('grace');
    const bad = (files: Record<string, string>): unknown => ({
      ...lock,
      sdks: { ...lock.sdks, legato: { ...lock.sdks.legato, files } },
    });
    expect(() => validateLock(bad({ '../escape': 'a'.repeat(64) }), 'test')).toThrow(HarnessError);
    expect(() => validateLock(bad({ '/etc/passwd': 'a'.repeat(64) }), 'test')).toThrow(/unsafe path/);
    expect(() => validateLock(bad({ 'a//b': 'a'.repeat(64) }), 'test')).toThrow(/unsafe path/);
    expect(() => validateLock(bad({ ok: 'xyz' }), 'test')).toThrow(/not a sha256/);
    expect(validateLock(bad({ 'a/b c.json': 'a'.repeat(64) }), 'test').sdks.legato.files).toEqual({
      'a/b c.json': 'a'.repeat(64),
    });
  });

  it('round-trips SOURCES and rejects malformed or incomplete ones', () => {
    const text = readFileSync(join(shared, 'SOURCES'), 'utf8');
    const parsed = parseSources(text);
    expect(parseSources(formatSources(parsed))).toEqual(parsed);
    expect(formatSources(parsed).split('\n').sort()).toEqual(text.split('\n').sort());
    expect(() => parseSources(text.replace(/^sonata .*$/m, 'sonata MEF-GIT/x notahash'))).toThrow(/line 1/);
    expect(() => parseSources(text.replace(/^presto .*\n/m, ''))).toThrow(/lacks presto/);
  });
});

describe('lso specs verify', () => {
  it('--json on ../shared/mef-sdk prints one JSON object with ok true and leaves the exit code alone', async () => {
    const out = await runVerify(['--sdk', shared, '--json']);
    const parsed = JSON.parse(out);
    expect(parsed).toMatchObject({
      release: 'grace',
      dir: shared,
      source: 'option',
      ok: true,
      missing: [],
      changed: [],
      extra: 0,
    });
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(process.exitCode).toBeUndefined();
  });

  it('prints each differing file on its own line, then a one-line summary, and sets exit code 1', async () => {
    const lock = loadLock('grace');
    const dir = tempDir();
    for (const n of SDK_NAMES) copyFiles(join(shared, n), join(dir, n), Object.keys(lock.sdks[n].files));
    const changedRel = Object.keys(lock.sdks.interlude.files)[2];
    const missingRel = Object.keys(lock.sdks.cantata.files)[5];
    flipFirstByte(join(dir, 'interlude', ...changedRel.split('/')));
    unlinkSync(join(dir, 'cantata', ...missingRel.split('/')));

    const lines = (await runVerify(['--sdk', dir])).trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([`changed interlude/${changedRel}`, `missing cantata/${missingRel}`]);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(
      /^FAILED: .* differs from lock grace: 1 changed, 1 missing of \d+ files checked, 0 extra files ignored$/,
    );
    expect(process.exitCode).toBe(1);
  });

  it('throws typed errors for an unknown release and a folder that is not an SDK', async () => {
    await expect(runVerify(['--sdk', shared, '--release', 'nope'])).rejects.toThrow(UsageError);
    await expect(runVerify(['--sdk', tempDir()])).rejects.toThrow(SdkNotFoundError);
    expect(process.exitCode).toBeUndefined();
  });
});
