import type { ObjectType, PrestoEvent } from './activation';
import type { PrestoProblem } from './problems';
import type { Json } from './service';

/**
 * The TAPI notifications the controller sends as its opt-in R3 extension (presto-adagio.md §1.3, §1.7, §4.2): R2
 * has none, so they take the shape of `tapi-notification@2018-10-16` (the SDK's R3 YANG), in RFC 7951 JSON, and
 * travel over an RFC 8040 §6 event stream. A client opts in with `create-notification-subscription-service`, whose
 * output names the subscription's stream (`notification-channel/stream-address`); `ietf-restconf-monitoring`
 * lists the unfiltered stream too (RFC 8040 §9.2). Pure: no HTTP, no store.
 */

export const NOTIFICATION_MODULE = 'tapi-notification';

/** The notification types this controller sends (tapi-notification `notification-type`: not ALARM_EVENT, TCA). */
export const SUPPORTED_NOTIFICATION_TYPES = ['OBJECT_CREATION', 'OBJECT_DELETION', 'ATTRIBUTE_VALUE_CHANGE'] as const;
/** The object types it tells of (tapi-notification `object-type`). */
export const SUPPORTED_OBJECT_TYPES: readonly ObjectType[] = [
  'CONNECTIVITY_SERVICE',
  'CONNECTION',
  'SERVICE_INTERFACE_POINT',
  'LINK',
];
/** Every `object-type` enum of tapi-notification@2018-10-16: a filter may ask for one the controller never sends. */
const OBJECT_TYPE_ENUM = new Set([
  ...['TOPOLOGY', 'NODE', 'LINK', 'CONNECTION', 'PATH', 'CONNECTIVITY_SERVICE', 'VIRTUAL_NETWORK_SERVICE'],
  ...['PATH_COMPUTATION_SERVICE', 'NODE_EDGE_POINT', 'SERVICE_INTERFACE_POINT', 'CONNECTION_END_POINT'],
  ...['MAINTENANCE_ENTITY_GROUP', 'MAINTENANCE_ENTITY', 'MEG_END_POINT', 'MEG_INTERMEDIATE_POINT'],
  ...['SWITCH_CONTROL', 'SWITCH', 'ROUTE', 'NODE_RULE_GROUP', 'INTER_RULE_GROUP', 'RULE', 'OAM_JOB'],
]);
const NOTIFICATION_TYPE_ENUM = new Set([...SUPPORTED_NOTIFICATION_TYPES, 'ALARM_EVENT', 'THRESHOLD_CROSSING_ALERT']);
const SUBSCRIPTION_STATES = new Set(['ACTIVE', 'SUSPENDED']);

/** The stream every notification goes to, as RFC 8040 §9.2 names it in `restconf-state/streams`. */
export const STREAM_NAME = 'tapi-notification';
export const STREAM_ROOT = `/restconf/streams/${STREAM_NAME}`;
/** The unfiltered stream's location; a subscription's is `<STREAM_ROOT>/<uuid>`. */
export const ALL_STREAM = `${STREAM_ROOT}/json`;
export const subscriptionStream = (uuid: string): string => `${STREAM_ROOT}/${encodeURIComponent(uuid)}`;

export interface SubscriptionFilter {
  notificationTypes: string[];
  objectTypes: string[];
  objectIds: string[];
}

/** A `notif-subscription`: what it asks for, kept in the store. */
export interface Subscription {
  uuid: string;
  filter: SubscriptionFilter;
  state: 'ACTIVE' | 'SUSPENDED';
  name?: Json[];
}

/** One notification sent, numbered in the order the controller sent them (`sequence-number`, from 1). */
export interface Notification {
  seq: number;
  event: PrestoEvent;
}

/** The notification log's persistent part: the last sequence number used and the subscriptions. */
export interface NotificationLog {
  seq: number;
  subscriptions: Record<string, Subscription>;
}

export const emptyLog = (): NotificationLog => ({ seq: 0, subscriptions: {} });

/** Numbers events in order from the log's last sequence number. */
export function numbered(
  log: NotificationLog,
  events: readonly PrestoEvent[],
): { log: NotificationLog; sent: Notification[] } {
  const sent = events.map((event, i) => ({ seq: log.seq + i + 1, event }));
  return { log: { ...log, seq: log.seq + events.length }, sent };
}

