import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'dist', 'bin', 'lso.js');
const built = existsSync(BIN);
// `npm ci` builds dist/ (the `prepare` script); in CI it must be there, elsewhere run `npm run build` first.
const maybe = built || process.env.CI === 'true' ? it : it.skip;

describe('the built CLI as `npx lso` runs it', () => {
  maybe('is an executable with a node shebang that answers --help', () => {
    expect(built).toBe(true);
    const r = spawnSync(BIN, ['--help'], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/lso test \[suite\]/);
  });
});
