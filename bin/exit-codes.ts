import { HarnessError, LsoError, SdkNotFoundError, UsageError } from '../lib/errors';

/** The documented exit codes of `lso` (README, "Exit codes"). */
export const EXIT = { ok: 0, failed: 1, usage: 2, harness: 3 } as const;

/** Maps any error to an exit code and one readable line; stack traces only with LSO_DEBUG=1. */
export function exitFor(err: unknown): { code: number; line: string } {
  if (err instanceof UsageError || err instanceof SdkNotFoundError) return { code: EXIT.usage, line: err.message };
  if (err instanceof HarnessError) return { code: EXIT.harness, line: `harness error: ${err.message}` };
  if (err instanceof LsoError) return { code: EXIT.harness, line: err.message };
  const e = err as Error;
  return { code: EXIT.harness, line: `harness error: ${e?.message ?? String(err)}` };
}
