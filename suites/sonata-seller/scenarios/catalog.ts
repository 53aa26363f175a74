import type { ScenarioContext } from '../../harness/scenario-context';
import type { SonataSellerProfile } from '../profile';
import { getStateMachine } from '../../../specs/state-machines/index';
import { CATALOG, POAPD } from '../rules/index';
import { API } from '../support/apis';
import { asArray, bodyOf, checkEcho, checkUnknownId, expectError, listOf, type Json } from '../support/checks';
import { ANY_VALUE, checkList, type ListSpec } from '../support/list';
import { addressValidation, availability, pricingDiscovery } from '../../sonata/payloads';
import { scenario } from './define';
import { mainProduct } from './flows';
import { registerHub, unregisterHub } from '../support/hubs';

const C = API.catalog;

/** Reads up to `n` resources of a list by id (the _Find projections leave attributes out). */
async function readSome(
  ctx: ScenarioContext<SonataSellerProfile>,
  list: Json[],
  operationId: string,
  n: number,
): Promise<Json[]> {
  const out: Json[] = [];
  for (const r of list.slice(0, n)) {
    const b = bodyOf(await ctx.send({ api: C, operationId, pathParams: { id: r.id } }));
    if (b) out.push(b);
  }
  return out;
}

/** Empty lists match a channel/market segment/region filter (W142 R56–R58): the offering is not restricted. */
const orAny = (values: unknown[], anything: boolean) => (anything ? [ANY_VALUE] : values);

