/**
 * `node --import tsx bench/mock.ts`: the Sonata seller mock under load, against two baselines measured in the same
 * run on the same machine (rounds interleaved, each server in a fresh process):
 *   bare    fastify answering a fixed body (the ceiling)
 *   echo    fastify answering the order it was sent (the same bytes as the mock, no validation, no lifecycle)
 *   prism   @stoplight/prism-http in process on the same order spec (what generic mocks cost)
 * Load: pairs of `POST /productOrder` with a full EPL order (MEF 125 UC5, envelope and three product payloads
 * validated by the mock) then `GET /productOrder/{id}`, 10 connections. Also: cold start of the compiled CLI to the
 * first 2xx on that POST, with all APIs served, and the mock's peak RSS. Writes bench/results/mock.json.
 *
 * Targets (issue): seller ≥ 40 % of bare's requests/s, ≥ 10× prism's; cold start < 1.5 s; peak RSS < 250 MB.
 * Environment: BENCH_ROUNDS (3), BENCH_SECONDS (10), BENCH_COLD_RUNS (5), BENCH_SKIP_BUILD=1.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { EPL_ORDER as ORDER, ORDER_BASE } from './mock/order';

const ROOT = join(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const CONNECTIONS = 10;
const KINDS = ['bare', 'echo', 'seller', 'sellerCapped', 'prism'] as const;
type Kind = (typeof KINDS)[number];

/** The seller again with V8's old space capped, as `NODE_OPTIONS=--max-old-space-size=128` does for the CLI. */
const SERVER: Record<Kind, { server: string; nodeFlags: string[] }> = {
  bare: { server: 'bare', nodeFlags: [] },
  echo: { server: 'echo', nodeFlags: [] },
  seller: { server: 'seller', nodeFlags: [] },
  sellerCapped: { server: 'seller', nodeFlags: ['--max-old-space-size=128'] },
  prism: { server: 'prism', nodeFlags: [] },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** utime + stime of a process, in ms (CLK_TCK = 100 on Linux). */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

function peakRssMB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function start(kind: Kind): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER[kind].nodeFlags, '--import', 'tsx', join(__dirname, 'mock', 'server.ts'), SERVER[kind].server, String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${kind} server exited (${code}) before it was ready`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

function load(url: string, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: `${ORDER_BASE}/productOrder`,
            headers: { 'content-type': 'application/json;charset=utf-8' },
            body: ORDER,
            onResponse: (status: number, body: string, context: Record<string, string>) => {
              // The order's own href names it; the first "id" in the body is an item's.
              const m = /"href":"[^"]*\/productOrder\/([^"]+)"/.exec(body);
              if (status === 201 && m) context.id = m[1];
            },
          },
          { method: 'GET', setupRequest: (req: autocannon.Request, context: Record<string, string>) => ({ ...req, path: `${ORDER_BASE}/productOrder/${context.id ?? 'fixed-order'}` }) },
        ],
      } as autocannon.Options,
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

interface Sample {
  rps: number;
  p99: number;
  cpuUsPerReq: number;
  non2xx: number;
  peakRssMB: number;
}

async function measure(kind: Kind): Promise<Sample> {
  const { child, url } = await start(kind);
  try {
    await load(url, 3);
    const cpu0 = cpuMs(child.pid!);
    const r = await load(url, SECONDS);
    const cpu1 = cpuMs(child.pid!);
    return { rps: Math.round(r.requests.average), p99: r.latency.p99, cpuUsPerReq: Math.round(((cpu1 - cpu0) * 1000) / r.requests.total), non2xx: r.non2xx, peakRssMB: peakRssMB(child.pid!) };
  } finally {
    child.kill('SIGKILL');
  }
}

/** Spawn → first 2xx to the full EPL order POST, through the compiled CLI (what `lso mock sonata-seller` runs). */
async function coldStart(): Promise<number> {
  const port = await freePort();
  const code = "require('yargs')(process.argv.slice(1)).command(require('./dist/bin/commands/mock.js').mockCommand).parse()";
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', code, '--', 'mock', 'sonata-seller', '--port', String(port)], { cwd: ROOT, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${ORDER_BASE}/productOrder`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ORDER });
        if (res.status >= 200 && res.status < 300) return Math.round(performance.now() - t0);
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
  }
}

