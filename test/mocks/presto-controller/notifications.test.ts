import type { PrestoEvent } from '../../../mocks/presto-controller/activation';
import { logOf, NotificationStreams } from '../../../mocks/presto-controller/notification-streams';
import {
  matches,
  readSubscription,
  renderNotification,
  sseEvent,
  type SubscriptionFilter,
} from '../../../mocks/presto-controller/notifications';
import { MemoryStore } from '../../../runtime/state/store/memory';

const event = (uuid: string, at = 0, type: PrestoEvent['type'] = 'OBJECT_CREATION'): PrestoEvent => ({
  type,
  objectType: 'CONNECTIVITY_SERVICE',
  uuid,
  at,
});

describe('TAPI notifications (pure)', () => {
  it('renders a notification in RFC 7951 JSON and an RFC 8040 §6.4 event', () => {
    const n = {
      seq: 7,
      event: {
        ...event('cs:1', Date.UTC(2026, 0, 1), 'ATTRIBUTE_VALUE_CHANGE'),
        changedAttributes: [{ 'value-name': 'lifecycle-state', 'old-value': 'PLANNED', 'new-value': 'INSTALLED' }],
      },
    };
    expect(renderNotification(n)).toEqual({
      uuid: 'notification:7',
      'notification-type': 'ATTRIBUTE_VALUE_CHANGE',
      'target-object-type': 'CONNECTIVITY_SERVICE',
      'target-object-identifier': 'cs:1',
      'event-time-stamp': '2026-01-01T00:00:00.000Z',
      'sequence-number': '7',
      'source-indicator': 'RESOURCE_OPERATION',
      'changed-attributes': [{ 'value-name': 'lifecycle-state', 'old-value': 'PLANNED', 'new-value': 'INSTALLED' }],
    });
    const frame = sseEvent(n);
    expect(frame).toMatch(/^id: 7\ndata: \{.*\}\n\n$/);
    const data = JSON.parse(frame.split('\n')[1].slice('data: '.length));
    expect(data['ietf-restconf:notification'].eventTime).toBe('2026-01-01T00:00:00.000Z');
    expect(data['ietf-restconf:notification']['tapi-notification:notification']['sequence-number']).toBe('7');
  });

  const filter = (f: Partial<SubscriptionFilter>): SubscriptionFilter => ({
    notificationTypes: [],
    objectTypes: [],
    objectIds: [],
    ...f,
  });
  it.each([
    [filter({}), true],
    [filter({ notificationTypes: ['OBJECT_CREATION'] }), true],
    [filter({ notificationTypes: ['OBJECT_DELETION'] }), false],
    [filter({ objectTypes: ['CONNECTION'] }), false],
    [filter({ objectIds: ['cs:1'] }), true],
    [filter({ objectIds: ['cs:2'] }), false],
  ])('filter %j lets a service creation through: %s', (f, through) => {
    expect(matches(f, event('cs:1'))).toBe(through);
  });

  it.each([
    [{ 'subscription-filter': { 'requested-notification-types': ['ALARM'] } }, /requested-notification-types/],
    [{ 'subscription-filter': { 'requested-object-types': 'LINK' } }, /requested-object-types/],
    [{ 'subscription-filter': { colour: 'red' } }, /subscription-filter\/colour/],
    [{ 'subscription-filter': [] }, /subscription-filter$/],
    [{ 'subscription-state': 'ON' }, /subscription-state/],
    [{ extra: 1 }, /\/input\/extra/],
  ])('refuses subscription input %j', (input, path) => {
    const r = readSubscription(input, 'sub:1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual([expect.stringMatching(path)]);
  });

  it('reads a subscription input with the YANG defaults', () => {
    expect(
      readSubscription({ 'subscription-filter': { 'requested-object-types': ['LINK'], 'include-content': true } }, 's'),
    ).toEqual({
      ok: true,
      subscription: {
        uuid: 's',
        state: 'ACTIVE',
        filter: { notificationTypes: [], objectTypes: ['LINK'], objectIds: [] },
      },
    });
  });
});

describe('NotificationStreams', () => {
  it('numbers notifications from the store, keeps only the last `recent`, and replays after a sequence number', () => {
    const store = new MemoryStore();
    const streams = new NotificationStreams({ recent: 3, clientBuffer: 1024 });
    streams.publish(store, [event('a'), event('b')]);
    streams.publish(store, [event('c'), event('d'), event('e')]);
    expect(logOf(store).seq).toBe(5);
    expect(streams.since(0).map((n) => [n.seq, n.event.uuid])).toEqual([
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ]);
    expect(streams.since(4).map((n) => n.seq)).toEqual([5]);
  });

  it('drops a client that leaves more than its buffer unread, and keeps serving the others', async () => {
    const store = new MemoryStore();
    const streams = new NotificationStreams({ recent: 10, clientBuffer: 2048 });
    const stalled = streams.open();
    const reader = streams.open();
    const read: string[] = [];
    reader.on('data', (c: Buffer) => read.push(c.toString()));
    // One notification per turn of the event loop, as requests and steps make them: the reader keeps up.
    for (let i = 0; i < 50; i++) {
      streams.publish(store, [event(`cs:${i}`)]);
      await new Promise((r) => setImmediate(r));
    }
    expect(stalled.destroyed).toBe(true);
    expect(streams.size).toBe(1);
    expect(read.join('')).toContain('"target-object-identifier":"cs:49"');
    streams.close();
    expect(streams.size).toBe(0);
  });
});
