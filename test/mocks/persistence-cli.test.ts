/**
 * SQLite persistence across restarts, the stateless (Prism) fallback for any catalogue API, and the CLI: in process
 * for its arguments and output, as a child process for --help and a clean shutdown on SIGTERM.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../lib/errors';
import { runMockCommand, type MockArgs } from '../../bin/commands/mock';
import { buildStatelessMock, selectApis, type StatelessMock } from '../../mocks/stateless';
import { Contracts } from '../../specs';
import { SqliteStore } from '../../runtime/state/store/sqlite';
import { S1 } from '../fixtures/mock/mef-examples';
import { API, base, call, expectNoSelfCheckFailures, Listener, sonataContracts, startSeller } from './support';

const tmp: string[] = [];
function tempFile(name: string): string {
  const d = mkdtempSync(join(tmpdir(), 'lso-mock-'));
  tmp.push(d);
  return join(d, name);
}
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('--store: SQLite', () => {
  it('survives a restart with nothing lost: entities, pending steps, hubs, journal and virtual time', async () => {
    const file = tempFile('seller.sqlite');
    const listener = await new Listener(sonataContracts()).start();
    const m1 = await startSeller({ store: file });
    const hub = (
      await call(m1, 'POST', `${base(m1, API.order)}/hub`, {
        callback: listener.url,
        query: 'eventType=productOrderStateChangeEvent',
      })
    ).body;
    const o = (await call(m1, 'POST', `${base(m1, API.order)}/productOrder`, S1.order())).body;
    m1.control.advance('1s');
    expect((await call(m1, 'GET', `${base(m1, API.order)}/productOrder/${o.id}`)).body.state).toBe('inProgress');
    const t1 = Date.parse(m1.control.now());
    const journal = m1.control.journal().length;
    await m1.control.waitForDeliveries();
    expectNoSelfCheckFailures(m1);
    await m1.close();

    // Same file, no clockStart: the mock carries on from where it was.
    const m2 = await startSeller({ store: file, clockStart: undefined });
    expect(Date.parse(m2.control.now())).toBeGreaterThanOrEqual(t1);
    expect(m2.control.journal().length).toBe(journal);
    expect(m2.control.hubs().map((h) => h.id)).toEqual([hub.id]);
    expect((await call(m2, 'GET', `${base(m2, API.site)}/geographicSite`)).body).toHaveLength(3);
    m2.control.advance('1m');
    await m2.control.waitForDeliveries();
    const done = (await call(m2, 'GET', `${base(m2, API.order)}/productOrder/${o.id}`)).body;
    expect(done.state).toBe('completed');
    expect(done.stateChange.map((s: { state: string }) => s.state)).toEqual([
      'acknowledged',
      'inProgress',
      'completed',
    ]);
    expect(listener.of('productOrderStateChangeEvent', o.id)).toHaveLength(2);
    expectNoSelfCheckFailures(m2);
    await m2.close();
    await listener.close();
  });

  it('rolls a failed transaction back in the file as well as in memory', () => {
    const file = tempFile('tx.sqlite');
    const s = new SqliteStore(file);
    s.put({ kind: 'k', id: 'kept', owner: '-', data: { v: 1 }, meta: {} });
    expect(() =>
      s.transaction(() => {
        s.put({ kind: 'k', id: 'lost', owner: '-', data: {}, meta: {} });
        const kept = s.get('k', 'kept')!;
        kept.data.v = 2;
        s.put(kept);
        throw new Error('half-way');
      }),
    ).toThrow('half-way');
    expect(s.list('k').map((r) => [r.id, r.data.v])).toEqual([['kept', 1]]);
    s.close();
    const again = new SqliteStore(file);
    expect(again.list('k').map((r) => [r.id, r.data.v])).toEqual([['kept', 1]]);
    again.close();
  });
});

describe('--stateless: any API of the catalogue from its spec (Prism)', () => {
  let mock: StatelessMock;
  afterEach(() => mock?.close());

  it('serves a Legato API and a Cantata API at their base paths, validating with Prism', async () => {
    mock = await buildStatelessMock({ apis: ['legato.serviceOrdering', 'cantata.productOrder'], listen: false });
    const legato = await mock.app.inject({
      method: 'GET',
      url: '/mefApi/legato/serviceOrderingManagement/v5/serviceOrder',
    });
    expect(legato.statusCode).toBe(200);
    expect(Array.isArray(JSON.parse(legato.body))).toBe(true);
    const cantata = await mock.app.inject({
      method: 'GET',
      url: '/mefApi/cantata/productOrderingManagement/v5/productOrder/abc',
    });
    expect(cantata.statusCode).toBe(200);
    expect(JSON.parse(cantata.body)).toHaveProperty('productOrderItem');
    const invalid = await mock.app.inject({
      method: 'POST',
      url: '/mefApi/cantata/productOrderingManagement/v5/productOrder',
      payload: { productOrderItem: [] },
      headers: { 'content-type': 'application/json' },
    });
    expect(invalid.statusCode).toBeGreaterThanOrEqual(400);
    expect((await mock.app.inject({ method: 'GET', url: '/mefApi/cantata/nothing' })).statusCode).toBe(404);
  });

  it('serves a Presto (Swagger 2.0) API; an SDK name selects one variant per base path; two variants named at once conflict', async () => {
    const all = Contracts.load({ sdks: ['interlude', 'presto'] });
    expect(selectApis(all, ['interlude']).map((a) => a.id)).toEqual([
      'interlude.performanceMonitoring',
      'interlude.streamingManagementAllInOne',
    ]);
    expect(selectApis(all, ['presto']).map((a) => a.id)).toEqual(['presto.nrpRpcOnly']);
    expect(() => selectApis(all, ['presto.nrp', 'presto.nrpSimplifiedHierarchy'])).toThrow(/share the base path/);
    mock = await buildStatelessMock({ apis: ['presto.nrp'], contracts: all, listen: false });
    const r = await mock.app.inject({ method: 'GET', url: '/restconf/data/context/' });
    expect(r.statusCode).toBe(200);
  });
});

describe('lso mock (CLI)', () => {
  const args = (over: Partial<MockArgs>): MockArgs => ({
    api: 'sonata-seller',
    port: 0,
    host: '127.0.0.1',
    profile: 'fast',
    strict: false,
    multiPartner: false,
    stateless: false,
    selfCheck: true,
    clockRate: 0,
    logLevel: 'silent',
    ...over,
  });

  it('prints the base URL of every API it serves, serves until told to stop, then stops cleanly', async () => {
    let out = '';
    let stop!: (s: string) => void;
    const stopped = new Promise<string>((r) => (stop = r));
    const running = runMockCommand(args({}), { out: (s) => (out += s), stopSignal: () => stopped });
    while (!out.includes('Ctrl-C')) await new Promise((r) => setTimeout(r, 20));
    const urls = [...out.matchAll(/^\s+(.+?)\s{2,}(http:\/\/\S+)$/gm)].map((x) => [x[1], x[2]]);
    expect(urls.map((u) => u[0])).toEqual([...Object.values(API), 'control API']);
    const order = urls.find((u) => u[0] === API.order)![1];
    expect(order).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mefApi\/sonata\/productOrderingManagement\/v10$/);
    expect((await fetch(`${order}/productOrder`)).status).toBe(200);
    stop('SIGTERM');
    await running;
    expect(out).toContain('stopped (SIGTERM)');
    await expect(fetch(`${order}/productOrder`)).rejects.toThrow();
  });

  it('refuses what it cannot do with a usage error', async () => {
    const io = { out: () => undefined, stopSignal: () => Promise.resolve('x') };
    await expect(runMockCommand(args({ api: 'legato.serviceOrdering' }), io)).rejects.toThrow(UsageError);
    await expect(runMockCommand(args({ api: 'legato.serviceOrdering' }), io)).rejects.toThrow(/--stateless/);
    await expect(runMockCommand(args({ port: 70000 }), io)).rejects.toThrow(/--port/);
    await expect(runMockCommand(args({ seed: ' ' }), io)).rejects.toThrow(/--seed needs a value/);
    await expect(runMockCommand(args({ seed: join(tmpdir(), 'no-such-seed.json') }), io)).rejects.toThrow(
      /does not exist/,
    );
  });

  // The lead wires mockCommand into bin/lso.ts; this stands in for it, as a child process.
  const cli = [
    '--import',
    'tsx',
    '-e',
    "require('yargs')(process.argv.slice(1)).command(require('./bin/commands/mock.ts').mockCommand).strict().demandCommand().parse()",
    '--',
    'mock',
  ];

  it('documents every option in --help', () => {
    const help = execFileSync(process.execPath, [...cli, '--help'], { encoding: 'utf8' });
    // Each as an option of its own (a flag named only in a description would not be accepted).
    for (const flag of [
      '--port',
      '--host',
      '--seed',
      '--profile',
      '--store',
      '--strict',
      '--multi-partner',
      '--stateless',
      '--self-check',
      '--clock-rate',
    ])
      expect(help).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
    expect(help).toContain('/_lso');
  });

  it('serves any catalogue API with --stateless as a process, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [...cli, 'legato.serviceOrdering', '--stateless', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    while (!out.includes('Ctrl-C')) {
      if (child.exitCode !== null) throw new Error(`the mock exited early: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(out).toContain('--stateless');
    const url = /legato\.serviceOrdering\s+(http:\S+)/.exec(out)![1];
    expect((await fetch(`${url}/serviceOrder`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('shuts down cleanly on SIGTERM as a process, exit code 0', async () => {
    const child = spawn(process.execPath, [...cli, 'sonata-seller', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    while (!out.includes('Ctrl-C')) {
      if (child.exitCode !== null) throw new Error(`the mock exited early: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const control = /control API\s+(\S+)/.exec(out)![1];
    expect(((await (await fetch(`${control}/status`)).json()) as { mock: string }).mock).toBe('sonata-seller');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('stopped (SIGTERM)');
  });
});
