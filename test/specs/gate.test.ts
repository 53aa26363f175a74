import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Contracts, type ValidationResult } from '../../specs';
import { newPrepareContext, prepareSchemaFile } from '../../specs/contract/prepare';
import { walkFiles } from '../../specs/sdk/files';
import { locateSdk } from '../../specs/sdk/locate';
import { EXAMPLES } from '../fixtures/sdk-examples/expectations';
import { applyRepairs, REPAIRS } from '../fixtures/sdk-examples/repairs';

type Json = Record<string, any>;

/*
 * The contract engine answers lenient callers that need no warnings (`warnings: false`, what a mock uses) from a
 * faster first-error validator, and explains refusals with the full one. The two must never disagree on whether a
 * payload conforms: checked on every Sonata SDK example, its repaired copy, and mutations of every value in them.
 */

const contracts = Contracts.load({ sdks: ['sonata'] });
const docDir = join(locateSdk().dir, 'sonata', 'documentation');
const examples = walkFiles(docDir, docDir, (rel) => rel.endsWith('.json')).filter((rel) => EXAMPLES[rel]);

const full = (api: string, schema: string, body: unknown): ValidationResult =>
  contracts.validateSchema(`sonata.${api}`, schema, body);
const gated = (api: string, schema: string, body: unknown): ValidationResult =>
  contracts.validateSchema(`sonata.${api}`, schema, body, { warnings: false });

/** Every JSON pointer of a document with its value, objects and arrays included. */
function* values(node: unknown, at = ''): Generator<[string, unknown]> {
  yield [at, node];
  if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) yield* values(v, `${at}/${k}`);
}

function setAt(doc: Json, pointer: string, fn: (parent: Json, key: string) => void): Json {
  const copy = structuredClone(doc);
  const parts = pointer.split('/').slice(1);
  let parent: Json = copy;
  for (const p of parts.slice(0, -1)) parent = parent[p];
  fn(parent, parts[parts.length - 1]);
  return copy;
}

/** How many values of each document are broken: spread evenly over it (a refused order costs milliseconds to explain). */
const POINTS = 8;

/** Wrong-typed, out-of-enum, removed: values spread over the document, each broken in the ways a Buyer gets it wrong. */
function* mutations(doc: Json): Generator<[string, Json]> {
  const all = [...values(doc)].slice(1);
  const stride = Math.max(1, Math.floor(all.length / POINTS));
  for (const [at, v] of all.filter((_x, i) => i % stride === 0)) {
    yield [`${at} removed`, setAt(doc, at, (p, k) => (Array.isArray(p) ? p.splice(Number(k), 1) : delete p[k]))];
    const wrong =
      typeof v === 'string'
        ? 12345
        : typeof v === 'number'
          ? 'not a number'
          : Array.isArray(v)
            ? {}
            : typeof v === 'object'
              ? []
              : 'x';
    yield [`${at} wrong type`, setAt(doc, at, (p, k) => (p[k] = wrong))];
    if (typeof v === 'string') yield [`${at} unknown value`, setAt(doc, at, (p, k) => (p[k] = `${v}-no-such-value`))];
  }
}

describe('the fast gate and the full validator agree', () => {
  it('covers the Sonata examples', () => {
    expect(examples.length).toBe(45);
  });

  it.each(examples)('%s and mutations of its conforming version', (rel) => {
    const ex = EXAMPLES[rel];
    const original = JSON.parse(readFileSync(join(docDir, rel), 'utf8')) as Json;
    // Mutations of the conforming version; the published one too when it is broken.
    const base = REPAIRS[rel] ? (applyRepairs(original, REPAIRS[rel]).doc as Json) : original;
    const docs: Array<[string, Json]> = REPAIRS[rel] ? [['as published', original]] : [];
    let refused = 0;
    let checked = 0;
    for (const [what, body] of [...docs, ['unchanged', base] as [string, Json], ...mutations(base)]) {
      const f = full(ex.api, ex.schema, body);
      const g = gated(ex.api, ex.schema, body);
      checked++;
      if (!f.valid) refused++;
      // Same verdict; a refusal is explained exactly as the full validator explains it.
      expect([what, g.valid]).toEqual([what, f.valid]);
      if (!f.valid) expect(g.violations).toEqual(f.violations);
    }
    // The mutations do break things (so the comparison is not over trivially valid documents only).
    expect(refused).toBeGreaterThan(checked / 4);
  });

  it('lists no warnings for a conforming payload, which the full validator reports', () => {
    const rel = examples.find(
      (r) =>
        EXAMPLES[r].outcome === 'valid' &&
        full(EXAMPLES[r].api, EXAMPLES[r].schema, JSON.parse(readFileSync(join(docDir, r), 'utf8'))).warnings.length >
          0,
    );
    expect(rel).toBeDefined();
    const ex = EXAMPLES[rel!];
    const body = JSON.parse(readFileSync(join(docDir, rel!), 'utf8'));
    expect(gated(ex.api, ex.schema, body)).toEqual({ valid: true, violations: [], warnings: [], unchecked: [] });
  });

  it('is not used in strict mode, where unknown properties are errors', () => {
    const rel = examples.find(
      (r) =>
        EXAMPLES[r].outcome === 'valid' &&
        full(EXAMPLES[r].api, EXAMPLES[r].schema, JSON.parse(readFileSync(join(docDir, r), 'utf8'))).warnings.length >
          0,
    )!;
    const ex = EXAMPLES[rel];
    const body = JSON.parse(readFileSync(join(docDir, rel), 'utf8'));
    const r = contracts.validateSchema(`sonata.${ex.api}`, ex.schema, body, { strict: true, warnings: false });
    expect(r.valid).toBe(false);
    expect(r.violations.some((v) => v.rule === 'unknownProperty')).toBe(true);
  });

  it('stands aside for an SDK using a 2019-09 keyword the draft-07 gate would skip', () => {
    const ctx = newPrepareContext();
    prepareSchemaFile('x/plain.yaml', { type: 'object', properties: { a: { type: 'string' } } }, ctx);
    expect(ctx.draft2019At).toBeUndefined();
    prepareSchemaFile(
      'x/next.yaml',
      { type: 'object', properties: { a: { type: 'object', dependentRequired: { b: ['c'] } } } },
      ctx,
    );
    expect(ctx.draft2019At).toBe('x/next.yaml#/properties/a');
  });
});
