/** A role's own router under a URL prefix (`ActorDefinition.mounts`): its replies, its errors and the journal. */
import { silentLogger } from '../../lib/logger';
import { Contracts } from '../../specs';
import { buildActor, type Actor } from '../../runtime/actor/build';
import type { ActorContext } from '../../runtime/actor/context';
import { restconfErrors } from '../../runtime/server/error-bodies/restconf';
import { NotFound } from '../../runtime/server/errors';
import { singleTenant } from '../../runtime/server/tenancy';

describe('buildActor mounts and role jobs', () => {
  let actor: Actor<ActorContext>;
  let ran = 0;
  beforeAll(async () => {
    actor = await buildActor(
      {
        role: 'mounted',
        sdks: ['presto'],
        apis: [],
        kinds: { entities: {}, items: {} },
        behaviours: [],
        timing: { name: 'none' },
        tenancy: singleTenant,
        errors: restconfErrors,
        context: {},
        handlers: () => ({}),
        mounts: (ctx) => [
          {
            prefix: '/own',
            handle: async (raw, warn) => {
              if (raw.path.endsWith('/missing')) throw new NotFound(`nothing at ${raw.path}`);
              if (raw.path.endsWith('/broken')) throw new Error('a bug');
              if (raw.path.endsWith('/later')) ctx.scheduler.schedule('tick', 1000, {});
              warn('old form');
              return { status: 200, body: { method: raw.method, path: raw.path, body: raw.body ?? null } };
            },
          },
        ],
        jobs: () => ({ tick: () => void ran++ }),
      },
      { listen: false, clockRate: 0, logger: silentLogger, contracts: Contracts.load({ sdks: ['presto'] }) },
    );
  });
  afterAll(() => actor.close());

  it('hands every method and path under the prefix to the role, raw (percent-encoding kept)', async () => {
    const r = await actor.app.inject({ method: 'POST', url: '/own/a=b%3Ac/x?q=1', payload: { x: 1 } });
    expect(r.json()).toEqual({ method: 'POST', path: '/own/a=b%3Ac/x', body: { x: 1 } });
    expect((await actor.app.inject({ method: 'DELETE', url: '/own' })).statusCode).toBe(200);
    const yang = await actor.app.inject({
      method: 'PUT',
      url: '/own/y',
      headers: { 'content-type': 'application/yang-data+json' },
      payload: '{"a":1}',
    });
    expect(yang.json().body).toEqual({ a: 1 });
  });

  it("renders the role's errors, and its bugs, in the actor's protocol; journals warnings", async () => {
    const missing = await actor.app.inject({ method: 'GET', url: '/own/missing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()['ietf-restconf:errors'].error[0]['error-message']).toBe('nothing at /own/missing');
    const broken = await actor.app.inject({ method: 'GET', url: '/own/broken' });
    expect(broken.statusCode).toBe(500);
    const entries = actor.ctx.store.readLog('journal');
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mount: '/own', path: '/own', status: 200, warnings: ['old form'] }),
        expect.objectContaining({ mount: '/own', path: '/own/missing', status: 404 }),
      ]),
    );
    // Outside the prefix: the runtime's own 404.
    expect((await actor.app.inject({ method: 'GET', url: '/owner' })).statusCode).toBe(404);
  });

  it("runs the role's own scheduler jobs on the virtual clock", async () => {
    await actor.app.inject({ method: 'GET', url: '/own/later' });
    expect(ran).toBe(0);
    actor.control.advance('1s');
    expect(ran).toBe(1);
  });
});
