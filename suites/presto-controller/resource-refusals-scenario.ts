import type { Scenario } from '../harness/suite';
import type { PrestoControllerProfile } from './profile';
import { rpc, serviceInput } from './restconf';
import { PRESTO_API, PRESTO_RULES as R } from './rules';
import {
  capacityBps,
  CONN,
  INTO_END_POINT,
  judgeErrorShape,
  judgeRefusal,
  liveServices,
  maxFrameSizeOf,
  pickSips,
  probe,
  sipDetails,
  type ErrorPathExpectation,
} from './steps';

/** Larger than any SIP's capacity when the controller does not say (10 Tb/s), and than any Ethernet frame. */
const HUGE_CIR = 10e12;
const HUGE_FRAME = 65_536;

const AT_MAX_FRAME_SIZE: ErrorPathExpectation = {
  pattern: /(^|\/)([\w.-]+:)?input\/([\w.-]+:)?nrp-carrier-eth-connectivity-resource\/([\w.-]+:)?max-frame-size$/,
  says: 'error-path /input/nrp-interface:nrp-carrier-eth-connectivity-resource/max-frame-size',
};

/** Creates the resources cannot carry: more CIR than the SIP has left, a frame larger than a SIP takes. */
export const resourceRefusals: Scenario<PrestoControllerProfile> = {
  id: 'presto.resource-refusals',
  title: 'Creates beyond the resources are refused with RESTCONF errors: over capacity, frame size',
  api: PRESTO_API,
  rules: [R.refuseOverCapacity.id, R.refuseFrameSize.id, R.errorShape.id],
  async run(ctx) {
    const control = await probe(ctx);
    const sips = await pickSips(ctx);
    const vlan = (ctx.profile.vlan % 4000) + 30;
    const { keep } = liveServices(ctx, control);
    const [a, z] = [await sipDetails(ctx, sips[0]), await sipDetails(ctx, sips[1])];
    await ctx.step('a create with more CIR than the SIP has left is refused 409 resource-denied', async () => {
      const left = capacityBps(a.sip?.['available-capacity']);
      const cir = left === undefined ? HUGE_CIR : left + 1e9;
      const x = await rpc(ctx, CONN, 'create-connectivity-service', serviceInput(sips, { vlans: [vlan], cir }));
      keep(x);
      judgeRefusal(ctx, R.refuseOverCapacity.id, x, 409, 'resource-denied', INTO_END_POINT);
      judgeErrorShape(ctx, x, 'over capacity');
    });
    await ctx.step(
      'a create with a larger max-frame-size than the SIPs take is refused 400 invalid-value',
      async () => {
        const sizes = [maxFrameSizeOf(a.sip), maxFrameSizeOf(z.sip)].filter((n): n is number => n !== undefined);
        const maxFrameSize = sizes.length ? Math.max(...sizes) + 1 : HUGE_FRAME;
        const x = await rpc(
          ctx,
          CONN,
          'create-connectivity-service',
          serviceInput(sips, { vlans: [vlan], maxFrameSize }),
        );
        keep(x);
        judgeRefusal(ctx, R.refuseFrameSize.id, x, 400, 'invalid-value', AT_MAX_FRAME_SIZE);
        judgeErrorShape(ctx, x, 'frame size');
      },
    );
  },
};
