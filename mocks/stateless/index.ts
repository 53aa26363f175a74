import Fastify, { type FastifyInstance } from 'fastify';
import { UsageError } from '../../lib/errors';
import { Contracts, SDK_NAMES, type ApiEntry, type SdkName } from '../../specs';
import { mefErrors } from '../../runtime/server/error-bodies/mef';
import { HttpError, Internal, NotFound } from '../../runtime/server/errors';
import { PrismBackend } from '../../runtime/server/prism';
import { JSON_TYPE } from '../../runtime/server/edge';
import type { Query } from '../../runtime/server/types';

export interface StatelessMockOptions {
  /** Catalogue API ids (`legato.serviceOrdering`), or SDK names (`legato`) for all of that SDK's served APIs. */
  apis: string[];
  listen?: boolean;
  port?: number;
  host?: string;
  sdk?: string;
  contracts?: Contracts;
}

export interface StatelessMock {
  app: FastifyInstance;
  url: string;
  baseUrls: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Which APIs a selection names: exact ids, or every API (not listener-only) of an SDK. Variants of one API share a
 * base path (Presto's four files, streaming management's two): named by the SDK, the first variant is served;
 * named explicitly, two of them are a conflict.
 */
export function selectApis(contracts: Contracts, names: string[]): ApiEntry[] {
  const byBase = new Map<string, ApiEntry>();
  for (const name of names) {
    const bySdk = (SDK_NAMES as readonly string[]).includes(name);
    const apis = bySdk
      ? contracts.apis.filter((a) => a.sdk === (name as SdkName) && a.kind === 'management')
      : [contracts.api(name)];
    for (const a of apis) {
      const other = byBase.get(a.basePath);
      if (other && other.id !== a.id && !bySdk)
        throw new UsageError(`${a.id} and ${other.id} share the base path ${a.basePath}; serve them one at a time`);
      if (!other) byBase.set(a.basePath, a);
    }
  }
  return [...byBase.values()];
}

/**
 * Any API of the catalogue (Cantata, Legato, Interlude and Presto included) answered from its spec alone through
 * @stoplight/prism-http: what a Buyer can develop against before a stateful mock exists for it.
 */
export async function buildStatelessMock(opts: StatelessMockOptions): Promise<StatelessMock> {
  const contracts = opts.contracts ?? Contracts.load({ sdk: opts.sdk });
  const apis = selectApis(contracts, opts.apis);
  if (apis.length === 0) throw new UsageError(`nothing to serve for ${opts.apis.join(', ')}`);
  const prism = new PrismBackend(contracts.sdkDir);
  for (const api of apis) await prism.warm(api);
  const app = Fastify({ logger: false });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  for (const api of apis) {
    app.all(`${api.basePath}/*`, async (req, res) => {
      const path = req.url.split('?')[0].slice(api.basePath.length);
      let r;
      try {
        r = await prism.handle(api, {
          method: req.method,
          path,
          query: req.query as Query,
          headers: req.headers as Record<string, string>,
          body: req.body,
        });
      } catch (e) {
        r = mefErrors.render(
          e instanceof HttpError ? e : new Internal('the spec responder failed', (e as Error).message),
        );
      }
      res.code(r.status).headers(r.headers ?? {});
      return r.body === undefined || r.status === 204 ? res.send() : res.type(JSON_TYPE).send(JSON.stringify(r.body));
    });
  }
  app.setNotFoundHandler((req, res) =>
    res
      .code(404)
      .type(JSON_TYPE)
      .send(
        JSON.stringify(mefErrors.render(new NotFound(`no operation at ${req.method} ${req.url.split('?')[0]}`)).body),
      ),
  );
  let url = '';
  if (opts.listen !== false) {
    await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
    const addr = app.server.address();
    if (addr && typeof addr === 'object')
      url = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  } else await app.ready();
  return {
    app,
    url,
    baseUrls: Object.fromEntries(apis.map((a) => [a.id, `${url}${a.basePath}`])),
    close: () => app.close(),
  };
}
