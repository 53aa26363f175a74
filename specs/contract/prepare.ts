import { repairNode, type DefectApplication } from '../defects';
import { documentSchemaRoots, walkSchema, type Visit } from './schema-walk';
import { escapeToken, resolveRef, uriOf } from './uris';

type Json = Record<string, any>;

/** The custom keywords the engine adds; see ./keywords.ts for what they do. */
export const DISPATCH_KEYWORD = 'x-lso-dispatch';
export const URN_KEYWORD = 'x-lso-urn-dispatch';

export interface PreparedDocument {
  uri: string;
  file: string;
  doc: Json;
}

/** What preparing documents teaches the engine, shared by all documents of one engine instance. */
export interface PrepareContext {
  /** Absolute URIs of the polymorphic base schemas that dispatch on `@type`. */
  dispatchUris: Set<string>;
  /** Every schema object handed to ajv → its citation (`file#pointer`), to cite spec locations in violations. */
  locations: WeakMap<object, string>;
  applications: DefectApplication[];
  /** A 2019-09 keyword other than the strict mode's own, where the engine's draft-07 gate would not apply it. */
  draft2019At?: string;
}

export function newPrepareContext(): PrepareContext {
  return { dispatchUris: new Set(), locations: new WeakMap(), applications: [] };
}

const DRAFT_2019_ONLY = [
  'dependentRequired',
  'dependentSchemas',
  '$recursiveRef',
  '$recursiveAnchor',
  'minContains',
  'maxContains',
  'unevaluatedItems',
  'unevaluatedProperties',
];

const defsPointer = (doc: Json): string => (doc.swagger ? '#/definitions' : '#/components/schemas');
const defsOf = (doc: Json): Json | undefined => (doc.swagger ? doc.definitions : doc.components?.schemas);

/**
 * First pass over an API document (before any document is prepared): which component schemas are polymorphic
 * bases. Needed globally because a document may reference another document's base.
 */
export function scanDispatchBases(file: string, doc: Json, ctx: PrepareContext): void {
  for (const [name, s] of Object.entries<Json>(defsOf(doc) ?? {})) {
    if (s && typeof s === 'object' && s.discriminator)
      ctx.dispatchUris.add(`${uriOf(file)}${defsPointer(doc)}/${escapeToken(name)}`);
  }
}

const baseName = (name: string): string => `${name}__base`;

/**
 * Replaces each polymorphic base `B` by `{allOf: [B__base], x-lso-dispatch}` and keeps the original (less its
 * discriminator) as `B__base`. Subtypes that inherit with `allOf: [$ref B]` are pointed at `B__base`, or checking a
 * subtype would dispatch back into itself forever.
 */
function splitDispatchBases(file: string, doc: Json, sdk: string): void {
  const defs = defsOf(doc);
  if (!defs) return;
  const uri = uriOf(file);
  for (const [name, s] of Object.entries<Json>({ ...defs })) {
    if (!s || typeof s !== 'object' || !s.discriminator) continue;
    const { discriminator, ...rest } = s;
    defs[baseName(name)] = rest;
    const mapping: Record<string, string> | undefined = discriminator.mapping;
    const spec = mapping
      ? {
          [DISPATCH_KEYWORD]: {
            propertyName: discriminator.propertyName,
            mapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, resolveRef(v, uri)])),
          },
        }
      : { [URN_KEYWORD]: { propertyName: discriminator.propertyName, sdk } };
    defs[name] = {
      description: s.description,
      allOf: [{ $ref: `${defsPointer(doc)}/${escapeToken(baseName(name))}` }],
      ...spec,
    };
  }
}

function redirectInheritance(node: Json, uri: string, ctx: PrepareContext): void {
  if (!Array.isArray(node.allOf)) return;
  for (const member of node.allOf) {
    if (typeof member?.$ref !== 'string') continue;
    const target = resolveRef(member.$ref, uri);
    if (ctx.dispatchUris.has(target)) member.$ref = `${member.$ref}__base`;
  }
}

function isDispatchRef(node: Json, uri: string, ctx: PrepareContext): boolean {
  return typeof node.$ref === 'string' && ctx.dispatchUris.has(resolveRef(node.$ref, uri));
}

/**
 * Strict mode: `unevaluatedProperties: false` at every value position (a property's or an item's schema), so a
 * property no part of the composed schema declares is reported. Not at composition members, whose siblings
 * declare the rest; not where `@type` dispatch takes over, because the dispatched schema is checked strictly itself.
 * The engine reports these findings as errors in strict mode and as warnings otherwise.
 */
function markStrict(v: Visit, uri: string, ctx: PrepareContext): void {
  if (v.position !== 'value') return;
  const n = v.node;
  if (n.type !== undefined && n.type !== 'object') return;
  if (n.additionalProperties !== undefined || n[DISPATCH_KEYWORD] || n[URN_KEYWORD]) return;
  if (isDispatchRef(n, uri, ctx)) return;
  n.unevaluatedProperties = false;
}

function prepareTree(
  root: unknown,
  pointer: string,
  position: Visit['position'],
  file: string,
  uri: string,
  ctx: PrepareContext,
): void {
  walkSchema(root, pointer, position, (v) => {
    repairNode(v.node, {
      file,
      pointer: v.pointer,
      record: (defectId, detail, at) => ctx.applications.push({ defectId, file, pointer: at ?? v.pointer, detail }),
    });
    if (!ctx.draft2019At && DRAFT_2019_ONLY.some((k) => k in v.node)) ctx.draft2019At = `${file}${v.pointer}`;
    if (typeof v.node.$id === 'string') delete v.node.$id;
    delete v.node.$schema;
    redirectInheritance(v.node, uri, ctx);
    markStrict(v, uri, ctx);
    ctx.locations.set(v.node, `${file}${v.pointer}`);
  });
}

/** Prepares an OpenAPI 3.0 / Swagger 2.0 document (a deep copy; the parsed original stays untouched). */
export function prepareApiDocument(file: string, original: Json, ctx: PrepareContext): PreparedDocument {
  const doc = structuredClone(original);
  const uri = uriOf(file);
  splitDispatchBases(file, doc, file.split('/')[0]);
  for (const r of documentSchemaRoots(doc)) prepareTree(r.node, r.pointer, r.position, file, uri, ctx);
  doc.$id = uri;
  return { uri, file, doc };
}

/** Prepares a product or service schema file (draft-07), registered under its file URI. */
export function prepareSchemaFile(file: string, original: Json, ctx: PrepareContext): PreparedDocument {
  const doc = structuredClone(original);
  const uri = uriOf(file);
  prepareTree(doc, '#', 'root', file, uri, ctx);
  // The file URI as the root's own `$id`: ajv then keeps the right base when it reaches this file through a
  // `$ref` chain from another document (it loses it for an id-less root).
  doc.$id = uri;
  return { uri, file, doc };
}