export const catalogScenario = scenario({
  id: 'sonata.catalog.browse',
  title:
    'Browse the catalog: categories, offerings and specifications (lists, filters, retrieval, lifecycle states, tree); hub',
  api: C,
  rules: [
    CATALOG.categoryListContract,
    CATALOG.categoryListPagination,
    CATALOG.categoryListFilters,
    CATALOG.categoryListEmpty,
    CATALOG.categoryTree,
    CATALOG.categoryRetrieve,
    CATALOG.offeringListContract,
    CATALOG.offeringListPagination,
    CATALOG.offeringListFilters,
    CATALOG.offeringListEmpty,
    CATALOG.offeringRetrieve,
    CATALOG.offeringStatus,
    CATALOG.offeringTerms,
    CATALOG.specificationListContract,
    CATALOG.specificationListPagination,
    CATALOG.specificationListFilters,
    CATALOG.specificationListEmpty,
    CATALOG.specificationRetrieve,
    CATALOG.specificationStatus,
    CATALOG.hubRegister,
    CATALOG.hubUnregister,
  ],
  async run(ctx) {
    const categories = await ctx.step('categories', async () => {
      const all = listOf(await ctx.send({ api: C, operationId: 'listCategory', query: { limit: '1000' } })) ?? [];
      const full = await readSome(ctx, all, 'retrieveCategory', 50);
      const byId = new Map(full.map((c) => [c.id, c]));
      for (const c of full) {
        const parent = c.parentCategory?.id;
        const problems: string[] = [];
        if (parent && byId.has(parent) && !asArray<Json>(byId.get(parent)!.subCategory).some((s) => s.id === c.id))
          problems.push(`its parent ${parent} does not list it as a subCategory (R10)`);
        for (const s of asArray<Json>(c.subCategory))
          if (byId.has(s.id) && byId.get(s.id)!.parentCategory?.id !== c.id)
            problems.push(`subCategory ${s.id} names another parent (R11)`);
        if (!parent && full.some((o) => asArray<Json>(o.subCategory).some((s) => s.id === c.id)))
          problems.push('it has no parent, yet another category lists it (R12)');
        ctx.assert(CATALOG.categoryTree.id, problems.length === 0, {
          message: problems.length
            ? `category ${c.id}: ${problems.join('; ')}`
            : `category ${c.id} agrees with its parent and subcategories`,
        });
      }
      if (full[0]) {
        const ex = await ctx.call(CATALOG.categoryRetrieve.id, {
          api: C,
          operationId: 'retrieveCategory',
          pathParams: { id: full[0].id },
        });
        ctx.expectStatus(CATALOG.categoryRetrieve.id, ex, [200]);
      }
      await checkUnknownId(ctx, CATALOG.categoryRetrieve, { api: C, operationId: 'retrieveCategory' });
      const spec: ListSpec = {
        api: C,
        list: 'listCategory',
        retrieve: 'retrieveCategory',
        filters: {
          'parentCategory.id': 'parentCategory.id',
          'lastUpdate.gt': 'lastUpdate',
          'lastUpdate.lt': 'lastUpdate',
        },
        impossible: { 'parentCategory.id': 'LSO-NO-SUCH-CATEGORY-0f1e2d' },
        paginated: true,
        rules: {
          contract: CATALOG.categoryListContract,
          pagination: CATALOG.categoryListPagination,
          filters: CATALOG.categoryListFilters,
          empty: CATALOG.categoryListEmpty,
        },
      };
      await checkList(
        ctx,
        spec,
        [...full].sort((a, b) => Number(!!b.parentCategory) - Number(!!a.parentCategory)),
      );
      return byId;
    });
    await ctx.step('offerings', async () => {
      const all =
        listOf(await ctx.send({ api: C, operationId: 'listProductOffering', query: { limit: '1000' } })) ?? [];
      const full = await readSome(ctx, all, 'retrieveProductOffering', 6);
      const states = getStateMachine('sonata.productOffering').states;
      for (const o of full) {
        ctx.assert(CATALOG.offeringStatus.id, states.includes(o.lifecycleStatus), {
          message: `offering ${o.id} is ${o.lifecycleStatus}`,
          expected: states,
        });
        const problems = [
          ...asArray<Json>(o.productOfferingTerm).map((t) =>
            t.endOfTermAction === 'roll' && !t.rollInterval
              ? 'a roll term without rollInterval (R26)'
              : !t.name || !t.duration
                ? 'a term without name or duration (R25)'
                : '',
          ),
          ...asArray<Json>(o.region).map((r) => (r.country ? '' : 'a region without country (R24)')),
        ].filter(Boolean);
        ctx.assert(CATALOG.offeringTerms.id, problems.length === 0, {
          message: problems.length
            ? `offering ${o.id}: ${problems.join('; ')}`
            : `offering ${o.id}: terms and regions complete`,
        });
      }
      if (full[0])
        ctx.expectStatus(
          CATALOG.offeringRetrieve.id,
          await ctx.call(CATALOG.offeringRetrieve.id, {
            api: C,
            operationId: 'retrieveProductOffering',
            pathParams: { id: full[0].id },
          }),
          [200],
        );
      else ctx.check(CATALOG.offeringRetrieve.id, 'error', { message: 'the catalog lists no offering' });
      await checkUnknownId(ctx, CATALOG.offeringRetrieve, { api: C, operationId: 'retrieveProductOffering' });
      const ancestors = (id: string): string[] => {
        const out: string[] = [];
        for (let c = categories.get(id), guard = 0; c && guard < 20; c = categories.get(c.parentCategory?.id), guard++)
          out.push(c.id);
        return out.length ? out : [id];
      };
      const spec: ListSpec = {
        api: C,
        list: 'listProductOffering',
        retrieve: 'retrieveProductOffering',
        filters: {
          name: 'name',
          lifecycleStatus: 'lifecycleStatus',
          agreement: 'agreement',
          channel: (o: Json) =>
            orAny(
              asArray<Json>(o.channel).map((c) => c.id ?? c.name ?? c),
              Array.isArray(o.channel) && o.channel.length === 0,
            ),
          marketSegment: (o: Json) =>
            orAny(
              asArray<Json>(o.marketSegment).map((c) => c.id ?? c.name ?? c),
              Array.isArray(o.marketSegment) && o.marketSegment.length === 0,
            ),
          'region.country': (o: Json) =>
            orAny(
              asArray<Json>(o.region).map((r) => r.country),
              Array.isArray(o.region) && o.region.length === 0,
            ),
          'category.id': (o: Json) => asArray<Json>(o.category).flatMap((c) => ancestors(c.id)),
          'productSpecification.id': 'productSpecification.id',
          'lastUpdate.gt': 'lastUpdate',
          'lastUpdate.lt': 'lastUpdate',
        },
        impossible: { name: 'LSO No Such Offering 0f1e2d' },
        paginated: true,
        rules: {
          contract: CATALOG.offeringListContract,
          pagination: CATALOG.offeringListPagination,
          filters: CATALOG.offeringListFilters,
          empty: CATALOG.offeringListEmpty,
        },
      };
      await checkList(ctx, spec, full);
    });
    await ctx.step('specifications', async () => {
      const all =
        listOf(await ctx.send({ api: C, operationId: 'listProductSpecification', query: { limit: '1000' } })) ?? [];
      const full = await readSome(ctx, all, 'retrieveProductSpecification', 4);
      const states = getStateMachine('sonata.productSpecification').states;
      for (const s of full) {
        ctx.assert(CATALOG.specificationStatus.id, states.includes(s.lifecycleStatus), {
          message: `specification ${s.id} is ${s.lifecycleStatus}`,
          expected: states,
        });
        const forms = ['schemaLocation', 'schema'].filter((k) => s.sourceSchema?.[k] !== undefined);
        ctx.assert(CATALOG.specificationRetrieve.id, forms.length === 1, {
          message:
            forms.length === 1
              ? `specification ${s.id} gives its sourceSchema as ${forms[0]}`
              : `specification ${s.id} gives ${forms.length} sourceSchema forms`,
          found: s.sourceSchema,
        });
      }
      if (full[0])
        ctx.expectStatus(
          CATALOG.specificationRetrieve.id,
          await ctx.call(CATALOG.specificationRetrieve.id, {
            api: C,
            operationId: 'retrieveProductSpecification',
            pathParams: { id: full[0].id },
          }),
          [200],
        );
      await checkUnknownId(ctx, CATALOG.specificationRetrieve, { api: C, operationId: 'retrieveProductSpecification' });
      const spec: ListSpec = {
        api: C,
        list: 'listProductSpecification',
        retrieve: 'retrieveProductSpecification',
        filters: {
          name: 'name',
          lifecycleStatus: 'lifecycleStatus',
          'lastUpdate.gt': 'lastUpdate',
          'lastUpdate.lt': 'lastUpdate',
        },
        impossible: { name: 'LSO No Such Specification 0f1e2d' },
        paginated: true,
        rules: {
          contract: CATALOG.specificationListContract,
          pagination: CATALOG.specificationListPagination,
          filters: CATALOG.specificationListFilters,
          empty: CATALOG.specificationListEmpty,
        },
      };
      await checkList(ctx, spec, full);
    });
    await ctx.step('register and remove a catalog hub', async () => {
      const ex = await registerHub(ctx, CATALOG.hubRegister.id, C);
      if (!ctx.expectStatus(CATALOG.hubRegister.id, ex, [201, 501]) || ex.status === 501) {
        ctx.check(CATALOG.hubUnregister.id, 'skip', {
          message: 'not applicable: the Seller does not support catalog notifications (501)',
          exchanges: [ex],
        });
        return;
      }
      const id = String(bodyOf(ex)?.id);
      const del = await unregisterHub(ctx, CATALOG.hubUnregister.id, C, id);
      if (ctx.expectStatus(CATALOG.hubUnregister.id, del, [204]))
        ctx.assert(CATALOG.hubUnregister.id, !del.record.response?.body, {
          message: 'DELETE /hub answers 204 with an empty body',
          exchanges: [del],
        });
      expectError(
        ctx,
        CATALOG.hubUnregister,
        await ctx.send({ api: C, operationId: 'retrieveHub', pathParams: { id } }),
        [404],
      );
    });
  },
});

