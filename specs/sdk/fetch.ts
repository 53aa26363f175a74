import { createWriteStream, existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { HarnessError, UsageError } from '../../lib/errors';
import { SDK_NAMES, userCacheDir, type SdkName } from './locate';
import { DEFAULT_RELEASE, formatSources, hashFile, loadLock, parseSources, type SdkLock, type SdkSource } from './lock';
import { verifySdk } from './verify';

export const DEFAULT_ARCHIVE_BASE = 'https://github.com';
/** Generous: a full SDK archive carries PDFs and images, and this covers the body as well as the headers. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export interface FetchSdkOptions {
  /** Which committed lock to fetch; ignored when `lock` is given. */
  release?: string;
  /** Where the SDK ends up; defaults to the per-user cache `locateSdk` looks at last. */
  cacheDir?: string;
  /** Archive host; defaults to `LSO_SDK_ARCHIVE_BASE`, then GitHub. */
  baseUrl?: string;
  /** Overrides the committed lock (tests, or a lock under review). */
  lock?: SdkLock;
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
  /** Per archive, headers and body together. */
  timeoutMs?: number;
  /** Download even when the cache already matches the lock. */
  force?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface FetchSdkResult {
  dir: string;
  release: string;
  /** True when the cache already matched the lock and nothing was downloaded. */
  reused: boolean;
  /** Files now in the cache (SOURCES not counted). */
  files: number;
}

/** The base URL to download from, checked up front so a typo in `--from` is a usage error, not a network one. */
export function resolveArchiveBase(baseUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const raw = baseUrl || env.LSO_SDK_ARCHIVE_BASE || DEFAULT_ARCHIVE_BASE;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`archive base "${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`archive base "${raw}" must be an http or https URL`);
  }
  return raw.replace(/\/+$/, '');
}

/** GitHub's archive of one commit: a gzipped tar whose single top folder is `<repo-name>-<commit>/`. */
export function archiveUrl(base: string, src: SdkSource): string {
  return `${base}/${src.repo}/archive/${src.commit}.tar.gz`;
}

function downloadError(url: string, err: unknown, signal: AbortSignal, timeoutMs: number): HarnessError {
  if (signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError') {
    return new HarnessError(`download of ${url} timed out after ${timeoutMs} ms`);
  }
  const e = err as Error & { cause?: { code?: unknown; message?: unknown } };
  // Node's fetch reports every network failure as "fetch failed"; the useful part (ECONNREFUSED, …) is the cause.
  // Duck-typed: the cause may come from another realm (test sandboxes) or be an AggregateError with no message.
  const detail = [e.cause?.code, e.cause?.message].filter((x) => typeof x === 'string' && x).join(' ');
  const cause = detail ? ` (${detail})` : '';
  return new HarnessError(`download of ${url} failed: ${e.message}${cause}`);
}

async function download(url: string, dest: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetchImpl(url, { signal, redirect: 'follow' });
  } catch (err) {
    throw downloadError(url, err, signal, timeoutMs);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new HarnessError(
      `download of ${url} failed: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
    );
  }
  if (!res.body) throw new HarnessError(`download of ${url} failed: the response has no body`);
  try {
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(dest));
  } catch (err) {
    throw downloadError(url, err, signal, timeoutMs);
  }
}

/**
 * Unpacks only the regular files the lock lists, dropping the archive's top folder. Links and everything unlisted
 * are never written, so a hostile or bloated archive cannot place anything else in the cache.
 */
async function unpackListed(archive: string, dest: string, listed: Record<string, string>, url: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  try {
    await tar.x({
      file: archive,
      cwd: dest,
      strip: 1,
      filter: (path, entry) => {
        const type = 'type' in entry ? entry.type : undefined;
        if (type !== 'File' && type !== 'OldFile' && type !== 'ContiguousFile') return false;
        return Object.hasOwn(listed, path.replaceAll('\\', '/').split('/').slice(1).join('/'));
      },
    });
  } catch (err) {
    throw new HarnessError(`cannot unpack ${url}: ${(err as Error).message}`);
  }
}

/** `<sdk>/<path>` of every listed file that is absent from `root` or whose bytes differ from the lock. */
function checkFiles(
  name: SdkName,
  root: string,
  listed: Record<string, string>,
): { missing: string[]; changed: string[] } {
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [rel, want] of Object.entries(listed)) {
    const abs = join(root, ...rel.split('/'));
    // lstat: a link would let the hash be taken from somewhere outside the folder.
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (!st?.isFile()) missing.push(`${name}/${rel}`);
    else if (hashFile(abs) !== want) changed.push(`${name}/${rel}`);
  }
  return { missing, changed };
}

