import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { walkFiles } from '../specs/sdk/files';

/**
 * The layer table of ARCHITECTURE.md (in the repository root), enforced: imports point down only, and actors (mocks, reference-impl) are
 * never imported by suites — they talk over HTTP, and bin/ is where they meet. A prose-only rule erodes.
 */
const ROOT = join(__dirname, '..');
const MAY_IMPORT: Record<string, string[]> = {
  lib: [],
  specs: ['lib'],
  runtime: ['specs', 'lib'],
  mocks: ['runtime', 'specs', 'lib'],
  suites: ['runtime', 'specs', 'lib'],
  reports: ['runtime', 'specs', 'lib'],
  'reference-impl': ['runtime', 'specs', 'lib'],
};

interface Edge {
  file: string;
  target: string;
  typeOnly: boolean;
}

function importsOf(file: string): Edge[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const edges: Edge[] = [];
  // `import … from '…'`, `import '…'` (side effects only), `export … from '…'` and `require('…')`.
  const re = /(import\s+(type\s+)?(?:[^'";]*?from\s+)?|export\s+[^'";]*?from\s+|require\()\s*'(\.{1,2}\/[^']+)'/g;
  for (const m of text.matchAll(re)) {
    const target = relative(ROOT, resolve(ROOT, dirname(file), m[3]))
      .split(sep)
      .join('/');
    edges.push({ file, target, typeOnly: !!m[2] });
  }
  return edges;
}

/** ARCHITECTURE.md's layer table as `folder → may import`, read from its `| \`x/\` | … | \`a/\`, \`b/\` |` rows. */
function documentedLayers(): Record<string, string[]> {
  const text = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  const section = text.slice(text.indexOf('## Layers'), text.indexOf('## The runtime'));
  const out: Record<string, string[]> = {};
  for (const m of section.matchAll(/^\| `([a-z-]+)\/` \|[^|]*\| ([^|]*) \|$/gm)) {
    out[m[1]] = m[2].includes('nothing') ? [] : [...m[2].matchAll(/`([a-z-]+)\/`/g)].map((x) => x[1]);
  }
  return out;
}

describe('architecture: who may import whom', () => {
  it('ARCHITECTURE.md states the same layer table as this test enforces', () => {
    const { bin, ...layers } = documentedLayers();
    expect(bin).toBeDefined();
    expect(layers).toEqual(MAY_IMPORT);
  });

  for (const [layer, allowed] of Object.entries(MAY_IMPORT)) {
    it(`${layer}/ imports only ${allowed.length ? allowed.map((a) => `${a}/`).join(', ') : 'itself'}`, () => {
      const files = walkFiles(ROOT, join(ROOT, layer), (f) => f.endsWith('.ts'));
      const bad = files
        .flatMap(importsOf)
        .filter((e) => {
          const top = e.target.split('/')[0];
          return !(top === layer || allowed.includes(top));
        })
        .map((e) => `${e.file} → ${e.target}${e.typeOnly ? ' (type)' : ''}`);
      expect(bad).toEqual([]);
    });
  }

  // One role per folder: a mock or a suite is one role, and talks to another only over HTTP.
  for (const layer of ['mocks', 'suites']) {
    it(`${layer}/<role> never imports another role of ${layer}/`, () => {
      const files = walkFiles(ROOT, join(ROOT, layer), (f) => f.endsWith('.ts'));
      const roleOf = (path: string) => path.split('/').slice(0, 2).join('/');
      // The runner every suite shares, the registry of suites, and the Sonata payloads every Sonata suite sends.
      const shared = new Set([`${layer}/registry.ts`, `${layer}/harness`, `${layer}/sonata`]);
      const bad = files
        .flatMap(importsOf)
        .filter(
          (e) =>
            e.target.startsWith(`${layer}/`) &&
            roleOf(e.target) !== roleOf(e.file) &&
            !shared.has(roleOf(e.target)) &&
            !shared.has(roleOf(e.file)),
        )
        .map((e) => `${e.file} → ${e.target}`);
      expect(bad).toEqual([]);
    });
  }

  it('the check sees imports at all (a broken pattern would pass everything)', () => {
    expect(importsOf('bin/commands/embedded-targets.ts').map((e) => e.target)).toEqual(
      expect.arrayContaining(['suites/harness/suite', 'suites/sonata-seller/index', 'mocks/sonata-seller/index']),
    );
  });
});
