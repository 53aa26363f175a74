import { isoAt, type Clock } from '../../lib/clock';
import { HarnessError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { ApiEntry, Contracts } from '../../specs';
import type { EdgeMount } from './edge';
import { checkHandlerCoverage, routesOf, type RouteSpec } from './routes';
import type { ErrorBodies } from './error-bodies/error-bodies';
import { InjectedFault, Internal, HttpError } from './errors';
import type { FaultInjector } from './faults';
import type { Notifier } from '../hubs/notifier';
import type { PrismBackend } from './prism';
import { checkRequest } from './request-check';
import type { SelfCheck } from './self-check';
import type { Store } from '../state/store/store';
import type { Tenancy } from './tenancy';
import { FAULT_HEADER, OUTCOME_HEADER, SELF_CHECK_HEADER } from '../control/protocol';
import { PRISM, type HandlerTable, type Query, type Reply, type RequestInput } from './types';

export interface PipelineDeps {
  contracts: Contracts;
  apis: ApiEntry[];
  handlers: HandlerTable;
  store: Store;
  notifier: Notifier;
  faults: FaultInjector;
  /** Whom each request is for (a Sonata Seller's Buyers; one tenant for most actors). */
  tenancy: Tenancy;
  /** The protocol's error body shape (MEF `Error`, `ietf-restconf:errors`). */
  errors: ErrorBodies;
  clock: Clock;
  log: Logger;
  strict: boolean;
  selfCheck?: SelfCheck;
  prism?: PrismBackend;
  journal: boolean;
}

/** A request as the HTTP edge read it, before anything is judged. */
export interface RawRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Query;
  headers: Record<string, string | undefined>;
  body: unknown;
}

/** Bodies up to this size are kept in the journal; bigger ones (a full order) only by size, so memory stays bounded. */
export const JOURNAL_BODY_LIMIT = 8 * 1024;

function journalBody(raw: RawRequest): Record<string, unknown> {
  if (raw.body === undefined) return {};
  const size = Number(raw.headers['content-length'] ?? 0);
  // A copy: handlers keep the parsed body and change it (an order's items get their products).
  return size > JOURNAL_BODY_LIMIT ? { bodyBytes: size } : { body: structuredClone(raw.body) };
}

/**
 * Everything an actor's server does with a request except speaking HTTP: faults, tenancy, the contract check, the
 * handler (inside one store transaction whose events are sent only if it succeeds), the self-check and the journal.
 * Every error becomes its protocol's body here and nowhere else.
 */
export class Pipeline {
  readonly routes: RouteSpec[];

  constructor(private readonly deps: PipelineDeps) {
    const problems = checkHandlerCoverage(deps.apis, deps.handlers);
    if (problems.length) throw new HarnessError(`the mock does not cover its APIs:\n  ${problems.join('\n  ')}`);
    this.routes = routesOf(deps.apis);
  }

  async handle(route: RouteSpec, raw: RawRequest): Promise<Reply> {
    const { deps } = this;
    const started = performance.now();
    const { api, op } = route;
    const fault = deps.faults.decide(api.id, op.operationId, raw.headers[FAULT_HEADER]);
    if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
    let reply: Reply;
    let check = true;
    let tenantKey: string | undefined;
    try {
      if (fault.failStatus !== undefined) {
        check = false;
        throw new InjectedFault(fault.failStatus);
      }
      const tenant = deps.tenancy({ query: raw.query, headers: raw.headers, operation: op });
      tenantKey = tenant.key;
      checkRequest(
        deps.contracts,
        api.id,
        op.operationId,
        { body: raw.body, contentType: raw.headers['content-type'], query: raw.query, params: raw.params },
        deps.strict,
      );
      const handler = deps.handlers[api.id][op.operationId];
      if (handler === PRISM) {
        if (!deps.prism)
          throw new Internal(
            `${api.id} ${op.operationId} is answered from the spec, but no spec responder is configured`,
          );
        reply = await deps.prism.handle(api, {
          method: raw.method,
          path: raw.path.slice(api.basePath.length),
          query: raw.query,
          headers: raw.headers,
          body: raw.body,
        });
      } else {
        const input: RequestInput = {
          apiId: api.id,
          operationId: op.operationId,
          method: raw.method,
          path: raw.path,
          params: raw.params,
          query: raw.query,
          body: raw.body,
          headers: raw.headers,
          tenant,
        };
        const run = () => deps.notifier.batch(() => handler(input));
        // Reads need no transaction; writes get one, so a failed handler leaves nothing half-done behind.
        reply = op.method === 'get' ? run() : deps.store.transaction(run);
      }
    } catch (e) {
      reply = this.errorReply(e, route);
    }
    if (check && deps.selfCheck) reply = this.selfChecked(route, reply);
    this.journal(raw, started, reply, {
      apiId: api.id,
      operationId: op.operationId,
      tenant: tenantKey,
      outcome: raw.headers[OUTCOME_HEADER],
    });
    return reply;
  }

