import type { OperationEntry } from '../../specs';
import type { Query } from './types';

/**
 * Whom a request is for: the store partition its entities live in (`key`), and the fields that say so on the wire,
 * which every event about those entities carries (MEF 123 R6: `buyerId`, `sellerId`). What a tenant is belongs to the
 * role: a Sonata Seller's tenants are its Buyers, a controller may have one.
 */
export interface Tenant {
  key: string;
  [field: string]: string | undefined;
}

/** Resolves the tenant of a request, or throws the typed error that refuses it (401, 403, 400). */
export type Tenancy = (req: {
  query: Query;
  headers: Record<string, string | undefined>;
  operation: OperationEntry;
}) => Tenant;

/** The partition every seeded, public entity lives in (addresses, sites, the catalog): every tenant sees it. */
export const PUBLIC = '*';

/** A server with one client: everything is in one partition. */
export const SINGLE_TENANT_KEY = '-';
export const singleTenant: Tenancy = () => ({ key: SINGLE_TENANT_KEY });

/** Whether an entity stored under `owner` is visible to `tenant`. */
export function visibleTo(owner: string, tenant: Tenant): boolean {
  return owner === PUBLIC || owner === tenant.key;
}

/** The fields of a tenant an event carries: all but the partition key, and none that is absent. */
export function tenantFields(tenant: Tenant | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tenant ?? {})) if (k !== 'key' && v !== undefined) out[k] = v;
  return out;
}
