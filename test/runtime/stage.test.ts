import { systemClock } from '../../lib/clock';
import { CancelledError, WaitTimeoutError } from '../../runtime/http/errors';
import { sequentialIds } from '../../lib/ids';
import { Stage } from '../../runtime/http/stage';
import { sonata } from '../suites/harness/helpers/contracts';

const ORDER = '/mefApi/sonata/productOrderingManagement/v10';
let stage: Stage;
async function start() {
  stage = new Stage(
    { host: '127.0.0.1', port: 0, apis: ['sonata.productOrder'], strict: false },
    { contracts: sonata(), clock: systemClock, ids: sequentialIds() },
  );
  await stage.start();
  return stage;
}
afterEach(async () => stage?.close());

async function send(method: string, path: string, body?: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${stage.url()}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json;charset=utf-8' } : {},
    body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('stage: the harness as a server, every exchange checked and kept', () => {
  test('without a responder every operation is answered 501 in the MEF error shape, recorded as the undocumented status it is', async () => {
    await start();
    expect(await send('GET', `${ORDER}/productOrder/PO-1`)).toEqual({
      status: 501,
      json: { code: 'notImplemented', reason: expect.stringContaining('retrieveProductOrder') },
    });
    const [x] = stage.exchanges();
    expect(x).toMatchObject({
      index: 0,
      api: 'sonata.productOrder',
      operationId: 'retrieveProductOrder',
      pathParams: { id: 'PO-1' },
      status: 501,
    });
    expect(x.record.violations).toEqual([expect.objectContaining({ rule: 'status', found: 501 })]);
    expect(x.record).toMatchObject({
      id: 'stg-1',
      requestViolations: [],
      request: { method: 'GET', url: `${stage.url()}${ORDER}/productOrder/PO-1` },
    });
    expect(x.record.curl.startsWith(`curl -sS -i -X GET '${stage.url()}${ORDER}/productOrder/PO-1'`)).toBe(true);
  });

  test('a responder answers with the request matched and checked; a reply that breaks the contract is recorded against it', async () => {
    await start();
    stage.respondWith((req) =>
      req.operationId === 'registerListener'
        ? { status: 201, body: { id: 'H1', callback: (req.json as { callback: string }).callback } }
        : { status: 200, body: { nonsense: true } },
    );
    expect(await send('POST', `${ORDER}/hub`, JSON.stringify({ callback: 'http://buyer.example/cb' }))).toEqual({
      status: 201,
      json: { id: 'H1', callback: 'http://buyer.example/cb' },
    });
    await send('GET', `${ORDER}/productOrder/PO-1`);
    const [hub, get] = stage.exchanges();
    expect(hub.record).toMatchObject({ operationId: 'registerListener', requestViolations: [], violations: [] });
    expect(get.record.violations.length).toBeGreaterThan(0);
  });

  test.each([
    ['garbage JSON', 'POST', `${ORDER}/hub`, '{ not json', 400, 'json'],
    ['a body over 1 MiB', 'POST', `${ORDER}/hub`, JSON.stringify({ callback: 'x'.repeat(1_100_000) }), 413, 'size'],
    ['a path no operation has', 'GET', '/somewhere/else', undefined, 404, 'path'],
    ['a body that breaks the contract', 'POST', `${ORDER}/hub`, JSON.stringify({ query: 42 }), 501, 'required'],
  ])('%s is an exchange with a request violation, never a crash', async (_name, method, path, body, status, rule) => {
    await start();
    expect((await send(method, path, body)).status).toBe(status);
    const [x] = stage.exchanges();
    expect(x.record.requestViolations).toEqual(expect.arrayContaining([expect.objectContaining({ rule })]));
    expect((await send('GET', `${ORDER}/productOrder/PO-2`)).status).toBe(501); // still serving
  });

  test('a responder that throws is a 500 and a recorded violation', async () => {
    await start();
    stage.respondWith(() => {
      throw new Error('boom');
    });
    expect((await send('GET', `${ORDER}/productOrder/PO-1`)).status).toBe(500);
    expect(stage.exchanges()[0].record.violations).toEqual([
      expect.objectContaining({ rule: 'responder', message: expect.stringContaining('boom') }),
    ]);
  });

  test('waitFor finds an exchange already there and one still to come; it is bounded and cancellable', async () => {
    await start();
    await send('GET', `${ORDER}/productOrder/A`);
    expect((await stage.waitFor((x) => x.pathParams.id === 'A', { what: 'A', timeoutMs: 100 })).index).toBe(0);
    const later = stage.waitFor((x) => x.pathParams.id === 'B', { what: 'B', timeoutMs: 2000 });
    await send('GET', `${ORDER}/productOrder/B`);
    expect((await later).index).toBe(1);
    await expect(stage.waitFor(() => false, { what: 'a request that never comes', timeoutMs: 50 })).rejects.toThrow(
      WaitTimeoutError,
    );
    const aborted = new AbortController();
    const waiting = stage.waitFor(() => false, { what: 'x', timeoutMs: 5000, signal: aborted.signal });
    aborted.abort();
    await expect(waiting).rejects.toThrow(CancelledError);
    const closing = stage.waitFor(() => false, { what: 'x', timeoutMs: 5000 });
    await stage.close();
    await expect(closing).rejects.toThrow(CancelledError);
  });
});
