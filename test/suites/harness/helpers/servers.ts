import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A request a test server received, as the server saw it. */
export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestServer {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1, port 0, recording what it receives. */
export async function startHttp(handler: (req: Seen, res: http.ServerResponse) => void): Promise<TestServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(s);
      handler(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A TCP server that answers every connection with `onConnection` (garbage, an immediate reset, silence). */
export async function startTcp(onConnection: (socket: net.Socket) => void): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onConnection(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen: [],
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export const MEF_JSON = 'application/json;charset=utf-8';

export function json(res: http.ServerResponse, status: number, body: unknown, contentType = MEF_JSON): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * Deliberately broken Sonata sellers, one misbehaviour each, for the hub registration (`POST /hub`) they all serve.
 * `conforming` is the control: it answers 201 with an EventSubscription.
 */
export type Misbehaviour =
  | 'conforming'
  | 'wrong-status'
  | 'wrong-content-type'
  | 'schema-violation'
  | 'non-json'
  | 'hang'
  | 'reset'
  | 'garbage'
  | '5xx-storm';

export async function startMisbehavingSeller(kind: Misbehaviour): Promise<TestServer> {
  if (kind === 'reset') return startTcp((s) => s.once('data', () => s.resetAndDestroy()));
  if (kind === 'garbage') return startTcp((s) => s.once('data', () => s.end('this is not HTTP at all\r\n\r\n')));
  if (kind === 'hang') return startTcp(() => undefined);
  return startHttp((req, res) => {
    const sub = () => {
      try {
        return {
          id: 'hub-1',
          callback: (JSON.parse(req.body) as { callback?: string }).callback ?? 'http://example.invalid',
        };
      } catch {
        return { id: 'hub-1', callback: 'http://example.invalid' };
      }
    };
    switch (kind) {
      case 'conforming':
        return json(res, 201, sub());
      case 'wrong-status':
        return json(res, 200, sub());
      case 'wrong-content-type':
        return json(res, 201, sub(), 'text/html');
      case 'schema-violation':
        return json(res, 201, { id: 42 });
      case 'non-json':
        return json(res, 201, '<html><body>Welcome to nginx!</body></html>');
      case '5xx-storm':
        return json(res, 503, '<h1>503 Service Unavailable</h1>', 'text/html');
    }
  });
}
