import { HarnessError } from '../../../lib/errors';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { sendOnce } from '../../../runtime/http/transport';
import { extrasOf, registerExtras } from './target';

/**
 * The seller's side of a scenario. Some MEF steps are decisions only the Seller takes (raise a charge, resolve a
 * ticket, create a work order or an incident). Against the project's seller mock the suite takes them through its
 * control API; against a real seller there is no such API, and every check that needs one is `skip` with that
 * reason, never `pass`. Time is the same: the mock's virtual clock is advanced, a real seller is polled.
 */
export interface SellerControl {
  readonly url: string;
  /** Moves the seller's virtual time forward; what falls due runs (and notifies) before this resolves. */
  advance(ms: number): Promise<void>;
  /** Runs a seller action on an entity (`productOrder`/`id`/`raiseCharge`). */
  act(kind: string, id: string, action: string, args?: Record<string, unknown>): Promise<unknown>;
  /** Makes the next entity of `kind` the Buyer creates follow `outcome`. */
  queueOutcome(kind: string, outcome: string): Promise<void>;
  /** The Seller declares an incident affecting a product; returns the incident. */
  openIncident(productId: string): Promise<Record<string, any>>;
  /** The Seller opens a work order for a trouble ticket; returns the work order. */
  openWorkOrder(troubleTicketId: string, appointmentRequired: boolean): Promise<Record<string, any>>;
  /** How many notifications the seller has yet to deliver (or retry). */
  pendingDeliveries(): Promise<number>;
  /** The seller's time now (ms): its virtual clock runs ahead of the wall clock once a run has advanced it. */
  now(): Promise<number>;
}

/** The control API's prefix on the seller mock, relative to the target's base URL. */
export const CONTROL_PREFIX = '/_lso';
/** The request header the seller mock reads to choose the outcome of what a request creates. */
export const OUTCOME_HEADER = 'x-lso-outcome';

const NO_CONTROL =
  'not checkable against this target: the step needs a Seller decision, and the target has no seller control API (only the lso seller mock has one)';

class HttpControl implements SellerControl {
  constructor(
    readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async advance(ms: number): Promise<void> {
    await this.post('/clock/advance', { by: `${Math.max(0, Math.round(ms))}ms` });
  }

  act(kind: string, id: string, action: string, args: Record<string, unknown> = {}): Promise<unknown> {
    return this.post(`/entities/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, args);
  }

  async queueOutcome(kind: string, outcome: string): Promise<void> {
    await this.post(`/outcomes/${encodeURIComponent(kind)}`, { outcome });
  }

  async openIncident(productId: string): Promise<Record<string, any>> {
    return (await this.post('/incidents', { productId })) as Record<string, any>;
  }

  async openWorkOrder(troubleTicketId: string, appointmentRequired: boolean): Promise<Record<string, any>> {
    return (await this.post('/workOrders', { troubleTicketId, appointmentRequired })) as Record<string, any>;
  }

  async pendingDeliveries(): Promise<number> {
    const list = await this.get('/deliveries?status=pending');
    return Array.isArray(list) ? list.length : 0;
  }

  async now(): Promise<number> {
    const at = Date.parse(((await this.get('/clock')) as { now?: string } | undefined)?.now ?? '');
    if (Number.isNaN(at)) throw new ControlError('seller control /clock: no time in the answer');
    return at;
  }

  private get(path: string): Promise<unknown> {
    return this.request('GET', path);
  }

  private post(path: string, body: unknown): Promise<unknown> {
    return this.request('POST', path, body);
  }

  /** The control API's answer as JSON (undefined when empty); anything but a 2xx stops the scenario. */
  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
    const r = await sendOnce({ method, url: `${this.url}${path}`, headers, body: body !== undefined ? JSON.stringify(body) : undefined }, { timeoutMs: this.timeoutMs });
    if (!r.ok) throw new ControlError(`seller control ${path}: ${r.failure.message}`);
    if (r.response.status >= 300) throw new ControlError(`seller control ${path} answered ${r.response.status}: ${r.response.body.slice(0, 300)}`);
    try {
      return r.response.body ? JSON.parse(r.response.body) : undefined;
    } catch {
      throw new ControlError(`seller control ${path}: the answer is not JSON`);
    }
  }
}

/** A control request failed: the scenario cannot go on, so what it had not checked becomes `error`. */
export class ControlError extends Error {}

const discovered = new WeakMap<object, Promise<SellerControl | undefined>>();

/** The target's control API, or undefined for a real seller. Discovered once per profile. */
export function controlOf(ctx: ScenarioContext<SonataSellerProfile>): Promise<SellerControl | undefined> {
  const profile = ctx.profile;
  let p = discovered.get(profile);
  if (!p) {
    p = discover(ctx);
    discovered.set(profile, p);
  }
  return p;
}

async function discover(ctx: ScenarioContext<SonataSellerProfile>): Promise<SellerControl | undefined> {
  const { profile } = ctx;
  const timeoutMs = profile.timeouts.requestMs;
  const known = extrasOf(profile).controlUrl;
  if (known) return new HttpControl(known.replace(/\/+$/, ''), timeoutMs);
  const base = profile.target.baseUrl?.replace(/\/+$/, '');
  if (!base) return undefined;
  // A read-only probe: a real seller answers 404 (or anything but the mock's status document) and has no control.
  const url = `${base}${CONTROL_PREFIX}`;
  const r = await sendOnce({ method: 'GET', url: `${url}/status`, headers: { accept: 'application/json' } }, { timeoutMs });
  if (!r.ok || r.response.status !== 200) return undefined;
  try {
    const body = JSON.parse(r.response.body) as { mock?: unknown };
    if (typeof body.mock !== 'string') return undefined;
  } catch {
    return undefined;
  }
  registerExtras(profile, { controlUrl: url });
  return new HttpControl(url, timeoutMs);
}

/**
 * The control API, or stops the scenario here with every rule it has not checked as `skip`: the rest needs a Seller
 * decision that only a controllable seller lets the suite take.
 */
export async function requireControl(ctx: ScenarioContext<SonataSellerProfile>): Promise<SellerControl> {
  const c = await controlOf(ctx);
  if (!c) throw new NoControl(NO_CONTROL);
  return c;
}

/** Thrown by `requireControl`; the scenario wrapper turns it into `skip` verdicts (see scenarios/define.ts). */
export class NoControl extends Error {}

/** Headers that make a create request follow `outcome` on a controllable seller (ignored by a real one). */
export function outcomeHeader(outcome: string | undefined): Record<string, string> {
  return outcome ? { [OUTCOME_HEADER]: outcome } : {};
}

export function assertControl(c: SellerControl | undefined): SellerControl {
  if (!c) throw new HarnessError('a seller control API was expected');
  return c;
}
