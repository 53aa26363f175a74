import Database from 'better-sqlite3';
import type { Json } from '../../server/types';
import { MemoryStore } from './memory';
import { LOG_CAP, type EntityRecord, type LogName } from './store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS entity (kind TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, owner TEXT NOT NULL,
  data TEXT NOT NULL, meta TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS log (name TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (name, seq));
`;

/**
 * All state in one SQLite file, so a shared staging mock survives a restart. Reads come from the in-memory copy
 * loaded at open; every write goes to the file before the call returns (write-through), inside the request's
 * transaction when there is one.
 */
export class SqliteStore extends MemoryStore {
  override readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly stmt: Record<string, Database.Statement>;
  private nextSeq = 1;
  private depth = 0;

  constructor(readonly file: string) {
    super();
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode is durable across a process crash (only an OS crash can lose the last commits).
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.stmt = {
      upsert: this.db.prepare(
        'INSERT INTO entity (kind, id, seq, owner, data, meta) VALUES (@kind, @id, @seq, @owner, @data, @meta) ' +
          'ON CONFLICT (kind, id) DO UPDATE SET owner = excluded.owner, data = excluded.data, meta = excluded.meta',
      ),
      del: this.db.prepare('DELETE FROM entity WHERE kind = ? AND id = ?'),
      setKv: this.db.prepare(
        'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      addLog: this.db.prepare('INSERT OR REPLACE INTO log (name, seq, entry) VALUES (?, ?, ?)'),
      trimLog: this.db.prepare('DELETE FROM log WHERE name = ? AND seq <= ?'),
      clearLog: this.db.prepare('DELETE FROM log WHERE name = ?'),
    };
    this.load();
  }

  private load(): void {
    for (const row of this.db
      .prepare('SELECT kind, id, seq, owner, data, meta FROM entity ORDER BY seq')
      .all() as Array<Record<string, string | number>>) {
      super.put({
        kind: String(row.kind),
        id: String(row.id),
        owner: String(row.owner),
        data: JSON.parse(String(row.data)),
        meta: JSON.parse(String(row.meta)),
      });
      this.nextSeq = Math.max(this.nextSeq, Number(row.seq) + 1);
    }
    for (const row of this.db.prepare('SELECT key, value FROM kv').all() as Array<{ key: string; value: string }>) {
      super.setValue(row.key, JSON.parse(row.value));
    }
    for (const row of this.db.prepare('SELECT name, seq, entry FROM log ORDER BY name, seq').all() as Array<{
      name: LogName;
      seq: number;
      entry: string;
    }>) {
      const list = this.logs.get(row.name) ?? [];
      list.push({ ...JSON.parse(row.entry), seq: row.seq });
      this.logs.set(row.name, list);
      this.seqs.set(row.name, Math.max(this.seqs.get(row.name) ?? 0, row.seq));
    }
  }

  override put(rec: EntityRecord): void {
    super.put(rec);
    const data = JSON.stringify(rec.data);
    this.stmt.upsert.run({
      kind: rec.kind,
      id: rec.id,
      seq: this.nextSeq++,
      owner: rec.owner,
      data,
      meta: JSON.stringify(rec.meta),
    });
  }

  override delete(kind: string, id: string): boolean {
    this.stmt.del.run(kind, id);
    return super.delete(kind, id);
  }

  override setValue(key: string, value: unknown): void {
    super.setValue(key, value);
    this.stmt.setKv.run(key, JSON.stringify(value));
  }

  override append(log: LogName, entry: Json): number {
    const seq = super.append(log, entry);
    this.stmt.addLog.run(log, seq, JSON.stringify(entry));
    if (seq % 100 === 0) this.stmt.trimLog.run(log, seq - LOG_CAP[log]);
    return seq;
  }

  override update(log: LogName, seq: number, entry: Json): void {
    super.update(log, seq, entry);
    this.stmt.addLog.run(log, seq, JSON.stringify(entry));
  }

  override clearLog(log: LogName): void {
    super.clearLog(log);
    this.stmt.clearLog.run(log);
  }

  override transaction<T>(fn: () => T, atomic = true): T {
    // Nested calls join the outer transaction (a scheduler step inside a request, say).
    if (this.depth > 0) return fn();
    this.depth++;
    try {
      return this.db.transaction(() => super.transaction(fn, atomic))();
    } catch (e) {
      // The file was rolled back; without the memory snapshots, memory is reloaded from it to match.
      if (!atomic) this.reloadEntities();
      throw e;
    } finally {
      this.depth--;
    }
  }

  private reloadEntities(): void {
    this.entities.clear();
    for (const row of this.db.prepare('SELECT kind, id, owner, data, meta FROM entity ORDER BY seq').all() as Array<
      Record<string, string>
    >) {
      super.put({
        kind: row.kind,
        id: row.id,
        owner: row.owner,
        data: JSON.parse(row.data),
        meta: JSON.parse(row.meta),
      });
    }
  }

  override clear(): void {
    super.clear();
    this.db.exec('DELETE FROM entity; DELETE FROM kv; DELETE FROM log;');
  }

  override close(): void {
    if (this.db.open) this.db.close();
  }
}
