import { isoAt, type Clock } from '../../lib/clock';
import type { IdSource } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { ListenerTarget } from '../server/routes';
import { hubsOf, type Hub } from './hubs';
import { PUBLIC, tenantFields, type Tenant } from '../server/tenancy';
import type { SelfCheck } from '../server/self-check';
import type { Store } from '../state/store/store';
import type { Json } from '../server/types';
import { sendOnce } from '../http/transport';

/** A listener's answer is read only to be discarded: a babbling one cannot make the sender hold much of it. */
const LISTENER_REPLY_LIMIT = 64 * 1024;

/** What a state change announces: the event type and the thin payload (ids only, MEF 123 §6.16). */
export interface Announcement {
  /** The management API whose hubs receive it. */
  apiId: string;
  eventType: string;
  /** `{id, href, orderItemId?…}`: the tenant's fields are added (MEF 123 R6: buyerId/sellerId). */
  payload: Json;
  /** Tenant partition of the entity: only hubs registered by that tenant receive it (every hub, for public ones). */
  owner: string;
  tenant?: Tenant;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dropped' | 'invalid';

export interface Delivery extends Json {
  seq?: number;
  eventId: string;
  eventType: string;
  hubId: string;
  url: string;
  body: Json;
  status: DeliveryStatus;
  attempts: Array<{ at: string; status?: number; error?: string }>;
  duplicate?: boolean;
  /** The contract violations of an event that failed the self-check (and was not sent). */
  violations?: unknown[];
}

/** How the mock misbehaves towards listeners, on demand (control API `/faults`). */
export interface NotificationFaults {
  /** Deliver nothing for the next N events. */
  dropNext?: number;
  /** Probability (0–1) that an event is not delivered at all. */
  dropRate?: number;
  /** Send every event twice (`true`) or with this probability: same eventId, as a retrying Seller would. */
  duplicate?: boolean | number;
  /** Deliver the events of one state change in reverse order. */
  reorder?: boolean;
  /** Wait this long (real ms) before the first attempt. */
  delayMs?: number;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  factor: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, factor: 2, timeoutMs: 5000 };

interface Queued {
  hub: Hub;
  target: ListenerTarget;
  body: Json;
}

/**
 * Turns announcements into POSTs to every matching hub's `callback` + notification base path +
 * `/listener/<eventType>`, after the change that caused them is stored. Each delivery is checked against the
 * notification contract first, retried with exponential back-off, kept in order per hub, and recorded in the
 * delivery log the control API reads.
 */
export class Notifier {
  private batchDepth = 0;
  private batchQueue: Queued[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inflight = new Set<Promise<void>>();
  private faults: NotificationFaults = {};
  /** Aborts every attempt and back-off in flight when the mock shuts down. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      ids: IdSource;
      listeners: ReadonlyMap<string, ReadonlyMap<string, ListenerTarget>>;
      selfCheck?: SelfCheck;
      retry: RetryPolicy;
      log: Logger;
    },
  ) {}

  setFaults(f: NotificationFaults): void {
    this.faults = { ...f };
  }

  getFaults(): NotificationFaults {
    return { ...this.faults };
  }

  /** Runs `fn`; what it announces is sent if it returns and forgotten if it throws (the change did not happen). */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    let ok = false;
    try {
      const r = fn();
      ok = true;
      return r;
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0) {
        const q = this.batchQueue;
        this.batchQueue = [];
        if (ok) this.send(q);
      }
    }
  }

  announce(a: Announcement): void {
    const target = this.deps.listeners.get(a.apiId)?.get(a.eventType);
    if (!target) throw new Error(`no listener operation for event type ${a.eventType} of ${a.apiId}`);
    // What every tenant sees (the catalog) is announced to every hub; the rest only to its own tenant's hubs.
    const hubs = hubsOf(this.deps.store, a.apiId).filter(
      (h) => (a.owner === PUBLIC || h.tenant.key === a.owner) && (!h.eventTypes || h.eventTypes.includes(a.eventType)),
    );
    if (hubs.length === 0) return;
    const fields = tenantFields(a.tenant);
    for (const hub of hubs) {
      const body = {
        eventId: this.deps.ids.next('event'),
        eventTime: isoAt(this.deps.clock),
        eventType: a.eventType,
        event: { ...a.payload, ...fields },
      };
      this.batchQueue.push({ hub, target, body });
    }
    if (this.batchDepth === 0) {
      const q = this.batchQueue;
      this.batchQueue = [];
      this.send(q);
    }
  }

