import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { SdkNotFoundError } from '../../lib/errors';

/** The five SDK folders every located SDK must contain. */
export const SDK_NAMES = ['sonata', 'cantata', 'legato', 'interlude', 'presto'] as const;
export type SdkName = (typeof SDK_NAMES)[number];

/** Where `lso specs fetch` puts an SDK release, and the last place `locateSdk` looks. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'lso-harness', 'mef-sdk');
}

/** The repository root: two levels above this file whether run from source (specs/sdk) or dist (dist/specs/sdk). */
export function repoRoot(): string {
  const up2 = resolve(__dirname, '..', '..');
  return existsSync(join(up2, 'package.json')) ? up2 : resolve(up2, '..');
}

export interface LocateOptions {
  /** `--sdk DIR` */
  sdk?: string;
  env?: NodeJS.ProcessEnv;
  /** Overrides the repository root (tests). */
  root?: string;
  /** Overrides the cache folder (tests). */
  cacheDir?: string;
}

export interface LocatedSdk {
  dir: string;
  /** Which rule found it, for `lso specs doctor` and reports. */
  source: 'option' | 'env' | 'shared' | 'cache';
}

function isSdkDir(dir: string): boolean {
  return SDK_NAMES.every((n) => existsSync(join(dir, n)) && statSync(join(dir, n)).isDirectory());
}

/**
 * Finds the MEF SDK folder: `--sdk DIR`, then `LSO_SDK_DIR`, then `../shared/mef-sdk` beside the repository, then the
 * per-user cache. An explicitly named folder that is not an SDK is an error rather than a silent fall-through, so a
 * typo in `--sdk` never validates against some other copy.
 */
export function locateSdk(opts: LocateOptions = {}): LocatedSdk {
  const env = opts.env ?? process.env;
  const explicit: Array<[LocatedSdk['source'], string | undefined]> = [
    ['option', opts.sdk],
    ['env', env.LSO_SDK_DIR],
  ];
  for (const [source, dir] of explicit) {
    if (!dir) continue;
    const abs = resolve(dir);
    if (!isSdkDir(abs)) {
      throw new SdkNotFoundError(
        `${source === 'option' ? '--sdk' : 'LSO_SDK_DIR'} ${abs} is not a MEF LSO SDK folder (it needs ${SDK_NAMES.join(', ')} inside)`,
      );
    }
    return { dir: abs, source };
  }
  const shared = resolve(opts.root ?? repoRoot(), '..', 'shared', 'mef-sdk');
  if (isSdkDir(shared)) return { dir: shared, source: 'shared' };
  const cache = opts.cacheDir ?? userCacheDir(env);
  if (isSdkDir(cache)) return { dir: cache, source: 'cache' };
  throw new SdkNotFoundError(
    `no MEF LSO SDK found (looked at --sdk, LSO_SDK_DIR, ${shared}, ${cache}); run \`lso specs fetch\` or pass --sdk DIR`,
  );
}
