/**
 * One cold measurement, in a fresh process so module loading counts: `lso` loads and compiles the Sonata contracts,
 * `prism` runs prism-http's getHttpOperationsFromSpec on the same 20 files. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ms = () => Math.round(performance.now());

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function lso(): Promise<Record<string, number>> {
  const { Contracts } = require('../specs') as typeof import('../specs');
  const c = Contracts.load({ sdks: ['sonata'] });
  c.registerAll();
  const readyMs = ms();
  c.compileAll();
  c.compileAllSchemas();
  const compiledMs = ms();
  // A full EPL order: MEF 125 Use Case 5, with the subscriber-UNI URN repaired (mef-contracts.md §4.1).
  const file = join(
    c.sdkDir,
    'sonata/documentation/productSchema/carrierEthernet/subscriberEthernet/MEF 125.0.1 resources/requests/Use Case 5 Product Order - new EPL.json',
  );
  const order = JSON.parse(
    readFileSync(file, 'utf8').replaceAll(
      ':sonata:carrier-ethernet-subscriber-uni:',
      ':cantata-sonata:carrier-ethernet-subscriber-uni:',
    ),
  );
  const check = () =>
    c.validateRequest('sonata.productOrder', 'createProductOrder', {
      body: order,
      contentType: 'application/json;charset=utf-8',
    });
  if (!check().valid) throw new Error('benchmark order is not valid');
  for (let i = 0; i < 500; i++) check();
  const batches: number[] = [];
  for (let b = 0; b < 200; b++) {
    const t = performance.now();
    for (let i = 0; i < 50; i++) check();
    batches.push((performance.now() - t) / 50);
  }
  return {
    readyMs,
    compiledMs,
    validateMedianUs: Math.round(median(batches) * 1000),
    validatePerSec: Math.round(1000 / median(batches)),
  };
}

async function prism(): Promise<Record<string, number>> {
  const { locateSdk } = require('../specs/sdk/locate') as typeof import('../specs/sdk/locate');
  const { discoverApis } = require('../specs/catalogue/discover') as typeof import('../specs/catalogue/discover');
  const dir = locateSdk().dir;
  const files = discoverApis(dir, ['sonata']).map((a) => join(dir, a.file));
  const t = ms();
  const { getHttpOperationsFromSpec } = require('@stoplight/prism-http');
  const importMs = ms() - t;
  for (const f of files) await getHttpOperationsFromSpec(f);
  return { readyMs: ms(), importMs };
}

const mode = process.argv[2];
(mode === 'lso' ? lso() : prism()).then(
  (r) =>
    process.stdout.write(
      `${JSON.stringify({ mode, ...r, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
    ),
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  },
);
