import { LsoError, UsageError } from '../../lib/errors';

/**
 * A target profile that cannot be used. The message is the one line the CLI prints: `file:line key: problem`, so an
 * editor can jump to it. Exit 2, like every usage error.
 */
export class ProfileError extends UsageError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly key: string,
    readonly problem: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''} ${key ? `${key}: ` : ''}${problem}`);
  }
}

/** Thrown by `ctx.abort()`: the scenario cannot go on (a previous step gave nothing to work with). */
export class ScenarioAbort extends LsoError {
  constructor(reason: string) {
    super('scenario-abort', reason);
  }
}

/** Thrown by `ctx.requireCapability()`: the target does not claim an optional capability, so the rest is `skip`. */
export class CapabilityNotClaimed extends LsoError {
  constructor(readonly capability: string) {
    super('capability-not-claimed', `the target profile does not claim the '${capability}' capability`);
  }
}
