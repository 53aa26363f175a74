/** One run of a suite against its built-in target in a fresh process; prints wall time and peak RSS as JSON. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runTestCommand } from '../bin/commands/test';

const suite = process.argv[2];
const out = mkdtempSync(join(tmpdir(), 'lso-bench-suite-'));
const t0 = performance.now();
runTestCommand(
  { suite, out, bail: false, strict: false },
  { out: () => undefined, clock: { now: () => Date.now() }, runId: () => 'bench', env: process.env },
)
  .then((code) => {
    const wallMs = Math.round(performance.now() - t0);
    process.stdout.write(
      `${JSON.stringify({ suite, code, wallMs, processMs: Math.round(performance.now()), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
    );
    rmSync(out, { recursive: true, force: true });
  })
  .catch((e: Error) => {
    process.stderr.write(`${e.stack}\n`);
    process.exitCode = 1;
  });
