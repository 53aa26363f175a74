import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP proxy in front of the seller mock that injects one defect: it can answer a request itself (or never),
 * rewrite the response, and rewrite or drop the notifications the mock sends the Buyer. Notifications pass through it
 * because every `POST …/hub` has its `callback` replaced by a relay URL of the proxy (and put back in the response).
 */
export interface ProxyRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
  json?: any;
}

export interface ProxyResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Notification {
  /** Path relative to the Buyer's callback (`/mefApi/…/listener/<eventType>`). */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Defect {
  /** Rewrite the request before it goes upstream (query, body). */
  request?(req: ProxyRequest): ProxyRequest;
  /** Answer without asking the mock: a response, or `hang` to never answer. */
  answer?(req: ProxyRequest): ProxyResponse | 'hang' | undefined;
  /** Rewrite the mock's response. `json` is the parsed body, if it was JSON. */
  response?(req: ProxyRequest, res: ProxyResponse & { json?: any }): ProxyResponse;
  /** Rewrite a notification on its way to the Buyer; `null` drops it. */
  notification?(n: Notification & { json?: any }): Notification | null;
}

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

const RELAY = '/__relay/';
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'proxy-connection',
]);

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function parse(text: string): any {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function flat(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

async function forward(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<ProxyResponse> {
  // Hop-by-hop headers belong to each connection, not to the message.
  const h = Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())));
  const res = await fetch(url, {
    method,
    headers: h,
    body: method === 'GET' || method === 'HEAD' || body === undefined || body === '' ? undefined : body,
  });
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (!HOP_BY_HOP.has(k)) out[k] = v;
  });
  return { status: res.status, headers: out, body: await res.text() };
}

/** Starts a proxy to `upstream` (the mock's root URL) injecting `defect`. */
export async function startProxy(upstream: string, defect: Defect = {}): Promise<Proxy> {
  const callbacks: string[] = [];
  const hanging = new Set<http.ServerResponse>();
  let self = '';
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    const u = new URL(req.url ?? '/', 'http://proxy');
    const send = (r: ProxyResponse) => {
      res.writeHead(r.status, r.headers);
      res.end(r.body);
    };
    try {
      // A notification from the mock on its way to the Buyer.
      if (u.pathname.startsWith(RELAY)) {
        const [, idx, ...rest] = u.pathname.slice(1).split('/');
        const target = callbacks[Number(idx)]?.replace(/\/+$/, '');
        let n: Notification | null = { path: `/${rest.join('/')}`, headers: flat(req.headers), body: raw };
        if (defect.notification) n = defect.notification({ ...n, json: parse(raw) });
        if (!n) return send({ status: 204, headers: {}, body: '' });
        return send(await forward('POST', `${target}${n.path}`, n.headers, n.body));
      }
      let pr: ProxyRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: flat(req.headers),
        body: raw,
        json: parse(raw),
      };
      if (defect.request) pr = defect.request(pr);
      const own = defect.answer?.(pr);
      if (own === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (own) return send(own);
      let body = pr.body;
      const isHub = pr.method === 'POST' && /\/hub$/.test(pr.path) && pr.json && typeof pr.json.callback === 'string';
      let original: string | undefined;
      if (isHub) {
        original = pr.json.callback as string;
        callbacks.push(original);
        body = JSON.stringify({ ...pr.json, callback: `${self}${RELAY}${callbacks.length - 1}` });
      }
      const qs = pr.query.toString();
      let r = await forward(pr.method, `${upstream}${pr.path}${qs ? `?${qs}` : ''}`, pr.headers, body);
      // The Buyer sees its own callback in every hub response, never the relay.
      const j = /\/hub(\/[^/]+)?$/.test(pr.path) ? parse(r.body) : undefined;
      if (j && typeof j === 'object' && typeof j.callback === 'string' && j.callback.startsWith(`${self}${RELAY}`)) {
        const idx = Number(j.callback.slice(`${self}${RELAY}`.length).split('/')[0]);
        r = { ...r, body: JSON.stringify({ ...j, callback: callbacks[idx] ?? original ?? j.callback }) };
      }
      if (defect.response) r = defect.response(pr, { ...r, json: parse(r.body) });
      send(r);
    } catch (e) {
      send({ status: 502, headers: { 'content-type': 'text/plain' }, body: `proxy: ${(e as Error).message}` });
    }
  };
  // Node ignores what a request handler returns; `handle` answers its own errors with a 502, so it is not awaited.
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    async close() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A JSON response with its body replaced. */
export function withJson(res: ProxyResponse, json: unknown): ProxyResponse {
  return {
    ...res,
    headers: { ...res.headers, 'content-type': 'application/json;charset=utf-8' },
    body: JSON.stringify(json),
  };
}
