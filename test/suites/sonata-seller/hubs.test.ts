import type { Scenario, Suite } from '../../../suites/harness/suite';
import {
  buyerSellerQuery,
  SONATA_SELLER_PROFILE,
  type SonataSellerProfile,
} from '../../../suites/sonata-seller/profile';
import { registerHub, unregisterHub } from '../../../suites/sonata-seller/support/hubs';
import { checksOf, profile, runWith } from '../harness/helpers/run';
import { json, startHttp, type TestServer } from '../harness/helpers/servers';

const API = 'sonata.productOrder';
const servers: TestServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));
async function serve<T extends TestServer>(s: Promise<T>): Promise<T> {
  const started = await s;
  servers.push(started);
  return started;
}

function suiteOf(run: Scenario<SonataSellerProfile>['run']): Suite<SonataSellerProfile> {
  return {
    id: 'test-suite',
    title: 'Test suite',
    description: '',
    rules: [{ id: 't.r1', title: 'rule t.r1', api: API, requirements: ['MEF123 R10'] }],
    scenarios: [{ id: 'hubs', title: 'hubs', api: API, rules: ['t.r1'], run }],
    profile: SONATA_SELLER_PROFILE,
    ports: {
      client: { apis: [API], defaultQuery: buyerSellerQuery },
      listener: { apis: ['sonata.productOrderNotification'] },
    },
  };
}

describe('runner: ids the target makes up cannot break the harness', () => {
  test('a hub id with slashes and markup is sent encoded and judged like any other', async () => {
    const target = await serve(
      startHttp((_req, res) => {
        res.writeHead(204);
        res.end();
      }),
    );
    const suite = suiteOf(async (ctx) => void (await unregisterHub(ctx, 't.r1', API, '../<b>x</b>')));
    const { events } = await runWith(suite, profile(target.url));
    expect(checksOf(events)[0]).toMatchObject({ ruleId: 't.r1', verdict: 'pass' });
    expect(target.seen[0]).toMatchObject({
      method: 'DELETE',
      url: '/mefApi/sonata/productOrderingManagement/v10/hub/..%2F%3Cb%3Ex%3C%2Fb%3E',
    });
  });
});

describe('hubs a scenario leaves registered are removed when it ends', () => {
  test('even when the scenario stops early, with buyerId on the removal as on the registration', async () => {
    const target = await serve(
      startHttp((req, res) => {
        if (req.method === 'POST')
          return json(res, 201, { id: 'HUB-1', callback: (JSON.parse(req.body) as { callback: string }).callback });
        res.writeHead(204);
        res.end();
      }),
    );
    const suite = suiteOf(async (ctx) => {
      await registerHub(ctx, 't.r1', API);
      ctx.abort('stopped on purpose');
    });
    await runWith(suite, profile(target.url, { buyerId: 'BUYER-1' }));
    expect(target.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /mefApi/sonata/productOrderingManagement/v10/hub?buyerId=BUYER-1',
      'DELETE /mefApi/sonata/productOrderingManagement/v10/hub/HUB-1?buyerId=BUYER-1',
    ]);
  });
});
