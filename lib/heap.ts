import { setFlagsFromString } from 'node:v8';

/**
 * How much V8 lets the old generation grow past what the last full collection left alive, for a long-running mock.
 *
 * By default V8 picks a factor of up to 4 when collections are cheap. A busy mock keeps every entity it creates until
 * `--retain` forgets it, long enough to be promoted, so under load its heap floats at about three times what it holds
 * (bench/mock: ~50 MB live, 160 MB of heap, 300 MB RSS). Growing by at most 75 % keeps the peak near 190 MB for a few
 * per cent of throughput (bench/mock measures both in the same run).
 */
export const MOCK_HEAP_GROWING_PERCENT = 75;

/** Node flags by which a user has already chosen how the heap is sized; their choice wins. */
const HEAP_FLAGS = /--(heap-growing-percent|max-old-space-size|max-heap-size)\b/;

/** Whether the process was started with a heap flag of its own (on the command line or in NODE_OPTIONS). */
export function userSizedHeap(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  return execArgv.some((a) => HEAP_FLAGS.test(a)) || HEAP_FLAGS.test(nodeOptions ?? '');
}

/**
 * Bounds heap growth for this process unless the user sized the heap. The flag is one V8 reads at every full
 * collection, so setting it after start-up takes effect. Returns the percentage set, or undefined.
 */
export function boundHeapGrowth(
  percent = MOCK_HEAP_GROWING_PERCENT,
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS,
): number | undefined {
  if (userSizedHeap(execArgv, nodeOptions)) return undefined;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
