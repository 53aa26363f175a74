import { UsageError } from '../lib/errors';
import { suggest } from '../lib/suggest';
import { harnessSelftest } from './sonata-seller/selftest/suite';
import type { Suite } from './harness/suite';
import { prestoControllerSuite } from './presto-controller/index';
import { sonataSellerSuite } from './sonata-seller/index';
import { stageSelftest } from './stage-selftest/suite';

/** Every suite `lso test <suite>` can run, by id. */
export const SUITES: Readonly<Record<string, Suite>> = Object.freeze({
  [harnessSelftest.id]: harnessSelftest,
  [prestoControllerSuite.id]: prestoControllerSuite,
  [sonataSellerSuite.id]: sonataSellerSuite,
  [stageSelftest.id]: stageSelftest,
});

export function getSuite(id: string): Suite {
  const s = Object.hasOwn(SUITES, id) ? SUITES[id] : undefined;
  if (!s)
    throw new UsageError(
      `unknown suite '${id}'${suggest(id, Object.keys(SUITES))}; known suites: ${Object.keys(SUITES).join(', ')}`,
    );
  return s;
}
