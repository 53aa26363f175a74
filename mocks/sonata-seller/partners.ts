import { BadRequest, Forbidden, Unauthorized } from '../../runtime/server/errors';
import { SINGLE_TENANT_KEY, PUBLIC, type Tenancy, type Tenant } from '../../runtime/server/tenancy';
import type { Query } from '../../runtime/server/types';

/** A Sonata tenant: the Buyer (and Seller) a request is made for (MEF 79 §8.8). */
export interface Partner extends Tenant {
  buyerId?: string;
  sellerId?: string;
}

/**
 * Who may call the mock and for whom (MEF 123 §5.3 R2–R5). In single-partner mode the caller stands for exactly one
 * Buyer and one Seller, so it must not name them; in multi-partner mode it must name the Buyer (and the Seller when
 * the mock plays more than one), and each Buyer only ever sees its own entities.
 */
export interface PartnerPolicy {
  multiPartner: boolean;
  /** Buyers the caller may name; empty or absent accepts any. */
  buyers?: string[];
  /** Sellers the mock plays; with more than one, sellerId is required. */
  sellers?: string[];
  /** Bearer tokens the mock accepts, each with the Buyers it represents; absent means no authentication. */
  tokens?: Record<string, { buyers?: string[] }>;
}

/** The partition of a Buyer (and a Seller, when the mock plays several: the pair then names the partition). */
export function partnerKey(buyerId?: string, sellerId?: string): string {
  if (buyerId === undefined) return SINGLE_TENANT_KEY;
  return sellerId === undefined ? `buyer:${buyerId}` : `buyer:${buyerId}|seller:${sellerId}`;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[v.length - 1] : v);

/**
 * Resolves the partner of a request. `declared` says whether the operation has buyerId/sellerId parameters at all
 * (the billing GETs do not), in which case the request is scoped by its token alone.
 */
export function resolvePartner(
  policy: PartnerPolicy,
  query: Query,
  authorization: string | undefined,
  declared: boolean,
): Partner {
  let allowedBuyers = policy.buyers;
  if (policy.tokens) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!authorization) throw new Unauthorized('missingCredentials', 'an Authorization: Bearer token is required');
    const grant = m ? policy.tokens[m[1]] : undefined;
    if (!grant) throw new Unauthorized('invalidCredentials', 'the bearer token is not valid');
    if (grant.buyers?.length) allowedBuyers = grant.buyers;
  }
  const buyerId = one(query.buyerId);
  const sellerId = one(query.sellerId);
  if (!declared) return { key: policy.multiPartner ? PUBLIC : SINGLE_TENANT_KEY };
  if (!policy.multiPartner) {
    // R3/R5: a Requesting Entity representing one Buyer must not name it.
    if (buyerId !== undefined)
      throw new BadRequest('invalidQuery', 'buyerId must not be sent: this Seller serves a single Buyer (MEF 123 R3)');
    if (sellerId !== undefined)
      throw new BadRequest('invalidQuery', 'sellerId must not be sent: this Seller is a single Seller (MEF 123 R5)');
    return { key: SINGLE_TENANT_KEY };
  }
  if (buyerId === undefined)
    throw new BadRequest(
      'missingQueryParameter',
      'buyerId is required: this Seller serves several Buyers (MEF 123 R2)',
    );
  if (allowedBuyers?.length && !allowedBuyers.includes(buyerId)) {
    throw new Forbidden('forbiddenRequester', `the requester may not act for Buyer '${buyerId}'`);
  }
  const sellers = policy.sellers ?? [];
  if (sellers.length > 1 && sellerId === undefined)
    throw new BadRequest('missingQueryParameter', 'sellerId is required: this mock plays several Sellers (MEF 123 R4)');
  if (sellerId !== undefined && sellers.length && !sellers.includes(sellerId)) {
    throw new Forbidden('forbiddenRequester', `this mock does not play Seller '${sellerId}'`);
  }
  return { buyerId, sellerId, key: partnerKey(buyerId, sellers.length > 1 ? sellerId : undefined) };
}

/** The Sonata Seller's tenancy: the partner policy applied to each request, by whether its operation names partners. */
export function sonataTenancy(policy: PartnerPolicy): Tenancy {
  return ({ query, headers, operation }) => {
    const declared = operation.parameters.some((p) => p.in === 'query' && p.name === 'buyerId');
    return resolvePartner(policy, query, headers.authorization, declared);
  };
}
