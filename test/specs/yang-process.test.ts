import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../lib/errors';
import { SDK_NAMES } from '../../specs/sdk/locate';
import { nrpR2Modules, YangValidator, yanglintPath } from '../../specs/yang';
import { CREATE, goodCreate } from './yang-corpus';

/* The long-lived yanglint child: a crash is survived, a hang times out, and queued requests keep their own verdicts. */

const bad = () => {
  const b = goodCreate();
  (b.input['end-point'] as unknown[]).pop();
  return b;
};

describe('YANG validator: the yanglint child', () => {
  it('restarts after the child is killed, and the next request still gets a verdict', async () => {
    const v = await YangValidator.start();
    try {
      const pid = v.pid!;
      process.kill(pid, 'SIGKILL');
      expect(await v.validateRpc(CREATE, goodCreate())).toEqual({ valid: true, violations: [] });
      expect(v.pid).not.toBe(pid);
      expect(v.restarts).toBe(1);
    } finally {
      await v.close();
    }
  });

  it('a request the child does not answer in time fails, and the next one goes to a new child', async () => {
    const v = await YangValidator.start({ timeoutMs: 300 });
    try {
      const pid = v.pid!;
      process.kill(pid, 'SIGSTOP');
      await expect(v.validateRpc(CREATE, goodCreate())).rejects.toThrow(/no verdict within 300 ms/);
      expect((await v.validateRpc(CREATE, bad())).valid).toBe(false);
      expect(v.pid).not.toBe(pid);
    } finally {
      await v.close();
    }
  });

  it('many requests queued at once each get their own verdict', async () => {
    const v = await YangValidator.start();
    try {
      const verdicts = await Promise.all(
        Array.from({ length: 40 }, (_, i) => v.validateRpc(CREATE, i % 3 === 0 ? bad() : goodCreate())),
      );
      expect(verdicts.map((r) => r.valid)).toEqual(Array.from({ length: 40 }, (_, i) => i % 3 !== 0));
      expect(
        verdicts.filter((r) => !r.valid).every((r) => r.violations[0].message === 'Too few "end-point" instances'),
      ).toBe(true);
    } finally {
      await v.close();
    }
  });

  it('refuses requests once closed', async () => {
    const v = await YangValidator.start();
    await v.close();
    await expect(v.validateRpc(CREATE, goodCreate())).rejects.toThrow(/closed/);
  });
});

describe('YANG validator: what it needs', () => {
  it('a missing yanglint is a UsageError whose one line says how to install it', () => {
    expect(() => yanglintPath({ PATH: '' })).toThrow(UsageError);
    expect(() => yanglintPath({ PATH: '' })).toThrow(/^yanglint is not installed .*apt-get install libyang2-tools/);
  });

  it('an SDK without the NRP R2 modules is a UsageError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lso-sdk-'));
    try {
      for (const sdk of SDK_NAMES) mkdirSync(join(dir, sdk));
      expect(() => nrpR2Modules({ sdk: dir })).toThrow(UsageError);
      expect(() => nrpR2Modules({ sdk: dir })).toThrow(/lacks the Presto NRP R2 YANG modules/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
