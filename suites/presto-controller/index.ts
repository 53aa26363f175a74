import { sequentialIds } from '../../lib/ids';
import { repoVersion } from '../harness/harness-version';
import { profileFromObject } from '../harness/profile';
import type { EmbeddedTarget, Suite } from '../harness/suite';
import { PRESTO_CONTROLLER_PROFILE, type PrestoControllerProfile } from './profile';
import { PRESTO_API, PRESTO_RULES } from './rules';
import { PRESTO_SCENARIOS } from './scenarios';

/**
 * `presto-controller`: the harness plays the SOF against a Presto (MEF NRP) controller over RESTCONF (RFC 8040):
 * discovery; an EVPL and an EPL created, activated and read back; a bandwidth update per end-point with the capacity
 * ledger following; refusals with RESTCONF errors; delete releasing the resources; the RFC 7951/8040 encoding of the
 * replies (warnings, failures with `--strict`). Without `--target` the CLI runs it against the project's Presto
 * controller mock (`embeddedController`).
 */
export const prestoControllerSuite: Suite<PrestoControllerProfile> = {
  id: 'presto-controller',
  title: 'Presto controller conformance (harness as SOF)',
  description:
    'RESTCONF against a Presto NRP controller: SIP and topology discovery, EVPL and EPL create → INSTALLED → read back → delete, bandwidth update per end-point with the capacity ledger, refusals with ietf-restconf:errors (VLAN, exclusive port, capacity, frame size), RFC 7951/8040 encoding.',
  rules: Object.values(PRESTO_RULES),
  scenarios: PRESTO_SCENARIOS,
  profile: PRESTO_CONTROLLER_PROFILE,
  ports: { client: { apis: [PRESTO_API] } },
};

/** What the suite needs of a controller it starts in process; the project's Presto controller mock provides it. */
export interface InProcessController {
  url: string;
  close(): Promise<void>;
}

export type StartController = (options: {
  clockRate: number;
  ids: ReturnType<typeof sequentialIds>;
}) => Promise<InProcessController>;

/**
 * The built-in target: a controller started in process with its clock frozen, so the suite moves time itself
 * through the control API. The controller is injected (bin/ passes the mock): a suite never imports an actor.
 */
export function embeddedController(start: StartController): () => Promise<EmbeddedTarget<PrestoControllerProfile>> {
  return async () => {
    const mock = await start({ clockRate: 0, ids: sequentialIds() });
    const profile = profileFromObject(
      {
        role: 'presto-controller',
        target: { name: 'lso Presto controller mock (in process)', version: repoVersion(), baseUrl: mock.url },
        timeouts: { requestMs: 10_000, notificationMs: 5000, scenarioMs: 120_000 },
      },
      '(embedded Presto controller mock)',
      PRESTO_CONTROLLER_PROFILE,
      { baseDir: process.cwd() },
    );
    return { profile, close: () => mock.close() };
  };
}
