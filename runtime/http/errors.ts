import { LsoError } from '../../lib/errors';

/** A bounded wait ran out: the notification or response never came. Scenarios turn it into an `error` verdict. */
export class WaitTimeoutError extends LsoError {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super('wait-timeout', `no ${what} within ${timeoutMs} ms`);
  }
}

/** A wait or step was cancelled because its scenario ended (time limit, --bail, shutdown). */
export class CancelledError extends LsoError {
  constructor(reason: string) {
    super('cancelled', reason);
  }
}
