import { sendOnce } from '../../runtime/http/transport';
import { addItem, cancelProductOrder, productOrder } from '../sonata/payloads';
import { ORDER_BASE } from './seller-stand-in';

/** One thing a scripted client does wrong, so the self-test can show each rule catching it. */
export type ClientFlaw = 'invalid-body' | 'forbidden-transition' | 'no-hub';

export interface ScriptedClient {
  /** Runs the script against the stage at `stageUrl`; resolves when it is done (never rejects). */
  run(stageUrl: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A Sonata Buyer reduced to a script, the stage self-test's built-in target: register a hub, order, poll the order
 * once, and cancel it while it is in progress. A flaw changes one thing: an invalid order first, a cancel once the
 * order is completed, or no hub at all.
 */
export function scriptedClient(flaw?: ClientFlaw): ScriptedClient {
  let running: Promise<void> = Promise.resolve();
  return {
    run(stageUrl) {
      running = script(`${stageUrl}${ORDER_BASE}`, flaw).catch(() => undefined);
      return running;
    },
    close: () => running,
  };
}

async function script(base: string, flaw: ClientFlaw | undefined): Promise<void> {
  if (flaw !== 'no-hub')
    await call(base, 'POST', '/hub', {
      callback: 'http://127.0.0.1:9/scripted-client',
      query: 'eventType=productOrderStateChangeEvent',
    });
  if (flaw === 'invalid-body')
    await call(base, 'POST', '/productOrder', {
      ...productOrder([addItem()], 'SCRIPTED-BAD'),
      productOrderItem: 'one E-Line, please',
    });
  const created = (await call(base, 'POST', '/productOrder', productOrder([addItem()], 'SCRIPTED-1'))) as
    { id?: string } | undefined;
  if (!created?.id) return;
  let order = (await call(base, 'GET', `/productOrder/${encodeURIComponent(created.id)}`)) as
    { state?: string } | undefined;
  if (flaw === 'forbidden-transition') {
    for (let i = 0; i < 5 && order?.state !== 'completed'; i++)
      order = (await call(base, 'GET', `/productOrder/${encodeURIComponent(created.id)}`)) as
        { state?: string } | undefined;
  }
  await call(base, 'POST', '/cancelProductOrder', cancelProductOrder(created.id));
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(body !== undefined ? { 'content-type': 'application/json;charset=utf-8' } : {}),
  };
  const r = await sendOnce(
    { method, url: `${base}${path}`, headers, body: body === undefined ? undefined : JSON.stringify(body) },
    { timeoutMs: 5000 },
  );
  if (!r.ok || !r.response.body) return undefined;
  try {
    return JSON.parse(r.response.body);
  } catch {
    return undefined;
  }
}
