import { OUTCOME_HEADER } from '../../runtime/control/protocol';
import type { EdgeMount } from '../../runtime/server/edge';
import { faultPlanOf, saveFaultPlan, stateOf, type PrestoContext } from './actor-state';
import { readOutcomeHeader } from './faults';
import { RestconfError } from './mount';
import { rpcOf } from './notification-mount';
import { asObj } from './service';

/** The RPCs that start an activation transaction, which the outcome header can make fail. */
const TRANSACTIONS = new Set([
  'create-connectivity-service',
  'update-connectivity-service',
  'delete-connectivity-service',
]);

/**
 * The per-request outcome (`X-LSO-Outcome: fail-on=pe2; rollback-fails-on=pe1`) in front of the `/restconf` mount:
 * on a create, update or delete of a connectivity service, the activation that request starts fails on that node.
 * The header is read before anything happens (a bad one is 400 and changes nothing); the fault is kept for the
 * service the reply names. Elsewhere the header is only journalled.
 */
export function withOutcomes(ctx: PrestoContext, inner: EdgeMount): EdgeMount {
  return {
    prefix: inner.prefix,
    operation: inner.operation,
    handle: async (raw, warn) => {
      const header = raw.headers[OUTCOME_HEADER];
      const rpc = rpcOf(raw);
      if (header === undefined || raw.method !== 'POST' || !rpc || !TRANSACTIONS.has(rpc))
        return inner.handle(raw, warn);
      const rule = readOutcomeHeader(header, stateOf(ctx).topology);
      if (!rule.ok) throw new RestconfError(400, 'invalid-value', `${OUTCOME_HEADER}: ${rule.message}`);
      const reply = await inner.handle(raw, warn);
      const output = asObj(Object.values(asObj(reply.body))[0]);
      const service = asObj(output.service).uuid;
      if (reply.status === 200 && typeof service === 'string') {
        // Only if the service still has steps to run (a delete with none left is done already).
        if (stateOf(ctx).transactions[service])
          ctx.store.transaction(() => {
            const plan = faultPlanOf(ctx);
            saveFaultPlan(ctx, { activation: [{ ...rule.value, service }, ...plan.activation] });
          });
      }
      return reply;
    },
  };
}
