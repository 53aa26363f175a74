import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UsageError } from '../../lib/errors';
import { locateSdk, type LocateOptions } from '../sdk/locate';

/**
 * The Presto NRP R2 module set (presto-adagio.md §1.1), in dependency order. The SDK's `api/yang/` folder also holds
 * a partial R3 set (`tapi-*@2018-10-16`, `mef-common@2018-09-26`, …) whose revisions libyang would pick for an
 * import without a revision date, so the set is loaded file by file with the search path off (`-D -D`): only these
 * eight files, and imports resolve to the modules already loaded. They compile together with yanglint 2.1.30.
 */
export const NRP_R2_FILES = [
  'mef-common-types.yang',
  'mef-common.yang',
  'tapi-common@2018-03-07.yang',
  'tapi-topology@2018-03-07.yang',
  'tapi-path-computation@2018-03-07.yang',
  'tapi-connectivity@2018-03-07.yang',
  'nrm-connectivity.yang',
  'nrp-interface.yang',
] as const;

/** The NRP R2 module set, located in an SDK. */
export interface ModuleSet {
  /** `<sdk>/presto/api/yang` */
  dir: string;
  /** Absolute paths of the module files, dependencies first. */
  files: string[];
}

export const YANGLINT_INSTALL_HINT = 'install it with `apt-get install libyang2-tools` (Debian/Ubuntu)';

/** Finds the NRP R2 modules in the MEF SDK (located as `locateSdk` does); a missing file is a UsageError. */
export function nrpR2Modules(opts: LocateOptions = {}): ModuleSet {
  const dir = join(locateSdk(opts).dir, 'presto', 'api', 'yang');
  const files = NRP_R2_FILES.map((f) => join(dir, f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) {
    throw new UsageError(`the MEF SDK at ${dir} lacks the Presto NRP R2 YANG modules ${missing.join(', ')}`);
  }
  return { dir, files };
}

/**
 * The yanglint executable: `LSO_YANGLINT` if set, else the first `yanglint` on PATH. Missing, it is a UsageError
 * whose one line says how to install it.
 */
export function yanglintPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LSO_YANGLINT) {
    if (!existsSync(env.LSO_YANGLINT)) throw new UsageError(`LSO_YANGLINT=${env.LSO_YANGLINT} does not exist`);
    return env.LSO_YANGLINT;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'yanglint'))) return join(dir, 'yanglint');
  }
  throw new UsageError(`yanglint is not installed (the YANG checks of Presto need it): ${YANGLINT_INSTALL_HINT}`);
}

/** `yanglint --version`, e.g. `2.1.30`. */
export function yanglintVersion(bin = yanglintPath()): string {
  return execFileSync(bin, ['--version'], { encoding: 'utf8' })
    .trim()
    .replace(/^yanglint\s+/, '');
}
