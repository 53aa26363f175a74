import { isoAt, type Clock } from '../../lib/clock';
import { HarnessError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { ApiEntry, Contracts } from '../../specs';
import { checkHandlerCoverage, routesOf, type RouteSpec } from './routes';
import { BadRequest, InjectedFault, Internal, MockHttpError } from './errors';
import type { FaultInjector } from './faults';
import type { Notifier } from '../hubs/notifier';
import { resolvePartner, type PartnerPolicy } from './partners';
import type { PrismBackend } from './prism';
import { checkRequest } from './request-check';
import type { SelfCheck } from './self-check';
import type { Store } from '../state/store/store';
import { PRISM, type HandlerTable, type Query, type Reply, type RequestInput } from './types';

export interface EngineDeps {
  contracts: Contracts;
  apis: ApiEntry[];
  handlers: HandlerTable;
  store: Store;
  notifier: Notifier;
  faults: FaultInjector;
  partners: PartnerPolicy;
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

/** Header a Buyer may send to choose the outcome of what it creates (see the README's control API section). */
export const OUTCOME_HEADER = 'x-lso-outcome';
export const FAULT_HEADER = 'x-lso-fault';

/**
 * Everything a mock does with a request except speaking HTTP: faults, partners, the contract check, the handler
 * (inside one store transaction whose events are sent only if it succeeds), the self-check and the journal.
 * Every error becomes its MEF body here and nowhere else.
 */
export class Engine {
  readonly routes: RouteSpec[];

  constructor(private readonly deps: EngineDeps) {
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
    let partnerKey: string | undefined;
    try {
      if (fault.failStatus !== undefined) {
        check = false;
        throw new InjectedFault(fault.failStatus);
      }
      const declared = op.parameters.some((p) => p.in === 'query' && p.name === 'buyerId');
      const partner = resolvePartner(deps.partners, raw.query, raw.headers.authorization, declared);
      partnerKey = partner.key;
      checkRequest(deps.contracts, api.id, op.operationId, { body: raw.body, contentType: raw.headers['content-type'], query: raw.query, params: raw.params }, deps.strict);
      const handler = deps.handlers[api.id][op.operationId];
      if (handler === PRISM) {
        if (!deps.prism) throw new Internal(`${api.id} ${op.operationId} is answered from the spec, but no spec responder is configured`);
        reply = await deps.prism.handle(api, { method: raw.method, path: raw.path.slice(api.basePath.length), query: raw.query, headers: raw.headers, body: raw.body });
      } else {
        const input: RequestInput = { apiId: api.id, operationId: op.operationId, method: raw.method, path: raw.path, params: raw.params, query: raw.query, body: raw.body, headers: raw.headers, partner };
        const run = () => deps.notifier.batch(() => handler(input));
        // Reads need no transaction; writes get one, so a failed handler leaves nothing half-done behind.
        reply = op.method === 'get' ? run() : deps.store.transaction(run);
      }
    } catch (e) {
      reply = this.asDocumented(route, this.errorReply(e));
    }
    if (check && deps.selfCheck) reply = this.selfChecked(route, reply);
    if (deps.journal) {
      deps.store.append('journal', {
        at: isoAt(deps.clock),
        method: raw.method,
        path: raw.path,
        query: raw.query,
        apiId: api.id,
        operationId: op.operationId,
        partner: partnerKey,
        outcome: raw.headers[OUTCOME_HEADER],
        ...journalBody(raw),
        status: reply.status,
        ...(reply.status >= 400 ? { error: reply.body } : {}),
        ms: Math.round((performance.now() - started) * 1000) / 1000,
      });
    }
    return reply;
  }

  /** The MEF error of a request the edge could not even read (bad JSON, too big, no such route). */
  edgeError(route: RouteSpec | undefined, err: MockHttpError, raw: Pick<RawRequest, 'method' | 'path'>): Reply {
    const reply = this.errorReply(err);
    if (this.deps.journal) {
      this.deps.store.append('journal', { at: isoAt(this.deps.clock), method: raw.method, path: raw.path, apiId: route?.api.id, operationId: route?.op.operationId, status: reply.status, error: reply.body });
    }
    // A 413 is not in the contract; everything else the edge answers is, and is checked like any response.
    return route && this.deps.selfCheck && reply.status !== 413 ? this.selfChecked(route, reply) : reply;
  }

  /**
   * Some operations declare no 422 (PATCH /charge, POST /hub): what would be a 422 there is the 400 `invalidBody`
   * the operation does declare, with every problem kept in the message.
   */
  private asDocumented(route: RouteSpec, reply: Reply): Reply {
    if (reply.status !== 422 || route.op.responses.some((r) => r.status === '422')) return reply;
    const problems = reply.body as Array<{ reason: string; propertyPath?: string }>;
    const detail = problems.map((p) => `${p.propertyPath ?? ''} ${p.reason}`.trim()).join('; ');
    return { status: 400, body: new BadRequest('invalidBody', problems[0]?.reason ?? 'the request body is not acceptable', detail).body() };
  }

  private errorReply(e: unknown): Reply {
    if (e instanceof MockHttpError) return { status: e.status, body: e.body() };
    this.deps.log.error({ err: e }, 'mock handler failed');
    return { status: 500, body: new Internal('the mock failed to handle this request', (e as Error)?.message).body() };
  }

  private selfChecked(route: RouteSpec, reply: Reply): Reply {
    const body = reply.body === undefined && reply.bytes !== undefined ? JSON.parse(reply.bytes.toString('utf8')) : reply.body;
    const r = this.deps.selfCheck!.response(route.api.id, route.op.operationId, { ...reply, body });
    if (r.valid) return reply;
    const detail = [...r.violations.map((v) => `${v.in ?? 'body'} ${v.pointer || '/'}: ${v.message}`), ...r.unchecked.map((u) => `${u.pointer || '/'}: ${u.reason}`)].join('; ');
    return { status: 500, headers: { 'x-lso-self-check': 'failed' }, body: new Internal(`self-check: the mock's ${reply.status} response breaks the contract`, detail).body() };
  }
}
