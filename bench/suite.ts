/**
 * `npm run bench:suite`: the whole Sonata seller suite against the built-in seller mock, in fresh processes (wall time
 * of the run, whole process time, peak RSS), next to the harness self-test run the same way as the baseline of the
 * runtime's own cost. Writes bench/results/suite.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const run = (suite: string) =>
  JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'suite-child.ts'), suite], {
      encoding: 'utf8',
      cwd: join(__dirname, '..'),
    })
      .trim()
      .split('\n')
      .pop()!,
  );
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const runs: Record<string, Array<Record<string, number>>> = { 'sonata-seller': [], 'harness-selftest': [] };
for (let i = 0; i < ROUNDS; i++) for (const s of Object.keys(runs)) runs[s].push(run(s));
const summary = Object.fromEntries(
  Object.entries(runs).map(([s, r]) => [
    s,
    {
      exitCodes: r.map((x) => x.code),
      wallMs: median(r.map((x) => x.wallMs)),
      processMs: median(r.map((x) => x.processMs)),
      maxRssMB: median(r.map((x) => x.maxRssMB)),
    },
  ]),
);
const s = summary['sonata-seller'];
const b = summary['harness-selftest'];
process.stdout.write(
  [
    `median of ${ROUNDS} fresh processes`,
    `  sonata-seller suite vs built-in mock: run ${s.wallMs} ms, whole process ${s.processMs} ms, peak RSS ${s.maxRssMB} MB, exit codes ${s.exitCodes.join(',')}`,
    `  harness-selftest (baseline):          run ${b.wallMs} ms, whole process ${b.processMs} ms, peak RSS ${b.maxRssMB} MB`,
    `  ratio: ${(s.processMs / b.processMs).toFixed(2)}x the baseline's process time`,
    '',
  ].join('\n'),
);
mkdirSync(join(__dirname, 'results'), { recursive: true });
writeFileSync(
  join(__dirname, 'results', 'suite.json'),
  `${JSON.stringify({ rounds: ROUNDS, node: process.version, ...summary }, null, 2)}\n`,
);
