/**
 * `npm run bench:specs`: cold start of the contract engine on all of Sonata (20 APIs and every product schema)
 * against prism-http on the same spec files, each in fresh processes, rounds interleaved; and the median time to
 * validate one full EPL order. Prints a table and writes bench/results/specs.json. Ratios, not absolute times,
 * are what compare across machines.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const child = join(__dirname, 'specs-child.ts');

function run(mode: string): Record<string, number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', child, mode], {
    encoding: 'utf8',
    cwd: join(__dirname, '..'),
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs: Record<string, Array<Record<string, number>>> = { lso: [], prism: [], baseline: [] };
for (let i = 0; i < ROUNDS; i++) for (const m of ['lso', 'prism']) runs[m].push(run(m));
// Baseline: the same child doing nothing but start (tsx + node), so start-up overhead can be read off.
for (let i = 0; i < ROUNDS; i++)
  runs.baseline.push(
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          'const {performance}=require("node:perf_hooks");console.log(JSON.stringify({readyMs:Math.round(performance.now()),maxRssMB:Math.round(process.resourceUsage().maxRSS/1024)}))',
        ],
        { encoding: 'utf8' },
      ),
    ),
  );

const m = (mode: string, key: string) => median(runs[mode].map((r) => r[key]));
const result = {
  rounds: ROUNDS,
  node: process.version,
  baselineStartMs: m('baseline', 'readyMs'),
  lso: {
    readyMs: m('lso', 'readyMs'),
    allCompiledMs: m('lso', 'compiledMs'),
    maxRssMB: m('lso', 'maxRssMB'),
    validateEplOrderMedianUs: m('lso', 'validateMedianUs'),
    validationsPerSec: m('lso', 'validatePerSec'),
  },
  prism: { readyMs: m('prism', 'readyMs'), importMs: m('prism', 'importMs'), maxRssMB: m('prism', 'maxRssMB') },
};
const ratio = (a: number, b: number) => (a / b).toFixed(2);
process.stdout.write(
  [
    `cold start, median of ${ROUNDS} fresh processes (node+tsx start alone: ${result.baselineStartMs} ms)`,
    `  lso: all Sonata APIs + product schemas loaded and registered  ${result.lso.readyMs} ms, everything compiled ${result.lso.allCompiledMs} ms, peak RSS ${result.lso.maxRssMB} MB`,
    `  prism-http getHttpOperationsFromSpec on the same 20 files    ${result.prism.readyMs} ms (import alone ${result.prism.importMs} ms), peak RSS ${result.prism.maxRssMB} MB`,
    `  ratio lso ready / prism ready: ${ratio(result.lso.readyMs, result.prism.readyMs)}`,
    `one full EPL order (MEF 125 UC5: envelope + 3 product payloads) validated: median ${result.lso.validateEplOrderMedianUs} µs (${result.lso.validationsPerSec}/s)`,
    '',
  ].join('\n'),
);
mkdirSync(join(__dirname, 'results'), { recursive: true });
writeFileSync(join(__dirname, 'results', 'specs.json'), `${JSON.stringify(result, null, 2)}\n`);
