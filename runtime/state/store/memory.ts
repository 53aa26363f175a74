import type { Json } from '../../server/types';
import { LOG_CAP, type EntityRecord, type LogEntry, type LogName, type Store } from './store';

/** The default store: plain maps. Also the read cache of the SQLite store, which writes through it. */
export class MemoryStore implements Store {
  readonly kind: 'memory' | 'sqlite' = 'memory';
  protected readonly entities = new Map<string, Map<string, EntityRecord>>();
  protected readonly values = new Map<string, unknown>();
  protected readonly logs = new Map<LogName, LogEntry[]>();
  protected readonly seqs = new Map<LogName, number>();
  protected readonly bytesCache = new WeakMap<object, Buffer>();
  /** Inside `transaction`: each entity as it was before the transaction first touched it. */
  private touched: Map<string, { kind: string; id: string; copy?: EntityRecord }> | undefined;

  get(kind: string, id: string): EntityRecord | undefined {
    if (this.touched) this.remember(kind, id);
    return this.entities.get(kind)?.get(id);
  }

  put(rec: EntityRecord): void {
    let byId = this.entities.get(rec.kind);
    if (!byId) this.entities.set(rec.kind, (byId = new Map()));
    if (this.touched) this.remember(rec.kind, rec.id);
    this.bytesCache.delete(rec.data);
    byId.set(rec.id, rec);
  }

  bytes(rec: EntityRecord): Buffer {
    let b = this.bytesCache.get(rec.data);
    if (b === undefined) {
      b = Buffer.from(JSON.stringify(rec.data));
      this.bytesCache.set(rec.data, b);
    }
    return b;
  }

  delete(kind: string, id: string): boolean {
    if (this.touched) this.remember(kind, id);
    return this.entities.get(kind)?.delete(id) ?? false;
  }

  /**
   * Keeps a copy of an entity the first time a transaction reads or writes it: handlers change a record's data in
   * place before putting it back, so the copy has to be taken before they can.
   */
  private remember(kind: string, id: string): void {
    const key = `${kind}\u0000${id}`;
    if (this.touched!.has(key)) return;
    const current = this.entities.get(kind)?.get(id);
    this.touched!.set(key, { kind, id, copy: current && structuredClone(current) });
  }

  has(kind: string, id: string): boolean {
    return this.entities.get(kind)?.has(id) ?? false;
  }

  count(kind: string): number {
    return this.entities.get(kind)?.size ?? 0;
  }

  list(kind: string): EntityRecord[] {
    return [...(this.entities.get(kind)?.values() ?? [])];
  }

  getValue<T = unknown>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  setValue(key: string, value: unknown): void {
    this.values.set(key, value);
  }

  append(log: LogName, entry: Json): number {
    const seq = (this.seqs.get(log) ?? 0) + 1;
    this.seqs.set(log, seq);
    let list = this.logs.get(log);
    if (!list) this.logs.set(log, (list = []));
    list.push({ ...entry, seq });
    // Trimmed in steps, not on every append: a splice moves the whole list.
    if (list.length > LOG_CAP[log] * 1.25) list.splice(0, list.length - LOG_CAP[log]);
    return seq;
  }

  update(log: LogName, seq: number, entry: Json): void {
    const list = this.logs.get(log) ?? [];
    const i = list.findIndex((e) => e.seq === seq);
    if (i >= 0) list[i] = { ...entry, seq };
  }

  readLog(log: LogName, opts: { after?: number; limit?: number } = {}): LogEntry[] {
    const after = opts.after ?? 0;
    const out = (this.logs.get(log) ?? []).filter((e) => e.seq > after);
    return opts.limit !== undefined ? out.slice(-opts.limit) : out;
  }

  clearLog(log: LogName): void {
    this.logs.delete(log);
  }

  /** All or nothing for the entities: a handler that throws half-way leaves no half-done change behind. */
  transaction<T>(fn: () => T, atomic = true): T {
    if (this.touched || !atomic) return fn();
    this.touched = new Map();
    try {
      return fn();
    } catch (e) {
      for (const { kind, id, copy } of this.touched.values()) {
        if (copy) this.entities.get(kind)?.set(id, copy);
        else this.entities.get(kind)?.delete(id);
      }
      throw e;
    } finally {
      this.touched = undefined;
    }
  }

  clear(): void {
    this.entities.clear();
    this.values.clear();
    this.logs.clear();
  }

  close(): void {}
}
