import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createAuth } from '../../runtime/http/auth';
import { CheckingClient, type CallSpec } from '../../runtime/http/checking-client';
import { systemClock } from '../../lib/clock';
import { contractVerdict } from '../../suites/harness/contract-verdict';
import { sequentialIds } from '../../lib/ids';
import type { AuthConfig } from '../../runtime/http/auth';
import { sonata } from '../suites/harness/helpers/contracts';
import {
  json,
  startHttp,
  startMisbehavingSeller,
  type Misbehaviour,
  type TestServer,
} from '../suites/harness/helpers/servers';
import { findTool } from '../suites/harness/helpers/tools';

const run = promisify(execFile);
const API = 'sonata.productOrder';
const BASE = '/mefApi/sonata/productOrderingManagement/v10';
const REGISTER: CallSpec = {
  api: API,
  operationId: 'registerListener',
  body: { callback: 'http://buyer.example/cb', query: 'eventType=productOrderStateChangeEvent' },
};

function client(url: string, opts: { auth?: AuthConfig; timeoutMs?: number } = {}) {
  const timeoutMs = opts.timeoutMs ?? 2000;
  return new CheckingClient({
    contracts: sonata(),
    baseUrls: new Map([[API, `${url}${BASE}`]]),
    auth: createAuth(opts.auth ?? { type: 'none' }, { clock: systemClock, timeoutMs }),
    clock: systemClock,
    ids: sequentialIds(),
    timeoutMs,
    strict: true,
  });
}

const servers: TestServer[] = [];
async function seller(kind: Misbehaviour) {
  const s = await startMisbehavingSeller(kind);
  servers.push(s);
  return s;
}
afterAll(async () => Promise.all(servers.map((s) => s.close())));

describe('checking client: every exchange gets the right verdict, with evidence', () => {
  test('a conforming exchange passes and is recorded in full', async () => {
    const s = await seller('conforming');
    const ex = await client(s.url).send(REGISTER);
    expect(contractVerdict(ex)).toMatchObject({ verdict: 'pass', violations: [] });
    expect(ex.status).toBe(201);
    expect(ex.json).toEqual({ id: 'hub-1', callback: 'http://buyer.example/cb' });
    expect(ex.record.request).toMatchObject({
      method: 'POST',
      url: `${s.url}${BASE}/hub`,
      body: JSON.stringify(REGISTER.body),
    });
    expect(ex.record.request.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(ex.record.response).toMatchObject({
      status: 201,
      headers: { 'content-type': 'application/json;charset=utf-8' },
    });
    expect(ex.record).toMatchObject({ id: 'ex-1', api: API, operationId: 'registerListener' });
    expect(ex.record.curl).toMatch(/^curl -sS -i -X POST '.*\/hub' /);
  });

  test.each([
    ['wrong-status', 'status', 'status'],
    ['wrong-content-type', 'contentType', 'content-type'],
    ['non-json', 'json', 'body'],
    ['5xx-storm', 'status', 'status'],
  ] as const)('%s is a fail naming the %s rule', async (kind, rule, where) => {
    const ex = await client((await seller(kind)).url).send(REGISTER);
    const v = contractVerdict(ex);
    expect(v.verdict).toBe('fail');
    expect(v.violations).toContainEqual(expect.objectContaining({ rule, in: where }));
    expect(ex.record.response).toBeDefined();
    expect(ex.record.violations).toEqual(v.violations);
  });

  test('a schema violation is a fail pointing into the body, citing the spec', async () => {
    const ex = await client((await seller('schema-violation')).url).send(REGISTER);
    const v = contractVerdict(ex);
    expect(v.verdict).toBe('fail');
    expect(v.violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/id', rule: 'type', found: 'integer' }),
        expect.objectContaining({
          pointer: '/callback',
          rule: 'required',
          specLocation: expect.stringContaining('productOrderManagement.api.yaml#/components/schemas/'),
        }),
      ]),
    );
  });

  test.each([
    ['hang', 'timeout'],
    ['reset', 'reset'],
    ['garbage', 'protocol'],
  ] as const)('%s gives error (%s), with the request as evidence', async (kind, failure) => {
    const ex = await client((await seller(kind)).url, { timeoutMs: 300 }).send(REGISTER);
    expect(contractVerdict(ex).verdict).toBe('error');
    expect(ex.status).toBeUndefined();
    expect(ex.record.failure?.kind).toBe(failure);
    expect(ex.record.response).toBeUndefined();
    expect(ex.record.request.method).toBe('POST');
    expect(ex.record.curl).toContain('/hub');
  });

  test('nothing listening is an error (refused)', async () => {
    const s = await startHttp(() => undefined);
    await s.close();
    const ex = await client(s.url).send(REGISTER);
    expect(contractVerdict(ex).verdict).toBe('error');
    expect(ex.record.failure?.kind).toBe('refused');
  });

  test('a request that breaks the contract is an error (the response proves nothing), unless it is a deliberate negative test', async () => {
    const url = (await seller('conforming')).url;
    const bad: CallSpec = { ...REGISTER, body: { query: 'eventType=x' } };
    const ex = await client(url).send(bad);
    expect(contractVerdict(ex)).toMatchObject({
      verdict: 'error',
      violations: [expect.objectContaining({ pointer: '/callback', rule: 'required' })],
    });
    expect(ex.record.requestViolations).toHaveLength(1);
    // The seller answered 201 anyway; as a negative test the exchange is judged on the response alone.
    expect(contractVerdict(await client(url).send({ ...bad, negative: true })).verdict).toBe('pass');
  });
});

