import { applyFilters, page } from '../../../runtime/server/listing';
import { listProjector } from '../../../runtime/server/projection';
import type { Json, OperationHandler } from '../../../runtime/server/types';
import type { SellerContext } from '../context';
import { entityReply, load, visible } from '../../../runtime/actor/lifecycle';

const API = 'sonata.productCatalog';

/** Product Catalog (MEF W142): read-only to the Buyer; the seed and the SDK's product schemas fill it. */
export function catalogHandlers(ctx: SellerContext): Record<string, OperationHandler> {
  const list =
    (kind: string, operationId: string): OperationHandler =>
    (req) => {
      const reply = page(
        applyFilters(
          visible(ctx, kind, req.tenant).map((r) => r.data),
          req.query,
        ),
        req.query,
      );
      return { ...reply, body: (reply.body as Json[]).map(listProjector(ctx.contracts, API, operationId)) };
    };
  const retrieve =
    (kind: string): OperationHandler =>
    (req) =>
      entityReply(ctx, load(ctx, kind, req.params.id, req.tenant));
  return {
    listCategory: list('category', 'listCategory'),
    retrieveCategory: retrieve('category'),
    listProductOffering: list('productOffering', 'listProductOffering'),
    retrieveProductOffering: retrieve('productOffering'),
    listProductSpecification: list('productSpecification', 'listProductSpecification'),
    retrieveProductSpecification: retrieve('productSpecification'),
  };
}
