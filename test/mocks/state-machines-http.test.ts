/**
 * The state machine tables (specs/state-machines) driven through the mock: for every machine the seller moves,
 * every allowed transition is taken on a real entity, and every event the table does not allow from a state is
 * refused — through the Buyer's own operation where there is one (with the error its guide documents), through
 * the control API (409) where the decision is the Seller's. The pure table tests are specs'; these prove the mock
 * obeys the same tables.
 */
import { getStateMachine, transitionsFrom, type StateMachine } from '../../specs/state-machines';
import type { SellerMock } from '../../mocks/sonata-seller';
import { S1 } from '../fixtures/mock/mef-examples';
import { API, base, call, expectNoSelfCheckFailures, startSeller, ticket, type Call } from './support';

type Json = Record<string, any>;

let m: SellerMock;
beforeAll(async () => {
  m = await startSeller();
});
afterAll(() => m.close());
afterEach(() => expectNoSelfCheckFailures(m));

const CONTACT = [{ role: 'cancelProductOrderContact', name: 'a', emailAddress: 'a@b.c', number: '1' }];

function must(r: Call, status: number): any {
  if (r.status !== status)
    throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
}

const fire = (kind: string, id: string, event: string, args: Json = {}) =>
  call(m, 'POST', `${m.controlPrefix}/entities/${kind}/${encodeURIComponent(id)}/events/${event}`, args);
let seq = 0;

async function newOrder(): Promise<string> {
  return must(await call(m, 'POST', `${base(m, API.order)}/productOrder`, S1.order()), 201).id;
}
async function orderInProgress(): Promise<string> {
  const id = await newOrder();
  must(await fire('productOrder', id, 'validate'), 200);
  return id;
}
async function chargeOnItem(): Promise<{ chargeId: string; orderId: string }> {
  const orderId = await orderInProgress();
  must(await fire('productOrder', orderId, 'raiseCharge'), 200);
  const charges = must(await call(m, 'GET', `${base(m, API.order)}/charge?productOrderId=${orderId}`), 200);
  return { chargeId: charges[0].id, orderId };
}
async function workOrder(): Promise<string> {
  return must(
    await call(m, 'POST', `${m.controlPrefix}/workOrders`, { productId: 'SP1_ENNI', appointmentRequired: true }),
    201,
  ).id;
}

/** How to make a new entity of each machine's kind, in one of its initial states. */
interface Subject {
  machine: string;
  kind: string;
  /** The entity's id (and, for an item machine, the item's). */
  create: () => Promise<{ id: string; itemId?: string }>;
  /** State field of the entity or item. */
  field: string;
  /** Buyer operations that fire some events, with the error a refusal is documented with. */
  buyer?: Record<string, { call: (id: string) => Promise<Call>; refused: number }>;
}

const items = (list: string) => async (kind: string, id: string, itemId: string) => {
  const r = must(await call(m, 'GET', `${m.controlPrefix}/entities/${kind}/${encodeURIComponent(id)}`), 200);
  return (r.data[list] as Json[]).find((i) => i.id === itemId)!.state as string;
};

