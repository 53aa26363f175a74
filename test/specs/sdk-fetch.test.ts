import { runSpecsCommand } from '../cli/in-process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as tar from 'tar';
import { specsFetchCommand } from '../../bin/commands/specs-fetch';
import { HarnessError, UsageError } from '../../lib/errors';
import { repoRoot, SDK_NAMES, type SdkName } from '../../specs/sdk/locate';
import { archiveUrl, fetchSdk, type FetchSdkOptions } from '../../specs/sdk/fetch';
import { formatSources, listFiles, loadLock, parseSources, sha256, type SdkLock } from '../../specs/sdk/lock';
import { verifySdk } from '../../specs/sdk/verify';

const REPOS: Record<SdkName, string> = {
  sonata: 'MEF-GIT/MEF-LSO-Sonata-SDK',
  cantata: 'MEF-GIT/MEF-LSO-Cantata-SDK',
  legato: 'MEF-GIT/MEF-LSO-Legato-SDK',
  interlude: 'MEF-GIT/MEF-LSO-Interlude-SDK',
  presto: 'MEF-GIT/MEF-LSO-Presto-SDK',
};

/** A few files per SDK, with a space and a non-ASCII character in one name as the real SDKs have. */
function syntheticFiles(name: SdkName): Record<string, string> {
  return {
    'README.md': `# ${name}\n`,
    [`api/${name}.api.yaml`]: `openapi: 3.0.1\ninfo: { title: ${name} }\n`,
    'documentation/requests/Use Case 8 POQ – EP-TREE.json': JSON.stringify({ sdk: name }),
  };
}

const commitOf = (name: string, salt = ''): string =>
  createHash('sha1')
    .update(name + salt)
    .digest('hex');

function syntheticLock(salt = ''): SdkLock {
  const sdks = {} as SdkLock['sdks'];
  for (const n of SDK_NAMES) {
    const files = syntheticFiles(n);
    sdks[n] = {
      repo: REPOS[n],
      commit: commitOf(n, salt),
      files: Object.fromEntries(Object.entries(files).map(([p, c]) => [p, sha256(c)])),
    };
  }
  return { release: 'grace', generatedFrom: 'SOURCES', sdks };
}

const tmpDirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'lso-sdk-fetch-'));
  tmpDirs.push(d);
  return d;
}

/** A GitHub-style archive: gzipped tar, one top folder `<repo-name>-<commit>/`. */
async function makeArchive(
  repo: string,
  commit: string,
  files: Record<string, string | Buffer>,
  symlinks: Record<string, string> = {},
): Promise<Buffer> {
  const src = tempDir();
  const top = `${repo.split('/')[1]}-${commit}`;
  for (const [rel, content] of Object.entries(files)) {
    const p = join(src, top, ...rel.split('/'));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  for (const [rel, target] of Object.entries(symlinks)) {
    const p = join(src, top, ...rel.split('/'));
    mkdirSync(dirname(p), { recursive: true });
    symlinkSync(target, p);
  }
  const file = join(src, 'archive.tar.gz');
  await tar.c({ gzip: true, file, cwd: src, portable: true }, [top]);
  return readFileSync(file);
}

/** What the loopback server answers per path: an archive, 'hang' (accept and never respond), or nothing (404). */
type Route = Buffer | 'hang';
const routes = new Map<string, Route>();
const requests: string[] = [];
let server: Server;
let base: string;

async function serveLock(
  lock: SdkLock,
  override: Partial<Record<SdkName, Record<string, string | Buffer>>> = {},
): Promise<void> {
  routes.clear();
  for (const n of SDK_NAMES) {
    const e = lock.sdks[n];
    const files = override[n] ?? {
      ...syntheticFiles(n),
      'documentation/diagram.pdf': Buffer.from([0x25, 0x50, 0x44, 0x46]),
    };
    routes.set(new URL(archiveUrl(base, e)).pathname, await makeArchive(e.repo, e.commit, files));
  }
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((p) => [p, readFileSync(join(dir, ...p.split('/')), 'latin1')]));
}

function expectedCache(lock: SdkLock): Record<string, string> {
  const out: Record<string, string> = { SOURCES: formatSources(lock.sdks) };
  for (const n of SDK_NAMES)
    for (const [p, c] of Object.entries(syntheticFiles(n))) out[`${n}/${p}`] = Buffer.from(c).toString('latin1');
  return out;
}

