import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SDK_NAMES, type SdkName } from '../sdk/locate';
import { readYaml, walkFiles } from '../sdk/files';
import { nearest } from '../../lib/suggest';

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
    return nearest(urn, this.urns(), n);
  }
}
