import type { RunEvent } from '../../../runtime/events/events';
import { harnessSelftest } from '../../../suites/sonata-seller/selftest/suite';
import { profile, runWith } from '../../suites/harness/helpers/run';
import { json, startHttp } from '../../suites/harness/helpers/servers';

/** Markup a hostile target puts in its answers; reports must show it as text, never run it. */
export const EVIL = `<script>document.title='pwned'</script>`;

/**
 * A real run of the self-test suite against a seller that breaks the contract with hostile content: the hub answer
 * has a non-string callback and script in its id, no notification ever comes, and the cancel list is not empty.
 * Gives passes, fails, errors and evidence with curl lines, as a certifier would see them.
 */
export async function sampleRun(): Promise<RunEvent[]> {
  const seller = await startHttp((req, res) => {
    if (req.method === 'POST' && req.url.endsWith('/hub')) {
      res.setHeader('x-evil', `</pre>${EVIL}`);
      return json(res, 201, { id: EVIL, callback: 42 });
    }
    if (req.method === 'DELETE') {
      res.writeHead(204);
      return res.end();
    }
    if (req.method === 'GET' && req.url.includes('/cancelProductOrder'))
      return json(res, 200, [{ id: `<img src=x onerror="document.title='pwned'">` }]);
    return json(res, 404, { code: 'notFound', reason: EVIL });
  });
  try {
    const { events } = await runWith(
      harnessSelftest,
      profile(seller.url, {
        capabilities: { cancel: true },
        timeouts: { requestMs: 1000, notificationMs: 200, scenarioMs: 10_000 },
      }),
    );
    return events;
  } finally {
    await seller.close();
  }
}