const SUBJECTS: Subject[] = [
  {
    machine: 'sonata.productOrder',
    kind: 'productOrder',
    field: 'state',
    create: async () => ({ id: await newOrder() }),
    buyer: {
      cancelRequested: {
        call: (id) =>
          call(m, 'POST', `${base(m, API.order)}/cancelProductOrder`, {
            productOrder: { productOrderId: id },
            relatedContactInformation: CONTACT,
          }),
        refused: 422,
      },
      modifyRequested: {
        call: (id) =>
          call(m, 'POST', `${base(m, API.order)}/modifyProductOrderItemRequestedDeliveryDate`, {
            productOrderItem: { productOrderId: id, productOrderItemId: 'item-001' },
            requestedCompletionDate: '2026-01-01T00:00:00Z',
          }),
        refused: 422,
      },
    },
  },
  {
    machine: 'sonata.productOrderItem',
    kind: 'productOrder',
    field: 'state',
    create: async () => ({ id: await newOrder(), itemId: 'item-001' }),
  },
  {
    machine: 'sonata.cancelProductOrder',
    kind: 'cancelProductOrder',
    field: 'state',
    create: async () => ({
      id: must(
        await call(m, 'POST', `${base(m, API.order)}/cancelProductOrder`, {
          productOrder: { productOrderId: await orderInProgress() },
          relatedContactInformation: CONTACT,
        }),
        201,
      ).id,
    }),
  },
  {
    machine: 'sonata.modifyProductOrderItemRequestedDeliveryDate',
    kind: 'modifyProductOrderItemRequestedDeliveryDate',
    field: 'state',
    create: async () => ({
      id: must(
        await call(m, 'POST', `${base(m, API.order)}/modifyProductOrderItemRequestedDeliveryDate`, {
          productOrderItem: { productOrderId: await orderInProgress(), productOrderItemId: 'item-002' },
          expediteIndicator: true,
        }),
        201,
      ).id,
    }),
  },
  {
    machine: 'sonata.charge',
    kind: 'charge',
    field: 'state',
    create: async () => ({ id: (await chargeOnItem()).chargeId }),
    buyer: {
      respond: {
        call: async (id) => {
          const c = must(await call(m, 'GET', `${base(m, API.order)}/charge/${id}`), 200);
          return call(m, 'PATCH', `${base(m, API.order)}/charge/${id}`, {
            chargeItem: c.chargeItem.map((ci: Json) => ({ id: ci.id, acceptanceIndicator: 'accepted' })),
          });
        },
        refused: 409,
      },
    },
  },
  {
    machine: 'sonata.chargeItem',
    kind: 'charge',
    field: 'state',
    create: async () => {
      const { chargeId } = await chargeOnItem();
      const c = must(await call(m, 'GET', `${base(m, API.order)}/charge/${chargeId}`), 200);
      return { id: chargeId, itemId: c.chargeItem[0].id };
    },
  },
  {
    machine: 'sonata.poq',
    kind: 'productOfferingQualification',
    field: 'state',
    create: async () => ({
      id: must(await call(m, 'POST', `${base(m, API.poq)}/productOfferingQualification`, S1.poq()), 201).id,
    }),
  },
  {
    machine: 'sonata.poqItem',
    kind: 'productOfferingQualification',
    field: 'state',
    create: async () => ({
      id: must(await call(m, 'POST', `${base(m, API.poq)}/productOfferingQualification`, S1.poq()), 201).id,
      itemId: 'item-001',
    }),
  },
  {
    machine: 'sonata.quote',
    kind: 'quote',
    field: 'state',
    create: async () => ({ id: must(await call(m, 'POST', `${base(m, API.quote)}/quote`, S1.quote()), 201).id }),
    buyer: {
      cancel: { call: (id) => call(m, 'POST', `${base(m, API.quote)}/cancelQuote`, { quoteId: id }), refused: 422 },
      decline: { call: (id) => call(m, 'POST', `${base(m, API.quote)}/rejectQuote`, { quoteId: id }), refused: 422 },
    },
  },
  {
    machine: 'sonata.quoteItem',
    kind: 'quote',
    field: 'state',
    create: async () => ({
      id: must(await call(m, 'POST', `${base(m, API.quote)}/quote`, S1.quote()), 201).id,
      itemId: 'item-001',
    }),
  },
  {
    machine: 'sonata.troubleTicket',
    kind: 'troubleTicket',
    field: 'status',
    create: async () => ({ id: must(await call(m, 'POST', `${base(m, API.tt)}/troubleTicket`, ticket()), 201).id }),
    buyer: {
      update: {
        call: (id) => call(m, 'PATCH', `${base(m, API.tt)}/troubleTicket/${id}`, { externalId: `x-${++seq}` }),
        refused: 422,
      },
      cancel: { call: (id) => call(m, 'POST', `${base(m, API.tt)}/troubleTicket/${id}/cancel`), refused: 422 },
      close: { call: (id) => call(m, 'POST', `${base(m, API.tt)}/troubleTicket/${id}/close`), refused: 422 },
      reopen: {
        call: (id) => call(m, 'POST', `${base(m, API.tt)}/troubleTicket/${id}/reopen`, { reason: 'still down' }),
        refused: 422,
      },
    },
  },
  {
    machine: 'sonata.incident',
    kind: 'incident',
    field: 'status',
    create: async () => ({
      id: must(await call(m, 'POST', `${m.controlPrefix}/incidents`, { productId: 'SP1_ENNI' }), 201).id,
    }),
  },
  {
    machine: 'sonata.appointment',
    kind: 'appointment',
    field: 'status',
    create: async () => ({
      id: must(
        await call(m, 'POST', `${base(m, API.appointment)}/appointment`, {
          workOrder: { id: await workOrder() },
          validFor: { startDateTime: '2025-03-02T09:00:00Z', endDateTime: '2025-03-02T11:00:00Z' },
          relatedContactInformation: CONTACT,
        }),
        201,
      ).id,
    }),
    buyer: {
      update: {
        call: (id) => call(m, 'PATCH', `${base(m, API.appointment)}/appointment/${id}`, { note: [] }),
        refused: 422,
      },
      cancel: { call: (id) => call(m, 'POST', `${base(m, API.appointment)}/appointment/${id}/cancel`), refused: 422 },
    },
  },
  { machine: 'sonata.workOrder', kind: 'workOrder', field: 'state', create: async () => ({ id: await workOrder() }) },
  {
    machine: 'sonata.product',
    kind: 'product',
    field: 'status',
    create: async () => {
      const id = `seeded-product-${++seq}`;
      must(
        await call(m, 'POST', `${m.controlPrefix}/seed`, {
          product: [
            {
              id,
              status: 'pendingActive',
              productConfiguration: {
                '@type': 'urn:mef:lso:spec:cantata-sonata:carrier-ethernet-subscriber-uni:v1.0.0:all',
              },
            },
          ],
        }),
        200,
      );
      return { id };
    },
  },
  {
    machine: 'sonata.productOffering',
    kind: 'productOffering',
    field: 'lifecycleStatus',
    create: async () => {
      const id = `offering-${++seq}`;
      const o = {
        id,
        name: id,
        lastUpdate: '2025-01-01T00:00:00Z',
        lifecycleStatus: 'inTest',
        agreement: 'a',
        channel: ['API'],
        marketSegment: ['wholesale'],
        region: [{ country: 'Hungary' }],
        category: [{ id: 'cat-internet-access' }],
        productSpecification: { id: 'x' },
      };
      must(await call(m, 'POST', `${m.controlPrefix}/seed`, { productOffering: [o] }), 200);
      return { id };
    },
  },
  {
    machine: 'sonata.productSpecification',
    kind: 'productSpecification',
    field: 'lifecycleStatus',
    create: async () => ({ id: 'urn:mef:lso:spec:cantata-sonata:ip-uni:v1.0.0:all' }),
  },
];

