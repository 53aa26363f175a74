import type { ProfileRole, TargetProfile } from '../harness/profile';

/** A profile of a client: the implementation under test calls the harness's stage, so it needs no target URL. */
export interface ClientProfile extends TargetProfile {
  role: 'client';
}

export const CLIENT_PROFILE: ProfileRole<ClientProfile> = {
  id: 'client',
  describes: 'a client of the APIs the harness serves',
  serves: false,
  capabilities: [],
  schema: { properties: {} },
  read: () => ({}),
};
