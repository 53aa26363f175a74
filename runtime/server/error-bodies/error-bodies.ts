import type { OperationEntry } from '../../../specs';
import type { HttpError } from '../errors';
import type { Reply } from '../types';

/**
 * How one protocol writes an error: the pipeline hands every typed error to its actor's renderer, once, at the edge.
 * `op` is the operation the request was routed to, when there was one (a renderer may follow what it declares).
 */
export interface ErrorBodies {
  readonly protocol: string;
  render(err: HttpError, op?: OperationEntry): Reply;
}
