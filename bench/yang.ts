/**
 * `npm run bench:yang`: the time to check one create-connectivity-service input against the Presto NRP R2 YANG,
 * with the long-lived yanglint child (`YangValidator`) and with one yanglint process per request (`yanglintOnce`,
 * with the SIPs in `-O`), in the same run. Prints p50/p99 per request and their ratio.
 */
import { nrpR2Modules, rpcTree, YangValidator, yanglintOnce, yanglintPath, yanglintVersion } from '../specs/yang';
import { context, CREATE, goodCreate } from '../test/specs/yang-corpus';

const N = Number(process.env.BENCH_N ?? 2000);
const N_ONCE = Number(process.env.BENCH_N_ONCE ?? 40);

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function main(): Promise<void> {
  const yanglint = yanglintPath();
  const modules = nrpR2Modules().files;
  const body = goodCreate();

  const t0 = performance.now();
  const v = await YangValidator.start();
  const startMs = performance.now() - t0;
  const long: number[] = [];
  try {
    for (let i = 0; i < 200; i++) await v.validateRpc(CREATE, body); // warm-up
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      const r = await v.validateRpc(CREATE, body);
      long.push(performance.now() - t);
      if (!r.valid) throw new Error(`the bench body is invalid: ${r.violations[0].message}`);
    }
  } finally {
    await v.close();
  }

  const once: number[] = [];
  for (let i = 0; i < N_ONCE; i++) {
    const t = performance.now();
    yanglintOnce({ yanglint, modules, kind: 'rpc', tree: rpcTree(CREATE, body), operational: context() });
    once.push(performance.now() - t);
  }

  const row = (name: string, xs: number[]) =>
    `${name.padEnd(34)} ${String(xs.length).padStart(6)} ${pct(xs, 0.5).toFixed(3).padStart(9)} ${pct(xs, 0.99).toFixed(3).padStart(9)}`;
  console.log(`yanglint ${yanglintVersion(yanglint)}; long-lived child started in ${startMs.toFixed(0)} ms`);
  console.log(
    `${'create input, per request'.padEnd(34)} ${'n'.padStart(6)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`,
  );
  console.log(row('long-lived yanglint (YangValidator)', long));
  console.log(row('one yanglint process per request', once));
  console.log(`ratio p50: ${(pct(once, 0.5) / pct(long, 0.5)).toFixed(0)}x`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
