import type http from 'node:http';
import type { Contracts } from '../../specs/index';
import { isoAt, type Clock } from '../../lib/clock';
import type { NotificationRecord } from '../events/evidence';
import type { IdSource } from '../../lib/ids';
import { inspectNotification } from './notification';
import { flattenHeaders } from './transport';
import { MAX_BODY, RecordingServer } from './recording-server';

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

/**
 * The Buyer-side listener: receives notifications, checks each against its notification API, answers 204, and lets
 * scenarios wait (always with a limit) for the one that names the entity they care about.
 */
export class Listener extends RecordingServer<ReceivedNotification> {
  private callback = '';
  private callbackPath = '';
  private apis: ReturnType<Contracts['api']>[] = [];

  constructor(
    private readonly opts: ListenerOptions,
    private readonly deps: ListenerDeps,
  ) {
    super('listener', 'notification listener');
  }

  async start(): Promise<void> {
    this.apis = (
      this.opts.apis ?? this.deps.contracts.apis.filter((a) => a.kind === 'notification').map((a) => a.id)
    ).map((id) => this.deps.contracts.api(id));
    const { port } = await this.bind(this.opts.host, this.opts.port);
    const host = this.opts.host.includes(':') ? `[${this.opts.host}]` : this.opts.host;
    this.callback = (this.opts.callbackUrl ?? `http://${host}:${port}`).replace(/\/+$/, '');
    this.callbackPath = new URL(this.callback).pathname.replace(/\/+$/, '');
  }

  /** The `callback` to register with a hub (a base URL: the Seller appends the listener path). */
  callbackUrl(): string {
    this.started();
    return this.callback;
  }

  /** Everything received so far, in arrival order. */
  notifications(): readonly ReceivedNotification[] {
    return this.log;
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const apis = this.apis;
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
      const n: ReceivedNotification = { index: this.log.length, record, json };
      // 204 for every listener path (MEF); the verdict, not the status code, tells the Seller what was wrong.
      res.statusCode = !matched ? 404 : tooLarge ? 413 : 204;
      res.end();
      this.record(n);
    });
  }
}
