import { silentLogger } from '../../lib/logger';
import { buildSellerMock, type SellerMock } from '../../mocks/sonata-seller';
import { codeSpans, readDoc, section, tableRows } from './markdown';

/**
 * The control API table of mocks/README.md lists exactly the routes the seller mock's own index (`GET /_lso`)
 * serves: method and path, nothing more and nothing less. Only the public surface is used (`buildSellerMock`,
 * `app.inject`), so the test holds whatever the mock's wiring becomes.
 */

/** `METHOD /path` of every route the README's table names (the first column; query strings and bodies dropped). */
function readmeRoutes(): string[] {
  const table = section(readDoc('mocks/README.md'), '## Control API (under `/_lso`)');
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
