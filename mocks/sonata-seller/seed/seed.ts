import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../../lib/errors';
import { readYaml } from '../../../specs/sdk/files';
import { PUBLIC } from '../../../runtime/server/tenancy';
import type { EntityRecord } from '../../../runtime/state/store/store';
import type { Json } from '../../../runtime/server/types';
import type { SellerContext } from '../context';
import { hrefOf, nowIso } from '../../../runtime/actor/lifecycle';
import defaultSeed from './default-seed.json';

/** What the Seller knows before any Buyer calls: one list per entity kind, each entry a MEF resource with its `id`. */
export interface SeedDoc {
  geographicAddress?: Json[];
  geographicSite?: Json[];
  product?: Json[];
  category?: Json[];
  productOffering?: Json[];
  /** Default: one published specification per product schema of the SDK (the schema's URN is its id). */
  productSpecification?: Json[];
}

export const SEED_KINDS = [
  'geographicAddress',
  'geographicSite',
  'product',
  'category',
  'productOffering',
  'productSpecification',
] as const;

/** Imported rather than read, so that a compiled build carries it along. */
export const DEFAULT_SEED: SeedDoc = defaultSeed as SeedDoc;

export function readSeedFile(file: string): SeedDoc {
  if (!existsSync(file)) throw new UsageError(`seed file ${file} does not exist`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SeedDoc;
  } catch (e) {
    throw new UsageError(`seed file ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** The SDK repository and commit a schema file comes from, for a `schemaLocation` a person can open. */
function sourcesOf(sdkDir: string): Map<string, { repo: string; commit: string }> {
  const out = new Map<string, { repo: string; commit: string }>();
  const file = join(sdkDir, 'SOURCES');
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [sdk, repo, commit] = line.trim().split(/\s+/);
    if (sdk && repo && commit) out.set(sdk, { repo, commit });
  }
  return out;
}

/** One published ProductSpecification per Sonata product schema: the catalog is backed by the SDK itself. */
export function specificationsFromSdk(ctx: SellerContext): Json[] {
  const sources = sourcesOf(ctx.contracts.sdkDir);
  const src = sources.get('sonata');
  return ctx.contracts.urnIndex
    .urns()
    .map((urn) => ctx.contracts.urnIndex.resolve(urn, 'sonata'))
    .filter((e): e is NonNullable<typeof e> => !!e && e.sdk === 'sonata')
    .map((e) => {
      const doc = readYaml(join(ctx.contracts.sdkDir, e.file)) as Json;
      const title = String(doc.title ?? e.urn)
        .split('\n')[0]
        .trim();
      const repoPath = e.file.split('/').slice(1).join('/');
      const location = src
        ? `https://github.com/${src.repo}/blob/${src.commit}/${repoPath}`
        : `https://github.com/MEF-GIT/MEF-LSO-Sonata-SDK/blob/main/${repoPath}`;
      return {
        id: e.urn,
        name: title,
        description: String(doc.description ?? title)
          .trim()
          .slice(0, 500),
        lifecycleStatus: 'published',
        lastUpdate: '2024-01-01T00:00:00Z',
        sourceSchema: { schemaLocation: encodeURI(location) },
      };
    });
}

/** Loads a seed into the store; entries keep their ids. `_buyerId`/`_sellerId` place an entry in one partner's partition. */
export function applySeed(
  ctx: SellerContext,
  doc: SeedDoc,
  keyFor: (buyerId?: string, sellerId?: string) => string,
): number {
  let n = 0;
  const lists: Record<string, Json[] | undefined> = {
    ...doc,
    productSpecification: doc.productSpecification ?? specificationsFromSdk(ctx),
  };
  for (const kind of SEED_KINDS) {
    for (const entry of lists[kind] ?? []) {
      if (!entry || typeof entry.id !== 'string')
        throw new UsageError(`seed ${kind} entry without a string id: ${JSON.stringify(entry).slice(0, 120)}`);
      const data: Json = {};
      const meta: Json = {};
      for (const [k, v] of Object.entries(entry)) {
        if (k.startsWith('_')) meta[k.slice(1)] = v;
        else data[k] = v;
      }
      data.href = hrefOf(ctx, kind, entry.id);
      if (kind === 'product') {
        data.startDate ??= nowIso(ctx);
        data.status ??= 'active';
      }
      const owner = meta.buyerId !== undefined ? keyFor(meta.buyerId, meta.sellerId) : PUBLIC;
      const rec: EntityRecord = {
        kind,
        id: entry.id,
        owner,
        data,
        meta: { ...meta, tenant: { key: owner, buyerId: meta.buyerId, sellerId: meta.sellerId }, seeded: true },
      };
      ctx.store.put(rec);
      n++;
    }
  }
  return n;
}
