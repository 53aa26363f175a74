import type { EdgeMount } from '../../runtime/server/edge';
import type { RawRequest } from '../../runtime/server/pipeline';
import { isUnparsed } from '../../runtime/server/request-check';
import type { Reply } from '../../runtime/server/types';
import type { PrestoContext } from './actor-state';
import { RestconfError } from './mount';
import { logOf, NOTIFICATION_LOG_KEY } from './notification-streams';
import {
  ALL_STREAM,
  NOTIFICATION_MODULE,
  readSubscription,
  renderNotification,
  renderStreams,
  renderSubscription,
  STREAM_ROOT,
  SUPPORTED_NOTIFICATION_TYPES,
  SUPPORTED_OBJECT_TYPES,
  type NotificationLog,
  type Subscription,
} from './notifications';
import { PrestoError } from './problems';
import { asObj, type Json } from './service';

const YANG_JSON = 'application/yang-data+json';
const MONITORING = '/restconf/data/ietf-restconf-monitoring:restconf-state';

/** The tapi-notification@2018-10-16 RPCs served (all of them). */
const RPCS = new Set([
  'get-supported-notification-types',
  'create-notification-subscription-service',
  'update-notification-subscription-service',
  'delete-notification-subscription-service',
  'get-notification-subscription-service-details',
  'get-notification-subscription-service-list',
  'get-notification-list',
]);

/** The RPC a RESTCONF URL names, without its module (`create-connectivity-service`): what faults may be limited to. */
export function rpcOf(raw: Pick<RawRequest, 'path'>): string | undefined {
  const m = /^\/restconf\/operations\/(?:[^/:]+:)?([^/?]+)/.exec(raw.path);
  return m?.[1];
}

/** `tapi-notification:<rpc>` (RFC 8040) or `<rpc>` (the SDK's Swagger form, lenient only), and which. */
function notificationRpc(path: string): { name: string; rfc8040: boolean } | undefined {
  const m = /^\/restconf\/operations\/(tapi-notification:)?([^/]+)(\/?)$/.exec(path);
  if (!m || !RPCS.has(m[2])) return undefined;
  return { name: m[2], rfc8040: m[1] !== undefined && m[3] === '' };
}

const yangReply = (body: Json): Reply => ({ status: 200, headers: { 'content-type': YANG_JSON }, body });

function rpcInput(raw: RawRequest): Json {
  if (isUnparsed(raw.body))
    throw new RestconfError(415, 'invalid-value', `send ${YANG_JSON} (RFC 7951 JSON), not ${raw.body.contentType}`);
  const body = raw.body;
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw new RestconfError(400, 'malformed-message', 'an RPC body is a JSON object: {"<module>:input": {…}}');
  const keys = Object.keys(body);
  if (keys.length === 0) return {};
  if (keys.length !== 1 || (keys[0] !== 'input' && keys[0] !== `${NOTIFICATION_MODULE}:input`))
    throw new RestconfError(400, 'malformed-message', `an RPC body has one member, ${NOTIFICATION_MODULE}:input`);
  const input = (body as Json)[keys[0]];
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new RestconfError(400, 'malformed-message', 'the RPC input is a JSON object');
  return input as Json;
}

function subscriptionOf(log: NotificationLog, input: Json): Subscription {
  const id = input['subscription-id-or-name'];
  const sub = typeof id === 'string' ? log.subscriptions[id] : undefined;
  if (!sub)
    throw new PrestoError([
      {
        rule: 'subscription-exists',
        tag: 'invalid-value',
        path: '/input/subscription-id-or-name',
        message: `subscription ${typeof id === 'string' && id ? id : '(none)'} does not exist`,
      },
    ]);
  return sub;
}

