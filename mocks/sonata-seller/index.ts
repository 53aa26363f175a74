import { buildActor, type Actor, type ActorOptions } from '../../runtime/actor/build';
import { mefErrors } from '../../runtime/server/error-bodies/mef';
import { addressBehaviour } from './apis/address';
import { appointmentBehaviour } from './apis/appointment';
import { chargeBehaviour } from './apis/charge';
import { incidentBehaviour } from './apis/incident';
import { orderBehaviour } from './apis/order';
import { cancelBehaviour, modifyBehaviour } from './apis/order-tasks';
import { poqBehaviour } from './apis/poq';
import { quoteBehaviour } from './apis/quote';
import { troubleTicketBehaviour } from './apis/trouble-ticket';
import { workOrderBehaviour } from './apis/work-order';
import type { SellerContext, SellerSettings } from './context';
import { sellerControl, sellerControlRoutes, type SellerControl } from './control';
import { SELLER_KINDS } from './kinds';
import { SELLER_APIS, sellerHandlerTable } from './operations';
import { partnerKey, sonataTenancy, type PartnerPolicy } from './partners';
import { timingNamed } from './timings';
import { applySeed, DEFAULT_SEED, readSeedFile, type SeedDoc } from './seed/seed';

export interface SellerMockOptions extends ActorOptions {
  /** A seed file, a seed document, or `false` for an empty Seller; default: the built-in seed. */
  seed?: string | SeedDoc | false;
  /** `fast` (default) or `realistic`. */
  profile?: string;
  /** buyerId required on every call; each Buyer sees only its own entities. */
  multiPartner?: boolean;
  buyers?: string[];
  sellers?: string[];
  tokens?: PartnerPolicy['tokens'];
  addressValidation?: SellerSettings['addressValidation'];
}

export interface SellerMock extends Omit<Actor<SellerContext>, 'control'> {
  control: SellerControl;
}

const BEHAVIOURS = [
  orderBehaviour,
  cancelBehaviour,
  modifyBehaviour,
  chargeBehaviour,
  poqBehaviour,
  quoteBehaviour,
  troubleTicketBehaviour,
  incidentBehaviour,
  appointmentBehaviour,
  workOrderBehaviour,
  addressBehaviour,
];

function seedDoc(seed: SellerMockOptions['seed']): SeedDoc | undefined {
  if (seed === false) return undefined;
  if (seed === undefined) return DEFAULT_SEED;
  return typeof seed === 'string' ? readSeedFile(seed) : seed;
}

/**
 * A stateful Sonata Seller: the 12 management APIs at their MEF base paths, with validation, MEF errors, partners,
 * lifecycles driven by a virtual clock, hubs and notifications, and a control API. The CLI runs this same function.
 */
export async function buildSellerMock(opts: SellerMockOptions = {}): Promise<SellerMock> {
  // Read first: a bad seed file must fail before anything listens.
  const seed = seedDoc(opts.seed);
  const partners: PartnerPolicy = {
    multiPartner: opts.multiPartner === true,
    buyers: opts.buyers,
    sellers: opts.sellers,
    tokens: opts.tokens,
  };
  const keyFor = (b?: string, s?: string) => partnerKey(b, (partners.sellers?.length ?? 0) > 1 ? s : undefined);
  let control: SellerControl | undefined;
  const actor = await buildActor<SellerContext>(
    {
      role: 'sonata-seller',
      sdks: ['sonata'],
      apis: SELLER_APIS,
      kinds: SELLER_KINDS,
      behaviours: BEHAVIOURS,
      timing: timingNamed(opts.profile ?? 'fast'),
      tenancy: sonataTenancy(partners),
      errors: mefErrors,
      context: { settings: { addressValidation: opts.addressValidation ?? 'lenient' } } as Omit<
        SellerContext,
        keyof import('../../runtime/actor/context').ActorContext
      >,
      handlers: sellerHandlerTable,
      seed: { initial: seed, apply: (ctx, doc) => applySeed(ctx, doc as SeedDoc, keyFor) },
      control: (c, ctx, ok) => sellerControlRoutes((control = sellerControl(c, ctx)), ok),
    },
    opts,
  );
  return { ...actor, control: control ?? sellerControl(actor.control, actor.ctx) };
}

export type { SellerControl } from './control';
export type { SeedDoc } from './seed/seed';
