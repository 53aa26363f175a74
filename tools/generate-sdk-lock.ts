/**
 * Regenerates specs/locks/<release>.json from a located MEF SDK folder (by default ../shared/mef-sdk).
 *
 *   node --import tsx tools/generate-sdk-lock.ts [--sdk DIR] [--release grace]
 *
 * Run it only when the SDK release itself changes: the lock is what `lso specs verify` and `lso specs fetch` trust.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { locateSdk, SDK_NAMES } from '../specs/sdk/locate';
import { buildLock, DEFAULT_RELEASE, lockPath, serializeLock } from '../specs/sdk/lock';

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) throw new Error(`${flag} needs a value`);
  return v;
}

function main(args: string[]): void {
  const located = locateSdk({ sdk: argValue(args, '--sdk') });
  const release = argValue(args, '--release') ?? DEFAULT_RELEASE;
  const lock = buildLock(located.dir, release);
  const out = lockPath(release);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, serializeLock(lock));
  const counts = SDK_NAMES.map((n) => `${n} ${Object.keys(lock.sdks[n].files).length}`).join(', ');
  process.stdout.write(`wrote ${relative(process.cwd(), out)} from ${located.dir} (${located.source}): ${counts}\n`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`generate-sdk-lock: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
