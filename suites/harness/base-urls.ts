import { UsageError } from '../../lib/errors';
import type { Contracts } from '../../specs/index';
import type { TargetProfile } from './profile';

/**
 * The base URL of each API the run talks to: the profile's per-API URL, else its `baseUrl` plus the API's MEF base
 * path. Resolved before anything is sent, so a missing one is a usage error (exit 2) rather than a pile of verdicts.
 */
export function resolveBaseUrls(
  profile: TargetProfile,
  contracts: Contracts,
  apiIds: Iterable<string>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of apiIds) {
    const api = contracts.api(id);
    const explicit = profile.target.apis[id];
    const base =
      explicit ?? (profile.target.baseUrl ? profile.target.baseUrl.replace(/\/+$/, '') + api.basePath : undefined);
    if (!base)
      throw new UsageError(`${profile.source}: no base URL for API ${id}; set target.baseUrl or target.apis.${id}`);
    out.set(id, base.replace(/\/+$/, ''));
  }
  for (const id of Object.keys(profile.target.apis)) contracts.api(id); // an unknown API id in the profile is a typo worth reporting
  return out;
}
