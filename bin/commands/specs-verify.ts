import type { CommandModule } from 'yargs';
import { UsageError } from '../../lib/errors';
import { locateSdk } from '../../specs/sdk/locate';
import { DEFAULT_RELEASE, loadLock } from '../../specs/sdk/lock';
import { verifySdk } from '../../specs/sdk/verify';

export interface SpecsVerifyArgs {
  sdk?: string;
  release: string;
  json: boolean;
}

/** `lso specs verify`: checks a located SDK folder byte for byte against a committed release lock. */
export const specsVerifyCommand: CommandModule<object, SpecsVerifyArgs> = {
  command: 'verify',
  describe: 'Check the MEF SDK folder against the release lock (sha256 of every file)',
  builder: (y) =>
    y
      .option('sdk', {
        type: 'string',
        requiresArg: true,
        describe: 'SDK folder (default: LSO_SDK_DIR, ../shared/mef-sdk, user cache)',
      })
      .option('release', {
        type: 'string',
        default: DEFAULT_RELEASE,
        requiresArg: true,
        describe: 'Release lock to check against',
      })
      .option('json', { type: 'boolean', default: false, describe: 'Print the result as one JSON object' }),
  handler: (argv) => {
    // An empty --sdk would otherwise fall through to another copy and validate the wrong folder.
    if (argv.sdk !== undefined && !argv.sdk.trim()) throw new UsageError('--sdk needs a folder');
    const located = locateSdk({ sdk: argv.sdk });
    const lock = loadLock(argv.release);
    const r = verifySdk(located.dir, lock);
    if (argv.json) {
      process.stdout.write(
        `${JSON.stringify({ release: lock.release, dir: located.dir, source: located.source, ...r })}\n`,
      );
    } else {
      for (const f of r.changed) process.stdout.write(`changed ${f}\n`);
      for (const f of r.missing) process.stdout.write(`missing ${f}\n`);
      const extra = `${r.extra} extra file${r.extra === 1 ? '' : 's'} ignored`;
      process.stdout.write(
        r.ok
          ? `ok: SDK at ${located.dir} (${located.source}) matches lock ${lock.release}: ${r.checked} files checked, ${extra}\n`
          : `FAILED: SDK at ${located.dir} (${located.source}) differs from lock ${lock.release}: ${r.changed.length} changed, ${r.missing.length} missing of ${r.checked} files checked, ${extra}\n`,
      );
    }
    if (!r.ok) process.exitCode = 1;
  },
};
