import type { ErrorObject } from 'ajv';

export type Severity = 'error' | 'warning';

/** One finding against the contract: plain data, the same shape for the CLI, the mocks and the suites. */
export interface Violation {
  /** JSON pointer of the value in the checked document (`/productOrderItem/0/product/place/0/city`). */
  pointer: string;
  /** Which part of the exchange the pointer is in; absent means the body. */
  in?: 'body' | 'query' | 'path' | 'header' | 'status' | 'content-type';
  /** What was broken: `required`, `type`, `enum`, `format`, `@type`, `unknownProperty`, `status`, `contentType`… */
  rule: string;
  message: string;
  expected?: unknown;
  found?: unknown;
  /** Where the rule comes from: `sonata/productApi/order/productOrderManagement.api.yaml#/components/schemas/X`. */
  specLocation?: string;
  severity: Severity;
}

/** Something that could not be checked (an unusable schema): never counted as valid, never as invalid. */
export interface Unchecked {
  pointer: string;
  reason: string;
}

export interface ValidationResult {
  valid: boolean;
  violations: Violation[];
  warnings: Violation[];
  unchecked: Unchecked[];
}

export const UNCHECKED_KEYWORD = 'x-lso-unchecked';

const RULES: Record<string, string> = {
  unevaluatedProperties: 'unknownProperty',
  additionalProperties: 'unknownProperty',
  'x-lso-dispatch': '@type',
  'x-lso-urn-dispatch': '@type',
};

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number' && Number.isInteger(v)) return 'integer';
  return typeof v;
}

function childPointer(base: string, key: string): string {
  return `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Turns one ajv error into a violation; `locate` finds the spec citation of the schema object that failed. */
export function toViolation(
  e: ErrorObject,
  locate: (schema: object) => string | undefined,
  strict: boolean,
): Violation {
  const p = e.params as Record<string, any>;
  const rule = RULES[e.keyword] ?? e.keyword;
  let pointer = e.instancePath;
  let expected: unknown;
  let found: unknown = e.data;
  let message = e.message ?? rule;
  switch (e.keyword) {
    case 'required':
      pointer = childPointer(pointer, p.missingProperty);
      expected = 'present';
      found = 'absent';
      message = `required property '${p.missingProperty}' is missing`;
      break;
    case 'unevaluatedProperties':
    case 'additionalProperties': {
      const prop = p.unevaluatedProperty ?? p.additionalProperty;
      pointer = childPointer(pointer, prop);
      expected = 'a property the schema declares';
      found = prop;
      message = `property '${prop}' is not defined by the schema`;
      break;
    }
    case 'enum':
      expected = p.allowedValues;
      break;
    case 'type':
      expected = p.type;
      found = jsonType(e.data);
      message = `must be ${p.type}, found ${jsonType(e.data)}`;
      break;
    case 'format':
      expected = `format ${p.format}`;
      break;
    case 'x-lso-dispatch':
    case 'x-lso-urn-dispatch':
      expected = p.expected;
      found = p.found;
      break;
    default:
      if (p && Object.keys(p).length) expected = p;
  }
  const severity: Severity = rule === 'unknownProperty' && !strict ? 'warning' : 'error';
  const specLocation = e.parentSchema ? locate(e.parentSchema as object) : undefined;
  return { pointer, rule, message, expected, found, specLocation, severity };
}

/** Violations of one run, de-duplicated (allOf with allErrors reports the same thing through several paths). */
export function collect(
  errors: ErrorObject[] | null | undefined,
  locate: (s: object) => string | undefined,
  strict: boolean,
): ValidationResult {
  const violations: Violation[] = [];
  const warnings: Violation[] = [];
  const unchecked: Unchecked[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === UNCHECKED_KEYWORD) {
      unchecked.push({ pointer: e.instancePath, reason: e.message ?? 'not checked' });
      continue;
    }
    const v = toViolation(e, locate, strict);
    const key = `${v.pointer}|${v.rule}|${v.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (v.severity === 'error' ? violations : warnings).push(v);
  }
  return { valid: violations.length === 0 && unchecked.length === 0, violations, warnings, unchecked };
}

export function mergeResults(...results: ValidationResult[]): ValidationResult {
  const violations = results.flatMap((r) => r.violations);
  const unchecked = results.flatMap((r) => r.unchecked);
  return {
    valid: violations.length === 0 && unchecked.length === 0,
    violations,
    warnings: results.flatMap((r) => r.warnings),
    unchecked,
  };
}

export function single(v: Omit<Violation, 'severity'> & { severity?: Severity }): ValidationResult {
  const full: Violation = { severity: 'error', ...v };
  return full.severity === 'error'
    ? { valid: false, violations: [full], warnings: [], unchecked: [] }
    : { valid: true, violations: [], warnings: [full], unchecked: [] };
}

export const VALID: ValidationResult = Object.freeze({
  valid: true,
  violations: [],
  warnings: [],
  unchecked: [],
}) as ValidationResult;
