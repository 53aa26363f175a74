import Ajv2019, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { DISPATCH_KEYWORD, URN_KEYWORD, newPrepareContext, prepareApiDocument, prepareSchemaFile, scanDispatchBases, type PrepareContext } from './prepare';
import type { UrnIndex } from './urn-index';
import { collect, UNCHECKED_KEYWORD, type ValidationResult } from './violations';
import { citationOf, uriOf } from './uris';

type Json = Record<string, any>;
type ErrorWithData = ErrorObject & { lsoData?: unknown };

interface DispatchSpec {
  propertyName: string;
  mapping?: Record<string, string>;
  sdk?: string;
}

/**
 * One ajv instance holding the prepared SDK documents, compiling validators lazily and caching them by URI.
 * Everything that checks a payload (CLI, mocks, suites) goes through `validate`, so strictness, `@type` dispatch
 * and the defect patches apply the same way everywhere.
 */
export class SchemaEngine {
  readonly ajv: Ajv2019;
  readonly prep: PrepareContext = newPrepareContext();
  private readonly cache = new Map<string, ValidateFunction | { failed: string }>();

  constructor(private readonly urns: UrnIndex) {
    this.ajv = new Ajv2019({
      strict: false,
      allErrors: true,
      verbose: true,
      validateSchema: false,
      discriminator: false,
      logger: false,
      unicodeRegExp: false,
    });
    addFormats(this.ajv);
    this.addKeywords();
  }

  /** Registers one SDK's API documents and schema files. API documents must all be scanned before any is prepared. */
  registerSdk(apiDocs: Array<{ file: string; doc: Json }>, schemaFiles: Array<{ file: string; doc: Json }>): void {
    for (const d of apiDocs) scanDispatchBases(d.file, d.doc, this.prep);
    for (const d of apiDocs) {
      const p = prepareApiDocument(d.file, d.doc, this.prep);
      this.ajv.addSchema(p.doc, p.uri);
    }
    for (const d of schemaFiles) {
      const p = prepareSchemaFile(d.file, d.doc, this.prep);
      this.ajv.addSchema(p.doc, p.uri);
    }
  }

  isDispatch(uri: string): boolean {
    return this.prep.dispatchUris.has(uri);
  }

  /**
   * The validator for the schema at `uri`, checked as a value in its own right: strict about unknown properties at
   * its root too (reported as warnings unless the caller asks for strict mode).
   */
  validator(uri: string, typed = false): ValidateFunction | { failed: string } {
    const key = typed ? `${uri} typed` : uri;
    let v = this.cache.get(key);
    if (!v) {
      try {
        const wrapper: Json = this.isDispatch(uri) ? { $ref: uri } : { $ref: uri, unevaluatedProperties: false };
        // Product and service schemas do not declare the `@type` that names them; the envelope does.
        if (typed) wrapper.properties = { '@type': { type: 'string' } };
        this.prep.locations.set(wrapper, citationOf(uri));
        v = this.ajv.compile(wrapper);
      } catch (e) {
        v = { failed: (e as Error).message };
      }
      this.cache.set(key, v);
    }
    return v;
  }

  validate(uri: string, data: unknown, strict: boolean): ValidationResult {
    const v = this.validator(uri);
    if (!('call' in v)) {
      return { valid: false, violations: [], warnings: [], unchecked: [{ pointer: '', reason: `schema ${citationOf(uri)} does not compile: ${v.failed}` }] };
    }
    return this.run(v, data, strict);
  }

  /** Runs a compiled validator and turns its errors into violations. */
  run(v: ValidateFunction, data: unknown, strict: boolean): ValidationResult {
    if (v(data)) return { valid: true, violations: [], warnings: [], unchecked: [] };
    return collect(this.withData(v.errors), (s) => this.prep.locations.get(s), strict);
  }

  /** Restores each error's own data: ajv's verbose mode overwrites it with the dispatching object's on the way up. */
  private withData(errors: ErrorObject[] | null | undefined): ErrorObject[] {
    return (errors ?? []).map((e) => {
      const x = e as ErrorWithData;
      return x.lsoData !== undefined ? { ...x, data: x.lsoData } : x;
    });
  }

  private subErrors(errors: ErrorObject[] | null | undefined, at: string): ErrorObject[] {
    return (errors ?? []).map((e) => {
      const x = e as ErrorWithData;
      return { ...x, instancePath: at + x.instancePath, lsoData: x.lsoData !== undefined ? x.lsoData : x.data } as ErrorObject;
    });
  }

  private addKeywords(): void {
    const engine = this;
    const dispatchTo = (target: string, data: unknown, at: string, self: { errors?: ErrorObject[] }, typed = false): boolean => {
      const v = engine.validator(target, typed);
      if (!('call' in v)) {
        self.errors = [unchecked(at, `schema ${citationOf(target)} does not compile: ${v.failed}`)];
        return false;
      }
      if (v(data)) return true;
      self.errors = engine.subErrors(v.errors, at);
      return false;
    };

    const mapped = function (schema: DispatchSpec, data: Json, parent: object, cxt?: { instancePath: string }): boolean {
      const self = mapped as { errors?: ErrorObject[] };
      const at = cxt?.instancePath ?? '';
      if (!data || typeof data !== 'object' || Array.isArray(data)) return true;
      const t = data[schema.propertyName];
      if (typeof t !== 'string') return true; // the base's `required` reports a missing @type
      const target = schema.mapping?.[t];
      if (target) return dispatchTo(target, data, at, self);
      const known = Object.keys(schema.mapping ?? {});
      self.errors = [dispatchError(DISPATCH_KEYWORD, parent, at, schema.propertyName, t, known, `unknown ${schema.propertyName} '${t}'; expected one of ${known.join(', ')}`)];
      return false;
    };

    const byUrn = function (schema: DispatchSpec, data: Json, parent: object, cxt?: { instancePath: string }): boolean {
      const self = byUrn as { errors?: ErrorObject[] };
      const at = cxt?.instancePath ?? '';
      if (!data || typeof data !== 'object' || Array.isArray(data)) return true;
      const urn = data[schema.propertyName];
      if (typeof urn !== 'string') return true;
      const entry = engine.urns.resolve(urn, schema.sdk);
      if (entry) return dispatchTo(uriOf(entry.file), data, at, self, true);
      const near = engine.urns.nearest(urn);
      self.errors = [dispatchError(URN_KEYWORD, parent, at, schema.propertyName, urn, near, `unknown schema URN '${urn}'; nearest known: ${near.join(', ')}`)];
      return false;
    };

    this.ajv.addKeyword({ keyword: DISPATCH_KEYWORD, schemaType: 'object', errors: true, validate: mapped as any });
    this.ajv.addKeyword({ keyword: URN_KEYWORD, schemaType: 'object', errors: true, validate: byUrn as any });
  }
}

function dispatchError(keyword: string, parentSchema: object, at: string, prop: string, found: string, expected: string[], message: string): ErrorObject {
  return {
    keyword,
    instancePath: `${at}/${prop.replace(/~/g, '~0').replace(/\//g, '~1')}`,
    schemaPath: '',
    params: { expected, found },
    message,
    parentSchema,
  } as ErrorObject;
}

function unchecked(at: string, message: string): ErrorObject {
  return { keyword: UNCHECKED_KEYWORD, instancePath: at, schemaPath: '', params: {}, message } as ErrorObject;
}
