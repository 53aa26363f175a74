import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateSdk } from '../../specs/sdk/locate';
import { parseSources } from '../../specs/sdk/lock';
import { readSdkInfo } from '../../specs/sdk/info';

describe('the SDK a run is checked against, as reports state it', () => {
  const sdkDir = locateSdk().dir;

  test("the located SDK's SOURCES gives each SDK's repository and commit, and the release whose lock pins them", () => {
    const info = readSdkInfo(sdkDir);
    expect(info.sources).toEqual(parseSources(readFileSync(join(sdkDir, 'SOURCES'), 'utf8')));
    expect(info.release).toBe('grace');
  });

  test('commits no release pins give no release name; an SDK folder without SOURCES gives nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lso-sdkinfo-'));
    try {
      expect(readSdkInfo(dir)).toEqual({ release: null, sources: null });
      const other = readFileSync(join(sdkDir, 'SOURCES'), 'utf8').replace(/[0-9a-f]{40}/, '0'.repeat(40));
      writeFileSync(join(dir, 'SOURCES'), other);
      expect(readSdkInfo(dir).release).toBeNull();
      expect(Object.keys(readSdkInfo(dir).sources!)).toHaveLength(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
