/**
 * `node --import tsx bench/mock.ts`: the Sonata seller mock under load, against baselines measured in the same run on
 * the same machine (rounds interleaved, each server in a fresh process):
 *   bare      fastify answering a small fixed body (the ceiling)
 *   sized     fastify answering a fixed body as big as the seller's order (the same bytes on the wire, no work)
 *   echo      fastify answering the order it was sent (the same bytes as the mock, no validation, no lifecycle)
 *   checked   echo plus the mock's own contract check of each request, the last 1000 orders kept: what validating
 *             alone costs (no business rules, no lifecycle); checked / bare bounds any validating mock's ratio
 *   prism     @stoplight/prism-http in process on the same order spec, validating requests
 *   prismCli  `prism mock` (@stoplight/prism-cli, the version toolchain.md pins) on the same spec, `-v warn` like the
 *             seller's default log level; installed on first use into the user cache (BENCH_PRISM_CLI=skip skips it)
 *   sellerBaseline  the seller of another build (BENCH_BASELINE_DIR: a checkout with its dist/ built), to tell a
 *             regression from noise: both sellers share every round
 * The seller runs as users run it: the compiled CLI, `lso mock sonata-seller` (self-check off, in-memory store).
 * Load: pairs of `POST /productOrder` with a full EPL order (MEF 125 UC5, envelope and three product payloads
 * validated by the mock) then `GET /productOrder/{id}`, 10 connections. Also: cold start of the compiled CLI to the
 * first 2xx on that POST, with all APIs served, and the mock's peak RSS. Writes bench/results/mock.json.
 *
 * Targets (issue): seller ≥ 40 % of bare's requests/s, ≥ 10× Prism's; cold start < 1.5 s; peak RSS < 250 MB.
 * Environment: BENCH_ROUNDS (3), BENCH_SECONDS (10), BENCH_COLD_RUNS (5), BENCH_SKIP_BUILD=1, BENCH_PRISM_CLI,
 * BENCH_BASELINE_DIR, BENCH_KINDS (a comma list: measure only these servers).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { EPL_ORDER as ORDER, ORDER_BASE } from './mock/order';

const ROOT = join(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const CONNECTIONS = 10;
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR;
const KINDS = [
  'bare',
  'sized',
  'echo',
  'checked',
  'seller',
  'sellerV8Growth',
  'sellerCapped',
  'prism',
  'prismCli',
  'sellerBaseline',
] as const;
type Kind = (typeof KINDS)[number];

/** prism-cli as toolchain.md pins it (5.14.2 depends on the prism-http 5.12.0 the project uses). */
const PRISM_CLI = '@stoplight/prism-cli@5.14.2';
const PRISM_CLI_DIR = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'lso-harness', 'prism-cli-5.14.2');
const ORDER_SPEC = 'sonata/productApi/order/productOrderManagement.api.yaml';

/** How each server starts: a bench/mock/server.ts kind, the compiled CLI, or prism-cli. The seller again with V8's
 * own heap growth (the CLI bounds it, lib/heap.ts; a heap flag of the user's turns that off), and with the old space
 * capped, as `NODE_OPTIONS=--max-old-space-size=128` does for the CLI. */
function command(kind: Kind, port: number): { args: string[]; base: string } {
  const bench = (server: string) => ({
    args: [process.execPath, '--import', 'tsx', join(__dirname, 'mock', 'server.ts'), server, String(port)],
    base: ORDER_BASE,
  });
  const lso = (flags: string[], root = ROOT) => ({
    args: [
      process.execPath,
      ...flags,
      join(root, 'dist', 'bin', 'lso.js'),
      'mock',
      'sonata-seller',
      '--port',
      String(port),
    ],
    base: ORDER_BASE,
  });
  switch (kind) {
    case 'seller':
      return lso([]);
    case 'sellerV8Growth':
      return lso(['--heap-growing-percent=0']);
    case 'sellerCapped':
      return lso(['--max-old-space-size=128']);
    case 'sellerBaseline':
      return lso([], BASELINE_DIR);
    case 'prismCli':
      // prism serves the spec's paths at its root (toolchain.md §3).
      return {
        args: [
          join(PRISM_CLI_DIR, 'node_modules', '.bin', 'prism'),
          'mock',
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-v',
          'warn',
          join(sdkDir(), ORDER_SPEC),
        ],
        base: '',
      };
    default:
      return bench(kind);
  }
}

