import Ajv from 'ajv';
import Ajv2019, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import {
  DISPATCH_KEYWORD,
  URN_KEYWORD,
  newPrepareContext,
  prepareApiDocument,
  prepareSchemaFile,
  scanDispatchBases,
  type PrepareContext,
} from './prepare';
import type { UrnIndex } from './urn-index';
import { collect, UNCHECKED_KEYWORD, VALID, type ValidationResult } from './violations';
import { citationOf, uriOf } from './uris';

type Json = Record<string, any>;
type ErrorWithData = ErrorObject & { lsoData?: unknown };

interface DispatchSpec {
  propertyName: string;
  mapping?: Record<string, string>;
  sdk?: string;
}

type Compiled = ValidateFunction | { failed: string };

/** The two ajv instances over the same prepared documents: `full` explains, `gate` only decides. */
type Flavour = 'full' | 'gate';

/**
 * Two ajv instances holding the same prepared SDK documents, compiling validators lazily and caching them by URI.
 * `full` reports every finding, unknown properties included (allErrors, `unevaluatedProperties`); `gate` stops at
 * the first error and ignores unknown properties, which makes it about three times faster on a full order. A
 * lenient caller that needs no warnings (a mock judging requests) asks the gate first and runs the full validator
 * only when the gate refuses, so what it is told about a bad payload is the same in both paths.
 * Everything that checks a payload (CLI, mocks, suites) goes through `validate`, so strictness, `@type` dispatch
 * and the defect patches apply the same way everywhere.
 */
export class SchemaEngine {
  readonly ajv: Ajv2019;
  private readonly gate: Ajv;
  readonly prep: PrepareContext = newPrepareContext();
  private readonly cache: Record<Flavour, Map<string, Compiled>> = { full: new Map(), gate: new Map() };

  constructor(private readonly urns: UrnIndex) {
    const common = {
      strict: false,
      validateSchema: false,
      discriminator: false,
      logger: false as const,
      unicodeRegExp: false,
    };
    this.ajv = new Ajv2019({ ...common, allErrors: true, verbose: true });
    // The draft-07 class: it has no `unevaluatedProperties` (unknown properties are only warnings unless strict, and
    // the gate never serves strict callers), so it need not track what each composed schema evaluated. The SDKs
    // use no other 2019-09 keyword; a test holds both flavours to the same verdicts.
    this.gate = new Ajv({ ...common, allErrors: false, verbose: false });
    for (const f of ['full', 'gate'] as const) {
      addFormats(this.instance(f));
      this.addKeywords(f);
    }
  }

  private readonly fileUris = new Map<string, string>();

  /** `uriOf`, remembered: dispatch asks for the same few product schema files on every order. */
  fileUri(file: string): string {
    let u = this.fileUris.get(file);
    if (u === undefined) this.fileUris.set(file, (u = uriOf(file)));
    return u;
  }

  private instance(f: Flavour): Ajv {
    return f === 'full' ? this.ajv : this.gate;
  }

  /** Registers one SDK's API documents and schema files. API documents must all be scanned before any is prepared. */
  registerSdk(apiDocs: Array<{ file: string; doc: Json }>, schemaFiles: Array<{ file: string; doc: Json }>): void {
    for (const d of apiDocs) scanDispatchBases(d.file, d.doc, this.prep);
    for (const d of apiDocs) {
      const p = prepareApiDocument(d.file, d.doc, this.prep);
      this.ajv.addSchema(p.doc, p.uri);
      this.gate.addSchema(p.doc, p.uri);
    }
    for (const d of schemaFiles) {
      const p = prepareSchemaFile(d.file, d.doc, this.prep);
      this.ajv.addSchema(p.doc, p.uri);
      this.gate.addSchema(p.doc, p.uri);
    }
  }

  isDispatch(uri: string): boolean {
    return this.prep.dispatchUris.has(uri);
  }

