/**
 * One server of the mock benchmark, in its own process so that its CPU time can be read from /proc (the seller
 * itself is not here: bench/mock.ts runs the compiled CLI, `lso mock sonata-seller`, as users do):
 *   bare    fastify parsing the same JSON and answering a fixed body: the ceiling of any fastify server here
 *   sized   bare, but its fixed body is a stored order as big as the seller's (the same bytes on the wire)
 *   echo    fastify keeping each order as sent and answering it back: the same bytes as the mock, no checks, no state
 *   checked echo, plus the mock's contract check of each request (envelope and `@type` payloads): no rules, no state
 *   prism   @stoplight/prism-http in process behind fastify, on the same order spec, validating requests
 * Prints `READY <port>` once it listens.
 */
import Fastify from 'fastify';
import { Contracts } from '../../specs';
import { PrismBackend } from '../../runtime/server/prism';
import { checkRequest } from '../../runtime/server/request-check';
import type { Query } from '../../runtime/server/types';
import { EPL_ORDER, ORDER_BASE } from './order';

const FIXED = JSON.stringify({
  id: 'fixed-order',
  href: `${ORDER_BASE}/productOrder/fixed-order`,
  state: 'acknowledged',
  orderDate: '2025-01-01T00:00:00Z',
});

async function fixed(port: number, body: string): Promise<void> {
  const app = Fastify({ logger: false });
  app.post(`${ORDER_BASE}/productOrder`, async (_req, res) =>
    res.code(201).type('application/json;charset=utf-8').send(body),
  );
  app.get(`${ORDER_BASE}/productOrder/:id`, async (_req, res) => res.type('application/json;charset=utf-8').send(body));
  await app.listen({ port, host: '127.0.0.1' });
}

const bare = (port: number) => fixed(port, FIXED);

/** What the seller answers, give or take: the order as sent plus id, href, states, dates and the Seller's contact. */
const SIZED = JSON.stringify({
  ...JSON.parse(EPL_ORDER),
  id: 'fixed-order',
  href: `http://127.0.0.1${ORDER_BASE}/productOrder/fixed-order`,
  state: 'acknowledged',
  orderDate: '2025-01-01T00:00:00.000Z',
  stateChange: [{ state: 'acknowledged', changeDate: '2025-01-01T00:00:00.000Z' }],
});
const sized = (port: number) => fixed(port, SIZED);

async function echo(port: number): Promise<void> {
  const app = Fastify({ logger: false });
  const orders = new Map<string, string>();
  let n = 0;
  app.post(`${ORDER_BASE}/productOrder`, async (req, res) => {
    const id = String(++n);
    const json = JSON.stringify({
      ...(req.body as object),
      id,
      href: `${ORDER_BASE}/productOrder/${id}`,
      state: 'acknowledged',
    });
    orders.set(id, json);
    return res.code(201).type('application/json;charset=utf-8').send(json);
  });
  app.get(`${ORDER_BASE}/productOrder/:id`, async (req, res) =>
    res.type('application/json;charset=utf-8').send(orders.get((req.params as { id: string }).id) ?? FIXED),
  );
  await app.listen({ port, host: '127.0.0.1' });
}

/**
 * echo, plus the contract check the seller makes of each request (envelope and every `@type` payload, the mock's
 * own `checkRequest`), keeping the last 1000 orders: the least a mock that validates as the issue asks can do, with
 * no business rules and no lifecycle.
 */
async function checked(port: number): Promise<void> {
  const contracts = Contracts.load({ sdks: ['sonata'] });
  const app = Fastify({ logger: false });
  const orders = new Map<string, string>();
  let n = 0;
  app.post(`${ORDER_BASE}/productOrder`, async (req, res) => {
    checkRequest(
      contracts,
      'sonata.productOrder',
      'createProductOrder',
      { body: req.body, contentType: req.headers['content-type'], query: {}, params: {} },
      false,
    );
    const id = String(++n);
    const json = JSON.stringify({
      ...(req.body as object),
      id,
      href: `${ORDER_BASE}/productOrder/${id}`,
      state: 'acknowledged',
    });
    orders.set(id, json);
    // Bounded as the seller's memory store is (--retain 1000), so that memory does not weigh on its figure.
    if (orders.size > 1000) orders.delete(orders.keys().next().value!);
    return res.code(201).type('application/json;charset=utf-8').send(json);
  });
  app.get(`${ORDER_BASE}/productOrder/:id`, async (req, res) => {
    const { id } = req.params as { id: string };
    checkRequest(
      contracts,
      'sonata.productOrder',
      'retrieveProductOrder',
      { body: undefined, query: {}, params: { id } },
      false,
    );
    return res.type('application/json;charset=utf-8').send(orders.get(id) ?? FIXED);
  });
  await app.listen({ port, host: '127.0.0.1' });
}

async function prism(port: number): Promise<void> {
  const contracts = Contracts.load({ sdks: ['sonata'] });
  const api = contracts.api('sonata.productOrder');
  const backend = new PrismBackend(contracts.sdkDir);
  await backend.warm(api);
  const app = Fastify({ logger: false });
  app.all(`${ORDER_BASE}/*`, async (req, res) => {
    const r = await backend.handle(api, {
      method: req.method,
      path: req.url.split('?')[0].slice(ORDER_BASE.length),
      query: req.query as Query,
      headers: req.headers as Record<string, string>,
      body: req.body,
    });
    return res
      .code(r.status)
      .headers(r.headers ?? {})
      .type('application/json;charset=utf-8')
      .send(JSON.stringify(r.body));
  });
  await app.listen({ port, host: '127.0.0.1' });
}

// Exit normally on SIGINT, so that `node --cpu-prof` writes its profile.
process.on('SIGINT', () => process.exit(0));

const [kind, portArg] = process.argv.slice(2);
const servers: Record<string, (port: number) => Promise<void>> = { bare, sized, echo, checked, prism };
servers[kind](Number(portArg)).then(
  () => process.stdout.write(`READY ${portArg}\n`),
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  },
);
