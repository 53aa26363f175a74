import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** `./lso-results/2024-05-01T12-00-00Z`: the default results folder, made unique if a run already used the second. */
export function defaultResultsDir(
  now: Date,
  base = 'lso-results',
  exists: (p: string) => boolean = existsSync,
): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  let dir = join(base, stamp);
  for (let n = 2; exists(dir); n++) dir = join(base, `${stamp}-${n}`);
  return dir;
}
