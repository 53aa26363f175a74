import { CancelledError, WaitTimeoutError } from './errors';

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (e: Error) => void;
  cleanup: () => void;
}

/**
 * Bounded waits on a growing list of things received (requests, notifications): the first item, already there or
 * still to come, that satisfies a predicate. Every wait ends: a match, `WaitTimeoutError`, or `CancelledError`.
 */
export class Waiters<T> {
  private readonly waiting = new Set<Waiter<T>>();

  constructor(private readonly received: () => readonly T[]) {}

  /** `closed` says why nothing more can arrive (the server is closed): then only what is already there can match. */
  waitFor(
    predicate: (item: T) => boolean,
    opts: { timeoutMs: number; what: string; signal?: AbortSignal; closed?: string },
  ): Promise<T> {
    const hit = this.received().find((x) => matches(predicate, x));
    if (hit !== undefined) return Promise.resolve(hit);
    if (opts.closed) return Promise.reject(new CancelledError(opts.closed));
    if (opts.signal?.aborted) return Promise.reject(new CancelledError(`stopped waiting for ${opts.what}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiter.cleanup();
        reject(new WaitTimeoutError(opts.what, opts.timeoutMs));
      }, opts.timeoutMs);
      const onAbort = () => {
        waiter.cleanup();
        reject(new CancelledError(`stopped waiting for ${opts.what}`));
      };
      const waiter: Waiter<T> = {
        predicate,
        resolve,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          this.waiting.delete(waiter);
        },
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(waiter);
    });
  }

  /** Hands a new arrival to every wait it satisfies. */
  arrived(item: T): void {
    for (const w of [...this.waiting]) {
      if (matches(w.predicate, item)) {
        w.cleanup();
        w.resolve(item);
      }
    }
  }

  cancelAll(reason: string): void {
    for (const w of [...this.waiting]) {
      w.cleanup();
      w.reject(new CancelledError(reason));
    }
  }
}

function matches<T>(p: (item: T) => boolean, item: T): boolean {
  try {
    return p(item);
  } catch {
    return false; // a predicate that throws on a strange body simply does not match it
  }
}
