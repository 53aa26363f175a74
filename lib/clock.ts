/**
 * Time, injected. Everything that stamps a date or waits for one reads a `Clock`, so a test or a scenario can run a
 * fulfilment that takes days of virtual time in milliseconds, and a mock can be told what time it is.
 */
export interface Clock {
  /** Milliseconds since the epoch, in the clock's own time. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function isoAt(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}

export interface VirtualClockOptions {
  /** Virtual time at creation; default: the real time. */
  start?: number;
  /**
   * Virtual milliseconds per real millisecond. 1 follows the wall clock (plus whatever was advanced); 0 freezes time
   * so that only `advance` moves it, which is what deterministic tests want.
   */
  rate?: number;
  /** The real clock it follows (tests replace it). */
  real?: () => number;
}

type Listener = (now: number) => void;

/**
 * A clock that runs at a chosen rate and can be moved forward on demand. Moving it notifies listeners, so a
 * scheduler can run what fell due at once rather than wait for a real timer.
 */
export class VirtualClock implements Clock {
  private readonly real: () => number;
  private base: number;
  private realBase: number;
  private rateValue: number;
  private readonly listeners = new Set<Listener>();

  constructor(opts: VirtualClockOptions = {}) {
    this.real = opts.real ?? (() => Date.now());
    this.realBase = this.real();
    this.base = opts.start ?? this.realBase;
    this.rateValue = opts.rate ?? 1;
  }

  now(): number {
    return this.base + (this.real() - this.realBase) * this.rateValue;
  }

  get rate(): number {
    return this.rateValue;
  }

  setRate(rate: number): void {
    if (!(rate >= 0) || !Number.isFinite(rate))
      throw new RangeError(`clock rate must be a finite number ≥ 0, got ${rate}`);
    this.rebase();
    this.rateValue = rate;
    this.emit();
  }

  /** Moves virtual time forward; never backward, so timestamps already handed out stay in order. */
  advance(ms: number): number {
    if (!(ms >= 0) || !Number.isFinite(ms))
      throw new RangeError(`can only advance by a finite number of ms ≥ 0, got ${ms}`);
    this.rebase();
    this.base += ms;
    this.emit();
    return this.base;
  }

  /** Jumps to `t` if it is later than now. */
  setTo(t: number): number {
    const now = this.now();
    return t > now ? this.advance(t - now) : now;
  }

  /** Real milliseconds until virtual time reaches `t` at the current rate (Infinity when time is frozen). */
  realDelayUntil(t: number): number {
    const d = t - this.now();
    if (d <= 0) return 0;
    return this.rateValue === 0 ? Infinity : d / this.rateValue;
  }

  onChange(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private rebase(): void {
    this.base = this.now();
    this.realBase = this.real();
  }

  private emit(): void {
    const now = this.now();
    for (const l of [...this.listeners]) l(now);
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses a duration a person types: `1500` (ms), `90s`, `2h`, `3d`, `1d12h`, or ISO 8601 `P3DT4H`, `PT30M`.
 * Returns milliseconds, or undefined when the text is not a duration.
 */
export function parseDuration(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : undefined;
  const s = input.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const iso =
    /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(
      s,
    );
  if (iso && s.length > 1 && !/T$/i.test(s)) {
    const [, w, d, h, m, sec] = iso.map((x) => (x === undefined ? 0 : Number(x)));
    return w * UNITS.w + d * UNITS.d + h * UNITS.h + m * UNITS.m + sec * UNITS.s;
  }
  const parts = [...s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== s.replace(/\s+/g, '')) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0);
}
