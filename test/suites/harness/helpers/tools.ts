import { execFileSync } from 'node:child_process';

/**
 * Whether an external program the test needs (curl, chromium) is installed. On CI (CI=true) a missing one fails the
 * test instead of skipping it, so a CI image without it cannot pass silently.
 */
export function findTool(candidates: readonly string[]): string | undefined {
  for (const c of candidates) {
    try {
      execFileSync('sh', ['-c', `command -v ${c}`], { stdio: 'pipe' });
      return c;
    } catch {
      // not on PATH; try the next name
    }
  }
  if (process.env.CI === 'true')
    throw new Error(
      `${candidates.join(' or ')} is required on CI but is not installed (apt-get install -y ${candidates[0]})`,
    );
  return undefined;
}
