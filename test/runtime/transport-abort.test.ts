import { sendOnce } from '../../runtime/http/transport';

describe('sendOnce with a signal that has already fired', () => {
  test('resolves a cancelled failure without an unhandled error event', async () => {
    const c = new AbortController();
    c.abort();
    const r = await sendOnce(
      { method: 'GET', url: 'http://127.0.0.1:9/never', headers: {} },
      { timeoutMs: 1000, signal: c.signal },
    );
    expect(r).toMatchObject({ ok: false, failure: { kind: 'timeout', message: expect.stringContaining('cancelled') } });
    // An 'error' emitted by the destroyed request after this point would fail the test run as uncaught.
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
