import type { VirtualClock } from '../../lib/clock';
import type { IdSource } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { Store } from './store/store';
import type { Json } from '../server/types';

/** Something to do at a point of virtual time. Plain data, kept in the store, so it survives a restart. */
export interface Job {
  id: string;
  dueAt: number;
  type: string;
  data: Json;
  /** At most one pending job per key: scheduling under a key replaces the job that was there (an entity's next step). */
  key?: string;
  /** Tie-break for jobs due at the same time: the order they were scheduled in. */
  seq: number;
}

export type JobRunner = (job: Job) => void;

const KIND = '_job';

/** A binary min-heap on (dueAt, seq): a busy mock holds many pending jobs, and each request schedules some. */
class JobHeap {
  private readonly a: Job[] = [];
  private less = (x: Job, y: Job) => x.dueAt < y.dueAt || (x.dueAt === y.dueAt && x.seq < y.seq);

  get size(): number {
    return this.a.length;
  }

  peek(): Job | undefined {
    return this.a[0];
  }

  push(j: Job): void {
    const a = this.a;
    a.push(j);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  pop(): Job | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Runs jobs when virtual time reaches them: on a real timer while the clock runs, at once when the clock is
 * advanced (in due order, with the clock set to each job's time so that what it stamps is right). The store is the
 * truth (a cancelled job is gone from it); the heap only orders, and skips what the store no longer holds.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private readonly heap = new JobHeap();
  private readonly byKey = new Map<string, string>();
  private seq = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly clock: VirtualClock,
    private readonly ids: IdSource,
    private readonly runners: Record<string, JobRunner>,
    private readonly log: Logger,
  ) {
    this.reload();
    this.unsubscribe = clock.onChange(() => this.kick());
  }

  /** Rebuilds the order from the store (at start, and after the store was reset or rolled back). */
  reload(): void {
    while (this.heap.size) this.heap.pop();
    this.byKey.clear();
    for (const r of this.store.list(KIND)) {
      const j = r.data as Job;
      this.seq = Math.max(this.seq, j.seq ?? 0);
      this.heap.push(j);
      if (j.key) this.byKey.set(j.key, j.id);
    }
  }

  schedule(type: string, delayMs: number, data: Json, key?: string): Job {
    if (!this.runners[type]) throw new Error(`no runner for job type ${type}`);
    if (key) this.cancelKey(key);
    const job: Job = {
      id: this.ids.next('job'),
      dueAt: this.clock.now() + Math.max(0, delayMs),
      type,
      data,
      seq: ++this.seq,
      ...(key ? { key } : {}),
    };
    this.store.put({ kind: KIND, id: job.id, owner: '', data: job, meta: {} });
    this.heap.push(job);
    if (key) this.byKey.set(key, job.id);
    this.kick();
    return job;
  }

  /** Drops the pending job under `key`, if any. */
  cancelKey(key: string): boolean {
    const id = this.byKey.get(key);
    if (!id) return false;
    this.byKey.delete(key);
    return this.store.delete(KIND, id);
  }

  pending(): Job[] {
    return this.store.list(KIND).map((r) => r.data as Job);
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.stop();
    this.unsubscribe();
  }

  /** Moves virtual time forward by `ms`, running every job that falls due on the way. Returns how many ran. */
  advance(ms: number): number {
    const target = this.clock.now() + ms;
    let ran = 0;
    this.running = true;
    try {
      for (let next = this.earliest(); next && next.dueAt <= target; next = this.earliest()) {
        this.clock.setTo(next.dueAt);
        this.run(next);
        ran++;
      }
      this.clock.setTo(target);
    } finally {
      this.running = false;
    }
    this.kick();
    return ran;
  }

  /** Runs what is due now. */
  runDue(): number {
    if (this.running) return 0;
    this.running = true;
    let ran = 0;
    try {
      const now = this.clock.now();
      for (let next = this.earliest(); next && next.dueAt <= now; next = this.earliest()) {
        this.run(next);
        ran++;
      }
    } finally {
      this.running = false;
    }
    this.arm();
    return ran;
  }

  /** The next job still in the store; what was cancelled meanwhile is dropped on the way. */
  private earliest(): Job | undefined {
    for (let j = this.heap.peek(); j; j = this.heap.peek()) {
      if (this.store.has(KIND, j.id)) return j;
      this.heap.pop();
    }
    return undefined;
  }

  private run(job: Job): void {
    this.heap.pop();
    this.store.delete(KIND, job.id);
    if (job.key && this.byKey.get(job.key) === job.id) this.byKey.delete(job.key);
    try {
      // Not atomic in memory: steps are the hot path and run the mock's own code, not a Buyer's input.
      this.store.transaction(() => this.runners[job.type](job), false);
    } catch (e) {
      // One broken job must not stop the others, nor the mock; it is reported and dropped.
      this.log.error({ err: e, job }, 'scheduled job failed');
    }
  }

  private kick(): void {
    if (this.running || this.stopped) return;
    const next = this.earliest();
    if (next && next.dueAt <= this.clock.now()) setImmediate(() => this.runDue());
    else this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    const next = this.earliest();
    if (!next) return;
    const delay = this.clock.realDelayUntil(next.dueAt);
    if (!Number.isFinite(delay)) return;
    this.timer = setTimeout(() => this.runDue(), Math.min(Math.ceil(delay), 2 ** 31 - 1));
    this.timer.unref();
  }
}
