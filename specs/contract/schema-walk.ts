/**
 * Which keywords of a JSON Schema (draft-07 / OAS 3.0 / Swagger 2.0) hold subschemas, and in which role:
 * a *value* position describes a value in the instance (a property, an array item), a *composition* position
 * describes the same value again (allOf members, not, if/then/else). Strict mode flags unknown properties at value
 * positions only, because `unevaluatedProperties` at a composition member would reject its siblings' properties.
 */
type Json = Record<string, any>;

export type Position = 'value' | 'composition' | 'definition';

const SINGLE: Record<string, Position> = {
  items: 'value',
  additionalItems: 'value',
  additionalProperties: 'value',
  contains: 'value',
  propertyNames: 'composition',
  not: 'composition',
  if: 'composition',
  then: 'composition',
  else: 'composition',
};
const MAPS: Record<string, Position> = {
  properties: 'value',
  patternProperties: 'value',
  definitions: 'definition',
  $defs: 'definition',
};
const ARRAYS: Record<string, Position> = { allOf: 'composition', anyOf: 'composition', oneOf: 'composition' };

export interface Visit {
  node: Json;
  pointer: string;
  position: Position | 'root';
}

function escape(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Visits every schema object below `root` (depth first, parent before children). */
export function walkSchema(
  root: unknown,
  pointer: string,
  position: Visit['position'],
  visit: (v: Visit) => void,
): void {
  if (!root || typeof root !== 'object' || Array.isArray(root)) return;
  const node = root as Json;
  visit({ node, pointer, position });
  for (const [k, pos] of Object.entries(SINGLE)) {
    const sub = node[k];
    if (Array.isArray(sub) && k === 'items') sub.forEach((s, i) => walkSchema(s, `${pointer}/items/${i}`, pos, visit));
    else if (sub && typeof sub === 'object') walkSchema(sub, `${pointer}/${k}`, pos, visit);
  }
  for (const [k, pos] of Object.entries(MAPS)) {
    const map = node[k];
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    for (const [name, sub] of Object.entries(map)) walkSchema(sub, `${pointer}/${k}/${escape(name)}`, pos, visit);
  }
  for (const [k, pos] of Object.entries(ARRAYS)) {
    const arr = node[k];
    if (Array.isArray(arr)) arr.forEach((s, i) => walkSchema(s, `${pointer}/${k}/${i}`, pos, visit));
  }
  if (node.dependencies && typeof node.dependencies === 'object') {
    for (const [name, sub] of Object.entries(node.dependencies)) {
      if (sub && typeof sub === 'object' && !Array.isArray(sub))
        walkSchema(sub, `${pointer}/dependencies/${escape(name)}`, 'composition', visit);
    }
  }
}

/** The schema roots of an OpenAPI 3.0 or Swagger 2.0 document, with the position each root plays. */
export function documentSchemaRoots(doc: Json): Array<{ node: unknown; pointer: string; position: Visit['position'] }> {
  const roots: Array<{ node: unknown; pointer: string; position: Visit['position'] }> = [];
  const defs = doc.swagger ? doc.definitions : doc.components?.schemas;
  const defsPtr = doc.swagger ? '#/definitions' : '#/components/schemas';
  for (const [name, s] of Object.entries<unknown>(defs ?? {}))
    roots.push({ node: s, pointer: `${defsPtr}/${escape(name)}`, position: 'definition' });
  const media = (content: Json | undefined, ptr: string) => {
    for (const [ct, m] of Object.entries<Json>(content ?? {}))
      if (m?.schema) roots.push({ node: m.schema, pointer: `${ptr}/content/${escape(ct)}/schema`, position: 'root' });
  };
  const params = (list: Json[] | undefined, ptr: string) =>
    (list ?? []).forEach(
      (p, i) => p?.schema && roots.push({ node: p.schema, pointer: `${ptr}/${i}/schema`, position: 'root' }),
    );
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    const base = `#/paths/${escape(path)}`;
    params(item?.parameters, `${base}/parameters`);
    for (const [method, op] of Object.entries<Json>(item ?? {})) {
      if (!op || typeof op !== 'object' || method === 'parameters') continue;
      params(op.parameters, `${base}/${method}/parameters`);
      media(op.requestBody?.content, `${base}/${method}/requestBody`);
      for (const [status, r] of Object.entries<Json>(op.responses ?? {})) {
        if (r?.schema)
          roots.push({
            node: r.schema,
            pointer: `${base}/${method}/responses/${escape(status)}/schema`,
            position: 'root',
          });
        media(r?.content, `${base}/${method}/responses/${escape(status)}`);
        for (const [h, hv] of Object.entries<Json>(r?.headers ?? {})) {
          if (hv?.schema)
            roots.push({
              node: hv.schema,
              pointer: `${base}/${method}/responses/${escape(status)}/headers/${escape(h)}/schema`,
              position: 'root',
            });
        }
      }
    }
  }
  return roots;
}
