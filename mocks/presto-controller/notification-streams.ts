import { PassThrough, type Readable } from 'node:stream';
import type { PrestoEvent } from './activation';
import type { Store } from '../../runtime/state/store/store';
import {
  emptyLog,
  matches,
  numbered,
  sseEvent,
  type Notification,
  type NotificationLog,
  type SubscriptionFilter,
} from './notifications';

/** Where the notification log (sequence number, subscriptions) is kept in the actor's store. */
export const NOTIFICATION_LOG_KEY = 'presto-notifications';

export const logOf = (store: Store): NotificationLog =>
  store.getValue<NotificationLog>(NOTIFICATION_LOG_KEY) ?? emptyLog();

export interface StreamLimits {
  /** Notifications kept for a client that reconnects with `Last-Event-ID`. */
  recent: number;
  /** Bytes a client may leave unread before it is cut off (a stalled reader must not hold the controller's memory). */
  clientBuffer: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { recent: 1000, clientBuffer: 1024 * 1024 };

interface Client {
  out: PassThrough;
  filter?: SubscriptionFilter;
  subscription?: string;
}

/**
 * The open event streams (RFC 8040 §6) and the last notifications sent, in memory; the sequence number and the
 * subscriptions are in the store, so they survive a restart with `--store`. Memory is bounded: `recent`
 * notifications, and per client at most `clientBuffer` unread bytes, past which the client is dropped (it may
 * reconnect with `Last-Event-ID`). A client that goes away is forgotten when its stream closes.
 */
export class NotificationStreams {
  private recent: Notification[] = [];
  private readonly clients = new Set<Client>();

  constructor(private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {}

  /** Numbers the events, keeps the log in the store, and writes each to the streams whose filter it passes. */
  publish(store: Store, events: readonly PrestoEvent[]): Notification[] {
    if (events.length === 0) return [];
    const { log, sent } = numbered(logOf(store), events);
    store.setValue(NOTIFICATION_LOG_KEY, log);
    this.recent.push(...sent);
    if (this.recent.length > this.limits.recent) this.recent.splice(0, this.recent.length - this.limits.recent);
    for (const c of this.clients) {
      const filter = c.subscription ? log.subscriptions[c.subscription] : undefined;
      if (c.subscription && (!filter || filter.state !== 'ACTIVE')) continue;
      for (const n of sent) if (matches(filter?.filter, n.event)) this.write(c, n);
    }
    return sent;
  }

  /** The notifications still kept, after a sequence number, that a filter lets through. */
  since(after: number, filter?: SubscriptionFilter): Notification[] {
    return this.recent.filter((n) => n.seq > after && matches(filter, n.event));
  }

  /** A new event stream: everything, or one subscription's; replays what was kept after `lastEventId`. */
  open(opts: { subscription?: string; filter?: SubscriptionFilter; lastEventId?: number } = {}): Readable {
    const out = new PassThrough();
    const client: Client = { out, filter: opts.filter, subscription: opts.subscription };
    this.clients.add(client);
    out.on('close', () => this.clients.delete(client));
    // A comment first, so the client sees the stream open before any notification (RFC 8895 §9.2.6 comment line).
    out.write(': tapi-notification stream\n\n');
    if (opts.lastEventId !== undefined)
      for (const n of this.since(opts.lastEventId, opts.filter)) this.write(client, n);
    return out;
  }

  /** How many streams are open (the test of disconnects reads it). */
  get size(): number {
    return this.clients.size;
  }

  /** Forgets what was kept (a reset: the sequence numbers start again). Open streams stay open. */
  forget(): void {
    this.recent = [];
  }

  /** Ends a subscription's streams (its subscription was deleted). */
  end(subscription: string): void {
    for (const c of this.clients) if (c.subscription === subscription) c.out.end();
  }

  /** Ends every stream: the server cannot close while one is open. */
  close(): void {
    for (const c of this.clients) c.out.end();
    this.clients.clear();
  }

  private write(c: Client, n: Notification): void {
    if (c.out.destroyed || c.out.writableEnded) return;
    // What is queued on both sides of the pass-through: the socket stops reading when its client does.
    if (c.out.writableLength + c.out.readableLength > this.limits.clientBuffer) {
      c.out.destroy();
      this.clients.delete(c);
      return;
    }
    c.out.write(sseEvent(n));
  }
}