function opts(cacheDir: string, extra: Partial<FetchSdkOptions> = {}): FetchSdkOptions {
  return { lock: syntheticLock(), cacheDir, baseUrl: base, timeoutMs: 5000, env: {}, ...extra };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const r = routes.get(req.url ?? '');
    if (r === 'hang') return;
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(r);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  requests.length = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

describe('fetchSdk against a loopback archive server', () => {
  it('fills the cache with exactly the locked files, writes SOURCES, and leaves no staging folders', async () => {
    const lock = syntheticLock();
    await serveLock(lock);
    const parent = tempDir();
    const cacheDir = join(parent, 'mef-sdk');
    const log: string[] = [];

    const r = await fetchSdk(opts(cacheDir, { log: (l) => log.push(l) }));

    expect(r).toEqual({ dir: cacheDir, release: 'grace', reused: false, files: 15 });
    expect(snapshot(cacheDir)).toEqual(expectedCache(lock));
    expect(parseSources(readFileSync(join(cacheDir, 'SOURCES'), 'utf8')).legato).toEqual({
      repo: REPOS.legato,
      commit: lock.sdks.legato.commit,
    });
    expect(requests.sort()).toEqual(SDK_NAMES.map((n) => `/${REPOS[n]}/archive/${lock.sdks[n].commit}.tar.gz`).sort());
    expect(readdirSync(parent)).toEqual(['mef-sdk']);
    expect(verifySdk(cacheDir, lock)).toMatchObject({ ok: true, extra: 0 });
    expect(log.some((l) => l.startsWith('downloading sonata'))).toBe(true);
  });

  it('never writes links from the archive, even at a locked path', async () => {
    const lock = syntheticLock();
    await serveLock(lock);
    const files: Record<string, string> = syntheticFiles('presto');
    delete files['README.md'];
    const e = lock.sdks.presto;
    routes.set(
      new URL(archiveUrl(base, e)).pathname,
      await makeArchive(e.repo, e.commit, files, { 'README.md': '/etc/hostname', evil: '/etc' }),
    );
    const cacheDir = join(tempDir(), 'mef-sdk');
    await expect(fetchSdk(opts(cacheDir))).rejects.toThrow(/missing: presto\/README\.md$/);
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('is idempotent: over a good cache it downloads nothing, and --force refreshes it in place', async () => {
    const lock = syntheticLock();
    await serveLock(lock);
    const cacheDir = join(tempDir(), 'mef-sdk');
    await fetchSdk(opts(cacheDir));
    requests.length = 0;

    const again = await fetchSdk(opts(cacheDir));
    expect(again.reused).toBe(true);
    expect(requests).toEqual([]);

    const forced = await fetchSdk(opts(cacheDir, { force: true }));
    expect(forced.reused).toBe(false);
    expect(requests).toHaveLength(5);
    expect(snapshot(cacheDir)).toEqual(expectedCache(lock));
  });

  it('replaces a cache of an older lock with the new one', async () => {
    const cacheDir = join(tempDir(), 'mef-sdk');
    await serveLock(syntheticLock('old'));
    await fetchSdk(opts(cacheDir, { lock: syntheticLock('old') }));
    const lock = syntheticLock('new');
    await serveLock(lock);
    const r = await fetchSdk(opts(cacheDir, { lock }));
    expect(r.reused).toBe(false);
    expect(snapshot(cacheDir)).toEqual(expectedCache(lock));
  });

  it('rejects a tampered archive naming every differing or missing file, and keeps the previous cache', async () => {
    const parent = tempDir();
    const cacheDir = join(parent, 'mef-sdk');
    await serveLock(syntheticLock('old'));
    await fetchSdk(opts(cacheDir, { lock: syntheticLock('old') }));
    const before = snapshot(cacheDir);

    const lock = syntheticLock('new');
    const sonata = {
      ...syntheticFiles('sonata'),
      'api/sonata.api.yaml': 'openapi: 3.0.1\ninfo: { title: tampered }\n',
    };
    const cantata: Record<string, string> = syntheticFiles('cantata');
    delete cantata['README.md'];
    await serveLock(lock, { sonata, cantata });
    const log: string[] = [];
    requests.length = 0;

    const err = await fetchSdk(opts(cacheDir, { lock, log: (l) => log.push(l) })).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as Error).message).toMatch(/does not match lock grace/);
    expect((err as Error).message).toContain('changed: sonata/api/sonata.api.yaml');
    expect((err as Error).message).toContain('missing: cantata/README.md');
    // Every SDK was still downloaded and checked, so the report is complete.
    expect(requests).toHaveLength(5);
    expect(log).toEqual(expect.arrayContaining(['changed sonata/api/sonata.api.yaml', 'missing cantata/README.md']));
    expect(snapshot(cacheDir)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['mef-sdk']);
  });

  it('a 404 fails with an error naming the URL and the status, before touching the cache', async () => {
    const lock = syntheticLock();
    await serveLock(lock);
    const url = archiveUrl(base, lock.sdks.legato);
    routes.delete(new URL(url).pathname);
    const parent = tempDir();
    const cacheDir = join(parent, 'mef-sdk');
    await expect(fetchSdk(opts(cacheDir))).rejects.toThrow(`download of ${url} failed: HTTP 404 Not Found`);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a server that never answers is cut by the timeout, and the error names the URL', async () => {
    const lock = syntheticLock();
    await serveLock(lock);
    const url = archiveUrl(base, lock.sdks.sonata);
    routes.set(new URL(url).pathname, 'hang');
    const started = Date.now();
    await expect(fetchSdk(opts(join(tempDir(), 'mef-sdk'), { timeoutMs: 300 }))).rejects.toThrow(
      `download of ${url} timed out after 300 ms`,
    );
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('a refused connection is a clear network error naming the URL', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const deadBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((ok) => closed.close(ok));
    const url = archiveUrl(deadBase, syntheticLock().sdks.sonata);
    await expect(fetchSdk(opts(join(tempDir(), 'mef-sdk'), { baseUrl: deadBase }))).rejects.toThrow(
      new RegExp(`^download of ${url.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')} failed: .*ECONNREFUSED`),
    );
  });

  it('uses the injected fetch and LSO_SDK_ARCHIVE_BASE when no base URL is given', async () => {
    const lock = syntheticLock();
    await serveLock(lock);
    const seen: string[] = [];
    const fetchImpl: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    const cacheDir = join(tempDir(), 'mef-sdk');
    await fetchSdk({ lock, cacheDir, fetchImpl, env: { LSO_SDK_ARCHIVE_BASE: `${base}/` } });
    expect(seen).toEqual(SDK_NAMES.map((n) => archiveUrl(base, lock.sdks[n])));
    expect(snapshot(cacheDir)).toEqual(expectedCache(lock));
  });

  it('refuses a base URL that is not http(s), and a cache folder holding other things', async () => {
    await expect(fetchSdk(opts(join(tempDir(), 'c'), { baseUrl: 'ftp://example.invalid' }))).rejects.toThrow(
      UsageError,
    );
    await expect(fetchSdk(opts(join(tempDir(), 'c'), { baseUrl: 'not a url' }))).rejects.toThrow(UsageError);
    const mine = tempDir();
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    await expect(fetchSdk(opts(mine))).rejects.toThrow(/refusing to replace/);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(requests).toEqual([]);
  });
});

describe('lso specs fetch', () => {
  async function runFetch(args: string[]): Promise<string> {
    return runSpecsCommand(specsFetchCommand, ['fetch', ...args]);
  }

  it('fetches the committed grace lock end to end from archives of ../shared/mef-sdk', async () => {
    const shared = resolve(repoRoot(), '..', 'shared', 'mef-sdk');
    const lock = loadLock('grace');
    routes.clear();
    for (const n of SDK_NAMES) {
      const e = lock.sdks[n];
      const files = Object.fromEntries(
        listFiles(join(shared, n)).map((p) => [p, readFileSync(join(shared, n, ...p.split('/')))]),
      );
      routes.set(new URL(archiveUrl(base, e)).pathname, await makeArchive(e.repo, e.commit, files));
    }
    const cacheDir = join(tempDir(), 'mef-sdk');
    const out = await runFetch(['--from', base, '--cache', cacheDir]);
    expect(out.trimEnd().split('\n').pop()).toMatch(
      new RegExp(`^fetched: release grace in .*mef-sdk \\(\\d+ files\\)$`),
    );
    expect(verifySdk(cacheDir, lock)).toMatchObject({ ok: true, missing: [], changed: [], extra: 0 });
    expect(readFileSync(join(cacheDir, 'SOURCES'), 'utf8').split('\n').sort()).toEqual(
      readFileSync(join(shared, 'SOURCES'), 'utf8').split('\n').sort(),
    );
  });

  it('turns bad usage into UsageError without any download', async () => {
    await expect(runFetch(['--release', 'nope', '--from', base, '--cache', join(tempDir(), 'c')])).rejects.toThrow(
      UsageError,
    );
    await expect(runFetch(['--from', 'gopher://x', '--cache', join(tempDir(), 'c')])).rejects.toThrow(UsageError);
    expect(requests).toEqual([]);
  });
});
