import { sendOnce } from '../http/transport';
import { CONTROL_PREFIX } from './protocol';

/** A control request failed (unreachable, non-2xx, not JSON): whoever drove the actor cannot go on. */
export class ControlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlError';
  }
}

/**
 * The control API of an lso actor, from the outside, over the one HTTP transport: what a suite, a test or the
 * reference orchestrator's tests use to move an actor's clock and force its decisions. The routes are
 * runtime/control/routes.ts; a role's own routes are reached with `request`.
 */
export class ControlClient {
  constructor(
    /** The control API's URL: `<actor>/_lso`. */
    readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  /**
   * The control API of whatever serves `baseUrl`, or undefined when it is not an lso actor. A read-only probe: a real
   * implementation answers 404 (or anything but the status document) and has none.
   */
  static async probe(baseUrl: string, timeoutMs: number): Promise<ControlClient | undefined> {
    const url = `${baseUrl.replace(/\/+$/, '')}${CONTROL_PREFIX}`;
    const r = await sendOnce(
      { method: 'GET', url: `${url}/status`, headers: { accept: 'application/json' } },
      { timeoutMs },
    );
    if (!r.ok || r.response.status !== 200) return undefined;
    try {
      const body = JSON.parse(r.response.body) as { mock?: unknown };
      return typeof body.mock === 'string' ? new ControlClient(url, timeoutMs) : undefined;
    } catch {
      return undefined;
    }
  }

  /** The actor's time now (ms): its virtual clock runs ahead of the wall clock once it has been advanced. */
  async now(): Promise<number> {
    const at = Date.parse(((await this.request('GET', '/clock')) as { now?: string } | undefined)?.now ?? '');
    if (Number.isNaN(at)) throw new ControlError('control /clock: no time in the answer');
    return at;
  }

  /** Moves virtual time forward; what falls due runs (and notifies) before this resolves. */
  async advance(ms: number): Promise<void> {
    await this.request('POST', '/clock/advance', { by: `${Math.max(0, Math.round(ms))}ms` });
  }

  /** Fires an action or a transition on an entity (`productOrder`/`id`/`raiseCharge`); returns the entity. */
  fire(kind: string, id: string, event: string, args: Record<string, unknown> = {}): Promise<unknown> {
    return this.request(
      'POST',
      `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/actions/${encodeURIComponent(event)}`,
      args,
    );
  }

  /** Makes the next entity of `kind` created follow `outcome`. */
  async queueOutcome(kind: string, outcome: string): Promise<void> {
    await this.request('POST', `/outcomes/${encodeURIComponent(kind)}`, { outcome });
  }

  /** The delivery log, filtered (`status: 'pending'` for what is yet to be delivered or retried). */
  async deliveries(filter: { status?: string; eventType?: string; hubId?: string } = {}): Promise<unknown[]> {
    const q = new URLSearchParams(
      Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    const list = await this.request('GET', `/deliveries${q ? `?${q}` : ''}`);
    return Array.isArray(list) ? list : [];
  }

  /** Any control route, the role's own included: its JSON answer (undefined when empty); anything but a 2xx throws. */
  async request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    };
    const r = await sendOnce(
      { method, url: `${this.url}${path}`, headers, body: body !== undefined ? JSON.stringify(body) : undefined },
      { timeoutMs: this.timeoutMs },
    );
    if (!r.ok) throw new ControlError(`control ${path}: ${r.failure.message}`);
    if (r.response.status >= 300)
      throw new ControlError(`control ${path} answered ${r.response.status}: ${r.response.body.slice(0, 300)}`);
    try {
      return r.response.body ? JSON.parse(r.response.body) : undefined;
    } catch {
      throw new ControlError(`control ${path}: the answer is not JSON`);
    }
  }
}
