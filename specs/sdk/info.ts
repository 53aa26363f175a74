import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { knownReleases, loadLock, parseSources, type SdkSource } from './lock';

/** Which MEF SDK the verdicts were computed against, as every report states it. */
export interface SdkInfo {
  /** The committed release lock whose commits match SOURCES (`grace`), or null if none does. */
  release: string | null;
  /** Per SDK (`sonata`…): repository and commit, from the located SDK's SOURCES file; null if it has none. */
  sources: Record<string, SdkSource> | null;
}

/**
 * Reads the located SDK's SOURCES file and names the release whose lock pins the same commits. Only commits are
 * compared (hashing every file is `lso specs verify`'s job), which is what a report needs to say.
 */
export function readSdkInfo(sdkDir: string): SdkInfo {
  const file = join(sdkDir, 'SOURCES');
  if (!existsSync(file)) return { release: null, sources: null };
  const sources = parseSources(readFileSync(file, 'utf8'));
  const release =
    knownReleases().find((name) => {
      const lock = loadLock(name);
      return Object.entries(lock.sdks).every(
        ([sdk, entry]) => sources[sdk as keyof typeof sources]?.commit === entry.commit,
      );
    }) ?? null;
  return { release, sources };
}
