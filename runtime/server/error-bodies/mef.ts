import type { OperationEntry } from '../../../specs';
import { BadRequest, type HttpError } from '../errors';
import type { Reply } from '../types';
import type { ErrorBodies } from './error-bodies';

/** `Error.reason` is `maxLength: 255`; the full text goes in `message`. */
function truncate(s: string): string {
  return s.length <= 255 ? s : `${s.slice(0, 254)}…`;
}

function problemsBody(err: HttpError): unknown {
  return err.problems.map((p) => ({
    code: p.code,
    reason: truncate(p.reason),
    ...(p.message ? { message: p.message } : {}),
    ...(p.propertyPath !== undefined ? { propertyPath: p.propertyPath } : {}),
  }));
}

function objectBody(err: HttpError): unknown {
  return { code: err.code, reason: truncate(err.reason), ...(err.detail ? { message: err.detail } : {}) };
}

/**
 * The MEF `Error` shapes (MEF 123 §7.1.1): an object for 400/401/403/404/409/500/501, an array of `Error422` with
 * `propertyPath` for 422. Some operations declare no 422 (PATCH /charge, POST /hub): what would be a 422 there is
 * the 400 `invalidBody` the operation does declare, with every problem kept in the message.
 */
export const mefErrors: ErrorBodies = {
  protocol: 'mef',
  render(err: HttpError, op?: OperationEntry): Reply {
    if (err.status !== 422) return { status: err.status, body: objectBody(err) };
    if (!op || op.responses.some((r) => r.status === '422')) return { status: 422, body: problemsBody(err) };
    const detail = err.problems.map((p) => `${p.propertyPath ?? ''} ${p.reason}`.trim()).join('; ');
    return {
      status: 400,
      body: objectBody(
        new BadRequest('invalidBody', err.problems[0]?.reason ?? 'the request body is not acceptable', detail),
      ),
    };
  },
};
