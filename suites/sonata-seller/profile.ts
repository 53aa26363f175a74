import type { ProfileRole, TargetProfile } from '../harness/profile';
import schema from './profile.schema.json';

/** Optional Seller capabilities a profile claims; the scenarios that need one are `skip` without it. */
export const SELLER_CAPABILITIES = ['cancel', 'modifyDeliveryDate', 'charges', 'deferredPoq', 'milestones'] as const;
export type SellerCapability = (typeof SELLER_CAPABILITIES)[number];

export interface ProductToOrder {
  name?: string;
  offeringId: string;
  /** The fixture path as written in the profile. */
  fixture: string;
  /** The fixture's content, read when the profile is loaded so a missing file is a profile error, not a verdict. */
  payload: unknown;
}

/** A profile of a Sonata Seller: the harness plays the Buyer. */
export interface SonataSellerProfile extends TargetProfile {
  role: 'sonata-seller';
  buyerId?: string;
  sellerId?: string;
  /** A second Buyer the credentials may act for: enables multi-buyer isolation checks (MEF 123 R2, R104). */
  otherBuyerId?: string;
  /** A seller control API (the lso seller mock's `/_lso`) for steps that need a seller-side decision. */
  controlUrl?: string;
  products: ProductToOrder[];
  capabilities: Readonly<Record<SellerCapability, boolean>>;
}

export const SONATA_SELLER_PROFILE: ProfileRole<SonataSellerProfile> = {
  id: 'sonata-seller',
  describes: 'a Sonata Seller',
  serves: true,
  capabilities: SELLER_CAPABILITIES,
  schema,
  read(raw, reader) {
    const products = ((raw.products ?? []) as Array<Omit<ProductToOrder, 'payload'>>).map((p, i) => ({
      ...p,
      payload: reader.fixture(['products', i, 'fixture'], p.fixture),
    }));
    return {
      buyerId: raw.buyerId,
      sellerId: raw.sellerId,
      otherBuyerId: raw.otherBuyerId,
      controlUrl: raw.controlUrl,
      products,
    };
  },
};

/** buyerId/sellerId go on every request whose operation takes them, when the profile sets them (MEF 123 R2–R5 are the profile's call). */
export function buyerSellerQuery(profile: SonataSellerProfile): Record<string, string> {
  return {
    ...(profile.buyerId ? { buyerId: profile.buyerId } : {}),
    ...(profile.sellerId ? { sellerId: profile.sellerId } : {}),
  };
}
