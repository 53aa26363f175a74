/**
 * The errors a mock handler can raise, typed once. The HTTP edge (pipeline.ts) maps each to its MEF `Error` body
 * (MEF 123 §7.1.1): an object for 400/401/403/404/409/500/501, an array of `Error422` with `propertyPath` for 422.
 * Handlers never build error bodies themselves.
 */
export type Error400Code = 'missingQueryParameter' | 'missingQueryValue' | 'invalidQuery' | 'invalidBody';
export type Error401Code = 'missingCredentials' | 'invalidCredentials';
export type Error403Code = 'accessDenied' | 'forbiddenRequester' | 'tooManyUsers';
export type Error422Code =
  | 'missingProperty'
  | 'invalidValue'
  | 'invalidFormat'
  | 'referenceNotFound'
  | 'unexpectedProperty'
  | 'tooManyRecords'
  | 'otherIssue';

export interface Problem422 {
  code: Error422Code;
  reason: string;
  /** JSON Pointer (RFC 6901) into the request body. */
  propertyPath?: string;
  message?: string;
}

export abstract class MockHttpError extends Error {
  abstract readonly status: number;
  abstract body(): unknown;
}

abstract class CodedError<C extends string> extends MockHttpError {
  constructor(
    readonly code: C,
    readonly reason: string,
    readonly detail?: string,
  ) {
    super(`${code}: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = new.target.name;
  }

  body(): unknown {
    return { code: this.code, reason: truncate(this.reason), ...(this.detail ? { message: this.detail } : {}) };
  }
}

export class BadRequest extends CodedError<Error400Code> {
  readonly status = 400;
}
export class Unauthorized extends CodedError<Error401Code> {
  readonly status = 401;
}
export class Forbidden extends CodedError<Error403Code> {
  readonly status = 403;
}
export class NotFound extends CodedError<'notFound'> {
  readonly status = 404;
  constructor(reason: string, detail?: string) {
    super('notFound', reason, detail);
  }
}
/** Only PATCH operations declare 409 (MEF 123 §7.1.1). */
export class Conflict extends CodedError<'conflict'> {
  readonly status = 409;
  constructor(reason: string, detail?: string) {
    super('conflict', reason, detail);
  }
}
export class Internal extends CodedError<'internalError'> {
  readonly status = 500;
  constructor(reason: string, detail?: string) {
    super('internalError', reason, detail);
  }
}
/** A request the operation's contract has no room for (body over the size limit); not a MEF status, so no MEF code. */
export class PayloadTooLarge extends CodedError<'invalidBody'> {
  readonly status = 413;
  constructor(reason: string) {
    super('invalidBody', reason);
  }
}

/** A failure someone asked for (control API faults, `X-LSO-Fault`): any status, with the MEF `internalError` body. */
export class InjectedFault extends MockHttpError {
  constructor(readonly status: number) {
    super(`injected fault ${status}`);
    this.name = 'InjectedFault';
  }

  body(): unknown {
    return { code: 'internalError', reason: 'injected fault', message: 'this failure was asked for through the control API or the X-LSO-Fault header' };
  }
}

export class Unprocessable extends MockHttpError {
  readonly status = 422;
  constructor(readonly problems: Problem422[]) {
    super(problems.map((p) => `${p.code}${p.propertyPath !== undefined ? ` at ${p.propertyPath || '/'}` : ''}: ${p.reason}`).join('; '));
    this.name = 'Unprocessable';
  }

  static one(code: Error422Code, propertyPath: string | undefined, reason: string): Unprocessable {
    return new Unprocessable([{ code, propertyPath, reason }]);
  }

  body(): unknown {
    return this.problems.map((p) => ({
      code: p.code,
      reason: truncate(p.reason),
      ...(p.message ? { message: p.message } : {}),
      ...(p.propertyPath !== undefined ? { propertyPath: p.propertyPath } : {}),
    }));
  }
}

/** `Error.reason` is `maxLength: 255`; the full text goes in `message`. */
function truncate(s: string): string {
  return s.length <= 255 ? s : `${s.slice(0, 254)}…`;
}
