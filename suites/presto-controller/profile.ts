import type { ProfileRole, TargetProfile } from '../harness/profile';

/**
 * A profile of a Presto (MEF NRP) controller: `target.baseUrl` is its root (`http://host:port`), the RESTCONF API is
 * at `<root>/restconf` (or `target.apis["presto.nrp"]`). `sips` optionally names the two SIPs the suite builds its
 * EVPL between; by default it takes the first two the controller lists.
 */
export interface PrestoControllerProfile extends TargetProfile {
  role: 'presto-controller';
  sips?: [string, string];
  /** Two SIPs free of other services for the suite's EPL (default: the third and fourth UNIs listed). */
  eplSips?: [string, string];
  /** The CE-VLAN the suite's EVPL uses on both end-points (default 3001); pick one free on the controller. */
  vlan: number;
}

export const PRESTO_CONTROLLER_PROFILE: ProfileRole<PrestoControllerProfile> = {
  id: 'presto-controller',
  describes: 'a Presto (MEF NRP) controller over RESTCONF',
  serves: true,
  capabilities: [],
  schema: {
    properties: {
      sips: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 2, maxItems: 2 },
      eplSips: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 2, maxItems: 2 },
      vlan: { type: 'integer', minimum: 1, maximum: 4094, default: 3001 },
    },
  },
  read: (raw) => ({
    ...(Array.isArray(raw.sips) ? { sips: [String(raw.sips[0]), String(raw.sips[1])] as [string, string] } : {}),
    ...(Array.isArray(raw.eplSips)
      ? { eplSips: [String(raw.eplSips[0]), String(raw.eplSips[1])] as [string, string] }
      : {}),
    vlan: typeof raw.vlan === 'number' ? raw.vlan : 3001,
  }),
};
