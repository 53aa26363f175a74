import { isoAt, type Clock } from '../../lib/clock';
import type { IdSource } from '../../lib/ids';
import type { Responder, StageReply, StageRequest } from '../../runtime/http/stage';
import { getStateMachine } from '../../specs/state-machines/index';
import { fire, transitionsFrom } from '../../specs/state-machines/machine';

export const ORDER_BASE = '/mefApi/sonata/productOrderingManagement/v10';

type Json = Record<string, any>;

/**
 * The stage's Seller for the self-test: hubs, product orders and their cancel requests, with states moved by the
 * Product Order state machine. Each read of an order lets the Seller work one step first (acknowledged → inProgress →
 * completed), so a client decides by polling when to act. A request that breaks the contract is refused as a Seller
 * would; what the client did wrong is the scenario's to judge, not the answer's.
 */
export function sellerStandIn(deps: { clock: Clock; ids: IdSource }): Responder {
  const machine = getStateMachine('sonata.productOrder');
  const orders = new Map<string, Json>();
  const seller = contact('sellerContact');
  const advance = (order: Json) => {
    const next = transitionsFrom(machine, order.state).find(
      (t) => t.actor === 'server' && (t.to === 'inProgress' || t.to === 'completed'),
    );
    if (!next) return;
    order.state = next.to;
    for (const item of order.productOrderItem ?? []) item.state = next.to;
    order.stateChange.push({ state: next.to, changeDate: isoAt(deps.clock) });
  };
  return (req: StageRequest): StageReply => {
    if (!req.check.valid)
      return {
        status: 400,
        body: {
          code: 'invalidBody',
          reason: `the request breaks the contract: ${req.check.violations[0]?.message ?? 'see the violations'}`,
        },
      };
    const body = (req.json ?? {}) as Json;
    switch (req.operationId) {
      case 'registerListener':
        return {
          status: 201,
          body: {
            id: deps.ids.next('hub'),
            callback: body.callback,
            ...(body.query !== undefined ? { query: body.query } : {}),
          },
        };
      case 'createProductOrder': {
        const id = deps.ids.next('order');
        const at = isoAt(deps.clock);
        const order: Json = {
          ...body,
          id,
          href: `${ORDER_BASE}/productOrder/${id}`,
          state: 'acknowledged',
          orderDate: at,
          relatedContactInformation: [...(body.relatedContactInformation ?? []), seller],
          productOrderItem: (body.productOrderItem ?? []).map((i: Json) => ({ ...i, state: 'acknowledged' })),
          stateChange: [{ state: 'acknowledged', changeDate: at }],
        };
        orders.set(id, order);
        return { status: 201, body: order };
      }
      case 'retrieveProductOrder': {
        const order = orders.get(req.pathParams.id);
        if (!order) return { status: 404, body: { code: 'notFound', reason: `no product order ${req.pathParams.id}` } };
        advance(order);
        return { status: 200, body: structuredClone(order) };
      }
      case 'createCancelProductOrder': {
        const orderId = String(body.productOrder?.productOrderId ?? '');
        const order = orders.get(orderId);
        if (!order) return { status: 404, body: { code: 'notFound', reason: `no product order ${orderId}` } };
        const moved = transitionsFrom(machine, order.state).find((t) => t.operationId === req.operationId);
        const fired = moved ? fire(machine, order.state, moved.event) : undefined;
        if (!fired?.ok)
          return {
            status: 422,
            body: [
              {
                code: 'invalidValue',
                reason: `a ${order.state} order cannot be cancelled`,
                propertyPath: '/productOrder/productOrderId',
              },
            ],
          };
        order.state = fired.to;
        order.stateChange.push({ state: fired.to, changeDate: isoAt(deps.clock) });
        const id = deps.ids.next('cancel');
        return {
          status: 201,
          body: {
            ...body,
            id,
            href: `${ORDER_BASE}/cancelProductOrder/${id}`,
            state: 'acknowledged',
            relatedContactInformation: [...(body.relatedContactInformation ?? []), seller],
          },
        };
      }
      default:
        return {
          status: 501,
          body: { code: 'notImplemented', reason: `the self-test Seller does not do ${req.operationId}` },
        };
    }
  };
}

function contact(role: string): Json {
  return { role, name: 'Stage Seller', emailAddress: 'seller@example.com', number: '+1-555-0100' };
}
