import { silentLogger } from '../../lib/logger';
import { buildPrestoController, type PrestoController } from '../../mocks/presto-controller';
import { buildSellerMock, type SellerMock } from '../../mocks/sonata-seller';
import { YangValidator } from '../../specs/yang';
import { codeSpans, readDoc, section, tableRows } from './markdown';

/**
 * The control API table of mocks/README.md lists exactly the routes the seller mock's own index (`GET /_lso`)
 * serves: method and path, nothing more and nothing less; its Presto table, the Presto controller's own routes. Only the public surface is used (`buildSellerMock`,
 * `app.inject`), so the test holds whatever the mock's wiring becomes.
 */

/** `METHOD /path` of every route the README's table names (the first column; query strings and bodies dropped). */
function readmeRoutes(heading = '## Control API (under `/_lso`)'): string[] {
  const table = section(readDoc('mocks/README.md'), heading);
  const routes: string[] = [];
  for (const [first] of tableRows(table)) {
    for (const span of codeSpans(first)) {
      const m = /^(GET|POST|PUT|PATCH|DELETE)\s+(\/[^\s?]*)/.exec(span);
      if (m) routes.push(`${m[1]} ${m[2]}`);
    }
  }
  return routes;
}

describe('mocks/README.md control API table agrees with GET /_lso', () => {
  let mock: SellerMock;

  beforeAll(async () => {
    mock = await buildSellerMock({ listen: false, seed: false, clockRate: 0, logger: silentLogger });
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('lists every route of the index, and only those', async () => {
    const r = await mock.app.inject({ method: 'GET', url: '/_lso' });
    expect(r.statusCode).toBe(200);
    const index = (r.json() as Array<{ method: string; path: string; describe: string }>).map(
      (x) => `${x.method} ${x.path}`,
    );
    expect(index.length).toBeGreaterThan(10);
    const readme = readmeRoutes();
    // Each route once in the README.
    expect(readme.filter((x, i) => readme.indexOf(x) !== i)).toEqual([]);
    expect([...readme].sort()).toEqual([...index].sort());
  });
});

describe("mocks/README.md Presto control table agrees with the controller's own routes in GET /_lso", () => {
  let validator: YangValidator;
  let mock: PrestoController;

  beforeAll(async () => {
    validator = await YangValidator.start();
    mock = await buildPrestoController({ listen: false, clockRate: 0, logger: silentLogger, validator });
  }, 60_000);
  afterAll(async () => {
    await mock?.close();
    await validator?.close();
  });

  it("lists every /presto route of the controller's index, and only those", async () => {
    const r = await mock.app.inject({ method: 'GET', url: '/_lso' });
    const index = (r.json() as Array<{ method: string; path: string }>)
      .filter((x) => x.path.startsWith('/presto/'))
      .map((x) => `${x.method} ${x.path}`);
    expect(index.length).toBeGreaterThan(0);
    const readme = readmeRoutes('## Presto controller control API (under `/_lso`)');
    expect([...readme].sort()).toEqual([...index].sort());
  });
});
