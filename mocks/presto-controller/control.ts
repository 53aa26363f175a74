import type { ActorControl } from '../../runtime/control/actor-control';
import { obj, type Ok } from '../../runtime/control/routes';
import type { ControlRoute } from '../../runtime/server/edge';
import { BadRequest } from '../../runtime/server/errors';
import { faultPlanOf, save, saveFaultPlan, stateOf, type PrestoContext } from './actor-state';
import { readFaultRule, readOperationalChange, setOperationalState, type Read } from './faults';

const valid = <T>(r: Read<T>): T => {
  if (!r.ok) throw new BadRequest('invalidBody', r.message);
  return r.value;
};

/**
 * The controller's own control routes, after the shared ones (runtime/control/routes.ts): activation faults on a
 * named node, and SIPs and links going down and coming back (faults.ts). Input is checked before anything changes.
 */
export function prestoControlRoutes(c: ActorControl, ctx: PrestoContext, ok: Ok): ControlRoute[] {
  return [
    {
      method: 'GET',
      path: '/presto/faults',
      describe: 'the activation faults asked for and not used yet',
      handler: () => ok(faultPlanOf(ctx)),
    },
    {
      method: 'POST',
      path: '/presto/faults/activation',
      describe:
        'the next activation step on a node fails and is rolled back: {"node": "pe2", "action"?: "activate"|"update"|"deactivate", "rollbackFailsOn"?: ["pe1"], "reason"?, "count"?: 1}',
      handler: (r) => {
        const rule = valid(readFaultRule(obj(r.body), stateOf(ctx).topology));
        return ok(
          c.change(() => {
            const plan = { activation: [...faultPlanOf(ctx).activation, rule] };
            saveFaultPlan(ctx, plan);
            return plan;
          }),
          201,
        );
      },
    },
    {
      method: 'DELETE',
      path: '/presto/faults/activation',
      describe: 'forget the activation faults not used yet',
      handler: () => {
        c.change(() => saveFaultPlan(ctx, { activation: [] }));
        return { status: 204 };
      },
    },
    {
      method: 'PUT',
      path: '/presto/operational-state',
      describe:
        'a SIP or link goes down or comes back: {"sip" | "link": uuid, "state": "DISABLED" | "ENABLED"}; the services using it follow',
      handler: (r) => {
        const change = valid(readOperationalChange(obj(r.body), stateOf(ctx).topology));
        return ok(
          c.change(() => {
            const { state, events } = setOperationalState(stateOf(ctx), change, ctx.clock.now());
            save(ctx, state, events);
            return {
              changed: events.map((e) => ({
                'object-type': e.objectType,
                uuid: e.uuid,
                'changed-attributes': e.changedAttributes ?? [],
              })),
            };
          }),
        );
      },
    },
  ];
}
