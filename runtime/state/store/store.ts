import type { Json } from '../../server/types';

/** One stored entity: the MEF resource as served, and what the mock keeps about it that the Buyer never sees. */
export interface EntityRecord {
  /** `productOrder`, `quote`, `_hub`, `_job`… (a leading `_` marks the mock's own bookkeeping). */
  kind: string;
  id: string;
  /** Tenant partition (`Tenant.key`), or `*` for what every partner sees (seeded addresses, the catalog). */
  owner: string;
  data: Json;
  meta: Json;
}

export type LogName = 'journal' | 'deliveries';

export interface LogEntry extends Json {
  seq: number;
}

/**
 * Everything a mock remembers. Writes are synchronous and complete when the call returns, so a response is only sent
 * after what it reports has been stored (the SQLite store survives a restart with nothing lost).
 */
export interface Store {
  readonly kind: 'memory' | 'sqlite';
  get(kind: string, id: string): EntityRecord | undefined;
  /** Inserts or replaces; a replaced record keeps its place in `list`. */
  put(rec: EntityRecord): void;
  delete(kind: string, id: string): boolean;
  /** In insertion order. */
  list(kind: string): EntityRecord[];
  count(kind: string): number;
  /** Whether an entity exists, without counting as a read of it (no snapshot inside a transaction). */
  has(kind: string, id: string): boolean;
  /**
   * The entity's data serialized as UTF-8 JSON, cached until the next `put` of it: reads are most of a mock's
   * traffic, and bytes go to the socket as they are (a string would be encoded again on every send).
   */
  bytes(rec: EntityRecord): Buffer;
  getValue<T = unknown>(key: string): T | undefined;
  setValue(key: string, value: unknown): void;
  /** Appends to a capped log and returns the entry's sequence number. */
  append(log: LogName, entry: Json): number;
  update(log: LogName, seq: number, entry: Json): void;
  readLog(log: LogName, opts?: { after?: number; limit?: number }): LogEntry[];
  clearLog(log: LogName): void;
  /**
   * Runs `fn` so that its writes land together (one SQLite transaction). `atomic` (the default) also puts every
   * entity back as it was if `fn` throws; without it (the scheduler's own steps, the hot path) the file is rolled
   * back and a memory store logs what it could not undo.
   */
  transaction<T>(fn: () => T, atomic?: boolean): T;
  /** Forgets everything. */
  clear(): void;
  close(): void;
}

export const LOG_CAP: Record<LogName, number> = { journal: 5000, deliveries: 5000 };