/** Whether a subscription's filter lets a notification through (an empty list asks for everything). */
export function matches(filter: SubscriptionFilter | undefined, e: PrestoEvent): boolean {
  if (!filter) return true;
  const within = (list: string[], v: string) => list.length === 0 || list.includes(v);
  return (
    within(filter.notificationTypes, e.type) &&
    within(filter.objectTypes, e.objectType) &&
    within(filter.objectIds, e.uuid)
  );
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A `tapi-notification:notification` (RFC 7951: uint64 `sequence-number` as a string, §6.1). */
export function renderNotification(n: Notification): Json {
  const e = n.event;
  return {
    uuid: `notification:${n.seq}`,
    'notification-type': e.type,
    'target-object-type': e.objectType,
    'target-object-identifier': e.uuid,
    'event-time-stamp': iso(e.at),
    'sequence-number': String(n.seq),
    'source-indicator': 'RESOURCE_OPERATION',
    ...(e.changedAttributes?.length ? { 'changed-attributes': e.changedAttributes.map((c) => ({ ...c })) } : {}),
  };
}

/**
 * One RFC 8040 §6.4 event: `id` the sequence number (a client resumes with `Last-Event-ID`), `data` the JSON
 * `ietf-restconf:notification` with its `eventTime` and the YANG notification, qualified by module (RFC 7951 §4).
 */
export function sseEvent(n: Notification): string {
  const body = {
    'ietf-restconf:notification': {
      eventTime: iso(n.event.at),
      [`${NOTIFICATION_MODULE}:notification`]: renderNotification(n),
    },
  };
  return `id: ${n.seq}\ndata: ${JSON.stringify(body)}\n\n`;
}

const strings = (v: unknown): string[] | undefined =>
  v === undefined ? [] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;

const problem = (path: string, message: string, tag: PrestoProblem['tag'] = 'invalid-value'): PrestoProblem => ({
  rule: 'notification-subscription',
  tag,
  path,
  message,
});

const FILTER_MEMBERS: Record<string, keyof SubscriptionFilter | null> = {
  'requested-notification-types': 'notificationTypes',
  'requested-object-types': 'objectTypes',
  'requested-object-identifier': 'objectIds',
  'requested-layer-protocols': null,
  'include-content': null,
  'local-id': null,
  name: null,
};

/**
 * Reads `create-notification-subscription-service` input (the R3 module is not in the R2 set libyang checks, so
 * the enums are checked here, by the YANG's lists). Layer protocols are accepted and not filtered on: every object
 * this controller tells of is ETH.
 */
export function readSubscription(
  input: Json,
  uuid: string,
): { ok: true; subscription: Subscription } | { ok: false; problems: PrestoProblem[] } {
  const problems: PrestoProblem[] = [];
  for (const k of Object.keys(input))
    if (k !== 'subscription-filter' && k !== 'subscription-state')
      problems.push(problem(`/input/${k}`, `${k} is not a member of the input`));
  const raw = input['subscription-filter'] ?? {};
  const filter: SubscriptionFilter = { notificationTypes: [], objectTypes: [], objectIds: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    problems.push(problem('/input/subscription-filter', 'subscription-filter is a container'));
  else
    for (const [k, v] of Object.entries(raw as Json)) {
      const path = `/input/subscription-filter/${k}`;
      if (!(k in FILTER_MEMBERS)) {
        problems.push(problem(path, `${k} is not a member of subscription-filter`));
        continue;
      }
      const into = FILTER_MEMBERS[k];
      if (!into) continue;
      const list = strings(v);
      if (!list) {
        problems.push(problem(path, `${k} is a leaf-list of strings`));
        continue;
      }
      const allowed =
        into === 'notificationTypes' ? NOTIFICATION_TYPE_ENUM : into === 'objectTypes' ? OBJECT_TYPE_ENUM : undefined;
      const bad = allowed ? list.filter((x) => !allowed.has(x)) : [];
      if (bad.length)
        problems.push(problem(path, `${bad.join(', ')}: not a ${k.replace('requested-', '').replace(/s$/, '')}`));
      filter[into] = list;
    }
  const state = input['subscription-state'] ?? 'ACTIVE';
  if (typeof state !== 'string' || !SUBSCRIPTION_STATES.has(state))
    problems.push(problem('/input/subscription-state', 'subscription-state is ACTIVE or SUSPENDED'));
  if (problems.length) return { ok: false, problems };
  return { ok: true, subscription: { uuid, filter, state: state as Subscription['state'] } };
}

/** A `subscription-service` as the subscription RPCs output it. */
export function renderSubscription(s: Subscription, nextSeq: number): Json {
  const f = s.filter;
  return {
    uuid: s.uuid,
    'subscription-state': s.state,
    'subscription-filter': {
      ...(f.notificationTypes.length ? { 'requested-notification-types': f.notificationTypes } : {}),
      ...(f.objectTypes.length ? { 'requested-object-types': f.objectTypes } : {}),
      ...(f.objectIds.length ? { 'requested-object-identifier': f.objectIds } : {}),
    },
    'notification-channel': { 'stream-address': subscriptionStream(s.uuid), 'next-sequence-no': String(nextSeq) },
    'supported-notification-types': [...SUPPORTED_NOTIFICATION_TYPES],
    'supported-object-types': [...SUPPORTED_OBJECT_TYPES],
  };
}

/** RFC 8040 §9.2 `ietf-restconf-monitoring:restconf-state/streams`: the unfiltered stream and each subscription's. */
export function renderStreams(log: NotificationLog): Json {
  const stream = (name: string, description: string, location: string): Json => ({
    name,
    description,
    'replay-support': false,
    access: [{ encoding: 'json', location }],
  });
  return {
    stream: [
      stream(STREAM_NAME, 'every TAPI notification (tapi-notification@2018-10-16, an R3 extension)', ALL_STREAM),
      ...Object.values(log.subscriptions).map((s) =>
        stream(
          `${STREAM_NAME}:${s.uuid}`,
          `the notifications subscription ${s.uuid} asks for`,
          subscriptionStream(s.uuid),
        ),
      ),
    ],
  };
}
