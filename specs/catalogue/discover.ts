import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SDK_NAMES, type SdkName } from '../sdk/locate';
import { readYaml, walkFiles } from '../sdk/files';
import { apiNameFromFile } from './naming';
import type { ApiEntry, OperationEntry, ParameterEntry, ResponseEntry, SpecFormat } from './types';

type Json = Record<string, any>;

const API_DIRS: Record<SdkName, string> = {
  sonata: 'productApi',
  cantata: 'productApi',
  legato: 'serviceApi',
  interlude: 'serviceApi',
  presto: 'api/swagger',
};

const REFERENCE_POINTS: Record<SdkName, string> = {
  sonata: 'Sonata',
  cantata: 'Cantata',
  legato: 'Legato',
  interlude: 'Interlude',
  presto: 'Presto',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/** Spec files of an SDK: OpenAPI/Swagger documents, not AsyncAPI templates and not the generated variants. */
export function specFiles(sdkDir: string, sdk: SdkName): string[] {
  const dir = join(sdkDir, sdk, API_DIRS[sdk]);
  if (!existsSync(dir)) return [];
  return walkFiles(join(sdkDir, sdk), dir, (rel) => /\.ya?ml$/.test(rel) && !rel.includes('.asyncapi.'));
}

function basePathOf(doc: Json): string {
  const server = doc.servers?.[0] ?? {};
  let raw: string = doc.swagger ? (doc.basePath ?? '') : (server.url ?? '');
  // The Legato catalog writes `https://{server}:{port}{basePath}`: fill path variables from their defaults.
  raw = raw.replace(/\{(\w+)\}/g, (m: string, v: string) =>
    v === 'serverBase' || v === 'server' ? m : (server.variables?.[v]?.default ?? m),
  );
  // Server URLs carry a host template (`https://{serverBase}`); only the path is stable across deployments.
  const path = raw.replace(/^[a-z]+:\/\/[^/]*/i, '');
  return path.replace(/\/+$/, '');
}

function parametersOf(doc: Json, pathItem: Json, op: Json): ParameterEntry[] {
  const resolve = (p: Json): Json => {
    if (typeof p.$ref === 'string' && p.$ref.startsWith('#/')) {
      return p.$ref
        .slice(2)
        .split('/')
        .reduce((node: Json, k: string) => node?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    }
    return p;
  };
  const byKey = new Map<string, ParameterEntry>();
  for (const raw of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]) {
    const p = resolve(raw);
    if (!p?.name) continue;
    byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: p.required === true || p.in === 'path' });
  }
  return [...byKey.values()];
}

function responsesOf(doc: Json, op: Json, format: SpecFormat): ResponseEntry[] {
  return Object.entries<Json>(op.responses ?? {}).map(([status, r]) => {
    if (format === 'swagger-2.0') {
      const produces: string[] = op.produces ?? doc.produces ?? ['application/json'];
      return {
        status: String(status),
        contentTypes: r.schema ? produces : [],
        headers: Object.keys(r.headers ?? {}),
        hasBody: !!r.schema,
      };
    }
    const content = Object.keys(r.content ?? {});
    return {
      status: String(status),
      contentTypes: content,
      headers: Object.keys(r.headers ?? {}),
      hasBody: content.length > 0,
    };
  });
}

function requestBodyOf(doc: Json, op: Json, format: SpecFormat): OperationEntry['requestBody'] {
  if (format === 'swagger-2.0') {
    const body = (op.parameters ?? []).find((p: Json) => p.in === 'body');
    if (!body) return undefined;
    return { required: body.required === true, contentTypes: op.consumes ?? doc.consumes ?? ['application/json'] };
  }
  if (!op.requestBody) return undefined;
  return { required: op.requestBody.required === true, contentTypes: Object.keys(op.requestBody.content ?? {}) };
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The generated/security twin of a spec file, if the SDK ships one (relative to the SDK folder). */
function securityTwin(sdkDir: string, sdk: SdkName, rel: string): string | undefined {
  const twin = rel.replace(/^(productApi|serviceApi)\//, 'generated/security/');
  return twin !== rel && existsSync(join(sdkDir, sdk, twin)) ? twin : undefined;
}

/** Scopes per `METHOD path` from a security twin. */
function scopesOf(sdkDir: string, sdk: SdkName, twin: string): Map<string, string[]> {
  const scopes = new Map<string, string[]>();
  const doc = readYaml(join(sdkDir, sdk, twin)) as Json;
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const m of METHODS) {
      const sec: Json[] | undefined = item?.[m]?.security ?? doc.security;
      if (!item?.[m] || !sec) continue;
      scopes.set(
        `${m} ${path}`,
        sec.flatMap((req) => Object.values<string[]>(req).flat()),
      );
    }
  }
  return scopes;
}

function entryFor(sdkDir: string, sdk: SdkName, rel: string): ApiEntry | undefined {
  const doc = readYaml(join(sdkDir, sdk, rel)) as Json;
  if (!doc || (!doc.openapi && !doc.swagger)) return undefined;
  const paths = Object.entries<Json>(doc.paths ?? {});
  // Legato ships component libraries (common/*.openapi.yaml) with no paths: they are not APIs to mount.
  if (paths.length === 0) return undefined;
  const format: SpecFormat = doc.swagger ? 'swagger-2.0' : 'openapi-3.0';
  const id = `${sdk}.${apiNameFromFile(basename(rel))}`;
  const twin = securityTwin(sdkDir, sdk, rel);
  // Parsing the security twins costs about half of a cold start, and only `specs show` and scope checks need them.
  let scopes: Map<string, string[]> | undefined;
  const scopesFor = (key: string) => (twin ? (scopes ??= scopesOf(sdkDir, sdk, twin)).get(key) : undefined);
  const operations: OperationEntry[] = [];
  for (const [path, item] of paths) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const entry: OperationEntry = {
        apiId: id,
        method,
        path,
        // Swagger 2.0 Presto operations have no operationId: derive one that is stable and readable.
        operationId: op.operationId ?? `${method}${path.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, '')}`,
        summary: op.summary,
        parameters: parametersOf(doc, item, op),
        requestBody: requestBodyOf(doc, op, format),
        responses: responsesOf(doc, op, format),
        pointer: `#/paths/${escapePointer(path)}/${method}`,
      };
      Object.defineProperty(entry, 'scopes', { enumerable: true, get: () => scopesFor(`${method} ${path}`) });
      operations.push(entry);
    }
  }
  const listenerOnly = paths.every(([p]) => p.startsWith('/listener/'));
  return {
    id,
    sdk,
    referencePoint: REFERENCE_POINTS[sdk],
    kind: listenerOnly ? 'notification' : 'management',
    title: doc.info?.title ?? id,
    version: String(doc.info?.version ?? ''),
    basePath: basePathOf(doc),
    file: `${sdk}/${rel}`,
    securityFile: twin ? `${sdk}/${twin}` : undefined,
    format,
    operations,
  };
}

/** Every API of the five SDKs, in a stable order (SDK, then file path). */
export function discoverApis(sdkDir: string, sdks: readonly SdkName[] = SDK_NAMES): ApiEntry[] {
  const out: ApiEntry[] = [];
  for (const sdk of sdks) {
    for (const rel of specFiles(sdkDir, sdk)) {
      const entry = entryFor(sdkDir, sdk, rel);
      if (entry) out.push(entry);
    }
  }
  return out;
}
