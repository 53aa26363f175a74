import { VirtualClock } from '../../lib/clock';
import type { Store } from '../state/store/store';

const CLOCK_KEY = 'clock';

/** Virtual time resumes where a stored actor left it, running on while it was down. */
export function startClock(store: Store, opts: { clockRate?: number; clockStart?: string | number }): VirtualClock {
  const rate = opts.clockRate ?? 1;
  const saved = store.getValue<{ virtual: number; real: number }>(CLOCK_KEY);
  const start =
    opts.clockStart !== undefined
      ? typeof opts.clockStart === 'number'
        ? opts.clockStart
        : Date.parse(opts.clockStart)
      : saved
        ? saved.virtual + (Date.now() - saved.real) * rate
        : undefined;
  const clock = new VirtualClock({ start: Number.isNaN(start) ? undefined : start, rate });
  clock.onChange(() => saveClock(store, clock));
  saveClock(store, clock);
  return clock;
}

export function saveClock(store: Store, clock: VirtualClock): void {
  store.setValue(CLOCK_KEY, { virtual: clock.now(), real: Date.now() });
}
