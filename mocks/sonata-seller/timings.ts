import { UsageError } from '../../lib/errors';
import type { Timing } from '../../runtime/actor/context';

/**
 * The `--profile` a Seller runs with: how long each step of the Seller's work takes, in virtual milliseconds. `fast` (the default) finishes an order in
 * a few seconds of wall time; `realistic` takes days of virtual time, for Buyers that move the clock through the
 * control API (or wait).
 */
export interface SellerTiming extends Timing {
  name: string;
  /** Order: business validation after the 201, then fulfilment of the items. */
  validate: number;
  fulfil: number;
  /** Order: delay before a forced charge is raised, and how long the Buyer has to answer one. */
  charge: number;
  chargeResponse: number;
  /** Cancel and modify-RDD requests: assessment. */
  assess: number;
  /** Order: pendingCancellation → cancelled. */
  cancel: number;
  /** POQ: start, then the answer. */
  poqStart: number;
  poqAnswer: number;
  /** Quote: start, then the answer; how long an answered quote stays valid. */
  quoteStart: number;
  quoteAnswer: number;
  quoteValidity: number;
  /** Trouble ticket: start, resolution, acceptance of a cancel, auto-close of a resolved ticket. */
  ticketStart: number;
  ticketResolve: number;
  ticketCancel: number;
  ticketAutoClose: number;
  /** Work order / appointment: how long the visit lasts. */
  visit: number;
  /** Incident: start, then close. */
  incidentStart: number;
  incidentClose: number;
}

const S = 1000;
const H = 3_600_000;
const D = 24 * H;

export const TIMINGS: Record<string, SellerTiming> = {
  fast: {
    name: 'fast',
    validate: 1 * S,
    fulfil: 2 * S,
    charge: 1 * S,
    chargeResponse: 60 * S,
    assess: 1 * S,
    cancel: 1 * S,
    poqStart: 1 * S,
    poqAnswer: 1 * S,
    quoteStart: 1 * S,
    quoteAnswer: 1 * S,
    quoteValidity: 30 * D,
    ticketStart: 1 * S,
    ticketResolve: 2 * S,
    ticketCancel: 1 * S,
    ticketAutoClose: 7 * D,
    visit: 2 * S,
    incidentStart: 1 * S,
    incidentClose: 2 * S,
  },
  realistic: {
    name: 'realistic',
    validate: 4 * H,
    fulfil: 10 * D,
    charge: 2 * D,
    chargeResponse: 5 * D,
    assess: 1 * D,
    cancel: 1 * D,
    poqStart: 1 * H,
    poqAnswer: 2 * D,
    quoteStart: 2 * H,
    quoteAnswer: 3 * D,
    quoteValidity: 30 * D,
    ticketStart: 30 * 60 * S,
    ticketResolve: 8 * H,
    ticketCancel: 2 * H,
    ticketAutoClose: 5 * D,
    visit: 4 * H,
    incidentStart: 15 * 60 * S,
    incidentClose: 6 * H,
  },
};

export function timingNamed(name: string): SellerTiming {
  const p = Object.hasOwn(TIMINGS, name) ? TIMINGS[name] : undefined;
  if (!p) throw new UsageError(`unknown profile '${name}'; profiles: ${Object.keys(TIMINGS).join(', ')}`);
  return p;
}
