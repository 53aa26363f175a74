import type { EmbeddedTarget } from '../../suites/harness/suite';
import { embeddedController, type StartController } from '../../suites/presto-controller/index';
import { embeddedSeller, type StartSeller } from '../../suites/sonata-seller/index';

/**
 * The built-in targets of suites that test one of the project's own actors. The CLI is where suites and actors
 * meet: a suite never imports an actor (they talk over HTTP, as real systems do). Each actor is loaded only when
 * its target is used, so other commands do not pay for fastify and the mock.
 */
export const EMBEDDED_TARGETS: Readonly<Record<string, () => Promise<EmbeddedTarget>>> = {
  'sonata-seller': () => {
    const { buildSellerMock } = require('../../mocks/sonata-seller/index') as { buildSellerMock: StartSeller };
    return embeddedSeller(buildSellerMock)();
  },
  'presto-controller': () => {
    const { buildPrestoController } =
      require('../../mocks/presto-controller/index') as typeof import('../../mocks/presto-controller/index');
    const start: StartController = (o) => buildPrestoController({ ...o, journal: false });
    return embeddedController(start)();
  },
};
