import type { Contracts, Violation } from '../../specs';
import { BadRequest, Unprocessable, type Error422Code, type Problem422 } from './errors';
import type { Query } from './types';

/** A body the JSON parser did not read: the edge hands it over as this marker so the contract can judge it. */
export interface UnparsedBody {
  unparsed: true;
  contentType: string;
}

export function isUnparsed(body: unknown): body is UnparsedBody {
  return !!body && typeof body === 'object' && (body as UnparsedBody).unparsed === true;
}

/** Which `Error422Code` a contract rule maps to: shape problems are formats, value problems are values. */
const CODE_BY_RULE: Record<string, Error422Code> = {
  required: 'missingProperty',
  unknownProperty: 'unexpectedProperty',
  type: 'invalidFormat',
  format: 'invalidFormat',
  pattern: 'invalidFormat',
  minLength: 'invalidFormat',
  maxLength: 'invalidFormat',
  enum: 'invalidValue',
  const: 'invalidValue',
  '@type': 'invalidValue',
};

export function problemOf(v: Violation): Problem422 {
  return { code: CODE_BY_RULE[v.rule] ?? 'invalidValue', propertyPath: v.pointer, reason: v.message };
}

export interface RequestToJudge {
  body: unknown;
  contentType?: string;
  query: Query;
  params: Record<string, string>;
}

/**
 * Judges a request against its operation's contract and throws the MEF error a Seller answers with: 400 for
 * the query, the path, the content type or a missing body; 422 listing every body violation with its pointer.
 */
export function checkRequest(
  contracts: Contracts,
  apiId: string,
  operationId: string,
  req: RequestToJudge,
  strict: boolean,
): void {
  const op = contracts.operation(apiId, operationId);
  for (const [name, value] of Object.entries(req.query)) {
    if (value === '' || (Array.isArray(value) && value.some((v) => v === ''))) {
      throw new BadRequest('missingQueryValue', `query parameter '${name}' has no value`);
    }
  }
  let body = req.body;
  if (op.requestBody && isUnparsed(body)) {
    throw new BadRequest(
      'invalidBody',
      `content type '${body.contentType}' is not accepted`,
      `send one of ${op.requestBody.contentTypes.join(', ')}`,
    );
  }
  if (!op.requestBody) body = undefined;
  // Warnings are never answered to the Buyer, so the contract's fast gate decides; a refused body is then explained in full.
  const r = contracts.validateRequest(
    apiId,
    operationId,
    { body, contentType: body === undefined ? undefined : req.contentType, query: req.query, pathParams: req.params },
    { strict, warnings: false },
  );
  if (r.valid || r.violations.length === 0) return;
  const first = (where: Violation['in']) => r.violations.find((v) => v.in === where);
  const ct = first('content-type');
  if (ct) throw new BadRequest('invalidBody', ct.message, `send one of ${op.requestBody?.contentTypes.join(', ')}`);
  const missingBody = r.violations.find(
    (v) => (v.in ?? 'body') === 'body' && v.pointer === '' && v.rule === 'required',
  );
  if (missingBody) throw new BadRequest('invalidBody', 'the request body is missing', missingBody.message);
  for (const where of ['query', 'path'] as const) {
    const bad = r.violations.filter((v) => v.in === where);
    if (bad.length === 0) continue;
    const missing = bad.find((v) => v.rule === 'required');
    if (missing) throw new BadRequest('missingQueryParameter', missing.message);
    throw new BadRequest('invalidQuery', bad.map((v) => `${v.pointer.slice(1)}: ${v.message}`).join('; '));
  }
  const inBody = r.violations.filter((v) => (v.in ?? 'body') === 'body');
  if (inBody.length) throw new Unprocessable(inBody.map(problemOf));
}
