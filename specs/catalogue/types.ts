import type { SdkName } from '../sdk/locate';

export type ApiKind = 'management' | 'notification';
/**
 * How an API's contract is written: OpenAPI 3 or Swagger 2 (JSON Schema bodies, validated by `Contracts`), or YANG
 * modules served over RESTCONF (RFC 8040), which a YANG source will bring (see `ContractSource`).
 */
export type SpecFormat = 'openapi-3.0' | 'swagger-2.0' | 'yang';

export interface ParameterEntry {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie' | 'body' | 'formData';
  required: boolean;
}

export interface ResponseEntry {
  /** '200', '201', '204', '4XX' or 'default', as the spec writes it. */
  status: string;
  contentTypes: string[];
  headers: string[];
  hasBody: boolean;
}

export interface OperationEntry {
  apiId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
  /** Path relative to the API base path, as the spec writes it: `/productOrder/{id}`. */
  path: string;
  operationId: string;
  summary?: string;
  parameters: ParameterEntry[];
  requestBody?: { required: boolean; contentTypes: string[] };
  responses: ResponseEntry[];
  /** OAuth2 scopes from the `generated/security` variant of the same file, when the SDK ships one. */
  scopes?: string[];
  /** JSON pointer of the operation in its spec file, for citations. */
  pointer: string;
}

export interface ApiEntry {
  /** Stable id: `<sdk>.<name>`, e.g. `sonata.productOrder`, `sonata.productOrderNotification`. */
  id: string;
  sdk: SdkName;
  /** The LSO interface reference point the API belongs to (Sonata, Cantata, Legato, Interlude, Presto). */
  referencePoint: string;
  kind: ApiKind;
  title: string;
  version: string;
  /** Path part of `servers[0].url` (or Swagger `basePath`), without the trailing slash. */
  basePath: string;
  /** Spec file relative to the SDK root. */
  file: string;
  securityFile?: string;
  format: SpecFormat;
  operations: OperationEntry[];
}
