import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sequentialIds } from '../../lib/ids';
import { silentLogger } from '../../lib/logger';
import { Contracts } from '../../specs';
import { buildSellerMock, type SellerMock, type SellerMockOptions } from '../../mocks/sonata-seller';

/** One catalogue per test file: loading it is the slow part of starting a mock. */
let contracts: Contracts | undefined;
export function sonataContracts(): Contracts {
  contracts ??= Contracts.load({ sdks: ['sonata'] });
  return contracts;
}

export const T0 = '2025-03-01T08:00:00.000Z';

/**
 * A seller mock as the project's tests run it: self-check on (any contract violation in its own responses or
 * events is recorded and fails the test), a frozen clock moved only by `advance`, readable ids, quick retries.
 */
export function startSeller(opts: SellerMockOptions = {}): Promise<SellerMock> {
  return buildSellerMock({
    listen: false,
    selfCheck: true,
    clockRate: 0,
    clockStart: T0,
    ids: sequentialIds(),
    logger: silentLogger,
    retry: { attempts: 4, baseDelayMs: 20, factor: 2, timeoutMs: 2000 },
    contracts: sonataContracts(),
    ...opts,
  });
}

/** Base path of an API, for `inject`. */
export function base(m: SellerMock, apiId: string): string {
  return m.contracts.api(apiId).basePath;
}

export const API = {
  order: 'sonata.productOrder',
  inventory: 'sonata.productInventory',
  poq: 'sonata.productOfferingQualification',
  quote: 'sonata.quote',
  address: 'sonata.geographicAddress',
  site: 'sonata.geographicSite',
  tt: 'sonata.troubleTicket',
  appointment: 'sonata.appointment',
  workOrder: 'sonata.workorder',
  catalog: 'sonata.productCatalog',
  poapd: 'sonata.productOfferingAvailabilityAndPricingDiscovery',
  billing: 'sonata.billing',
} as const;

/** A trouble ticket a Buyer opens on the seeded ENNI (MEF 124), with what a test adds or overrides. */
export function ticket(extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    description: 'no light on the UNI',
    observedImpact: 'down',
    priority: 'high',
    severity: 'extensive',
    ticketType: 'assistance',
    relatedContactInformation: [
      { role: 'reporterContact', name: 'NOC', emailAddress: 'noc@buyer.example.com', number: '+1-555-0199' },
    ],
    relatedEntity: [{ id: 'SP1_ENNI', '@referredType': 'Product', role: 'affectedProduct' }],
    ...extra,
  };
}

export interface Call {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/** A JSON request through `inject` (no socket). */
export async function call(
  m: SellerMock,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<Call> {
  const r = await m.app.inject({
    method: method as 'GET',
    url,
    payload: payload as object,
    headers: payload !== undefined ? { 'content-type': 'application/json;charset=utf-8', ...headers } : headers,
  });
  let body: unknown;
  try {
    body = r.body ? JSON.parse(r.body) : undefined;
  } catch {
    body = r.body;
  }
  return { status: r.statusCode, body, headers: r.headers as Call['headers'] };
}

/** The self-check must stay silent: every response and event the mock produced matched its contract. */
export function expectNoSelfCheckFailures(m: SellerMock): void {
  const found = m.control.selfCheckFailures();
  m.control.clearSelfCheck();
  expect(found).toEqual([]);
}

export interface Received {
  path: string;
  contentType?: string;
  body: any;
  at: number;
}

/**
 * A Buyer's listener on a real port: records every notification, answers 204 (or what `respond` says, to exercise
 * the Seller's retries), and checks each against its notification API with the contract.
 */
export class Listener {
  readonly received: Received[] = [];
  readonly problems: string[] = [];
  respond: (r: Received, attempt: number) => number = () => 204;
  private server!: Server;
  private attempts = new Map<string, number>();
  url = '';

  constructor(private readonly c: Contracts) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.receive(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/buyer/listener`;
    return this;
  }

  private receive(req: IncomingMessage, res: import('node:http').ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        this.problems.push(`${req.url}: body is not JSON: ${text.slice(0, 80)}`);
      }
      const path = (req.url ?? '').replace(new URL(this.url).pathname, '');
      const r: Received = { path, contentType: req.headers['content-type'], body, at: Date.now() };
      const key = `${body?.eventId}`;
      const attempt = (this.attempts.get(key) ?? 0) + 1;
      this.attempts.set(key, attempt);
      const status = this.respond(r, attempt);
      if (status < 300) {
        this.received.push(r);
        this.check(r);
      }
      res.statusCode = status;
      res.end();
    });
  }

  /** The path names the notification API and the event type; the body must be what that listener operation accepts. */
  private check(r: Received): void {
    const api = this.c.apis.find((a) => a.kind === 'notification' && r.path.includes(`${a.basePath}/listener/`));
    if (!api) return void this.problems.push(`${r.path}: no notification API has this base path`);
    const hit = this.c.match(
      api.id,
      'post',
      r.path.slice(r.path.indexOf(`${api.basePath}/listener/`) + api.basePath.length),
    );
    if (!hit) return void this.problems.push(`${r.path}: ${api.id} has no such listener`);
    const typeInPath = r.path.split('/').pop()!;
    const aliases: Record<string, string> = {
      categoryStatusChangeEvent: 'categoryStateChangeEvent',
      productOfferingStatusChangeEvent: 'productOfferingStateChangeEvent',
      productSpecificationStatusChangeEvent: 'productSpecificationStateChangeEvent',
    };
    if (r.body?.eventType !== (aliases[typeInPath] ?? typeInPath))
      this.problems.push(`${r.path}: eventType ${r.body?.eventType} does not match the path`);
    const v = this.c.validateRequest(
      api.id,
      hit.op.operationId,
      { body: r.body, contentType: r.contentType },
      { strict: true },
    );
    if (!v.valid) this.problems.push(`${r.path}: ${v.violations.map((x) => `${x.pointer} ${x.message}`).join('; ')}`);
  }

  of(eventType: string, id?: string): Received[] {
    return this.received.filter(
      (r) => r.body?.eventType === eventType && (id === undefined || r.body?.event?.id === id),
    );
  }

  /** Event types received about one entity, in arrival order (`type` or `type:itemId`). */
  sequence(id: string): string[] {
    return this.received
      .filter((r) => r.body?.event?.id === id)
      .map((r) => {
        const e = r.body.event;
        const item = e.orderItemId ?? e.poqItemId ?? e.quoteItemId;
        return item ? `${r.body.eventType}:${item}` : r.body.eventType;
      });
  }

  clear(): void {
    this.received.length = 0;
  }

  /** Problems found so far, forgotten once read (so that one failing test does not fail the next). */
  takeProblems(): string[] {
    return this.problems.splice(0);
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** Polls until `fn` holds (events travel over real sockets); fails with `what` after `ms`. */
export async function eventually(what: string, fn: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