/** RSS of a compiled seller at rest after every operation of every API was called once (all request validators compiled). */
async function restRss(): Promise<number> {
  const code = `
    const { buildSellerMock } = require('./dist/mocks/sonata-seller');
    (async () => {
      const m = await buildSellerMock({ listen: false });
      for (const id of Object.keys(m.baseUrls)) for (const op of m.contracts.api(id).operations)
        await m.app.inject({ method: op.method.toUpperCase(), url: m.contracts.api(id).basePath + op.path.replace(/\\{[^}]+\\}/g, 'x'), payload: op.requestBody ? {} : undefined });
      await m.close();
      process.stdout.write(String(Math.round(process.resourceUsage().maxRSS / 1024)));
    })();`;
  return Number(execFileSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' }));
}

async function main(): Promise<void> {
  const samples: Record<Kind, Sample[]> = { bare: [], echo: [], seller: [], sellerCapped: [], prism: [] };
  for (let i = 1; i <= ROUNDS; i++) {
    for (const kind of KINDS) {
      const s = await measure(kind);
      samples[kind].push(s);
      process.stderr.write(`round ${i} ${kind.padEnd(6)} ${String(s.rps).padStart(6)} req/s  p99 ${s.p99} ms  ${s.cpuUsPerReq} µs CPU/req  non-2xx ${s.non2xx}  peak RSS ${s.peakRssMB} MB\n`);
    }
  }
  if (!process.env.BENCH_SKIP_BUILD) execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const cold: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) cold.push(await coldStart());

  const of = (k: Kind) => ({
    rps: median(samples[k].map((s) => s.rps)),
    p99Ms: median(samples[k].map((s) => s.p99)),
    cpuUsPerReq: median(samples[k].map((s) => s.cpuUsPerReq)),
    non2xx: samples[k].reduce((n, s) => n + s.non2xx, 0),
    peakRssMB: Math.max(...samples[k].map((s) => s.peakRssMB)),
    runs: samples[k].map((s) => s.rps),
  });
  const result = {
    node: process.version,
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
    load: 'POST /productOrder (MEF 125 UC5 EPL order, 3 product payloads) then GET /productOrder/{id}',
    bare: of('bare'),
    echo: of('echo'),
    seller: of('seller'),
    sellerCapped: of('sellerCapped'),
    prism: of('prism'),
    coldStartMs: { median: median(cold), runs: cold },
    restRssMB: await restRss(),
  };
  const vsBare = result.seller.rps / result.bare.rps;
  const vsPrism = result.seller.rps / result.prism.rps;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const ratios = {
    sellerVsBare: Number(vsBare.toFixed(2)),
    sellerVsEcho: Number((result.seller.rps / result.echo.rps).toFixed(2)),
    sellerVsPrism: Number(vsPrism.toFixed(1)),
    cpuBareVsSeller: Number((result.bare.cpuUsPerReq / result.seller.cpuUsPerReq).toFixed(2)),
    cpuPrismVsSeller: Number((result.prism.cpuUsPerReq / result.seller.cpuUsPerReq).toFixed(1)),
  };
  const targets = {
    atLeast40PercentOfBare: verdict(vsBare >= 0.4),
    atLeast10xPrism: verdict(vsPrism >= 10),
    coldStartUnder1500ms: verdict(result.coldStartMs.median < 1500),
    peakRssUnder250MB: verdict(result.seller.peakRssMB < 250),
    peakRssUnder250MBWithHeapCap: verdict(result.sellerCapped.peakRssMB < 250),
  };
  const row = (k: Kind) => `  ${k.padEnd(7)} ${String(result[k].rps).padStart(7)} req/s   p99 ${String(result[k].p99Ms).padStart(3)} ms   ${String(result[k].cpuUsPerReq).padStart(5)} µs CPU/req   peak RSS ${result[k].peakRssMB} MB   (runs ${result[k].runs.join(', ')})`;
  process.stdout.write(
    [
      `mock benchmark: ${result.load}, ${CONNECTIONS} connections, ${SECONDS} s, median of ${ROUNDS} interleaved rounds`,
      row('bare'),
      row('echo'),
      row('seller'),
      row('sellerCapped'),
      row('prism'),
      `  seller / bare  = ${ratios.sellerVsBare} (target ≥ 0.40: ${targets.atLeast40PercentOfBare}); CPU per request bare/seller ${ratios.cpuBareVsSeller}`,
      `  seller / prism = ${ratios.sellerVsPrism}× (target ≥ 10×: ${targets.atLeast10xPrism}); CPU per request prism/seller ${ratios.cpuPrismVsSeller}×`,
      `  seller / echo  = ${ratios.sellerVsEcho} (echo: fastify sending the same bytes back, nothing checked or kept)`,
      `  cold start to first 2xx (compiled CLI, all APIs): median ${result.coldStartMs.median} ms of ${cold.join(', ')} (target < 1500: ${targets.coldStartUnder1500ms})`,
      `  seller peak RSS under load ${result.seller.peakRssMB} MB (target < 250: ${targets.peakRssUnder250MB}); with --max-old-space-size=128 ${result.sellerCapped.peakRssMB} MB (${targets.peakRssUnder250MBWithHeapCap})`,
      `  seller RSS at rest, every API served and its validators compiled: ${result.restRssMB} MB`,
      '',
    ].join('\n'),
  );
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'mock.json'), `${JSON.stringify({ ...result, ratios, targets }, null, 2)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