const P = API.poapd;

export const poapdScenario = scenario({
  id: 'sonata.poapd.availability-and-pricing',
  title: 'Ask which offerings are available at an address for a product specification, then price one of them',
  api: P,
  rules: [
    POAPD.availabilityContract,
    POAPD.availabilityEcho,
    POAPD.configurations,
    POAPD.pricingContract,
    POAPD.pricing,
    POAPD.pricingUnknown,
    POAPD.invalid,
  ],
  async run(ctx) {
    const address = await ctx.step('a validated address', async () => {
      const v = bodyOf(
        await ctx.send({
          api: API.address,
          operationId: 'createGeographicAddressValidation',
          body: addressValidation(),
        }),
      );
      const id = v?.bestMatchGeographicAddress?.id;
      if (typeof id !== 'string') ctx.abort('the Seller validated no address with an id to ask availability for');
      return id as string;
    });
    const configurations = await ctx.step('availability', async () => {
      const sent = availability(mainProduct(ctx), address);
      const ex = await ctx.call(POAPD.availabilityContract.id, {
        api: P,
        operationId: 'productOfferingAvailabilityRequest',
        body: sent,
      });
      if (!ctx.expectStatus(POAPD.availabilityContract.id, ex, [200])) ctx.abort('availability was not answered');
      const b = bodyOf(ex)!;
      checkEcho(ctx, POAPD.availabilityEcho, sent, b, 'the availability response', ex);
      const list = asArray<Json>(b.availableProductOfferingConfigurations);
      ctx.assert(POAPD.availabilityContract.id, Array.isArray(b.availableProductOfferingConfigurations), {
        message: `${list.length} available configuration(s)`,
        exchanges: [ex],
      });
      const ids = list.map((c) => c.productConfigurationIdentifier);
      const withoutInterval = list.map((c) =>
        JSON.stringify({ ...c, installationInterval: undefined, productConfigurationIdentifier: undefined }),
      );
      const problems = [
        ...list.map((c, i) =>
          c.productOffering?.id && c.productConfiguration?.['@type'] && c.productConfigurationIdentifier
            ? ''
            : `configuration ${i} lacks productOffering, productConfiguration or its identifier`,
        ),
        new Set(ids).size === ids.length ? '' : 'two configurations share an identifier (R21)',
        new Set(withoutInterval).size === withoutInterval.length
          ? ''
          : 'two configurations differ only by installationInterval (R17)',
      ].filter(Boolean);
      ctx.assert(POAPD.configurations.id, list.length > 0 && problems.length === 0, {
        message: !list.length
          ? 'no configuration to check'
          : problems.join('; ') ||
            'each configuration names its offering, carries a typed productConfiguration and a unique identifier',
        exchanges: [ex],
      });
      return list;
    });
    await ctx.step('pricing', async () => {
      const identifier = configurations[0]?.productConfigurationIdentifier;
      if (typeof identifier !== 'string') ctx.abort('no configuration identifier to price');
      const sent = pricingDiscovery(identifier as string);
      const ex = await ctx.call(POAPD.pricingContract.id, {
        api: P,
        operationId: 'pricingDiscoveryRequest',
        body: sent,
      });
      if (!ctx.expectStatus(POAPD.pricingContract.id, ex, [200])) return;
      const b = bodyOf(ex)!;
      checkEcho(ctx, POAPD.pricingContract, sent, b, 'the pricing response', ex);
      const terms = asArray<Json>(b.pricingAndTerms);
      const ids = terms.map((t) => t.identifier);
      const problems = [
        terms.length ? '' : 'no pricingAndTerms',
        new Set(ids).size === ids.length ? '' : 'two prices share an identifier (R33)',
        ...terms.flatMap((t) => [
          t.identifier && t.term && asArray(t.price).length
            ? ''
            : `price ${t.identifier ?? '?'} lacks identifier, term or price (R32)`,
          ...asArray<Json>(t.term).map((x) =>
            x.endOfTermAction === 'roll'
              ? x.rollInterval
                ? ''
                : 'roll without rollInterval (R36)'
              : x.rollInterval
                ? `rollInterval with ${x.endOfTermAction} (R37)`
                : '',
          ),
          ...asArray<Json>(t.price).map((p) =>
            p.recurringChargePeriod && p.priceType !== 'recurring'
              ? `recurringChargePeriod on a ${p.priceType} price (R41)`
              : p.unitOfMeasure && p.priceType !== 'usageBased'
                ? `unitOfMeasure on a ${p.priceType} price (R42)`
                : p.name && p.priceType && p.price
                  ? ''
                  : 'a price without name, priceType or price (R40)',
          ),
        ]),
      ].filter(Boolean);
      ctx.assert(POAPD.pricing.id, problems.length === 0, {
        message: problems.join('; ') || `${terms.length} priced term(s), complete and consistent`,
        exchanges: [ex],
      });
    });
    await ctx.step('pricing an identifier never given', async () => {
      const ex = await ctx.send({
        api: P,
        operationId: 'pricingDiscoveryRequest',
        body: pricingDiscovery('LSO-NO-SUCH-CONFIGURATION-0f1e2d'),
        negative: true,
      });
      expectError(ctx, POAPD.pricingUnknown, ex, [400, 422]);
    });
    await ctx.step('an availability request without action', async () => {
      const bad = availability(mainProduct(ctx), address);
      delete bad.action;
      expectError(
        ctx,
        POAPD.invalid,
        await ctx.send({ api: P, operationId: 'productOfferingAvailabilityRequest', body: bad, negative: true }),
        [400, 422],
      );
    });
  },
});
