import { join } from 'node:path';
import type { Contracts } from '../../specs';
import { readYaml } from '../../specs/sdk/files';
import type { Json } from './types';

type Projector = (r: Json) => Json;

const cache = new Map<string, Projector>();

function propertyNames(doc: Json, schema: Json | undefined, seen = new Set<string>()): string[] {
  if (!schema || typeof schema !== 'object') return [];
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref) || !schema.$ref.startsWith('#/')) return [];
    seen.add(schema.$ref);
    const target = schema.$ref
      .slice(2)
      .split('/')
      .reduce((n: Json | undefined, k: string) => n?.[k], doc);
    return propertyNames(doc, target, seen);
  }
  return [
    ...Object.keys(schema.properties ?? {}),
    ...((schema.allOf ?? []) as Json[]).flatMap((s) => propertyNames(doc, s, seen)),
  ];
}

/**
 * The projection a list operation answers with (`ProductOrder_Find`, `MEFProduct_Find`…): only the attributes its
 * 200 item schema declares, read from the spec so the list shape follows the contract, not a copy of it.
 */
export function listProjector(contracts: Contracts, apiId: string, operationId: string): Projector {
  const key = `${apiId} ${operationId}`;
  let p = cache.get(key);
  if (p) return p;
  const api = contracts.api(apiId);
  const op = contracts.operation(apiId, operationId);
  const doc = readYaml(join(contracts.sdkDir, api.file)) as Json;
  const content = doc.paths[op.path][op.method].responses['200']?.content ?? {};
  const schema = (Object.values(content)[0] as Json | undefined)?.schema as Json | undefined;
  const item = schema?.type === 'array' ? schema.items : schema;
  const names = new Set(propertyNames(doc, item));
  p = names.size === 0 ? (r) => r : (r) => Object.fromEntries(Object.entries(r).filter(([k]) => names.has(k)));
  cache.set(key, p);
  return p;
}

/** `fields=a,b` (the inventory retrieve): the named attributes, plus those the response schema requires. */
export function selectFields(r: Json, fields: string | string[] | undefined, always: string[]): Json {
  if (fields === undefined) return r;
  const wanted = new Set(
    (Array.isArray(fields) ? fields : [fields])
      .flatMap((f) => f.split(','))
      .map((f) => f.trim())
      .filter(Boolean),
  );
  if (wanted.size === 0) return r;
  for (const a of always) wanted.add(a);
  return Object.fromEntries(Object.entries(r).filter(([k]) => wanted.has(k)));
}
