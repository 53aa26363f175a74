import type { ActorControl } from '../../runtime/control/actor-control';
import { obj, type Ok } from '../../runtime/control/routes';
import type { ControlRoute } from '../../runtime/server/edge';
import { BadRequest } from '../../runtime/server/errors';
import type { Json } from '../../runtime/server/types';
import { load } from '../../runtime/actor/lifecycle';
import { openIncident } from './apis/incident';
import { openWorkOrder } from './apis/work-order';
import type { SellerContext } from './context';

/** The Seller's control API: the shared one, and the Seller decisions a Buyer's scenario needs taken. */
export interface SellerControl extends ActorControl {
  openIncident(productId: string, opts?: { description?: string }): Json;
  openWorkOrder(opts: { troubleTicketId?: string; productId?: string; appointmentRequired?: boolean }): Json;
}

export function sellerControl(c: ActorControl, ctx: SellerContext): SellerControl {
  const { change } = c;
  return {
    ...c,
    openIncident: (productId, opts = {}) =>
      change(() => openIncident(ctx, { product: load(ctx, 'product', productId), description: opts.description }).data),
    openWorkOrder: (opts) =>
      change(() => {
        const tt = opts.troubleTicketId ? load(ctx, 'troubleTicket', opts.troubleTicketId) : undefined;
        const product = opts.productId ? load(ctx, 'product', opts.productId) : undefined;
        const anchor = tt ?? product;
        if (!anchor) throw new BadRequest('invalidBody', 'name a troubleTicketId or a productId');
        const address = ctx.store.list('geographicAddress')[0];
        const w = openWorkOrder(ctx, {
          owner: anchor.owner,
          tenant: anchor.meta.tenant,
          appointmentRequired: opts.appointmentRequired ?? true,
          relatedEntity: [
            {
              id: anchor.id,
              href: anchor.data.href,
              '@referredType': tt ? 'TroubleTicket' : 'Product',
              role: tt ? 'troubleTicket' : 'product',
            },
          ],
          place: address
            ? [{ '@type': 'GeographicAddressRef', id: address.id, href: address.data.href, role: 'INSTALL_LOCATION' }]
            : [],
        });
        if (tt) {
          tt.data.workOrder = [...(tt.data.workOrder ?? []), { id: w.id, href: w.data.href }];
          ctx.store.put(tt);
        }
        return w.data;
      }),
  };
}

/** The Seller's own control routes, after the shared ones (runtime/control/routes.ts). */
export function sellerControlRoutes(c: SellerControl, ok: Ok): ControlRoute[] {
  return [
    {
      method: 'POST',
      path: '/incidents',
      describe: 'the Seller declares an incident: {"productId": …}',
      handler: (r) => ok(c.openIncident(String(obj(r.body).productId), obj(r.body)), 201),
    },
    {
      method: 'POST',
      path: '/workOrders',
      describe: 'the Seller opens a work order: {"troubleTicketId" | "productId", "appointmentRequired": true}',
      handler: (r) => ok(c.openWorkOrder(obj(r.body)), 201),
    },
  ];
}