describe('checking client: the curl line reproduces the request', () => {
  const curl = findTool(['curl']);
  const maybe = curl ? test : test.skip;

  maybe('running the curl line sends the same method, path, query, headers and body', async () => {
    const s = await startHttp((_req, res) => json(res, 201, { id: 'h', callback: 'c' }));
    servers.push(s);
    const body = {
      callback: "http://buyer.example/it's here?a=1&b=$HOME",
      query: 'eventType=productOrderStateChangeEvent',
    };
    const ex = await client(s.url, { auth: { type: 'bearer', token: 'T0KEN' } }).send({
      ...REGISTER,
      body,
      query: { buyerId: 'B 1' },
    });
    expect(ex.record.request.headers.authorization).toBe('Bearer ***');
    expect(ex.record.curl).not.toContain('T0KEN');
    const { stdout } = await run('sh', ['-c', ex.record.curl], { env: { ...process.env, LSO_TOKEN: 'T0KEN' } });
    expect(stdout).toMatch(/^HTTP\/1\.1 201/);
    const [original, replayed] = s.seen;
    expect(replayed.method).toBe(original.method);
    expect(replayed.url).toBe(original.url);
    expect(replayed.body).toBe(original.body);
    for (const h of ['content-type', 'accept', 'authorization']) expect(replayed.headers[h]).toBe(original.headers[h]);
  });
});

describe('checking client: authentication', () => {
  test('OAuth2 client credentials: one token request, the token cached and sent as a bearer', async () => {
    const tokens = await startHttp((req, res) =>
      json(res, 200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 }, 'application/json'),
    );
    const target = await startHttp((_req, res) => json(res, 201, { id: 'h', callback: 'c' }));
    servers.push(tokens, target);
    const c = client(target.url, {
      auth: {
        type: 'oauth2-client-credentials',
        tokenUrl: tokens.url,
        clientId: 'id',
        clientSecret: 'pw',
        scope: 'default',
      },
    });
    await c.send(REGISTER);
    await c.send(REGISTER);
    expect(tokens.seen).toHaveLength(1);
    expect(tokens.seen[0].body).toBe('grant_type=client_credentials&scope=default');
    expect(tokens.seen[0].headers.authorization).toBe(`Basic ${Buffer.from('id:pw').toString('base64')}`);
    expect(target.seen.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
  });

  test('a token endpoint that fails makes the exchange an error, and nothing is sent to the target', async () => {
    const tokens = await startHttp((_req, res) => json(res, 401, { error: 'invalid_client' }, 'application/json'));
    const target = await startHttp((_req, res) => json(res, 201, {}));
    servers.push(tokens, target);
    const ex = await client(target.url, {
      auth: { type: 'oauth2-client-credentials', tokenUrl: tokens.url, clientId: 'id', clientSecret: 'pw' },
    }).send(REGISTER);
    expect(contractVerdict(ex).verdict).toBe('error');
    expect(ex.record.failure).toMatchObject({ kind: 'auth', message: expect.stringContaining('answered 401') });
    expect(target.seen).toHaveLength(0);
  });
});
