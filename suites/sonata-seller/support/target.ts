import type { TargetProfile } from '../../harness/profile';

/**
 * What the suite knows about a target beyond its profile: where a seller control API is (the project's seller mock
 * has one; a real seller has none) and a second Buyer for the isolation checks. The embedded default target
 * registers both; for a profile file the control API is discovered at `target.baseUrl` (see `seller.ts`).
 *
 * The profile schema has no keys for these yet, so they live here, keyed by the profile object.
 */
export interface TargetExtras {
  /** Base URL of the seller control API, `…/_lso` for the seller mock. */
  controlUrl?: string;
  /** A second Buyer the credentials may act for (multi-buyer isolation, MEF 123 R2/R104). */
  otherBuyerId?: string;
}

const extras = new WeakMap<TargetProfile, TargetExtras>();

export function registerExtras(profile: TargetProfile, x: TargetExtras): void {
  extras.set(profile, { ...extras.get(profile), ...x });
}

export function extrasOf(profile: TargetProfile): TargetExtras {
  return extras.get(profile) ?? {};
}
