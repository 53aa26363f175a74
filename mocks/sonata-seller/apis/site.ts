import { applyFilters, page, type FilterTable } from '../../../runtime/server/listing';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { SellerContext } from '../context';
import { entityReply, load, visible } from '../../../runtime/actor/lifecycle';

const KIND = 'geographicSite';

const ADDRESS_FILTERS = ['streetNr', 'streetName', 'streetType', 'city', 'postcode', 'country'];

/**
 * Address attributes are filtered on the site's places (`GET /geographicSite?city=…`), whether a place is given by
 * value or by reference to an address the Seller knows.
 */
function filters(ctx: SellerContext): FilterTable {
  const places = (s: Json): Json[] =>
    (s.place ?? []).map((p: Json) =>
      p['@type'] === 'GeographicAddressRef' ? (ctx.store.get('geographicAddress', p.id)?.data ?? p) : p,
    );
  return {
    'geographicAddress.id': 'place.id',
    ...Object.fromEntries(ADDRESS_FILTERS.map((k) => [k, (s: Json) => places(s).map((p) => p[k])])),
    serviceSiteContactName: (s: Json) => (s.relatedContactInformation ?? []).map((c: Json) => c.name),
  };
}

export function siteHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  const FILTERS = filters(ctx);
  return {
    // The spec gives this list no offset/limit (mef-contracts §2.3) but does define the headers, so pages still apply.
    listGeographicSite: (req) =>
      page(
        applyFilters(
          visible(ctx, KIND, req.tenant).map((r) => r.data),
          req.query,
          FILTERS,
        ),
        req.query,
      ),
    retrieveGeographicSite: (req) => entityReply(ctx, load(ctx, KIND, req.params.id, req.tenant)),
  };
}
