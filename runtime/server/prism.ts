import { join } from 'node:path';
import type { ApiEntry } from '../../specs';
import { Internal, NotFound } from './errors';
import type { Query, Reply } from './types';

// prism-http costs 1–1.5 s to require (toolchain.md §3): it is loaded on first use only, so a stateful mock that
// never needs it starts without it.
type PrismModule = typeof import('@stoplight/prism-http');
type Operations = Awaited<ReturnType<PrismModule['getHttpOperationsFromSpec']>>;
type Instance = ReturnType<PrismModule['createInstance']>;

export interface PrismRequest {
  method: string;
  /** Path relative to the API base path (prism matches `/productOrder`, not the full MEF path). */
  path: string;
  query: Query;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/**
 * Answers from the spec alone through @stoplight/prism-http in process: static examples or schema placeholders, with
 * Prism's own request validation. No state, no notifications: the fallback for what is not stateful yet.
 */
export class PrismBackend {
  private instance: Instance | undefined;
  private readonly operations = new Map<string, Promise<Operations>>();

  constructor(private readonly sdkDir: string) {}

  private load(): { prism: PrismModule; instance: Instance } {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const prism = require('@stoplight/prism-http') as PrismModule;
    if (!this.instance) {
      // Prism logs through a pino with a custom `success` level; its own factory provides it.
      const { createLogger } = require('@stoplight/prism-core') as {
        createLogger: (name: string, opts: object) => never;
      };
      this.instance = prism.createInstance(
        {
          mock: { dynamic: false },
          validateRequest: true,
          validateResponse: false,
          checkSecurity: false,
          errors: false,
          upstreamProxy: undefined,
          isProxy: false,
        },
        { logger: createLogger('prism', { level: 'silent' }) },
      );
    }
    return { prism, instance: this.instance };
  }

  /** Loads prism and the API's operations now (a stateless server does this before it listens). */
  async warm(api: ApiEntry): Promise<void> {
    await this.operationsOf(api);
  }

  private operationsOf(api: ApiEntry): Promise<Operations> {
    let ops = this.operations.get(api.id);
    if (!ops) {
      const { prism } = this.load();
      ops = prism.getHttpOperationsFromSpec(join(this.sdkDir, api.file));
      this.operations.set(api.id, ops);
    }
    return ops;
  }

  async handle(api: ApiEntry, req: PrismRequest): Promise<Reply> {
    const ops = await this.operationsOf(api);
    const { instance } = this.load();
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    const query = Object.fromEntries(
      Object.entries(req.query).filter((e): e is [string, string | string[]] => e[1] !== undefined),
    );
    const result = await instance.request(
      { method: req.method.toLowerCase() as 'get', url: { path: req.path, query }, headers, body: req.body },
      ops,
    )();
    if (result._tag === 'Left') {
      const e = result.left as Error & { status?: number };
      if (e.status === 404) throw new NotFound(`no operation of ${api.id} at ${req.method} ${req.path}`);
      throw new Internal('the spec-based responder failed', e.message);
    }
    const out = result.right.output;
    return {
      status: out.statusCode,
      body: out.body,
      headers: pagingHeaders(
        out.body,
        Object.fromEntries(Object.entries(out.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
      ),
    };
  }
}

/** Prism fills headers with schema placeholders ("string" for a boolean); list headers are made to tell the truth. */
function pagingHeaders(body: unknown, headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  if (Array.isArray(body)) {
    if ('x-total-count' in out) out['x-total-count'] = String(body.length);
    if ('x-result-count' in out) out['x-result-count'] = String(body.length);
  }
  if ('x-pagination-throttled' in out && !['true', 'false'].includes(out['x-pagination-throttled']))
    delete out['x-pagination-throttled'];
  return out;
}
