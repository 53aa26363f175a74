import { sequentialIds } from '../../../../lib/ids';
import { buildSellerMock, type SellerMock } from '../../../../mocks/sonata-seller/index';
import { profileFromObject } from '../../../../suites/harness/profile';
import { SONATA_SELLER_PROFILE, type SonataSellerProfile } from '../../../../suites/sonata-seller/profile';
import { EMBEDDED_BUYERS } from '../../../../suites/sonata-seller/index';
import { sonata } from './run';

/** The seller mock as the variants see it: two Buyers, time frozen (the suite moves it), quick to give up on retries. */
export function startMock(): Promise<SellerMock> {
  return buildSellerMock({
    contracts: sonata(),
    multiPartner: true,
    buyers: [...EMBEDDED_BUYERS],
    clockRate: 0,
    ids: sequentialIds(),
    journal: false,
    retry: { attempts: 2, baseDelayMs: 20, timeoutMs: 1000 },
  });
}

/** A profile for a target at `baseUrl` acting for the first Buyer, naming the second one (`otherBuyerId`) for isolation. */
export function profileFor(
  baseUrl: string,
  timeouts: { requestMs?: number; notificationMs?: number } = {},
): SonataSellerProfile {
  const profile = profileFromObject(
    {
      target: { name: 'seller mock behind a test proxy', version: 'test', baseUrl },
      buyerId: EMBEDDED_BUYERS[0],
      otherBuyerId: EMBEDDED_BUYERS[1],
      timeouts: {
        requestMs: timeouts.requestMs ?? 3000,
        notificationMs: timeouts.notificationMs ?? 3000,
        scenarioMs: 60_000,
      },
      capabilities: { cancel: true, modifyDeliveryDate: true, charges: true, deferredPoq: true, milestones: false },
    },
    '(test)',
    SONATA_SELLER_PROFILE,
    { baseDir: process.cwd() },
  );
  return profile;
}