  /** A request to a role's own router (edge.ts `EdgeMount`): its reply or its error, and its journal entry. */
  async handleMount(mount: EdgeMount, raw: RawRequest): Promise<Reply> {
    const started = performance.now();
    const warnings: string[] = [];
    // Faults reach a mount as they reach a contract route: its prefix stands for the API, its operation for the op.
    const fault = this.deps.faults.decide(mount.prefix, mount.operation?.(raw) ?? '', raw.headers[FAULT_HEADER]);
    if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
    let reply: Reply;
    try {
      if (fault.failStatus !== undefined) throw new InjectedFault(fault.failStatus);
      reply = await mount.handle(raw, (w) => warnings.push(w));
    } catch (e) {
      reply = this.errorReply(e);
    }
    this.journal(raw, started, reply, {
      mount: mount.prefix,
      ...(warnings.length ? { warnings } : {}),
      ...(fault.failStatus !== undefined ? { fault: fault.failStatus } : {}),
      outcome: raw.headers[OUTCOME_HEADER],
    });
    return reply;
  }

  /** The MEF error of a request the edge could not even read (bad JSON, too big, no such route). */
  edgeError(route: RouteSpec | undefined, err: HttpError, raw: Pick<RawRequest, 'method' | 'path'>): Reply {
    const reply = this.errorReply(err, route);
    if (this.deps.journal) {
      this.deps.store.append('journal', {
        at: isoAt(this.deps.clock),
        method: raw.method,
        path: raw.path,
        apiId: route?.api.id,
        operationId: route?.op.operationId,
        status: reply.status,
        error: reply.body,
      });
    }
    // A 413 is not in the contract; everything else the edge answers is, and is checked like any response.
    return route && this.deps.selfCheck && reply.status !== 413 ? this.selfChecked(route, reply) : reply;
  }

  /** One journal entry for a request the pipeline answered: what came in, what it was, and what went out. */
  private journal(raw: RawRequest, started: number, reply: Reply, about: Record<string, unknown>): void {
    if (!this.deps.journal) return;
    this.deps.store.append('journal', {
      at: isoAt(this.deps.clock),
      method: raw.method,
      path: raw.path,
      query: raw.query,
      ...about,
      ...journalBody(raw),
      status: reply.status,
      ...(reply.status >= 400 ? { error: reply.body } : {}),
      ms: Math.round((performance.now() - started) * 1000) / 1000,
    });
  }

  /** The error's body in the actor's protocol; anything untyped is the server's own failure (500). */
  errorReply(e: unknown, route?: RouteSpec): Reply {
    if (e instanceof HttpError) return this.deps.errors.render(e, route?.op);
    this.deps.log.error({ err: e }, 'handler failed');
    return this.deps.errors.render(
      new Internal('the server failed to handle this request', (e as Error)?.message),
      route?.op,
    );
  }

  private selfChecked(route: RouteSpec, reply: Reply): Reply {
    const body =
      reply.body === undefined && reply.bytes !== undefined ? JSON.parse(reply.bytes.toString('utf8')) : reply.body;
    const r = this.deps.selfCheck!.response(route.api.id, route.op.operationId, { ...reply, body });
    if (r.valid) return reply;
    const detail = [
      ...r.violations.map((v) => `${v.in ?? 'body'} ${v.pointer || '/'}: ${v.message}`),
      ...r.unchecked.map((u) => `${u.pointer || '/'}: ${u.reason}`),
    ].join('; ');
    const failed = this.deps.errors.render(
      new Internal(`self-check: the mock's ${reply.status} response breaks the contract`, detail),
      route.op,
    );
    return { ...failed, headers: { ...failed.headers, [SELF_CHECK_HEADER]: 'failed' } };
  }
}
