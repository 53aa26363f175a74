import { API } from '../support/apis';
import { rule } from './define';

const A = API.poapd;

/** Product Offering Availability and Pricing Discovery (MEF W160). */
export const POAPD = {
  availabilityContract: rule(
    'sonata.poapd.availability.contract',
    A,
    'POST /productOfferingAvailability answers 200 as the contract says, with a list of available configurations',
    ['MEFW160 R9', 'MEFW160 R18'],
  ),
  availabilityEcho: rule('sonata.poapd.availability.echo', A, 'The availability response echoes the request', [
    'MEFW160 R16',
  ]),
  configurations: rule(
    'sonata.poapd.availability.configurations',
    A,
    'Each configuration has an offering, a productConfiguration valid for its @type and a unique identifier; no two differ only by installationInterval',
    ['MEFW160 R17', 'MEFW160 R20', 'MEFW160 R21', 'MEFW160 R8'],
  ),
  pricingContract: rule(
    'sonata.poapd.pricing.contract',
    A,
    'POST /pricingDiscovery for an offered configuration answers 200 as the contract says, echoing the request',
    ['MEFW160 R30', 'MEFW160 R31'],
  ),
  pricing: rule(
    'sonata.poapd.pricing.terms',
    A,
    'Each price and term has unique identifier, term and prices; rollInterval only with roll; recurringChargePeriod only for recurring prices; unitOfMeasure only for usage',
    [
      'MEFW160 R32',
      'MEFW160 R33',
      'MEFW160 R36',
      'MEFW160 R37',
      'MEFW160 R39',
      'MEFW160 R40',
      'MEFW160 R41',
      'MEFW160 R42',
    ],
  ),
  pricingUnknown: rule(
    'sonata.poapd.pricing.unknown-configuration',
    A,
    'Pricing an identifier the Seller never gave is refused with an MEF error',
    ['MEFW160 R19', 'MEFW160 R29'],
  ),
  invalid: rule(
    'sonata.poapd.availability.invalid',
    A,
    'An availability request that breaks the contract is refused with an MEF error (400/422)',
    ['MEFW160 R19'],
  ),
};
