import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SDK_NAMES, type SdkName } from '../sdk/locate';
import { readYaml, walkFiles } from '../sdk/files';

/** The folders holding the product and service schemas that `@type` URNs name. */
const SCHEMA_DIRS = ['productSchema', 'serviceSchema'];

export interface UrnEntry {
  urn: string;
  file: string;
  sdk: SdkName;
}

/**
 * `$id` URN → schema file, per SDK. The same URN appears in several SDKs (Sonata and Cantata share the
 * `cantata-sonata:*` files byte for byte; Legato and Interlude share the PM ones), so lookups prefer the SDK of the
 * API being validated.
 */
export class UrnIndex {
  private readonly byUrn = new Map<string, UrnEntry[]>();
  /** Every schema file, with or without a root `$id`: all must be registered for relative `$ref`s to resolve. */
  readonly files: Array<{ file: string; sdk: SdkName }> = [];

  constructor(sdkDir: string, sdks: readonly SdkName[] = SDK_NAMES) {
    for (const sdk of sdks) {
      for (const dir of SCHEMA_DIRS) {
        const abs = join(sdkDir, sdk, dir);
        if (!existsSync(abs)) continue;
        for (const rel of walkFiles(sdkDir, abs, (r) => /\.ya?ml$/.test(r))) {
          this.files.push({ file: rel, sdk });
          const doc = readYaml(join(sdkDir, rel)) as Record<string, unknown> | null;
          const urn = doc && typeof doc.$id === 'string' ? doc.$id : undefined;
          if (!urn) continue;
          const list = this.byUrn.get(urn) ?? [];
          list.push({ urn, file: rel, sdk });
          this.byUrn.set(urn, list);
        }
      }
    }
  }

  urns(): string[] {
    return [...this.byUrn.keys()].sort();
  }

  resolve(urn: string, preferSdk?: string): UrnEntry | undefined {
    const list = this.byUrn.get(urn);
    if (!list) return undefined;
    return list.find((e) => e.sdk === preferSdk) ?? list[0];
  }

  /** The known URNs closest to an unknown one, for an error message that helps. */
  nearest(urn: string, n = 3): string[] {
    return this.urns()
      .map((u) => ({ u, d: distance(urn, u) }))
      .sort((a, b) => a.d - b.d || a.u.localeCompare(b.u))
      .slice(0, n)
      .map((x) => x.u);
  }
}

/** Levenshtein distance; URNs are short, so the quadratic table is fine. */
export function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
