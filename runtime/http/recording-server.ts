import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HarnessError } from '../../lib/errors';
import { Waiters } from './waiters';

// Bounds on what an implementation under test can make the harness hold: body size, and time to send headers and body.
export const MAX_BODY = 1024 * 1024;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * A server of the harness that records what the implementation under test sends it (the listener's notifications,
 * the stage's requests) and lets scenarios wait, always with a limit, for the one they care about. Subclasses answer
 * and judge each request; binding, bounds, waits and shutdown are the same for both.
 */
export abstract class RecordingServer<T> {
  private server?: http.Server;
  protected readonly log: T[] = [];
  private readonly waiters = new Waiters<T>(() => this.log);

  /** `name` is how messages call it (`listener`); `bindName` how a bind failure does (`notification listener`). */
  protected constructor(
    private readonly name: string,
    private readonly bindName: string,
  ) {}

  protected abstract handle(req: http.IncomingMessage, res: http.ServerResponse): void;

  protected async bind(host: string, port: number): Promise<AddressInfo> {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(new HarnessError(`the ${this.bindName} cannot bind ${host}:${port}: ${err.code ?? err.message}`)),
      );
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    return server.address() as AddressInfo;
  }

  protected started(): void {
    if (!this.server) throw new HarnessError(`the ${this.name} is not started`);
  }

  /** Where the server is actually bound (a callback URL may go through a proxy or a tunnel). */
  address(): string {
    this.started();
    const a = this.server!.address() as AddressInfo;
    return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
  }

  /** Keeps one arrival and hands it to every wait it satisfies. */
  protected record(item: T): void {
    this.log.push(item);
    this.waiters.arrived(item);
  }

  /**
   * The first arrival (already recorded or still to come) that satisfies `predicate`. Rejects with
   * `WaitTimeoutError` after `timeoutMs`, or `CancelledError` when `signal` aborts or the server closes.
   */
  waitFor(
    predicate: (item: T) => boolean,
    opts: { timeoutMs: number; what: string; signal?: AbortSignal },
  ): Promise<T> {
    return this.waiters.waitFor(predicate, { ...opts, closed: this.server ? undefined : `the ${this.name} is closed` });
  }

  async close(): Promise<void> {
    this.waiters.cancelAll(`the ${this.name} closed`);
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