const ITEM_LISTS: Record<string, string> = {
  productOrder: 'productOrderItem',
  productOfferingQualification: 'productOfferingQualificationItem',
  quote: 'quoteItem',
  charge: 'chargeItem',
};

async function stateOf(s: Subject, id: string, itemId?: string): Promise<string> {
  if (itemId) return items(ITEM_LISTS[s.kind])(s.kind, id, itemId);
  return must(await call(m, 'GET', `${m.controlPrefix}/entities/${s.kind}/${encodeURIComponent(id)}`), 200).data[
    s.field
  ];
}

/** Events leading from `start` to `target` (breadth first), or undefined when there is no way. */
function pathTo(machine: StateMachine, start: string, target: string): string[] | undefined {
  const queue: Array<{ state: string; events: string[] }> = [{ state: start, events: [] }];
  const seen = new Set([start]);
  for (let n = queue.shift(); n; n = queue.shift()) {
    if (n.state === target) return n.events;
    for (const t of transitionsFrom(machine, n.state)) {
      if (seen.has(t.to)) continue;
      seen.add(t.to);
      queue.push({ state: t.to, events: [...n.events, t.event] });
    }
  }
  return undefined;
}

/** Fires one event: the Buyer's operation when the event is the Buyer's, the control API otherwise. */
async function fireEvent(s: Subject, id: string, itemId: string | undefined, event: string): Promise<Call> {
  const op = !itemId ? s.buyer?.[event] : undefined;
  return op ? op.call(id) : fire(s.kind, id, event, itemId ? { itemId } : {});
}

/** A new entity brought to `state` along the table. */
async function at(
  s: Subject,
  machine: StateMachine,
  state: string,
): Promise<{ id: string; itemId?: string } | undefined> {
  const e = await s.create();
  const start = await stateOf(s, e.id, e.itemId);
  const path = pathTo(machine, start, state);
  if (!path) return undefined;
  for (const event of path) {
    const r = await fireEvent(s, e.id, e.itemId, event);
    if (r.status >= 300)
      throw new Error(`${s.machine}: walking to ${state}, ${event} was refused: ${JSON.stringify(r.body)}`);
  }
  expect(`${s.machine} walked to ${await stateOf(s, e.id, e.itemId)}`).toBe(`${s.machine} walked to ${state}`);
  return e;
}

describe.each(SUBJECTS.map((s) => [s.machine, s] as const))('%s', (_name, s) => {
  const machine = getStateMachine(s.machine);
  const events = [...new Set(machine.transitions.filter((t) => t.from !== null).map((t) => t.event))];
  const moves = machine.transitions.filter((t) => t.from !== null);

  it.each(moves.map((t) => [`${t.from} --${t.event}--> ${t.to}`, t] as const))('takes %s', async (_label, t) => {
    const e = await at(s, machine, t.from!);
    if (!e) return void expect(`${t.from} reachable`).toBe('unreachable from any state a new entity starts in');
    const r = await fireEvent(s, e.id, e.itemId, t.event);
    expect(r.status).toBeLessThan(300);
    expect(await stateOf(s, e.id, e.itemId)).toBe(t.to);
  });

  const states = machine.states.filter((st) =>
    events.some((ev) => !transitionsFrom(machine, st).some((t) => t.event === ev)),
  );
  it.each(states)('refuses from %s every event the table does not allow there', async (state) => {
    const e = await at(s, machine, state);
    if (!e) return;
    for (const event of events) {
      if (transitionsFrom(machine, state).some((t) => t.event === event)) continue;
      const buyer = !e.itemId ? s.buyer?.[event] : undefined;
      const r = await fireEvent(s, e.id, e.itemId, event);
      expect(`${event} → ${r.status}`).toBe(`${event} → ${buyer ? buyer.refused : 409}`);
      expect(await stateOf(s, e.id, e.itemId)).toBe(state);
    }
  });
});
