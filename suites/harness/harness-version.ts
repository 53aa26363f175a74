import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../specs/sdk/locate';

/** lso-harness's own name and version, from its package.json, for every report header. */
export function harnessIdentity(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { name?: string; version?: string };
  return { name: pkg.name ?? 'lso-harness', version: pkg.version ?? '0.0.0' };
}

export function repoVersion(): string {
  return harnessIdentity().version;
}
