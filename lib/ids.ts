import { randomUUID } from 'node:crypto';

/**
 * Where new identifiers come from, injected like the clock: random UUIDs in a running mock, a readable counter in
 * tests so that a failure message names `productOrder-3` rather than a UUID.
 */
export interface IdSource {
  /** A new id; `prefix` names what it identifies, for sources that use it. */
  next(prefix?: string): string;
}

export const uuidIds: IdSource = { next: () => randomUUID() };

/** `<prefix>-1`, `<prefix>-2`, … counted per prefix. Not unique across restarts: for tests only. */
export function sequentialIds(): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix = 'id') {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}-${n}`;
    },
  };
}