function invoke(ctx: PrestoContext, name: string, input: Json): Json {
  const log = logOf(ctx.store);
  const next = log.seq + 1;
  const keep = (l: NotificationLog) => ctx.store.setValue(NOTIFICATION_LOG_KEY, l);
  const read = (uuid: string) => {
    const r = readSubscription(input, uuid);
    if (!r.ok) throw new PrestoError(r.problems);
    return r.subscription;
  };
  switch (name) {
    case 'get-supported-notification-types':
      return {
        'supported-notification-types': [...SUPPORTED_NOTIFICATION_TYPES],
        'supported-object-types': [...SUPPORTED_OBJECT_TYPES],
      };
    case 'create-notification-subscription-service': {
      let uuid = ctx.ids.next('subscription');
      while (log.subscriptions[uuid]) uuid = ctx.ids.next('subscription');
      const sub = read(uuid);
      keep({ ...log, subscriptions: { ...log.subscriptions, [uuid]: sub } });
      return { 'subscription-service': renderSubscription(sub, next) };
    }
    case 'update-notification-subscription-service': {
      const { 'subscription-id-or-name': _id, ...rest } = input;
      const old = subscriptionOf(log, input);
      const r = readSubscription({ 'subscription-state': old.state, 'subscription-filter': {}, ...rest }, old.uuid);
      if (!r.ok) throw new PrestoError(r.problems);
      // A filter left out keeps the old one.
      const sub =
        rest['subscription-filter'] === undefined ? { ...r.subscription, filter: old.filter } : r.subscription;
      keep({ ...log, subscriptions: { ...log.subscriptions, [sub.uuid]: sub } });
      return { 'subscription-service': renderSubscription(sub, next) };
    }
    case 'delete-notification-subscription-service': {
      const sub = subscriptionOf(log, input);
      const subscriptions = { ...log.subscriptions };
      delete subscriptions[sub.uuid];
      keep({ ...log, subscriptions });
      ctx.notifications.end(sub.uuid);
      return { 'subscription-service': renderSubscription(sub, next) };
    }
    case 'get-notification-subscription-service-details':
      return { 'subscription-service': renderSubscription(subscriptionOf(log, input), next) };
    case 'get-notification-subscription-service-list':
      return { 'subscription-service': Object.values(log.subscriptions).map((s) => renderSubscription(s, next)) };
    case 'get-notification-list': {
      const filter = input['subscription-id-or-name'] === undefined ? undefined : subscriptionOf(log, input).filter;
      return { notification: ctx.notifications.since(0, filter).map(renderNotification) };
    }
    default:
      throw new Error(`no handler for RPC ${name}`);
  }
}

/** RFC 8040 §6.3: an event stream, the unfiltered one or a subscription's, from `Last-Event-ID` on if given. */
function openStream(ctx: PrestoContext, raw: RawRequest): Reply {
  if (raw.method !== 'GET') throw new RestconfError(405, 'operation-not-supported', 'an event stream is read with GET');
  const log = logOf(ctx.store);
  const path = raw.path.replace(/\/$/, '');
  let subscription: Subscription | undefined;
  if (path !== ALL_STREAM) {
    const id = decodeURIComponent(path.slice(STREAM_ROOT.length + 1));
    subscription = log.subscriptions[id];
    if (!subscription)
      throw new RestconfError(404, 'invalid-value', `no stream ${raw.path}; the streams: GET ${MONITORING}/streams`);
  }
  const last = raw.headers['last-event-id'];
  const lastEventId = last !== undefined && /^\d+$/.test(last.trim()) ? Number(last) : undefined;
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
    stream: ctx.notifications.open({
      subscription: subscription?.uuid,
      filter: subscription?.filter,
      lastEventId,
    }),
  };
}

/** RFC 8040 §9.2: `restconf-state` and its `streams`, the only monitoring data this controller offers. */
function monitoring(ctx: PrestoContext, raw: RawRequest): Reply {
  if (raw.method !== 'GET') throw new RestconfError(405, 'operation-not-supported', 'monitoring data is read-only');
  const streams = renderStreams(logOf(ctx.store));
  const rest = raw.path.slice(MONITORING.length).replace(/\/$/, '');
  if (rest === '') return yangReply({ 'ietf-restconf-monitoring:restconf-state': { streams } });
  if (rest === '/streams') return yangReply({ 'ietf-restconf-monitoring:streams': streams });
  throw new RestconfError(404, 'invalid-value', `no data node ${raw.path}; try ${MONITORING}/streams`);
}

/**
 * The notification extension in front of the `/restconf` mount: the tapi-notification RPCs, the event streams and
 * `ietf-restconf-monitoring` streams; everything else goes on to `inner`. The R3 module is not in the R2 set libyang
 * checks, so its inputs are read by notifications.ts.
 */
export function withNotifications(ctx: PrestoContext, inner: EdgeMount): EdgeMount {
  return {
    prefix: inner.prefix,
    operation: (raw) => inner.operation?.(raw) ?? rpcOf(raw),
    handle: async (raw, warn) => {
      const path = raw.path.split('?')[0];
      if (path === MONITORING || path.startsWith(`${MONITORING}/`)) return monitoring(ctx, { ...raw, path });
      if (path.startsWith(`${STREAM_ROOT}/`)) return openStream(ctx, { ...raw, path });
      const rpc = notificationRpc(path);
      if (!rpc) return inner.handle(raw, warn);
      if (raw.method !== 'POST')
        throw new RestconfError(405, 'operation-not-supported', `an RPC is invoked with POST (RFC 8040 §3.6)`);
      const url = `/restconf/operations/${NOTIFICATION_MODULE}:${rpc.name}`;
      if (!rpc.rfc8040) {
        if (ctx.settings.strict)
          throw new RestconfError(400, 'invalid-value', `${path} is not the RFC 8040 form; use POST ${url}`);
        warn(`SDK Swagger URL; RFC 8040: ${url}`);
      }
      const input = asObj(rpcInput(raw));
      const output = ctx.store.transaction(() => invoke(ctx, rpc.name, input));
      return yangReply({ [rpc.rfc8040 ? `${NOTIFICATION_MODULE}:output` : 'output']: output });
    },
  };
}
