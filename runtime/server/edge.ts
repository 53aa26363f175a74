import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { RouteSpec } from './routes';
import { BadRequest, Internal, HttpError, NotFound, PayloadTooLarge } from './errors';
import { mefErrors } from './error-bodies/mef';
import type { Pipeline, RawRequest } from './pipeline';
import type { UnparsedBody } from './request-check';
import type { Query, Reply } from './types';

/** One route of a control API: plain data in, a reply out, like the MEF handlers. */
export interface ControlRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the control prefix, fastify syntax (`/entities/:kind/:id`). */
  path: string;
  describe: string;
  handler: (req: { params: Record<string, string>; query: Query; body: unknown }) => Reply | Promise<Reply>;
}

/**
 * A URL prefix a role serves with its own router (RESTCONF's `/restconf`), not from an OpenAPI contract: every
 * method, every path under it. Requests still go through the pipeline's error rendering and journal.
 */
export interface EdgeMount {
  /** `/restconf`: the prefix itself and everything under it. */
  prefix: string;
  /** Gets the request as read; `warn` adds a conformance warning to the request's journal entry. */
  handle: (raw: RawRequest, warn: (message: string) => void) => Promise<Reply>;
  /** The operation a request names (an RPC), which injected faults may be limited to (`/_lso/faults` operationId). */
  operation?: (raw: RawRequest) => string | undefined;
}

export interface ServerOptions {
  /** Largest request body accepted, in bytes; a bigger one gets 413. */
  bodyLimit: number;
  controlPrefix: string;
  control: ControlRoute[];
  /** The role's own routers, beside the contract routes. */
  mounts?: EdgeMount[];
}

export const JSON_TYPE = 'application/json;charset=utf-8';

declare module 'fastify' {
  interface FastifyContextConfig {
    lsoRoute?: RouteSpec;
  }
}

function send(res: FastifyReply, reply: Reply): FastifyReply {
  res.code(reply.status);
  if (reply.headers) res.headers(reply.headers);
  if (reply.stream) {
    const stream = reply.stream;
    res.raw.on('close', () => stream.destroy());
    return res.send(stream);
  }
  if ((reply.body === undefined && reply.bytes === undefined) || reply.status === 204) return res.send();
  if (!reply.headers?.['content-type']) res.type(JSON_TYPE);
  // Bytes, not a string: Node would prepend the headers to a string body, copying all of it once more.
  return res.send(reply.bytes ?? Buffer.from(JSON.stringify(reply.body)));
}

function headersOf(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The edge's own failures, as the typed errors the pipeline renders in the actor's protocol. */
function edgeErrorOf(err: Error & { code?: string; statusCode?: number }): HttpError {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PayloadTooLarge(`the request body is larger than this mock accepts`);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new BadRequest('invalidBody', 'the request body is not valid JSON', err.message);
    default:
      if (err instanceof SyntaxError || err.statusCode === 400)
        return new BadRequest('invalidBody', 'the request body could not be read', err.message);
      return new Internal('the mock failed to read this request', err.message);
  }
}

/**
 * The one place an actor's server touches fastify: a route per contract operation, the control API under its prefix,
 * and the edge errors (unreadable JSON, oversized body, unknown path) rendered by the pipeline. The control API is
 * this project's own protocol, so its errors keep one shape (MEF's) whatever protocol the actor speaks.
 */
export function buildServer(pipeline: Pipeline, opts: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: opts.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
  });

  // Any other content type is read as-is and judged against the operation's contract (400 invalidBody), never a bare 415.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, _body, done) => {
    const marker: UnparsedBody = { unparsed: true, contentType: String(req.headers['content-type'] ?? '') };
    done(null, marker);
  });

  // RFC 8040's JSON media type (RFC 7951 JSON), read like application/json; an empty body is an absent one (an RPC
  // without input is invoked with none, RFC 8040 §3.6).
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/yang-data+json', { parseAs: 'string' }, (req, body, done) =>
    body === '' ? done(null, undefined) : json(req, String(body), done),
  );

  for (const route of pipeline.routes) {
    app.route({
      method: route.op.method.toUpperCase() as 'GET',
      url: route.url,
      config: { lsoRoute: route },
      handler: async (req, res) => {
        const raw: RawRequest = {
          method: req.method,
          path: req.url.split('?')[0],
          params: req.params as Record<string, string>,
          query: req.query as Query,
          headers: headersOf(req),
          body: req.body,
        };
        return send(res, await pipeline.handle(route, raw));
      },
    });
  }

  for (const mount of opts.mounts ?? []) {
    const prefix = mount.prefix.replace(/\/+$/, '');
    for (const url of [prefix, `${prefix}/*`]) {
      // An empty body is an absent one whatever type it is labelled (an RPC without input, RFC 8040 §3.6): fastify's
      // JSON parser would refuse it, so the label goes before parsing.
      const dropEmptyBodyType = async (req: FastifyRequest) => {
        const length = req.headers['content-length'];
        if (length === '0' || (length === undefined && !req.headers['transfer-encoding']))
          delete req.headers['content-type'];
      };
      app.all(url, { preParsing: dropEmptyBodyType }, async (req, res) => {
        const raw: RawRequest = {
          method: req.method,
          // Raw: the role decodes (RESTCONF list keys are percent-encoded, `%2F` must stay inside its segment).
          path: req.raw.url?.split('?')[0] ?? req.url.split('?')[0],
          params: {},
          query: req.query as Query,
          headers: headersOf(req),
          body: req.body,
        };
        return send(res, await pipeline.handleMount(mount, raw));
      });
    }
  }

  for (const c of opts.control) {
    app.route({
      method: c.method,
      url: `${opts.controlPrefix}${c.path}`,
      handler: async (req, res) => {
        try {
          return send(
            res,
            await c.handler({
              params: req.params as Record<string, string>,
              query: req.query as Query,
              body: req.body,
            }),
          );
        } catch (e) {
          return send(
            res,
            mefErrors.render(e instanceof HttpError ? e : new Internal('control request failed', (e as Error).message)),
          );
        }
      },
    });
  }

  app.setErrorHandler((err: Error & { code?: string; statusCode?: number }, req, res) => {
    const route = req.routeOptions?.config?.lsoRoute;
    return send(res, pipeline.edgeError(route, edgeErrorOf(err), { method: req.method, path: req.url.split('?')[0] }));
  });
  app.setNotFoundHandler((req, res) =>
    send(
      res,
      pipeline.edgeError(undefined, new NotFound(`no operation at ${req.method} ${req.url.split('?')[0]}`), {
        method: req.method,
        path: req.url,
      }),
    ),
  );
  return app;
}
