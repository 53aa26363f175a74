import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { HarnessError, UsageError } from '../../lib/errors';
import { repoRoot, SDK_NAMES, type SdkName } from './locate';

/** Where one SDK comes from: the GitHub repository (`owner/name`) and the commit the release pins. */
export interface SdkSource {
  repo: string;
  commit: string;
}

export interface SdkLockEntry extends SdkSource {
  /** Path relative to the SDK folder (forward slashes) → sha256 hex of the file's bytes. */
  files: Record<string, string>;
}

/** Every file of one SDK release, pinned by content, so a copy or a download can be checked byte for byte. */
export interface SdkLock {
  release: string;
  generatedFrom: 'SOURCES';
  sdks: Record<SdkName, SdkLockEntry>;
}

export const DEFAULT_RELEASE = 'grace';

const HEX40 = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
// Release names become file names; anything else is refused before it can reach the file system.
const RELEASE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** Parses a SOURCES file: one `name owner/repo commit` line per SDK; blank lines and `#` comments are ignored. */
export function parseSources(text: string): Record<SdkName, SdkSource> {
  const out: Partial<Record<SdkName, SdkSource>> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const [name, repo, commit, ...rest] = line.split(/\s+/);
    if (
      rest.length ||
      !commit ||
      !(SDK_NAMES as readonly string[]).includes(name) ||
      !REPO.test(repo) ||
      !HEX40.test(commit)
    ) {
      throw new HarnessError(`SOURCES line ${i + 1} is not "<sdk> <owner/repo> <40-hex commit>": ${line}`);
    }
    if (out[name as SdkName]) throw new HarnessError(`SOURCES names ${name} twice`);
    out[name as SdkName] = { repo, commit };
  });
  const absent = SDK_NAMES.filter((n) => !out[n]);
  if (absent.length) throw new HarnessError(`SOURCES lacks ${absent.join(', ')}`);
  return out as Record<SdkName, SdkSource>;
}

/** The SOURCES text for a lock, in the format `parseSources` reads. */
export function formatSources(sources: Record<SdkName, SdkSource>): string {
  return SDK_NAMES.map((n) => `${n} ${sources[n].repo} ${sources[n].commit}\n`).join('');
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hashFile(path: string): string {
  return sha256(readFileSync(path));
}

/**
 * Every file under `dir`, as sorted forward-slash paths relative to it. Symbolic links to files count as files (a
 * user's SDK copy may be assembled from links); linked folders are not followed, so a link loop cannot hang us.
 */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const d of readdirSync(abs, { withFileTypes: true })) {
      const a = join(abs, d.name);
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(a, r);
      else if (d.isFile() || (d.isSymbolicLink() && statSync(a, { throwIfNoEntry: false })?.isFile())) out.push(r);
    }
  };
  walk(dir, '');
  return out.sort(compareKeys);
}

/** One fixed ordering (UTF-16 code units, locale-independent) so the lock file never reorders between machines. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Hashes every file of the five SDK folders under `sdkDir`; repo and commit come from its top-level SOURCES. */
export function buildLock(sdkDir: string, release: string = DEFAULT_RELEASE): SdkLock {
  const sourcesPath = join(sdkDir, 'SOURCES');
  if (!existsSync(sourcesPath))
    throw new HarnessError(`${sdkDir} has no SOURCES file to take repositories and commits from`);
  const sources = parseSources(readFileSync(sourcesPath, 'utf8'));
  const sdks = {} as Record<SdkName, SdkLockEntry>;
  for (const name of SDK_NAMES) {
    const root = join(sdkDir, name);
    const files: Record<string, string> = {};
    for (const rel of listFiles(root)) files[rel] = hashFile(join(root, ...rel.split('/')));
    sdks[name] = { ...sources[name], files };
  }
  return { release, generatedFrom: 'SOURCES', sdks };
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort(compareKeys)
        .map((k) => [k, sortKeysDeep(o[k])]),
    );
  }
  return value;
}

/** The lock as committed: keys sorted at every level, 2-space indent, final newline, so regenerating gives small diffs. */
export function serializeLock(lock: SdkLock): string {
  return `${JSON.stringify(sortKeysDeep(lock), null, 2)}\n`;
}

/** Lock paths are joined onto folders we write to, so one that climbs out or is absolute must never get that far. */
export function isSafeRelPath(p: string): boolean {
  if (!p || p.includes('\\') || p.includes('\0') || p.startsWith('/')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..') && posix.normalize(p) === p;
}

/** Checks the shape of a parsed lock (it may come from disk or a caller), naming the first thing wrong. */
export function validateLock(value: unknown, origin: string): SdkLock {
  const fail = (why: string): never => {
    throw new HarnessError(`${origin} is not a valid SDK lock: ${why}`);
  };
  const v = value as Partial<SdkLock> | null;
  if (!v || typeof v !== 'object') return fail('not a JSON object');
  if (typeof v.release !== 'string' || !RELEASE_NAME.test(v.release)) fail('release is missing or malformed');
  if (v.generatedFrom !== 'SOURCES') fail('generatedFrom must be "SOURCES"');
  if (!v.sdks || typeof v.sdks !== 'object') return fail('sdks is missing');
  for (const name of SDK_NAMES) {
    const e = v.sdks[name];
    if (!e || typeof e !== 'object') fail(`sdks.${name} is missing`);
    if (typeof e.repo !== 'string' || !REPO.test(e.repo)) fail(`sdks.${name}.repo is not owner/name`);
    if (typeof e.commit !== 'string' || !HEX40.test(e.commit)) fail(`sdks.${name}.commit is not a 40-hex commit`);
    if (!e.files || typeof e.files !== 'object') fail(`sdks.${name}.files is missing`);
    for (const [p, h] of Object.entries(e.files)) {
      if (!isSafeRelPath(p)) fail(`sdks.${name}.files has an unsafe path ${JSON.stringify(p)}`);
      if (typeof h !== 'string' || !SHA256.test(h))
        fail(`sdks.${name}.files[${JSON.stringify(p)}] is not a sha256 hex`);
    }
  }
  return v as SdkLock;
}

/** The folder holding committed locks; resolved from the repository root so source and dist/ builds share it. */
export function locksDir(): string {
  return join(repoRoot(), 'specs', 'locks');
}

export function knownReleases(dir: string = locksDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort(compareKeys);
}

export function lockPath(release: string, dir: string = locksDir()): string {
  return join(dir, `${release}.json`);
}

/** Reads the committed lock of `release`; an unknown release is the user's mistake, so it names the known ones. */
export function loadLock(release: string = DEFAULT_RELEASE, dir: string = locksDir()): SdkLock {
  const known = knownReleases(dir);
  if (!RELEASE_NAME.test(release) || !known.includes(release)) {
    throw new UsageError(`unknown SDK release "${release}" (known: ${known.join(', ') || 'none'})`);
  }
  const path = lockPath(release, dir);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new HarnessError(`cannot read SDK lock ${path}: ${(err as Error).message}`);
  }
  const lock = validateLock(parsed, path);
  if (lock.release !== release)
    throw new HarnessError(`${path} says it is release "${lock.release}", not "${release}"`);
  return lock;
}
