import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import YAML from 'yaml';

/** Every file below `dir`, as paths relative to `root` with forward slashes (stable across platforms). */
export function walkFiles(root: string, dir: string, accept: (rel: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        const rel = relative(root, full).split(sep).join('/');
        if (accept(rel)) out.push(rel);
      }
    }
  };
  visit(dir);
  return out.sort();
}

const cache = new Map<string, unknown>();

/**
 * Parses a YAML file once per process. Callers get the shared tree and must not mutate it: the contract engine
 * deep-copies before patching, so a patch never leaks into another reader.
 */
export function readYaml(absPath: string): unknown {
  let doc = cache.get(absPath);
  if (doc === undefined) {
    // uniqueItems: TRUE appears 67 times in the product schemas; YAML 1.2 core reads it as a boolean, as intended.
    doc = YAML.parse(readFileSync(absPath, 'utf8'), { merge: false, uniqueKeys: false });
    cache.set(absPath, doc);
  }
  return doc;
}
