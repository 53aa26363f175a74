/** One typed error, two protocols: the MEF `Error` shapes and RFC 8040 `ietf-restconf:errors`, each rendered once. */
import { mefErrors } from '../../runtime/server/error-bodies/mef';
import { restconfErrors, RESTCONF_TAG_STATUS } from '../../runtime/server/error-bodies/restconf';
import {
  BadRequest,
  Conflict,
  Forbidden,
  type HttpError,
  Internal,
  NotFound,
  PayloadTooLarge,
  Unauthorized,
  Unprocessable,
} from '../../runtime/server/errors';

const restconf = (e: HttpError) => {
  const r = restconfErrors.render(e);
  return { status: r.status, errors: (r.body as any)['ietf-restconf:errors'].error };
};

describe('RFC 8040 §7 error bodies', () => {
  it.each<[string, HttpError, number, string, string]>([
    [
      'unreadable JSON',
      new BadRequest('invalidBody', 'the request body is not valid JSON'),
      400,
      'malformed-message',
      'protocol',
    ],
    [
      'a missing query parameter',
      new BadRequest('missingQueryParameter', 'x is required'),
      400,
      'missing-attribute',
      'protocol',
    ],
    ['no credentials', new Unauthorized('missingCredentials', 'a token is required'), 401, 'access-denied', 'protocol'],
    ['not allowed', new Forbidden('accessDenied', 'no'), 403, 'access-denied', 'protocol'],
    ['no such resource', new NotFound('no such thing'), 404, 'invalid-value', 'protocol'],
    ['a conflict', new Conflict('taken'), 409, 'in-use', 'application'],
    ['a body over the limit', new PayloadTooLarge('too big'), 413, 'too-big', 'protocol'],
    ['a server failure', new Internal('broke'), 500, 'operation-failed', 'protocol'],
  ])('%s: status %i, error-tag %s', (_what, err, status, tag, type) => {
    const r = restconf(err);
    expect(r).toEqual({
      status,
      errors: [expect.objectContaining({ 'error-tag': tag, 'error-type': type, 'error-message': err.reason })],
    });
  });

  it('a 422 becomes one invalid-value per problem, each with its error-path, sent as 400 (RESTCONF has no 422)', () => {
    const r = restconf(
      new Unprocessable([
        { code: 'invalidValue', propertyPath: '/end-point/0/vlan', reason: 'VLAN 5000 is out of range' },
        { code: 'missingProperty', propertyPath: '/name', reason: 'name is required' },
      ]),
    );
    expect(r.status).toBe(400);
    expect(r.errors.map((e: any) => [e['error-tag'], e['error-path'], e['error-type']])).toEqual([
      ['invalid-value', '/end-point/0/vlan', 'application'],
      ['invalid-value', '/name', 'application'],
    ]);
  });

  it('a handler may name the tag itself, and the status follows the tag', () => {
    const err = new Conflict('the datastore is locked');
    err.tag = 'lock-denied';
    expect(restconf(err)).toEqual({ status: 409, errors: [expect.objectContaining({ 'error-tag': 'lock-denied' })] });
    expect(RESTCONF_TAG_STATUS['operation-not-supported']).toBe(501);
  });

  it('writes error-app-tag and the error-type the error names, and only then', () => {
    const err = new Conflict('VLAN 100 is in use at sip:1');
    err.tag = 'resource-denied';
    err.appTag = 'vlan-in-use';
    err.errorType = 'application';
    expect(restconf(err)).toEqual({
      status: 409,
      errors: [
        expect.objectContaining({
          'error-type': 'application',
          'error-tag': 'resource-denied',
          'error-app-tag': 'vlan-in-use',
        }),
      ],
    });
    const plain = new Conflict('taken');
    plain.tag = 'resource-denied';
    expect(restconf(plain).errors[0]).not.toHaveProperty('error-app-tag');
    expect(restconf(plain).errors[0]['error-type']).toBe('protocol');
  });

  it('is sent as application/yang-data+json', () => {
    expect(restconfErrors.render(new NotFound('x')).headers).toEqual({ 'content-type': 'application/yang-data+json' });
  });
});

describe('MEF error bodies (MEF 123 §7.1.1)', () => {
  it('an object for most statuses, an array with propertyPath for 422', () => {
    expect(mefErrors.render(new NotFound('no order'))).toEqual({
      status: 404,
      body: { code: 'notFound', reason: 'no order' },
    });
    expect(mefErrors.render(Unprocessable.one('invalidValue', '/a', 'bad'))).toEqual({
      status: 422,
      body: [{ code: 'invalidValue', reason: 'bad', propertyPath: '/a' }],
    });
  });

  it('a reason longer than the 255 characters MEF allows is cut, the whole text kept in message', () => {
    const body = mefErrors.render(new BadRequest('invalidBody', 'x'.repeat(300), 'detail')).body as {
      reason: string;
      message: string;
    };
    expect(body.reason).toHaveLength(255);
    expect(body.message).toBe('detail');
  });
});
