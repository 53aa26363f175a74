import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Contracts, type ValidationResult, type Violation } from '../../specs';
import { walkFiles } from '../../specs/sdk/files';
import { locateSdk } from '../../specs/sdk/locate';
import { EXAMPLES, type Example, type ExampleSdk, type ExpectedError } from '../fixtures/sdk-examples/expectations';
import { applyRepairs, REPAIRS, type Json } from '../fixtures/sdk-examples/repairs';

/*
 * Every example payload under the SDKs' `documentation/` folders, validated against its envelope schema (with
 * `@type` dispatch into the product schemas), must come out as mef-contracts.md §4.1 found: the valid ones pass and
 * the broken ones fail where §4.1 says. Each broken one, repaired by the data in `repairs.ts`, must pass.
 */

const SDKS: readonly ExampleSdk[] = ['sonata', 'cantata'];
const sdkDir = locateSdk().dir;
const contracts = Contracts.load({ sdks: SDKS });

/** The example payloads: `**\/requests/*.json` (MEF 125, MEF 139, POAPD) and `MEF 106 resources/UseCase*.json`. */
const EXAMPLE_FILE = [/(^|\/)requests\/[^/]+\.json$/, /\/MEF 106 resources\/UseCase[^/]*\.json$/];
const isExample = (rel: string) => EXAMPLE_FILE.some((re) => re.test(rel));

const docDir = (sdk: ExampleSdk) => join(sdkDir, sdk, 'documentation');
/** Paths relative to `<sdk>/documentation/`. */
const jsonFiles = (sdk: ExampleSdk) => walkFiles(docDir(sdk), docDir(sdk), (rel) => rel.endsWith('.json'));
const discovered = Object.fromEntries(SDKS.map((sdk) => [sdk, jsonFiles(sdk).filter(isExample)])) as Record<
  ExampleSdk,
  string[]
>;

const readExample = (sdk: ExampleSdk, rel: string): Json =>
  JSON.parse(readFileSync(join(docDir(sdk), rel), 'utf8')) as Json;
const validate = (sdk: ExampleSdk, ex: Example, body: unknown): ValidationResult =>
  contracts.validateSchema(`${sdk}.${ex.api}`, ex.schema, body);
const show = (v: Violation) => `${v.pointer} [${v.rule}] ${v.message}`;

/** A violation is explained by an expected error at its pointer, or within the object holding that pointer. */
function explains(e: ExpectedError, v: Violation): boolean {
  const parent = e.pointer.slice(0, e.pointer.lastIndexOf('/'));
  if (v.pointer === e.pointer) return true;
  return parent !== '' && (v.pointer === parent || v.pointer.startsWith(`${parent}/`));
}

const cases = SDKS.flatMap((sdk) => discovered[sdk].filter((rel) => EXAMPLES[rel]).map((rel) => [sdk, rel] as const));
const repairCases = cases.filter(([, rel]) => REPAIRS[rel]);

describe('SDK example discovery', () => {
  it.each(SDKS)('%s: finds exactly the examples the expectation table lists for it', (sdk) => {
    const known = Object.keys(EXAMPLES).filter((rel) => EXAMPLES[rel].sdks.includes(sdk));
    // Both directions: a new SDK example the table does not know, or a table entry whose file is gone.
    expect({
      unknown: discovered[sdk].filter((rel) => !known.includes(rel)),
      missing: known.filter((rel) => !discovered[sdk].includes(rel)),
    }).toEqual({
      unknown: [],
      missing: [],
    });
    expect(discovered[sdk].length).toBeGreaterThan(0);
  });

  it.each(SDKS)('%s: every JSON file under documentation/ is a Postman collection or a discovered example', (sdk) => {
    // Guards the discovery patterns: an example folder named some other way must not slip past the table.
    expect(jsonFiles(sdk).filter((rel) => !rel.endsWith('.postman_collection.json') && !isExample(rel))).toEqual([]);
  });

  it('finds the 45 Sonata examples of §4.1 and 34 Cantata copies (no MEF 106), byte-identical', () => {
    expect(discovered.sonata).toHaveLength(45);
    expect(discovered.cantata).toHaveLength(34);
    for (const rel of discovered.cantata) {
      expect([rel, readFileSync(join(docDir('cantata'), rel))]).toEqual([
        rel,
        readFileSync(join(docDir('sonata'), rel)),
      ]);
    }
  });

  it('repairs exactly the examples expected to be invalid', () => {
    const invalid = Object.keys(EXAMPLES).filter((rel) => EXAMPLES[rel].outcome !== 'valid');
    expect(Object.keys(REPAIRS).sort()).toEqual(invalid.sort());
  });
});

describe('SDK examples validate as mef-contracts.md §4.1 found', () => {
  it.each(cases)('%s: %s', (sdk, rel) => {
    const ex = EXAMPLES[rel];
    const r = validate(sdk, ex, readExample(sdk, rel));
    expect(r.unchecked).toEqual([]);
    if (ex.outcome === 'valid') {
      expect(r.violations.map(show)).toEqual([]);
      expect(r.valid).toBe(true);
      return;
    }
    expect(r.valid).toBe(false);
    for (const e of ex.outcome) {
      expect(r.violations).toContainEqual(
        expect.objectContaining(e.rule ? { pointer: e.pointer, rule: e.rule } : { pointer: e.pointer }),
      );
    }
    const expected = ex.outcome;
    expect(r.violations.filter((v) => !expected.some((e) => explains(e, v))).map(show)).toEqual([]);
  });
});

describe('repaired copies of the broken SDK examples', () => {
  let outDir: string;
  beforeAll(() => {
    // Repaired copies are written only here, never into the repository (it must not hold copies of SDK files).
    outDir = mkdtempSync(join(tmpdir(), 'lso-sdk-examples-'));
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.each(repairCases)('%s: %s', (sdk, rel) => {
    const ex = EXAMPLES[rel];
    const repairs = REPAIRS[rel];
    const original = readExample(sdk, rel);

    // The original is invalid, so repairing it is necessary at all.
    expect(validate(sdk, ex, original).valid).toBe(false);

    const { doc, changes } = applyRepairs(original, repairs);
    // Every repair still finds something to change (a stale repair means the SDK example changed).
    expect(changes.filter((c) => c.count === 0)).toEqual([]);
    // applyRepairs works on a copy.
    expect(original).toEqual(readExample(sdk, rel));

    // The repaired copy, written to and read back from the temporary repaired/ folder, is valid.
    const file = join(outDir, 'test', 'fixtures', 'sdk-examples', 'repaired', sdk, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    const r = validate(sdk, ex, JSON.parse(readFileSync(file, 'utf8')));
    expect({ violations: r.violations.map(show), unchecked: r.unchecked }).toEqual({ violations: [], unchecked: [] });
    expect(r.valid).toBe(true);

    // Each repair is needed: leaving any one out leaves the example invalid.
    if (repairs.length > 1) {
      for (let i = 0; i < repairs.length; i++) {
        const partial = applyRepairs(
          original,
          repairs.filter((_r, j) => j !== i),
        ).doc;
        expect([repairs[i].name, validate(sdk, ex, partial).valid]).toEqual([repairs[i].name, false]);
      }
    }
  });
});
