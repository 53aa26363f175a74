import { sequentialIds } from '../../lib/ids';
import { repoVersion } from '../harness/harness-version';
import { profileFromObject } from '../harness/profile';
import { buyerSellerQuery, SONATA_SELLER_PROFILE, type SonataSellerProfile } from './profile';
import type { EmbeddedTarget, Suite } from '../harness/suite';
import { SONATA_SELLER_RULES } from './rules/index';
import { SONATA_SELLER_SCENARIOS } from './scenarios/index';
import { MANAGEMENT_APIS, NOTIFICATION_APIS } from './support/apis';
import { registerExtras } from './support/target';

/** The Buyers the embedded seller mock serves: the suite acts for the first, and uses the second to check isolation. */
export const EMBEDDED_BUYERS = ['BUYER-A', 'BUYER-B'] as const;

/**
 * `sonata-seller`: the harness plays the Buyer against a Sonata Seller and gives a verdict per MEF requirement for
 * every management API the profile enables: address, site, POQ, quote, product order (cancel, modify delivery date,
 * charges), inventory, trouble ticket and incident, appointment, work order, catalog, availability and pricing.
 * Without `--target` the CLI runs it against the project's Sonata seller mock (`embeddedSeller` below).
 */
export const sonataSellerSuite: Suite<SonataSellerProfile> = {
  id: 'sonata-seller',
  title: 'Sonata seller conformance (harness as Buyer)',
  description:
    'Lifecycles S1–S14 of the Sonata APIs against a Seller: contracts, state histories, notifications, lists, errors and multi-Buyer isolation, each verdict tied to MEF requirements.',
  rules: SONATA_SELLER_RULES,
  scenarios: SONATA_SELLER_SCENARIOS,
  profile: SONATA_SELLER_PROFILE,
  ports: {
    client: { apis: MANAGEMENT_APIS, defaultQuery: buyerSellerQuery },
    listener: { apis: NOTIFICATION_APIS },
  },
};

/** What the suite needs of a seller it starts in process; the project's seller mock provides it. */
export interface InProcessSeller {
  url: string;
  controlPrefix: string;
  close(): Promise<void>;
}

export type StartSeller = (options: {
  multiPartner: boolean;
  buyers: string[];
  clockRate: number;
  ids: ReturnType<typeof sequentialIds>;
  journal: boolean;
}) => Promise<InProcessSeller>;

/**
 * The built-in target: a seller started in process, with its clock frozen so the suite moves time itself. The
 * seller is injected (bin/ passes the project's seller mock): a suite never imports an actor's code.
 */
export function embeddedSeller(startSeller: StartSeller): () => Promise<EmbeddedTarget<SonataSellerProfile>> {
  return async () => {
    const mock = await startSeller({
      multiPartner: true,
      buyers: [...EMBEDDED_BUYERS],
      clockRate: 0,
      ids: sequentialIds(),
      journal: false,
    });
    const profile = profileFromObject(
      {
        target: { name: 'lso Sonata seller mock (in process)', version: repoVersion(), baseUrl: mock.url },
        buyerId: EMBEDDED_BUYERS[0],
        timeouts: { requestMs: 5000, notificationMs: 5000, scenarioMs: 120_000 },
        capabilities: { cancel: true, modifyDeliveryDate: true, charges: true, deferredPoq: true, milestones: false },
      },
      '(embedded Sonata seller mock)',
      SONATA_SELLER_PROFILE,
      { baseDir: process.cwd() },
    );
    registerExtras(profile, { controlUrl: `${mock.url}${mock.controlPrefix}`, otherBuyerId: EMBEDDED_BUYERS[1] });
    return { profile, close: () => mock.close() };
  };
}
