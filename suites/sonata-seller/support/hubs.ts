import { HarnessError } from '../../../lib/errors';
import type { Exchange } from '../../../runtime/http/checking-client';
import type { ScenarioContext } from '../../harness/scenario-context';

/** The hubs each scenario registered and has not removed: they go when the scenario ends. */
const registered = new WeakMap<ScenarioContext<any>, Array<{ api: string; id: string }>>();

/**
 * Registers the listener with `api`'s hub (`POST <api base>/hub {callback, query}`, MEF 123 §6.15), recording the
 * contract verdict under `rule`. Hubs registered here are removed when the scenario ends, whatever the reason.
 */
export async function registerHub(
  ctx: ScenarioContext<any>,
  rule: string,
  api: string,
  query?: string,
): Promise<Exchange> {
  const ex = await ctx.call(rule, {
    api,
    operationId: hubOperation(ctx, api, 'POST', '/hub'),
    body: { callback: ctx.listener.callbackUrl(), ...(query !== undefined ? { query } : {}) },
  });
  const id = (ex.json as { id?: unknown } | undefined)?.id;
  if (ex.status === 201 && typeof id === 'string') hubsOf(ctx).push({ api, id });
  return ex;
}

/** Removes a hub, recording the contract verdict under `rule`. */
export async function unregisterHub(
  ctx: ScenarioContext<any>,
  rule: string,
  api: string,
  id: string,
): Promise<Exchange> {
  // Matched on the template, not the id: an id the target made up (slashes and all) must not break the lookup.
  const ex = await ctx.call(rule, {
    api,
    operationId: hubOperation(ctx, api, 'DELETE', '/hub/{id}'),
    pathParams: { id },
  });
  const hubs = registered.get(ctx);
  if (hubs && ex.status !== undefined && ex.status < 300)
    hubs.splice(0, hubs.length, ...hubs.filter((h) => !(h.api === api && h.id === id)));
  return ex;
}

function hubsOf(ctx: ScenarioContext<any>): Array<{ api: string; id: string }> {
  let hubs = registered.get(ctx);
  if (!hubs) {
    const list: Array<{ api: string; id: string }> = [];
    registered.set(ctx, (hubs = list));
    ctx.onCleanup(() => removeHubs(ctx, list));
  }
  return hubs;
}

/**
 * Removes the hubs the scenario left registered. Best effort, bounded by the request timeout and outside any
 * verdict: it runs after the scenario ended, so it goes to the client directly rather than through the context.
 */
async function removeHubs(ctx: ScenarioContext<any>, hubs: Array<{ api: string; id: string }>): Promise<void> {
  for (const hub of hubs.splice(0)) {
    const operationId = ctx.client.operationAt(hub.api, 'DELETE', '/hub/{id}');
    if (operationId) await ctx.client.send({ api: hub.api, operationId, pathParams: { id: hub.id } });
  }
}

function hubOperation(ctx: ScenarioContext<any>, api: string, method: string, path: string): string {
  const m = ctx.client.operationAt(api, method, path);
  if (!m) throw new HarnessError(`API ${api} has no ${method} ${path} operation`);
  return m;
}
