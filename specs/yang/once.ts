import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYanglintErrors, type YangVerdict } from './violations';

export type YangDataKind = 'rpc' | 'reply' | 'data' | 'config';

export interface OnceOptions {
  yanglint: string;
  /** Module files, dependencies first. */
  modules: readonly string[];
  kind: YangDataKind;
  /** The tree to check, in yanglint's shape (see operations.ts). */
  tree: unknown;
  /** An operational datastore (`-O`) for the leafrefs of an RPC or reply, e.g. `{"tapi-common:context": {…}}`. */
  operational?: unknown;
}

/**
 * One yanglint process for one tree: the authority the long-lived validator is held equal to in the tests, and
 * the baseline of `bench/yang.ts`. About 50 ms a call, most of it compiling the modules.
 */
export function yanglintOnce(opts: OnceOptions): YangVerdict {
  const dir = mkdtempSync(join(tmpdir(), 'lso-yang-'));
  try {
    const body = join(dir, 'body.json');
    writeFileSync(body, JSON.stringify(opts.tree));
    const args = ['-D', '-D', ...opts.modules, '-t', opts.kind];
    if (opts.operational !== undefined) {
      writeFileSync(join(dir, 'operational.json'), JSON.stringify(opts.operational));
      args.push('-O', join(dir, 'operational.json'));
    }
    const r = spawnSync(opts.yanglint, [...args, body], { encoding: 'utf8', cwd: dir });
    if (r.error) throw r.error;
    const violations = r.status === 0 ? [] : parseYanglintErrors(r.stderr);
    if (r.status !== 0 && !violations.length) violations.push({ path: '', message: `yanglint exited ${r.status}` });
    return { valid: r.status === 0, violations };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
