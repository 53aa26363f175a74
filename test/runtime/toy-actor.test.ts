/**
 * A new actor from the shared runtime: one API, one state machine, one behaviour, its own error protocol, in well
 * under 100 lines. If this needs more, the runtime is missing a piece every new mock would copy.
 */
import { sequentialIds } from '../../lib/ids';
import { silentLogger } from '../../lib/logger';
import { Contracts } from '../../specs';
import { buildActor, type Actor } from '../../runtime/actor/build';
import type { ActorContext, Behaviour } from '../../runtime/actor/context';
import { entityReply, hrefOf, load, move, visible } from '../../runtime/actor/lifecycle';
import { restconfErrors } from '../../runtime/server/error-bodies/restconf';
import { singleTenant, SINGLE_TENANT_KEY } from '../../runtime/server/tenancy';

const API = 'sonata.workorder';
const behaviour: Behaviour = {
  kind: 'workOrder',
  outcomes: { default: 'starts after a minute, completes an hour later' },
  plans: { default: { open: { after: 'start', do: 'start' }, inProgress: { after: 'work', do: 'complete' } } },
  actions: {
    start: (ctx, rec) => void move(ctx, rec, 'start'),
    complete: (ctx, rec) => void move(ctx, rec, 'complete'),
  },
};

function toy(contracts: Contracts): Promise<Actor<ActorContext>> {
  return buildActor(
    {
      role: 'toy',
      sdks: ['sonata'],
      apis: [API],
      kinds: {
        entities: { workOrder: { kind: 'workOrder', apiId: API, path: '/workorder', machine: 'sonata.workOrder' } },
        items: {},
      },
      behaviours: [behaviour],
      timing: { name: 'toy', start: 60_000, work: 3_600_000 },
      tenancy: singleTenant,
      errors: restconfErrors,
      context: {},
      handlers: (ctx, hubs) => ({
        [API]: {
          retrieveWorkOrder: (req) => entityReply(ctx, load(ctx, 'workOrder', req.params.id, req.tenant)),
          listWorkOrder: (req) => ({ status: 200, body: visible(ctx, 'workOrder', req.tenant).map((r) => r.data) }),
          ...hubs(API),
        },
      }),
      seed: {
        initial: { ids: ['W1'] },
        apply: (ctx, doc) => {
          for (const id of doc.ids as string[])
            move(
              ctx,
              {
                kind: 'workOrder',
                id,
                owner: SINGLE_TENANT_KEY,
                data: { id, href: hrefOf(ctx, 'workOrder', id) },
                meta: {},
              },
              'create',
            );
          return (doc.ids as string[]).length;
        },
      },
    },
    { listen: false, contracts, clockRate: 0, ids: sequentialIds(), logger: silentLogger },
  );
}

describe('a toy actor built with buildActor', () => {
  let actor: Actor<ActorContext>;
  const get = async (path: string) => actor.app.inject({ method: 'GET', url: `${actor.baseUrls[API]}${path}` });
  beforeAll(async () => {
    actor = await toy(Contracts.load({ sdks: ['sonata'] }));
  });
  afterAll(() => actor.close());

  it('serves its seeded entity and moves it along its machine on the virtual clock', async () => {
    expect((await get('/workorder/W1')).json()).toMatchObject({ id: 'W1', state: 'open' });
    actor.control.advance('1m');
    expect((await get('/workorder/W1')).json().state).toBe('inProgress');
    actor.control.advance('1h');
    expect((await get('/workorder')).json()).toEqual([expect.objectContaining({ id: 'W1', state: 'completed' })]);
  });

  it('answers errors in its own protocol (RFC 8040 ietf-restconf:errors)', async () => {
    const r = await get('/workorder/nope');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/yang-data\+json/);
    expect(r.json()).toEqual({
      'ietf-restconf:errors': {
        error: [
          { 'error-type': 'protocol', 'error-tag': 'invalid-value', 'error-message': "no workOrder with id 'nope'" },
        ],
      },
    });
  });

  it('has the shared control API, reporting its role', async () => {
    expect((await actor.app.inject({ method: 'GET', url: '/_lso/status' })).json()).toMatchObject({ mock: 'toy' });
    expect(
      (await actor.app.inject({ method: 'GET', url: '/_lso/machines' })).json().map((m: { id: string }) => m.id),
    ).toEqual(['sonata.workOrder']);
  });
});
