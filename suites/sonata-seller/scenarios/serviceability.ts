import { ADDRESS, SITE } from '../rules/index';
import { API } from '../support/apis';
import { asArray, bodyOf, checkEcho, checkUnknownId, listOf, type Json } from '../support/checks';
import { checkList, type ListSpec } from '../support/list';
import { addressValidation, fieldedAddress } from '../../sonata/payloads';
import { outcomeHeader } from '../support/seller';
import { scenario } from './define';

const validate = (body: Json, outcome?: string) => ({
  api: API.address,
  operationId: 'createGeographicAddressValidation',
  body,
  headers: outcomeHeader(outcome),
});

export const addressScenario = scenario({
  id: 'sonata.address.validate-and-retrieve',
  title: 'Validate a fielded address, retrieve the best match by id; an address that matches nothing; an unknown id',
  api: API.address,
  rules: [
    ADDRESS.validationContract,
    ADDRESS.validationEcho,
    ADDRESS.sameType,
    ADDRESS.noMatch,
    ADDRESS.retrieve,
    ADDRESS.retrieveUnknown,
  ],
  async run(ctx) {
    const sent = addressValidation();
    const best = await ctx.step('validate a well-formed address', async () => {
      const ex = await ctx.call(ADDRESS.validationContract.id, validate(sent));
      if (!ctx.expectStatus(ADDRESS.validationContract.id, ex, [200]))
        ctx.abort('the validation was not answered with 200');
      const v = bodyOf(ex)!;
      checkEcho(ctx, ADDRESS.validationEcho, sent, v, 'the validation response', ex);
      const match = v.bestMatchGeographicAddress as Json | undefined;
      if (!match) {
        ctx.check(ADDRESS.sameType.id, 'error', {
          message: `the Seller found no best match (validationResult ${v.validationResult}), so its type could not be compared`,
          exchanges: [ex],
        });
        return undefined;
      }
      const same = match['@type'] === sent.submittedGeographicAddress['@type'];
      ctx.assert(ADDRESS.sameType.id, same, {
        message: same
          ? `the best match is a ${match['@type']}, like the submitted address`
          : `submitted a ${sent.submittedGeographicAddress['@type']}, best match is a ${match['@type']}`,
        exchanges: [ex],
      });
      return match;
    });
    await ctx.step('retrieve the best match by id', async () => {
      if (!best || typeof best.id !== 'string') {
        ctx.check(ADDRESS.retrieve.id, 'error', { message: 'the best match has no id to retrieve it by' });
        return;
      }
      const ex = await ctx.call(ADDRESS.retrieve.id, {
        api: API.address,
        operationId: 'retrieveGeographicAddress',
        pathParams: { id: best.id },
      });
      if (ctx.expectStatus(ADDRESS.retrieve.id, ex, [200]))
        ctx.assert(ADDRESS.retrieve.id, bodyOf(ex)?.id === best.id, {
          message: `GET /geographicAddress/${best.id} returns that address`,
          found: bodyOf(ex)?.id,
          exchanges: [ex],
        });
    });
    await ctx.step('an address that matches nothing', async () => {
      const nowhere = addressValidation({
        ...fieldedAddress(),
        streetNr: '99999',
        streetName: 'Nonexistent Way',
        city: 'Nowhere Under Test',
        postcode: '00000',
        country: 'ZZ',
      });
      // The outcome header makes the seller mock answer "no match" for sure; a real Seller ignores it.
      const ex = await ctx.send(validate(nowhere, 'fail'));
      if (!ctx.expectStatus(ADDRESS.noMatch.id, ex, [200]) || !ctx.checkContract(ADDRESS.noMatch.id, ex)) return;
      const v = bodyOf(ex)!;
      const none = !v.bestMatchGeographicAddress && asArray(v.alternateGeographicAddress).length === 0;
      ctx.assert(ADDRESS.noMatch.id, none, {
        message: none
          ? `no best match, no alternates (validationResult ${v.validationResult})`
          : 'an address that exists nowhere got a match',
        exchanges: [ex],
      });
    });
    await ctx.step('an unknown address id', () =>
      checkUnknownId(ctx, ADDRESS.retrieveUnknown, { api: API.address, operationId: 'retrieveGeographicAddress' }),
    );
  },
});

const SITE_LIST: ListSpec = {
  api: API.site,
  list: 'listGeographicSite',
  retrieve: 'retrieveGeographicSite',
  filters: {
    companyName: 'companyName',
    customerName: 'customerName',
    description: 'description',
    siteType: 'siteType',
    name: 'name',
    serviceSiteContactName: (s: Json) => asArray<Json>(s.relatedContactInformation).map((c) => c.name),
    'geographicAddress.id': 'place.id',
    streetNr: 'place.streetNr',
    streetName: 'place.streetName',
    streetType: 'place.streetType',
    city: 'place.city',
    postcode: 'place.postcode',
    country: 'place.country',
  },
  impossible: { city: 'LSO No Such City 0f1e2d' },
  paginated: false,
  rules: { contract: SITE.listContract, filters: SITE.listFilters, empty: SITE.listEmpty },
};

export const siteScenario = scenario({
  id: 'sonata.site.list-and-retrieve',
  title: 'List the sites (every documented filter, empty result), retrieve one; an unknown id',
  api: API.site,
  rules: [SITE.listContract, SITE.listFilters, SITE.listEmpty, SITE.content, SITE.retrieve, SITE.retrieveUnknown],
  async run(ctx) {
    const all = await ctx.send({ api: API.site, operationId: 'listGeographicSite' });
    const sites = listOf(all) ?? [];
    if (all.status !== 200) ctx.abort(`GET /geographicSite answered ${all.status}`);
    if (!sites.length) {
      for (const r of [SITE.listFilters, SITE.content, SITE.retrieve])
        ctx.check(r.id, 'skip', {
          message: 'not applicable: the Seller lists no site for this Buyer',
          exchanges: [all],
        });
    }
    for (const s of sites) {
      const ok = typeof s.id === 'string' && asArray(s.place).length > 0;
      ctx.assert(SITE.content.id, ok, {
        message: ok
          ? `site ${s.id} has an id and ${asArray(s.place).length} place(s)`
          : `site ${JSON.stringify(s.id)} lacks an id or a place`,
        exchanges: [all],
      });
    }
    const full: Json[] = [];
    for (const s of sites.slice(0, 2)) {
      const ex = await ctx.call(SITE.retrieve.id, {
        api: API.site,
        operationId: 'retrieveGeographicSite',
        pathParams: { id: s.id },
      });
      if (ctx.expectStatus(SITE.retrieve.id, ex, [200])) full.push(bodyOf(ex)!);
    }
    await checkList(
      ctx,
      sites.length ? SITE_LIST : { ...SITE_LIST, rules: { contract: SITE.listContract, empty: SITE.listEmpty } },
      full,
    );
    await checkUnknownId(ctx, SITE.retrieveUnknown, { api: API.site, operationId: 'retrieveGeographicSite' });
  },
});
