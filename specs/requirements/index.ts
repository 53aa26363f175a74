import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SdkNotFoundError } from '../../lib/errors';
import { GUIDES, guideByKey } from './guides';
import { parseGuide, type Requirement } from './parse';

export { GUIDES, guideByKey } from './guides';
export type { Guide, GuideKey, ReferencePoint } from './guides';
export { parseGuide } from './parse';
export type { Requirement, RequirementLevel } from './parse';

export interface RequirementIndex {
  /** Every requirement of the 15 guides, in guide-table order, then document order. */
  readonly all: readonly Requirement[];
  /** `byKey('MEF123 R45')`; undefined for an id no guide defines. */
  byKey(key: string): Requirement | undefined;
  /** Undefined for an unknown guide key, so a typo is not mistaken for a guide without requirements. */
  forGuide(guideKey: string): readonly Requirement[] | undefined;
  /** Requirements of the guides governing a catalogue API id (`sonata.productOrder`); undefined if no guide does. */
  forApi(apiId: string): readonly Requirement[] | undefined;
}

// Parsing ~2 MB of Markdown is cheap but not free, and every suite asks for the same SDK.
const cache = new Map<string, RequirementIndex>();

function readGuide(sdkDir: string, file: string): string {
  const path = join(sdkDir, file);
  if (!existsSync(path)) {
    throw new SdkNotFoundError(`MEF SDK at ${sdkDir} has no Developer Guide ${file}`);
  }
  return readFileSync(path, 'utf8');
}

function build(sdkDir: string): RequirementIndex {
  const perGuide = new Map<string, readonly Requirement[]>(
    GUIDES.map((g) => [g.key, parseGuide(readGuide(sdkDir, g.file), g.key)]),
  );
  const all = [...perGuide.values()].flat();
  const keyed = new Map(all.map((r) => [r.key, r]));
  const perApi = new Map<string, Requirement[]>();
  for (const g of GUIDES) {
    for (const api of g.apis) {
      perApi.set(api, [...(perApi.get(api) ?? []), ...perGuide.get(g.key)!]);
    }
  }
  return {
    all,
    byKey: (key) => keyed.get(key),
    forGuide: (guideKey) => (guideByKey(guideKey) ? perGuide.get(guideKey) : undefined),
    forApi: (apiId) => perApi.get(apiId),
  };
}

/** The requirement index of the SDK at `sdkDir` (see `locateSdk`), built once per folder. */
export function loadRequirements(sdkDir: string): RequirementIndex {
  const dir = resolve(sdkDir);
  let index = cache.get(dir);
  if (!index) {
    index = build(dir);
    cache.set(dir, index);
  }
  return index;
}
