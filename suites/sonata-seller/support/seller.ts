import { HarnessError } from '../../../lib/errors';
import { ControlClient } from '../../../runtime/control/client';
import { OUTCOME_HEADER } from '../../../runtime/control/protocol';
import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { extrasOf, registerExtras } from './target';

/**
 * The seller's side of a scenario. Some MEF steps are decisions only the Seller takes (raise a charge, resolve a
 * ticket, create a work order or an incident). Against the project's seller mock the suite takes them through its
 * control API (runtime/control); against a real seller there is no such API, and every check that needs one is
 * `skip` with that reason, never `pass`. Time is the same: the mock's virtual clock is advanced, a real seller is
 * polled.
 */
export class SellerSide {
  constructor(private readonly control: ControlClient) {}

  get url(): string {
    return this.control.url;
  }

  /** Moves the seller's virtual time forward; what falls due runs (and notifies) before this resolves. */
  advance(ms: number): Promise<void> {
    return this.control.advance(ms);
  }

  /** Runs a seller action on an entity (`productOrder`/`id`/`raiseCharge`). */
  act(kind: string, id: string, action: string, args: Record<string, unknown> = {}): Promise<unknown> {
    return this.control.fire(kind, id, action, args);
  }

  /** Makes the next entity of `kind` the Buyer creates follow `outcome`. */
  queueOutcome(kind: string, outcome: string): Promise<void> {
    return this.control.queueOutcome(kind, outcome);
  }

  /** The Seller declares an incident affecting a product; returns the incident. */
  async openIncident(productId: string): Promise<Record<string, any>> {
    return (await this.control.request('POST', '/incidents', { productId })) as Record<string, any>;
  }

  /** The Seller opens a work order for a trouble ticket; returns the work order. */
  async openWorkOrder(troubleTicketId: string, appointmentRequired: boolean): Promise<Record<string, any>> {
    return (await this.control.request('POST', '/workOrders', { troubleTicketId, appointmentRequired })) as Record<
      string,
      any
    >;
  }

  /** How many notifications the seller has yet to deliver (or retry). */
  async pendingDeliveries(): Promise<number> {
    return (await this.control.deliveries({ status: 'pending' })).length;
  }

  /** The seller's time now (ms): its virtual clock runs ahead of the wall clock once a run has advanced it. */
  now(): Promise<number> {
    return this.control.now();
  }
}

const NO_CONTROL =
  'not checkable against this target: the step needs a Seller decision, and the target has no seller control API (only the lso seller mock has one)';

const discovered = new WeakMap<object, Promise<SellerSide | undefined>>();

/** The target's control API, or undefined for a real seller. Discovered once per profile. */
export function controlOf(ctx: ScenarioContext<SonataSellerProfile>): Promise<SellerSide | undefined> {
  const profile = ctx.profile;
  let p = discovered.get(profile);
  if (!p) {
    p = discover(ctx);
    discovered.set(profile, p);
  }
  return p;
}

async function discover(ctx: ScenarioContext<SonataSellerProfile>): Promise<SellerSide | undefined> {
  const { profile } = ctx;
  const timeoutMs = profile.timeouts.requestMs;
  const known = extrasOf(profile).controlUrl;
  if (known) return new SellerSide(new ControlClient(known.replace(/\/+$/, ''), timeoutMs));
  const base = profile.target.baseUrl;
  if (!base) return undefined;
  const control = await ControlClient.probe(base, timeoutMs);
  if (!control) return undefined;
  registerExtras(profile, { controlUrl: control.url });
  return new SellerSide(control);
}

/**
 * The control API, or stops the scenario here with every rule it has not checked as `skip`: the rest needs a Seller
 * decision that only a controllable seller lets the suite take.
 */
export async function requireControl(ctx: ScenarioContext<SonataSellerProfile>): Promise<SellerSide> {
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

export function assertControl(c: SellerSide | undefined): SellerSide {
  if (!c) throw new HarnessError('a seller control API was expected');
  return c;
}
