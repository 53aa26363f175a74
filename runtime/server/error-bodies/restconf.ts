import { InjectedFault, type HttpError } from '../errors';
import type { Reply } from '../types';
import type { ErrorBodies } from './error-bodies';

/** RFC 8040 §7: the status each `error-tag` is sent with (the first, where the RFC allows several). */
export const RESTCONF_TAG_STATUS: Readonly<Record<string, number>> = {
  'in-use': 409,
  'invalid-value': 400,
  'too-big': 413,
  'missing-attribute': 400,
  'bad-attribute': 400,
  'unknown-attribute': 400,
  'bad-element': 400,
  'unknown-element': 400,
  'unknown-namespace': 400,
  'access-denied': 403,
  'lock-denied': 409,
  'resource-denied': 409,
  'rollback-failed': 500,
  'data-exists': 409,
  'data-missing': 409,
  'operation-not-supported': 501,
  'operation-failed': 500,
  'partial-operation': 500,
  'malformed-message': 400,
};

/** The tag a typed error becomes when it names none itself: by its code first, then by its status. */
function tagOf(err: HttpError): string {
  if (err.tag) return err.tag;
  switch (err.code) {
    case 'invalidBody':
      return err.status === 413 ? 'too-big' : 'malformed-message';
    case 'missingQueryParameter':
      return 'missing-attribute';
    case 'unexpectedProperty':
      return 'unknown-element';
  }
  switch (err.status) {
    case 401:
    case 403:
      return 'access-denied';
    case 404:
    case 422:
      return 'invalid-value';
    case 405:
    case 501:
      return 'operation-not-supported';
    case 409:
      return 'in-use';
    case 413:
      return 'too-big';
    default:
      return err.status >= 500 ? 'operation-failed' : 'invalid-value';
  }
}

/** An RFC 6901 pointer into the body, written as the data path RFC 8040 §7.1 `error-path` names. */
function errorPath(pointer: string | undefined): string | undefined {
  return pointer === undefined || pointer === '' ? undefined : pointer.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * RFC 8040 §7.1 `ietf-restconf:errors` in RFC 7951 JSON: one `error` entry per problem, `error-type` `protocol` for
 * what the transport layer refused and `application` for what the data broke. 401 keeps its status: RFC 8040 sends
 * `access-denied` as 401 or 403 by whether the client authenticated; 415 (a media type the server cannot read) too.
 * An error that names its `errorType` or `appTag` gets them (`error-app-tag` only then). An injected fault keeps the
 * status it was asked with (a 503 tests a client's retries whatever tag it carries).
 */
export const restconfErrors: ErrorBodies = {
  protocol: 'restconf',
  render(err: HttpError): Reply {
    const tag = tagOf(err);
    const status =
      err.status === 401 || err.status === 405 || err.status === 415 || err instanceof InjectedFault
        ? err.status
        : err.status === 404 && tag === 'invalid-value'
          ? 404
          : (RESTCONF_TAG_STATUS[tag] ?? err.status);
    const type =
      err.errorType ??
      (err.status === 422 || tag === 'in-use' || tag === 'data-exists' || tag === 'data-missing'
        ? 'application'
        : 'protocol');
    const error = err.problems.map((p) => ({
      'error-type': type,
      'error-tag': tag,
      ...(err.appTag ? { 'error-app-tag': err.appTag } : {}),
      ...(errorPath(p.propertyPath) ? { 'error-path': errorPath(p.propertyPath) } : {}),
      'error-message': p.message && p.message !== p.reason ? `${p.reason}: ${p.message}` : p.reason,
    }));
    return {
      status,
      headers: { 'content-type': 'application/yang-data+json' },
      body: { 'ietf-restconf:errors': { error } },
    };
  },
};
