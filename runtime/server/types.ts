import type { Readable } from 'node:stream';
import type { Tenant } from './tenancy';

/** The plain data that flows between the HTTP edge, the pipeline and a role's handlers. */

// MEF resources are open JSON documents; the contract, not the type system, says what they hold.
export type Json = Record<string, any>;

export type Query = Record<string, string | string[] | undefined>;

export interface RequestInput {
  apiId: string;
  operationId: string;
  method: string;
  /** Full request path, base path included. */
  path: string;
  params: Record<string, string>;
  query: Query;
  body: unknown;
  /** Lower-cased names. */
  headers: Record<string, string | undefined>;
  /** Whom the request is for, as the actor's tenancy resolved it. */
  tenant: Tenant;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** The body already serialized (a stored entity's cached bytes); sent as is. */
  bytes?: Buffer;
  /** A body sent as it is produced (an RFC 8040 §6 event stream); destroyed when the client goes away. */
  stream?: Readable;
  headers?: Record<string, string>;
}

export type OperationHandler = (req: RequestInput) => Reply;

/** Marks an operation answered by Prism from the spec alone (no state). */
export const PRISM = 'prism' as const;
export type HandlerRef = OperationHandler | typeof PRISM;

/** apiId → operationId → handler. */
export type HandlerTable = Record<string, Record<string, HandlerRef>>;