/** The cache already holds exactly this lock (same commits, same files, nothing else), so there is nothing to do. */
function cacheMatches(dir: string, lock: SdkLock): boolean {
  const sourcesPath = join(dir, 'SOURCES');
  if (!existsSync(sourcesPath)) return false;
  try {
    const sources = parseSources(readFileSync(sourcesPath, 'utf8'));
    if (SDK_NAMES.some((n) => sources[n].repo !== lock.sdks[n].repo || sources[n].commit !== lock.sdks[n].commit))
      return false;
    if (SDK_NAMES.some((n) => !statSync(join(dir, n), { throwIfNoEntry: false })?.isDirectory())) return false;
    const v = verifySdk(dir, lock);
    return v.ok && v.extra === 0;
  } catch {
    return false;
  }
}

/**
 * We replace the cache folder wholesale, so refuse when it holds something other than an SDK: a mistyped `--cache`
 * must never swallow a user's own folder.
 */
function assertReplaceable(dir: string): void {
  const st = statSync(dir, { throwIfNoEntry: false });
  if (!st) return;
  if (!st.isDirectory()) throw new UsageError(`cache ${dir} exists and is not a folder`);
  const entries = readdirSync(dir);
  const sdkLike = new Set<string>(['SOURCES', ...SDK_NAMES]);
  if (entries.length && !entries.every((e) => sdkLike.has(e))) {
    throw new UsageError(`refusing to replace ${dir}: it holds files that are not part of a MEF SDK cache`);
  }
}

/**
 * Downloads the five SDK archives of a release, keeps exactly the files its lock lists, checks every sha256, and
 * only then swaps the result in for the cache folder. On any failure the previous cache is left untouched.
 */
export async function fetchSdk(opts: FetchSdkOptions = {}): Promise<FetchSdkResult> {
  const env = opts.env ?? process.env;
  const lock = opts.lock ?? loadLock(opts.release ?? DEFAULT_RELEASE);
  const cacheDir = resolve(opts.cacheDir ?? userCacheDir(env));
  const base = resolveArchiveBase(opts.baseUrl, env);
  const fetchImpl = opts.fetchImpl ?? fetch;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = opts.log ?? (() => undefined);
  const fileCount = SDK_NAMES.reduce((n, s) => n + Object.keys(lock.sdks[s].files).length, 0);

  if (!opts.force && cacheMatches(cacheDir, lock)) {
    log(`${cacheDir} already holds release ${lock.release} (${fileCount} files checked)`);
    return { dir: cacheDir, release: lock.release, reused: true, files: fileCount };
  }
  assertReplaceable(cacheDir);

  // Staged beside the cache so the final rename stays on one file system and is atomic.
  const parent = dirname(cacheDir);
  await mkdir(parent, { recursive: true });
  const work = await mkdtemp(join(parent, `.${basename(cacheDir)}-fetch-`));
  try {
    const staged = join(work, 'sdk');
    const missing: string[] = [];
    const changed: string[] = [];
    for (const name of SDK_NAMES) {
      const entry = lock.sdks[name];
      const url = archiveUrl(base, entry);
      log(`downloading ${name} ${entry.repo}@${entry.commit.slice(0, 12)} from ${url}`);
      const archive = join(work, `${name}.tar.gz`);
      await download(url, archive, fetchImpl, timeoutMs);
      await unpackListed(archive, join(staged, name), entry.files, url);
      await rm(archive, { force: true });
      const r = checkFiles(name, join(staged, name), entry.files);
      missing.push(...r.missing);
      changed.push(...r.changed);
      log(
        `${name}: ${Object.keys(entry.files).length - r.missing.length - r.changed.length}/${Object.keys(entry.files).length} files match the lock`,
      );
    }
    if (missing.length || changed.length) {
      for (const f of changed) log(`changed ${f}`);
      for (const f of missing) log(`missing ${f}`);
      const parts = [
        changed.length ? `changed: ${changed.join(', ')}` : '',
        missing.length ? `missing: ${missing.join(', ')}` : '',
      ];
      throw new HarnessError(
        `downloaded SDK does not match lock ${lock.release}; the cache was left as it was. ${parts.filter(Boolean).join('; ')}`,
      );
    }
    await writeFile(join(staged, 'SOURCES'), formatSources(lock.sdks));
    await swapIn(staged, cacheDir, join(work, 'previous'));
    log(`${cacheDir} now holds release ${lock.release} (${fileCount} files)`);
    return { dir: cacheDir, release: lock.release, reused: false, files: fileCount };
  } finally {
    // Also removes the previous cache once the swap has moved it here.
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Two renames: there is no portable atomic exchange of folders, so the old cache is moved aside first and moved back
 * if the second rename fails. Readers see either the old cache or the new one, never a half-written folder.
 */
async function swapIn(staged: string, cacheDir: string, aside: string): Promise<void> {
  const hadOld = existsSync(cacheDir);
  if (hadOld) await rename(cacheDir, aside);
  try {
    await rename(staged, cacheDir);
  } catch (err) {
    if (hadOld) await rename(aside, cacheDir).catch(() => undefined);
    throw new HarnessError(`cannot move the fetched SDK into ${cacheDir}: ${(err as Error).message}`);
  }
}
