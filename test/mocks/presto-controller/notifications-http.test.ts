import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { sequentialIds } from '../../../lib/ids';
import { silentLogger } from '../../../lib/logger';
import { buildPrestoController, type PrestoController } from '../../../mocks/presto-controller';
import { Contracts } from '../../../specs';
import { YangValidator } from '../../../specs/yang';
import { evpl, UNI1, UNI3 } from './inputs';

const CS = 'tapi-connectivity';
const NOTIF = 'tapi-notification';
const YANG = { 'content-type': 'application/yang-data+json' };

/** A `restconf-state/streams/stream` entry (RFC 8040 §9.2). */
interface MonitoredStream {
  access: { location: string }[];
}

/** One RFC 8040 §6.4 event as a client reads it off the stream. */
interface Received {
  id: string;
  notification: Record<string, unknown>;
  eventTime: string;
}

/** An open event stream: the events read so far, and a wait for one that satisfies a condition. */
class Stream {
  readonly events: Received[] = [];
  private buffer = '';
  private waiters: (() => void)[] = [];
  constructor(
    readonly req: ClientRequest,
    readonly res: IncomingMessage,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) >= 0) {
        const frame = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (id === undefined || data === undefined) continue;
        const n = JSON.parse(data)['ietf-restconf:notification'];
        this.events.push({ id, eventTime: n.eventTime, notification: n[`${NOTIF}:notification`] });
      }
      for (const w of this.waiters.splice(0)) w();
    });
  }
  /** Resolves once an event matches; the jest timeout bounds the wait. */
  async until(pred: (e: Received) => boolean): Promise<Received> {
    for (;;) {
      const found = this.events.find(pred);
      if (found) return found;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
  close() {
    this.req.destroy();
  }
}

function openStream(base: string, path: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (res) =>
      resolve(new Stream(req, res)),
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the Presto controller notification stream (tapi-notification over RFC 8040 SSE)', () => {
  let validator: YangValidator;
  let mock: PrestoController;
  const rpc = async (module: string, name: string, input: unknown = {}) => {
    const r = await fetch(`${mock.url}/restconf/operations/${module}:${name}`, {
      method: 'POST',
      headers: YANG,
      body: JSON.stringify({ [`${module}:input`]: input }),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined };
  };
  const advance = (by: string) =>
    fetch(`${mock.url}/_lso/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ by }),
    });
  const changeOf = (e: Received, name: string) =>
    (e.notification['changed-attributes'] as { 'value-name': string; 'new-value': string }[] | undefined)?.find(
      (c) => c['value-name'] === name,
    );

  beforeAll(async () => {
    validator = await YangValidator.start();
    mock = await buildPrestoController({
      contracts: Contracts.load({ sdks: ['presto'] }),
      clockRate: 0,
      clockStart: '2026-01-01T00:00:00.000Z',
      logger: silentLogger,
      validator,
      ids: sequentialIds(),
    });
  }, 60_000);
  afterAll(async () => {
    await mock?.close();
    await validator?.close();
  });

  it('a subscription streams creation, the INSTALLED change and deletion of a service, timed by the virtual clock', async () => {
    const sub = await rpc(NOTIF, 'create-notification-subscription-service', {
      'subscription-filter': { 'requested-object-types': ['CONNECTIVITY_SERVICE'] },
    });
    expect(sub.status).toBe(200);
    const service = sub.body[`${NOTIF}:output`]['subscription-service'];
    expect(service).toMatchObject({ 'subscription-state': 'ACTIVE' });
    const address = service['notification-channel']['stream-address'] as string;

    // ietf-restconf-monitoring advertises the subscription's stream (RFC 8040 §9.2).
    const mon = await fetch(`${mock.url}/restconf/data/ietf-restconf-monitoring:restconf-state/streams`);
    const monitored = (await mon.json()) as { 'ietf-restconf-monitoring:streams': { stream: MonitoredStream[] } };
    const streams = monitored['ietf-restconf-monitoring:streams'].stream;
    expect(streams.map((s) => s.access[0].location)).toContain(address);

    const stream = await openStream(mock.url, address);
    try {
      expect(stream.res.statusCode).toBe(200);
      expect(stream.res.headers['content-type']).toMatch(/^text\/event-stream/);
      const created = await rpc(CS, 'create-connectivity-service', evpl(UNI1, UNI3, 100));
      expect(created.status).toBe(200);
      const uuid = created.body[`${CS}:output`].service.uuid as string;
      const creation = await stream.until(
        (e) =>
          e.notification['notification-type'] === 'OBJECT_CREATION' &&
          e.notification['target-object-identifier'] === uuid,
      );
      expect(creation.notification).toMatchObject({
        'target-object-type': 'CONNECTIVITY_SERVICE',
        'event-time-stamp': '2026-01-01T00:00:00.000Z',
      });
      expect(creation.eventTime).toBe('2026-01-01T00:00:00.000Z');

      expect((await advance('1m')).status).toBe(200);
      const installed = await stream.until((e) => changeOf(e, 'lifecycle-state')?.['new-value'] === 'INSTALLED');
      expect(installed.notification).toMatchObject({
        'notification-type': 'ATTRIBUTE_VALUE_CHANGE',
        'target-object-identifier': uuid,
        'changed-attributes': expect.arrayContaining([
          { 'value-name': 'lifecycle-state', 'old-value': 'PLANNED', 'new-value': 'INSTALLED' },
          { 'value-name': 'operational-state', 'old-value': 'DISABLED', 'new-value': 'ENABLED' },
        ]),
      });
      // Two nodes at 2 s each on the fast profile: the commit is at the second step's virtual time.
      expect(installed.notification['event-time-stamp']).toBe('2026-01-01T00:00:04.000Z');

      expect((await rpc(CS, 'delete-connectivity-service', { 'service-id-or-name': uuid })).status).toBe(200);
      await advance('1m');
      const deletion = await stream.until(
        (e) =>
          e.notification['notification-type'] === 'OBJECT_DELETION' &&
          e.notification['target-object-identifier'] === uuid,
      );
      // The filter let only services through, in order, numbered as the controller sent them.
      expect(stream.events.every((e) => e.notification['target-object-type'] === 'CONNECTIVITY_SERVICE')).toBe(true);
      const seqs = [creation, installed, deletion].map((e) => Number(e.id));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(3);
      expect(deletion.notification['sequence-number']).toBe(deletion.id);
    } finally {
      stream.close();
    }
  }, 30_000);

  it('survives a client that goes away, and replays what it missed from Last-Event-ID', async () => {
    const first = await openStream(mock.url, '/restconf/streams/tapi-notification/json');
    const open = mock.ctx.notifications.size;
    const a = await rpc(CS, 'create-connectivity-service', evpl(UNI1, UNI3, 200));
    const uuidA = a.body[`${CS}:output`].service.uuid as string;
    const seen = await first.until((e) => e.notification['target-object-identifier'] === uuidA);
    first.close();
    while (mock.ctx.notifications.size >= open) await new Promise((r) => setImmediate(r));

    // Changes while nobody listens: the controller goes on.
    expect((await advance('1m')).status).toBe(200);
    const again = await openStream(mock.url, '/restconf/streams/tapi-notification/json', { 'last-event-id': seen.id });
    try {
      const installed = await again.until(
        (e) => e.notification['target-object-identifier'] === uuidA && changeOf(e, 'lifecycle-state') !== undefined,
      );
      expect(Number(installed.id)).toBeGreaterThan(Number(seen.id));
      expect(again.events.every((e) => Number(e.id) > Number(seen.id))).toBe(true);
    } finally {
      again.close();
    }
  }, 30_000);

  it('refuses a subscription filter with a value tapi-notification does not have, and a stream that does not exist', async () => {
    const bad = await rpc(NOTIF, 'create-notification-subscription-service', {
      'subscription-filter': { 'requested-object-types': ['SERVICE'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body['ietf-restconf:errors'].error[0]).toMatchObject({
      'error-tag': 'invalid-value',
      'error-path': '/input/subscription-filter/requested-object-types',
    });
    const none = await fetch(`${mock.url}/restconf/streams/tapi-notification/nope`);
    expect(none.status).toBe(404);
    const errors = (await none.json()) as { 'ietf-restconf:errors': { error: { 'error-tag': string }[] } };
    expect(errors['ietf-restconf:errors'].error[0]['error-tag']).toBe('invalid-value');
  });

  it('a deleted subscription ends its stream and is no longer advertised', async () => {
    const sub = await rpc(NOTIF, 'create-notification-subscription-service', {});
    const s = sub.body[`${NOTIF}:output`]['subscription-service'];
    const stream = await openStream(mock.url, s['notification-channel']['stream-address']);
    const ended = new Promise((r) => stream.res.on('end', r));
    const del = await rpc(NOTIF, 'delete-notification-subscription-service', { 'subscription-id-or-name': s.uuid });
    expect(del.status).toBe(200);
    await ended;
    const list = await rpc(NOTIF, 'get-notification-subscription-service-list');
    const uuids = (list.body[`${NOTIF}:output`]['subscription-service'] as { uuid: string }[]).map((x) => x.uuid);
    expect(uuids).not.toContain(s.uuid);
  });
});
