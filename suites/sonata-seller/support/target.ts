import type { SonataSellerProfile } from '../profile';

/**
 * Where a seller control API is (the project's seller mock has one; a real seller has none) and a second Buyer for
 * the isolation checks. A profile file names them (`controlUrl`, `otherBuyerId`); the embedded default target
 * registers them here, keyed by the profile object, and those win.
 */
export interface TargetExtras {
  /** Base URL of the seller control API, `…/_lso` for the seller mock. */
  controlUrl?: string;
  /** A second Buyer the credentials may act for (multi-buyer isolation, MEF 123 R2/R104). */
  otherBuyerId?: string;
}

const extras = new WeakMap<SonataSellerProfile, TargetExtras>();

export function registerExtras(profile: SonataSellerProfile, x: TargetExtras): void {
  extras.set(profile, { ...extras.get(profile), ...x });
}

export function extrasOf(profile: SonataSellerProfile): TargetExtras {
  const fromProfile: TargetExtras = {
    ...(profile.controlUrl ? { controlUrl: profile.controlUrl } : {}),
    ...(profile.otherBuyerId ? { otherBuyerId: profile.otherBuyerId } : {}),
  };
  return { ...fromProfile, ...extras.get(profile) };
}
