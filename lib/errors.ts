/**
 * Typed errors shared by every layer. Each carries a stable `code`; the CLI maps them to exit codes in one place
 * (bin/exit-codes.ts) and the HTTP edges map them to MEF error bodies. Messages are one readable line.
 */
export class LsoError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The user asked for something that cannot be done as asked: bad flag, unknown id, unreadable input. Exit 2. */
export class UsageError extends LsoError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** No MEF SDK folder could be found, or the one given is not an SDK. Exit 2. */
export class SdkNotFoundError extends LsoError {
  constructor(message: string) {
    super('sdk-not-found', message);
  }
}

/** The harness itself failed (a bug or an environment problem), as opposed to the target misbehaving. Exit 3. */
export class HarnessError extends LsoError {
  constructor(message: string) {
    super('harness', message);
  }
}
