import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMockCommand, type MockArgs } from '../../../bin/commands/mock';
import { UsageError } from '../../../lib/errors';

const args = (over: Partial<MockArgs>): MockArgs => ({
  api: 'presto-controller',
  port: 0,
  host: '127.0.0.1',
  profile: 'fast',
  strict: false,
  multiPartner: false,
  stateless: false,
  selfCheck: false,
  clockRate: 0,
  logLevel: 'silent',
  ...over,
});

describe('lso mock presto-controller', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lso-presto-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves RESTCONF until told to stop, strict when asked, then stops cleanly', async () => {
    let out = '';
    let stop!: (s: string) => void;
    const stopped = new Promise<string>((r) => (stop = r));
    const running = runMockCommand(args({ strict: true }), { out: (s) => (out += s), stopSignal: () => stopped });
    while (!out.includes('Ctrl-C')) await new Promise((r) => setTimeout(r, 20));
    const restconf = /restconf\s+(http:\/\/\S+)/.exec(out)![1];
    expect(out).toContain('strict');
    const sips = await fetch(`${restconf}/operations/tapi-common:get-service-interface-point-list`, { method: 'POST' });
    expect(sips.status).toBe(200);
    expect((await fetch(`${restconf}/operations/get-service-interface-point-list/`, { method: 'POST' })).status).toBe(
      400,
    );
    stop('SIGTERM');
    await running;
    expect(out).toContain('stopped (SIGTERM)');
  }, 30_000);

  it('refuses a bad seed, a missing seed file and --multi-partner with a usage error', async () => {
    const io = { out: () => undefined, stopSignal: () => Promise.resolve('x') };
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ nodes: 'none' }));
    await expect(runMockCommand(args({ seed: bad }), io)).rejects.toThrow(UsageError);
    await expect(runMockCommand(args({ seed: join(dir, 'none.json') }), io)).rejects.toThrow(/does not exist/);
    await expect(runMockCommand(args({ multiPartner: true }), io)).rejects.toThrow(/one tenant/);
  });
});
