import type { Argv } from 'yargs';

/** `--sdk DIR`, shared by every command that reads the MEF SDK. */
export function withSdk<T>(y: Argv<T>) {
  return y.option('sdk', {
    type: 'string',
    requiresArg: true,
    describe: 'MEF SDK folder (default: $LSO_SDK_DIR, ../shared/mef-sdk, then the user cache `lso specs fetch` fills)',
  });
}