  /** Resolves when no delivery is in flight (tests and `close`). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** Stops at once: attempts in flight are aborted and what was not delivered stays `pending` in the log. */
  async close(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  private send(queue: Queued[]): void {
    if (queue.length === 0) return;
    const ordered = this.faults.reorder ? [...queue].reverse() : queue;
    for (const q of ordered) {
      const copies = this.shouldDuplicate() ? 2 : 1;
      for (let i = 0; i < copies; i++) this.enqueue(q, i > 0);
    }
  }

  private shouldDuplicate(): boolean {
    const d = this.faults.duplicate;
    return d === true || (typeof d === 'number' && Math.random() < d);
  }

  private enqueue(q: Queued, duplicate: boolean): void {
    const { store } = this.deps;
    const url = `${q.hub.callback.replace(/\/+$/, '')}${q.target.notificationApi.basePath}${q.target.path}`;
    const delivery: Delivery = {
      eventId: q.body.eventId,
      eventType: q.body.eventType,
      hubId: q.hub.id,
      url,
      body: q.body,
      status: 'pending',
      attempts: [],
      ...(duplicate ? { duplicate } : {}),
    };
    if (!duplicate) {
      const check = this.deps.selfCheck?.notification(q.target.notificationApi.id, q.target.operationId, q.body);
      if (check && !check.valid) {
        store.append('deliveries', { ...delivery, status: 'invalid', violations: check.violations });
        return;
      }
    }
    if (this.dropThis()) {
      store.append('deliveries', { ...delivery, status: 'dropped' });
      return;
    }
    const seq = store.append('deliveries', delivery);
    const prev = this.chains.get(q.hub.id) ?? Promise.resolve();
    const next = prev.then(() => this.deliver(seq, delivery));
    this.chains.set(q.hub.id, next);
    this.inflight.add(next);
    void next.finally(() => {
      this.inflight.delete(next);
      if (this.chains.get(q.hub.id) === next) this.chains.delete(q.hub.id);
    });
  }

  private dropThis(): boolean {
    if (this.faults.dropNext && this.faults.dropNext > 0) {
      this.faults.dropNext--;
      return true;
    }
    return !!this.faults.dropRate && Math.random() < this.faults.dropRate;
  }

  private async deliver(seq: number, d: Delivery): Promise<void> {
    const { retry, store, log } = this.deps;
    const stop = this.stopping.signal;
    if (this.faults.delayMs) await sleep(this.faults.delayMs, stop);
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      if (stop.aborted) return;
      const at = new Date().toISOString();
      const r = await sendOnce(
        {
          method: 'POST',
          url: d.url,
          headers: { 'content-type': 'application/json;charset=utf-8' },
          body: JSON.stringify(d.body),
        },
        { timeoutMs: retry.timeoutMs, signal: stop, maxBodyBytes: LISTENER_REPLY_LIMIT },
      );
      if (stop.aborted) return;
      if (r.ok) {
        d.attempts.push({ at, status: r.response.status });
        if (r.response.status >= 200 && r.response.status < 300) {
          d.status = 'delivered';
          store.update('deliveries', seq, d);
          return;
        }
      } else d.attempts.push({ at, error: r.failure.message });
      store.update('deliveries', seq, d);
      if (attempt < retry.attempts) await sleep(retry.baseDelayMs * retry.factor ** (attempt - 1), stop);
    }
    if (stop.aborted) return;
    d.status = 'failed';
    store.update('deliveries', seq, d);
    log.warn({ url: d.url, eventType: d.eventType, attempts: d.attempts.length }, 'notification not delivered');
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(() => {
      signal.removeEventListener('abort', done);
      resolve();
    }, ms);
    const done = () => {
      clearTimeout(t);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
  });
}