  /**
   * The validator for the schema at `uri`, checked as a value in its own right: strict about unknown properties at
   * its root too (reported as warnings unless the caller asks for strict mode).
   */
  validator(uri: string, typed = false, flavour: Flavour = 'full'): Compiled {
    const key = typed ? `${uri} typed` : uri;
    const cache = this.cache[flavour];
    let v = cache.get(key);
    if (!v) {
      try {
        const wrapper: Json = this.isDispatch(uri) ? { $ref: uri } : { $ref: uri, unevaluatedProperties: false };
        // Product and service schemas do not declare the `@type` that names them; the envelope does.
        if (typed) wrapper.properties = { '@type': { type: 'string' } };
        this.prep.locations.set(wrapper, citationOf(uri));
        v = this.instance(flavour).compile(wrapper);
      } catch (e) {
        v = { failed: (e as Error).message };
      }
      cache.set(key, v);
    }
    return v;
  }

  /**
   * Checks `data` against the schema at `uri`. With `warnings: false` (lenient callers only) a payload the gate
   * accepts is valid at once, without the unknown-property warnings the full run would list.
   */
  validate(uri: string, data: unknown, strict: boolean, warnings = true): ValidationResult {
    // An SDK with a 2019-09 keyword the gate would skip is always checked in full.
    if (!strict && !warnings && !this.prep.draft2019At) {
      const g = this.validator(uri, false, 'gate');
      if ('call' in g && g(data)) return VALID;
    }
    const v = this.validator(uri);
    if (!('call' in v)) {
      return {
        valid: false,
        violations: [],
        warnings: [],
        unchecked: [{ pointer: '', reason: `schema ${citationOf(uri)} does not compile: ${v.failed}` }],
      };
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
      return {
        ...x,
        instancePath: at + x.instancePath,
        lsoData: x.lsoData !== undefined ? x.lsoData : x.data,
      } as ErrorObject;
    });
  }

  private addKeywords(flavour: Flavour): void {
    const engine = this;
    const dispatchTo = (
      target: string,
      data: unknown,
      at: string,
      self: { errors?: ErrorObject[] },
      typed = false,
    ): boolean => {
      const v = engine.validator(target, typed, flavour);
      if (!('call' in v)) {
        self.errors = [unchecked(at, `schema ${citationOf(target)} does not compile: ${v.failed}`)];
        return false;
      }
      if (v(data)) return true;
      self.errors = engine.subErrors(v.errors, at);
      return false;
    };

    const mapped = function (
      schema: DispatchSpec,
      data: Json,
      parent: object,
      cxt?: { instancePath: string },
    ): boolean {
      const self = mapped as { errors?: ErrorObject[] };
      const at = cxt?.instancePath ?? '';
      if (!data || typeof data !== 'object' || Array.isArray(data)) return true;
      const t = data[schema.propertyName];
      if (typeof t !== 'string') return true; // the base's `required` reports a missing @type
      const target = schema.mapping?.[t];
      if (target) return dispatchTo(target, data, at, self);
      const known = Object.keys(schema.mapping ?? {});
      self.errors = [
        dispatchError(
          DISPATCH_KEYWORD,
          parent,
          at,
          schema.propertyName,
          t,
          known,
          `unknown ${schema.propertyName} '${t}'; expected one of ${known.join(', ')}`,
        ),
      ];
      return false;
    };

    const byUrn = function (schema: DispatchSpec, data: Json, parent: object, cxt?: { instancePath: string }): boolean {
      const self = byUrn as { errors?: ErrorObject[] };
      const at = cxt?.instancePath ?? '';
      if (!data || typeof data !== 'object' || Array.isArray(data)) return true;
      const urn = data[schema.propertyName];
      if (typeof urn !== 'string') return true;
      const entry = engine.urns.resolve(urn, schema.sdk);
      if (entry) return dispatchTo(engine.fileUri(entry.file), data, at, self, true);
      const near = engine.urns.nearest(urn);
      self.errors = [
        dispatchError(
          URN_KEYWORD,
          parent,
          at,
          schema.propertyName,
          urn,
          near,
          `unknown schema URN '${urn}'; nearest known: ${near.join(', ')}`,
        ),
      ];
      return false;
    };

    this.instance(flavour).addKeyword({
      keyword: DISPATCH_KEYWORD,
      schemaType: 'object',
      errors: true,
      validate: mapped as any,
    });
    this.instance(flavour).addKeyword({
      keyword: URN_KEYWORD,
      schemaType: 'object',
      errors: true,
      validate: byUrn as any,
    });
  }
}

function dispatchError(
  keyword: string,
  parentSchema: object,
  at: string,
  prop: string,
  found: string,
  expected: string[],
  message: string,
): ErrorObject {
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
