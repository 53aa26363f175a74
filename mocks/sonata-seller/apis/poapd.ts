import { Unprocessable } from '../../../runtime/server/errors';
import { OUTCOME_HEADER } from '../../../runtime/control/protocol';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { SellerContext } from '../context';
import { save, visible } from '../../../runtime/actor/lifecycle';
import { body } from './common';

/** Configurations offered by an availability answer, kept so that pricing discovery can name them. */
const CONFIG_KIND = '_poapdConfiguration';

const orderable = (o: EntityRecord) => o.data.lifecycleStatus === 'orderable' && o.meta.exampleConfiguration;

/**
 * Product Offering Availability and Pricing Discovery (MEF W172): which orderable offerings fit the product
 * specification asked for, each with a configuration the Seller can deliver, and then its prices and terms.
 */
export function poapdHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  return {
    productOfferingAvailabilityRequest: (req) => {
      const b = body(req);
      let specId = b.productSpecification?.id as string | undefined;
      if (!specId && b.productRef?.id)
        specId = ctx.store.get('product', b.productRef.id)?.data.productSpecification?.id;
      const none = req.headers[OUTCOME_HEADER]?.trim() === 'none';
      const offerings = none
        ? []
        : visible(ctx, 'productOffering', req.tenant).filter(
            (o) => orderable(o) && (!specId || o.data.productSpecification?.id === specId),
          );
      const available = offerings.map((o) => {
        const identifier = ctx.ids.next('configuration');
        const config: Json = {
          productOffering: { id: o.id, href: o.data.href },
          productConfiguration: o.meta.exampleConfiguration,
          productConfigurationIdentifier: identifier,
          installationInterval: { amount: 20, units: 'businessDays' },
        };
        save(ctx, { kind: CONFIG_KIND, id: identifier, owner: req.tenant.key, data: config, meta: {} });
        return config;
      });
      return { status: 200, body: { ...b, availableProductOfferingConfigurations: available } };
    },
    pricingDiscoveryRequest: (req) => {
      const b = body(req);
      const config = ctx.store.get(CONFIG_KIND, b.productConfigurationIdentifier);
      if (!config || config.owner !== req.tenant.key) {
        throw Unprocessable.one(
          'referenceNotFound',
          '/productConfigurationIdentifier',
          `no configuration '${b.productConfigurationIdentifier}' was offered to you`,
        );
      }
      const pricing = [12, 36].map((months) => ({
        identifier: `${config.id}-${months}m`,
        installationInterval: config.data.installationInterval,
        term: {
          name: `${months} months`,
          duration: { amount: months, units: 'calendarMonths' },
          endOfTermAction: 'autoRenew',
        },
        price: [
          {
            name: 'Monthly recurring charge',
            priceType: 'recurring',
            recurringChargePeriod: 'month',
            price: { dutyFreeAmount: { unit: 'USD', value: months === 12 ? 1000 : 800 } },
          },
          { name: 'Installation', priceType: 'nonRecurring', price: { dutyFreeAmount: { unit: 'USD', value: 1500 } } },
        ],
        subjectToAdditionalNonrecurringCharges: false,
        productOffering: config.data.productOffering,
      }));
      return { status: 200, body: { ...b, pricingAndTerms: pricing } };
    },
  };
}
