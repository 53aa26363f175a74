/**
 * The errors a server handler can raise, typed once: a status, a code, a reason and, for 422, the problems with their
 * pointers. Handlers never build error bodies: the pipeline renders each error in the body shape of the actor's
 * protocol (error-bodies/: the MEF `Error` of MEF 123 §7.1.1, or RFC 8040 `ietf-restconf:errors`). The codes are the
 * MEF ones, the vocabulary the first actors speak; a renderer for another protocol maps them to its own.
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

export abstract class HttpError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly reason: string;
  readonly detail?: string;
  /** The RFC 8040 `error-tag`, where the handler knows it better than its status says (`in-use`, `lock-denied`). */
  tag?: string;
  /** The RFC 8040 `error-app-tag` (`vlan-in-use`), when the handler has one. */
  appTag?: string;
  /** The RFC 8040 `error-type`, when the handler knows it (a rule of the data, not the transport: `application`). */
  errorType?: 'transport' | 'rpc' | 'protocol' | 'application';
  /** A 422's problems, each at its pointer; one problem (the reason) for every other error. */
  get problems(): Problem422[] {
    return [{ code: 'otherIssue', reason: this.reason, ...(this.detail ? { message: this.detail } : {}) }];
  }
}

abstract class CodedError<C extends string> extends HttpError {
  constructor(
    readonly code: C,
    readonly reason: string,
    readonly detail?: string,
  ) {
    super(`${code}: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = new.target.name;
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
export class InjectedFault extends CodedError<'internalError'> {
  constructor(readonly status: number) {
    super(
      'internalError',
      'injected fault',
      'this failure was asked for through the control API or the X-LSO-Fault header',
    );
  }
}

export class Unprocessable extends HttpError {
  readonly status = 422;
  readonly code = 'unprocessable';
  readonly reason: string;
  constructor(private readonly list: Problem422[]) {
    super(
      list
        .map((p) => `${p.code}${p.propertyPath !== undefined ? ` at ${p.propertyPath || '/'}` : ''}: ${p.reason}`)
        .join('; '),
    );
    this.name = 'Unprocessable';
    this.reason = list[0]?.reason ?? 'the request is not acceptable';
  }

  override get problems(): Problem422[] {
    return this.list;
  }

  static one(code: Error422Code, propertyPath: string | undefined, reason: string): Unprocessable {
    return new Unprocessable([{ code, propertyPath, reason }]);
  }
}
