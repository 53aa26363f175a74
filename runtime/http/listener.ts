import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Contracts } from '../../specs/index';
import { HarnessError } from '../../lib/errors';
import { isoAt, type Clock } from '../../lib/clock';
import type { NotificationRecord } from '../events/evidence';
import type { IdSource } from '../../lib/ids';
import { inspectNotification } from './notification';
import { flattenHeaders } from './transport';
import { Waiters } from './waiters';

/** A notification as scenarios see it: the evidence record, its position in arrival order and the parsed body. */
export interface ReceivedNotification {
  index: number;
  record: NotificationRecord;
  json?: unknown;
}

export interface ListenerOptions {
  host: string;
  port: number;
  /** The URL the Seller is told to call back; defaults to http://<host>:<bound port>. */
  callbackUrl?: string;
  /** Notification API ids to serve; default: every notification API in the catalogue. */
  apis?: readonly string[];
  strict: boolean;
}

export interface ListenerDeps {
  contracts: Contracts;
  clock: Clock;
  ids: IdSource;
}

// Bounds on what a Seller can make the listener hold: body size, and time to send headers and body.
const MAX_BODY = 1024 * 1024;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The Buyer-side listener: receives notifications, checks each against its notification API, answers 204, and lets
 * scenarios wait (always with a limit) for the one that names the entity they care about.
 */
export class Listener {
  private server?: http.Server;
  private readonly received: ReceivedNotification[] = [];
  private readonly waiters = new Waiters<ReceivedNotification>(() => this.received);
  private callback = '';
  private callbackPath = '';

  constructor(
    private readonly opts: ListenerOptions,
    private readonly deps: ListenerDeps,
  ) {}

  async start(): Promise<void> {
    const apis = (
      this.opts.apis ?? this.deps.contracts.apis.filter((a) => a.kind === 'notification').map((a) => a.id)
    ).map((id) => this.deps.contracts.api(id));
    const server = http.createServer((req, res) => this.handle(req, res, apis));
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new HarnessError(
            `the notification listener cannot bind ${this.opts.host}:${this.opts.port}: ${err.code ?? err.message}`,
          ),
        ),
      );
      server.listen(this.opts.port, this.opts.host, () => resolve());
    });
    this.server = server;
    const port = (server.address() as AddressInfo).port;
    const host = this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host;
    this.callback = (this.opts.callbackUrl ?? `http://${host}:${port}`).replace(/\/+$/, '');
    this.callbackPath = new URL(this.callback).pathname.replace(/\/+$/, '');
  }

  /** The `callback` to register with a hub (a base URL: the Seller appends the listener path). */
  callbackUrl(): string {
    if (!this.server) throw new HarnessError('the listener is not started');
    return this.callback;
  }

  /** Where the listener is actually bound (the callback URL may go through a proxy or a tunnel). */
  address(): string {
    if (!this.server) throw new HarnessError('the listener is not started');
    const a = this.server.address() as AddressInfo;
    return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
  }

  /** Everything received so far, in arrival order. */
  notifications(): readonly ReceivedNotification[] {
    return this.received;
  }

  /**
   * The first notification (already received or still to come) that satisfies `predicate`. Rejects with
   * `WaitTimeoutError` after `timeoutMs`, or `CancelledError` when `signal` aborts or the listener closes.
   */
  waitFor(
    predicate: (n: ReceivedNotification) => boolean,
    opts: { timeoutMs: number; what: string; signal?: AbortSignal },
  ): Promise<ReceivedNotification> {
    return this.waiters.waitFor(predicate, { ...opts, closed: this.server ? undefined : 'the listener is closed' });
  }

  async close(): Promise<void> {
    this.waiters.cancelAll('the listener closed');
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, apis: ReturnType<Contracts['api']>[]): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const inspected = inspectNotification(
        {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: flattenHeaders(req.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        },
        { contracts: this.deps.contracts, apis, callbackPath: this.callbackPath, strict: this.opts.strict },
      );
      const { json, matched, ...rest } = inspected;
      if (tooLarge)
        rest.violations.push({
          pointer: '',
          in: 'body',
          rule: 'size',
          message: `the body is larger than ${MAX_BODY} bytes`,
          severity: 'error',
        });
      const record: NotificationRecord = { id: this.deps.ids.next('ntf'), receivedAt: isoAt(this.deps.clock), ...rest };
      const n: ReceivedNotification = { index: this.received.length, record, json };
      this.received.push(n);
      // 204 for every listener path (MEF); the verdict, not the status code, tells the Seller what was wrong.
      res.statusCode = !matched ? 404 : tooLarge ? 413 : 204;
      res.end();
      this.waiters.arrived(n);
    });
  }
}
