import type { ScenarioContext } from '../../harness/scenario-context';
import type { SellerCapability, SonataSellerProfile } from '../profile';
import type { Scenario } from '../../harness/suite';
import type { Rule } from '../../harness/rules';
import { ScenarioAbort } from '../../harness/errors';
import { ControlError } from '../../../runtime/control/client';
import { NoControl } from '../support/seller';

export interface ScenarioDef {
  id: string;
  title: string;
  api: string;
  rules: readonly Rule[];
  requires?: readonly SellerCapability[];
  run(ctx: ScenarioContext<SonataSellerProfile>): Promise<void>;
}

/**
 * A scenario of this suite. Besides what the runner does, it turns "this target has no seller control API" into
 * `skip` for every rule the scenario had not checked yet (with that reason), and a failed control request into a
 * stopped scenario (`error`): a step that needed the seller's hand was not taken, so nothing after it was checked.
 */
export function scenario(def: ScenarioDef): Scenario<SonataSellerProfile> {
  return {
    id: def.id,
    title: def.title,
    api: def.api,
    rules: def.rules.map((r) => r.id),
    ...(def.requires ? { requires: def.requires } : {}),
    async run(ctx) {
      const checked = new Set<string>();
      const check = ctx.check.bind(ctx);
      // Every verdict of the context goes through `check`; seeing them tells which rules are still open.
      ctx.check = (rule, verdict, d) => {
        checked.add(rule);
        check(rule, verdict, d);
      };
      try {
        await def.run(ctx);
      } catch (e) {
        if (e instanceof NoControl) {
          for (const r of def.rules) if (!checked.has(r.id)) check(r.id, 'skip', { message: e.message });
          return;
        }
        if (e instanceof ControlError) throw new ScenarioAbort(e.message);
        throw e;
      }
    },
  };
}