function sdkDir(): string {
  // The benchmark reads the SDK the way the CLI does.
  const { locateSdk } = require('../specs/sdk/locate') as typeof import('../specs/sdk/locate');
  return locateSdk().dir;
}

/** prism-cli in the user cache, installed there on first use; undefined (with why) when it cannot be had. */
function prismCli(): string | undefined {
  if (process.env.BENCH_PRISM_CLI === 'skip') return 'skipped (BENCH_PRISM_CLI=skip)';
  if (existsSync(join(PRISM_CLI_DIR, 'node_modules', '.bin', 'prism'))) return undefined;
  process.stderr.write(`installing ${PRISM_CLI} into ${PRISM_CLI_DIR} (once; about 90 MB)\n`);
  try {
    mkdirSync(PRISM_CLI_DIR, { recursive: true });
    execFileSync(
      'npm',
      ['install', '--prefix', PRISM_CLI_DIR, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', PRISM_CLI],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return undefined;
  } catch (e) {
    return `could not install ${PRISM_CLI}: ${(e as Error).message.split('\n')[0]}`;
  }
}

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

/** Starts a server and waits until it answers HTTP at all (any status). */
async function start(kind: Kind): Promise<{ child: ChildProcess; url: string; base: string }> {
  const port = await freePort();
  const { args, base } = command(kind, port);
  const child = spawn(args[0], args.slice(1), { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const url = `http://127.0.0.1:${port}`;
  for (const t0 = Date.now(); ;) {
    if (exited !== undefined) throw new Error(`${kind} server exited (${exited}) before it was ready`);
    if (Date.now() - t0 > 60_000) throw new Error(`${kind} server did not answer within 60 s`);
    try {
      await fetch(`${url}${base}/productOrder/none`);
      return { child, url, base };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function load(url: string, base: string, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: `${base}/productOrder`,
            headers: { 'content-type': 'application/json;charset=utf-8' },
            body: ORDER,
            onResponse: (status: number, body: string, context: Record<string, string>) => {
              // The order's own href names it; the first "id" in the body is an item's.
              const m = /"href":"[^"]*\/productOrder\/([^"]+)"/.exec(body);
              if (status === 201 && m) context.id = m[1];
            },
          },
          {
            method: 'GET',
            setupRequest: (req: autocannon.Request, context: Record<string, string>) => ({
              ...req,
              path: `${base}/productOrder/${context.id ?? 'fixed-order'}`,
            }),
          },
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
  const { child, url, base } = await start(kind);
  try {
    await load(url, base, 3);
    const cpu0 = cpuMs(child.pid!);
    const r = await load(url, base, SECONDS);
    const cpu1 = cpuMs(child.pid!);
    return {
      rps: Math.round(r.requests.average),
      p99: r.latency.p99,
      cpuUsPerReq: Math.round(((cpu1 - cpu0) * 1000) / r.requests.total),
      non2xx: r.non2xx,
      peakRssMB: peakRssMB(child.pid!),
    };
  } finally {
    child.kill('SIGKILL');
  }
}

/** Spawn → first 2xx to the full EPL order POST, through the compiled CLI (what `lso mock sonata-seller` runs). */
async function coldStart(): Promise<number> {
  const port = await freePort();
  const code =
    "require('yargs')(process.argv.slice(1)).command(require('./dist/bin/commands/mock.js').mockCommand).parse()";
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', code, '--', 'mock', 'sonata-seller', '--port', String(port)], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${ORDER_BASE}/productOrder`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: ORDER,
        });
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
  // The seller runs compiled, as `lso mock sonata-seller` does; so does the cold start.
  if (!process.env.BENCH_SKIP_BUILD)
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  const prismCliMissing = prismCli();
  const only = process.env.BENCH_KINDS?.split(',').map((k) => k.trim());
  const kinds = KINDS.filter(
    (k) =>
      (k !== 'prismCli' || !prismCliMissing) &&
      (k !== 'sellerBaseline' || BASELINE_DIR) &&
      (!only || only.includes(k) || k === 'seller'),
  );
  if (prismCliMissing) process.stderr.write(`prism mock baseline left out: ${prismCliMissing}\n`);
  const samples = Object.fromEntries(KINDS.map((k) => [k, [] as Sample[]])) as Record<Kind, Sample[]>;
  for (let i = 1; i <= ROUNDS; i++) {
    for (const kind of kinds) {
      const s = await measure(kind);
      samples[kind].push(s);
      process.stderr.write(
        `round ${i} ${kind.padEnd(14)} ${String(s.rps).padStart(6)} req/s  p99 ${s.p99} ms  ${s.cpuUsPerReq} µs CPU/req  non-2xx ${s.non2xx}  peak RSS ${s.peakRssMB} MB\n`,
      );
    }
  }
  const cold: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) cold.push(await coldStart());

  const of = (k: Kind) =>
    samples[k].length === 0
      ? null
      : {
          rps: median(samples[k].map((s) => s.rps)),
          p99Ms: median(samples[k].map((s) => s.p99)),
          cpuUsPerReq: median(samples[k].map((s) => s.cpuUsPerReq)),
          non2xx: samples[k].reduce((n, s) => n + s.non2xx, 0),
          peakRssMB: Math.max(...samples[k].map((s) => s.peakRssMB)),
          runs: samples[k].map((s) => s.rps),
        };
  const servers = Object.fromEntries(KINDS.map((k) => [k, of(k)])) as Record<Kind, ReturnType<typeof of>>;
  const seller = servers.seller!;
  const result = {
    node: process.version,
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
    load: 'POST /productOrder (MEF 125 UC5 EPL order, 3 product payloads) then GET /productOrder/{id}',
    ...servers,
    prismCliLeftOut: prismCliMissing ?? null,
    coldStartMs: { median: median(cold), runs: cold },
    restRssMB: await restRss(),
  };
  const ratio = (k: Kind, digits: number) =>
    servers[k] ? Number((seller.rps / servers[k]!.rps).toFixed(digits)) : null;
  const cpuRatio = (k: Kind) => (servers[k] ? Number((servers[k]!.cpuUsPerReq / seller.cpuUsPerReq).toFixed(2)) : null);
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED');
  const ratios = {
    sellerVsBare: ratio('bare', 2),
    sellerVsSized: ratio('sized', 2),
    sellerVsEcho: ratio('echo', 2),
    sellerVsChecked: ratio('checked', 2),
    checkedVsBare: servers.checked && servers.bare ? Number((servers.checked.rps / servers.bare.rps).toFixed(2)) : null,
    checkedVsPrismCli:
      servers.checked && servers.prismCli ? Number((servers.checked.rps / servers.prismCli.rps).toFixed(1)) : null,
    sellerVsSellerV8Growth: ratio('sellerV8Growth', 2),
    sellerVsPrism: ratio('prism', 1),
    sellerVsPrismCli: ratio('prismCli', 1),
    sellerVsBaseline: ratio('sellerBaseline', 2),
    cpuBareVsSeller: cpuRatio('bare'),
    cpuPrismVsSeller: cpuRatio('prism'),
    cpuPrismCliVsSeller: cpuRatio('prismCli'),
  };
  const targets = {
    atLeast40PercentOfBare: verdict(ratios.sellerVsBare === null ? undefined : ratios.sellerVsBare >= 0.4),
    atLeast10xPrismMock: verdict(ratios.sellerVsPrismCli === null ? undefined : ratios.sellerVsPrismCli >= 10),
    atLeast10xPrismHttpInProcess: verdict(ratios.sellerVsPrism === null ? undefined : ratios.sellerVsPrism >= 10),
    coldStartUnder1500ms: verdict(result.coldStartMs.median < 1500),
    peakRssUnder250MB: verdict(seller.peakRssMB < 250),
    peakRssUnder250MBWithV8Growth: verdict((servers.sellerV8Growth?.peakRssMB ?? Infinity) < 250),
    peakRssUnder250MBWithHeapCap: verdict((servers.sellerCapped?.peakRssMB ?? Infinity) < 250),
  };
  const row = (k: Kind) => {
    const r = servers[k];
    if (!r) return `  ${k.padEnd(14)} not measured${k === 'prismCli' && prismCliMissing ? `: ${prismCliMissing}` : ''}`;
    return `  ${k.padEnd(14)} ${String(r.rps).padStart(7)} req/s   p99 ${String(r.p99Ms).padStart(3)} ms   ${String(r.cpuUsPerReq).padStart(5)} µs CPU/req   peak RSS ${r.peakRssMB} MB   (runs ${r.runs.join(', ')})`;
  };
  process.stdout.write(
    [
      `mock benchmark: ${result.load}, ${CONNECTIONS} connections, ${SECONDS} s, median of ${ROUNDS} interleaved rounds`,
      ...KINDS.map(row),
      `  seller / bare     = ${ratios.sellerVsBare} (target ≥ 0.40: ${targets.atLeast40PercentOfBare}); CPU per request bare/seller ${ratios.cpuBareVsSeller}`,
      `  seller / sized    = ${ratios.sellerVsSized} (sized: fastify sending a fixed body as big as the seller's; the mock's own cost)`,
      `  seller / echo     = ${ratios.sellerVsEcho} (echo: fastify sending the order back, nothing checked or kept)`,
      `  seller / checked  = ${ratios.sellerVsChecked}; checked / bare = ${ratios.checkedVsBare}, checked / prism mock = ${ratios.checkedVsPrismCli ?? '-'}× (checked: echo plus the contract check alone)`,
      `  seller / prism mock = ${ratios.sellerVsPrismCli ?? '-'}× (target ≥ 10×: ${targets.atLeast10xPrismMock}); CPU per request ${ratios.cpuPrismCliVsSeller ?? '-'}×`,
      `  seller / prism-http in process = ${ratios.sellerVsPrism}× (${targets.atLeast10xPrismHttpInProcess}); CPU per request ${ratios.cpuPrismVsSeller}×`,
      `  cold start to first 2xx (compiled CLI, all APIs): median ${result.coldStartMs.median} ms of ${cold.join(', ')} (target < 1500: ${targets.coldStartUnder1500ms})`,
      `  seller peak RSS under load ${seller.peakRssMB} MB (target < 250: ${targets.peakRssUnder250MB}); with V8's own heap growth ${servers.sellerV8Growth?.peakRssMB ?? '-'} MB (${targets.peakRssUnder250MBWithV8Growth}), requests/s seller / that = ${ratios.sellerVsSellerV8Growth}; with --max-old-space-size=128 ${servers.sellerCapped?.peakRssMB ?? '-'} MB (${targets.peakRssUnder250MBWithHeapCap})`,
      `  seller / baseline build = ${ratios.sellerVsBaseline ?? '-'} (BENCH_BASELINE_DIR${BASELINE_DIR ? '' : ' not set'})`,
      `  seller RSS at rest, every API served and its validators compiled: ${result.restRssMB} MB`,
      '',
    ].join('\n'),
  );
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(__dirname, 'results', 'mock.json'),
    `${JSON.stringify({ ...result, ratios, targets }, null, 2)}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 1;
});
