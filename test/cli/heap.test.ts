/**
 * `lso mock` bounds V8's heap growth for its own process (lib/heap.ts) unless the user sized the heap; bench/mock
 * measures what that buys. Here: the decision, and that V8 knows the flag (it names unknown ones on stderr and goes on).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MOCK_HEAP_GROWING_PERCENT, userSizedHeap } from '../../lib/heap';

describe('heap growth of a mock process', () => {
  it.each([
    [[], undefined, false],
    [[], '', false],
    [[], '--enable-source-maps', false],
    [['--heap-growing-percent=0'], undefined, true],
    [['--max-old-space-size=128'], undefined, true],
    [[], '--max-old-space-size=512 --enable-source-maps', true],
    [[], '--max-semi-space-size=8', false],
    [['--max-heap-size', '300'], undefined, true],
    [['--heapsnapshot-signal=SIGUSR2'], undefined, false],
  ])('execArgv %j, NODE_OPTIONS %j: the user sized the heap: %s', (execArgv, nodeOptions, sized) => {
    expect(userSizedHeap(execArgv, nodeOptions)).toBe(sized);
  });

  function inChild(nodeArgs: string[]) {
    const code = `const { boundHeapGrowth } = require('./lib/heap'); process.stdout.write(String(boundHeapGrowth()));`;
    return spawnSync(process.execPath, [...nodeArgs, '--import', 'tsx', '-e', code], {
      cwd: join(__dirname, '..', '..'),
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
  }

  it('sets a flag V8 accepts', () => {
    const r = inChild([]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(String(MOCK_HEAP_GROWING_PERCENT));
  });

  it('leaves a heap the user sized alone', () => {
    const r = inChild(['--max-old-space-size=256']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('undefined');
  });
});
