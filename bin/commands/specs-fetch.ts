import type { CommandModule } from 'yargs';
import { UsageError } from '../../lib/errors';
import { fetchSdk } from '../../specs/sdk/fetch';
import { DEFAULT_RELEASE } from '../../specs/sdk/lock';

export interface SpecsFetchArgs {
  release: string;
  from?: string;
  cache?: string;
  force: boolean;
}

/** `lso specs fetch`: downloads a release's SDKs into the user cache, trusting only files whose sha256 the lock pins. */
export const specsFetchCommand: CommandModule<object, SpecsFetchArgs> = {
  command: 'fetch',
  describe: 'Download the MEF SDKs of a release into the user cache, checked against the release lock',
  builder: (y) =>
    y
      .option('release', {
        type: 'string',
        default: DEFAULT_RELEASE,
        requiresArg: true,
        describe: 'Release lock to fetch',
      })
      .option('from', {
        type: 'string',
        requiresArg: true,
        describe: 'Archive base URL (default: LSO_SDK_ARCHIVE_BASE, then GitHub)',
      })
      .option('cache', { type: 'string', requiresArg: true, describe: 'Folder to fill (default: the per-user cache)' })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Download even if the cache already matches the lock',
      }),
  handler: async (argv) => {
    if (argv.cache !== undefined && !argv.cache.trim()) throw new UsageError('--cache needs a folder');
    if (argv.from !== undefined && !argv.from.trim()) throw new UsageError('--from needs a URL');
    const r = await fetchSdk({
      release: argv.release,
      baseUrl: argv.from,
      cacheDir: argv.cache,
      force: argv.force,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(
      `${r.reused ? 'up to date' : 'fetched'}: release ${r.release} in ${r.dir} (${r.files} files)\n`,
    );
  },
};
