import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SDK_NAMES } from './locate';
import { hashFile, listFiles, type SdkLock } from './lock';

export interface VerifyResult {
  /** No file of the lock is missing or changed; extra files do not spoil it. */
  ok: boolean;
  /** How many files of the lock were looked at. */
  checked: number;
  /** `<sdk>/<relpath>`, sorted. */
  missing: string[];
  /** `<sdk>/<relpath>`, sorted. */
  changed: string[];
  /**
   * Files present but not in the lock. Tolerated because a full GitHub archive carries images and PDFs our copy
   * leaves out, but counted so a surprising number is visible.
   */
  extra: number;
}

/** Compares the SDK folder `dir` (holding sonata/, cantata/, …) with `lock`, file by file. */
export function verifySdk(dir: string, lock: SdkLock): VerifyResult {
  const missing: string[] = [];
  const changed: string[] = [];
  let checked = 0;
  let extra = 0;
  for (const name of SDK_NAMES) {
    const root = join(dir, name);
    const files = lock.sdks[name].files;
    for (const [rel, want] of Object.entries(files)) {
      checked++;
      const abs = join(root, ...rel.split('/'));
      if (!statSync(abs, { throwIfNoEntry: false })?.isFile()) missing.push(`${name}/${rel}`);
      else if (hashFile(abs) !== want) changed.push(`${name}/${rel}`);
    }
    if (statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
      extra += listFiles(root).filter((rel) => !Object.hasOwn(files, rel)).length;
    }
  }
  missing.sort();
  changed.sort();
  return { ok: missing.length === 0 && changed.length === 0, checked, missing, changed, extra };
}
