import { echoProblems, historyOf } from '../../../suites/sonata-seller/support/checks';

describe('echo: every attribute sent comes back unchanged (MEF 123 R16)', () => {
  test.each([
    ['the same document', { a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'x' }, id: '1' }, []],
    ['a changed value', { a: 1 }, { a: 2 }, ['/a: sent 1, got 2']],
    ['a dropped attribute', { a: { b: 1 } }, { a: {} }, ['/a/b: sent 1, got undefined']],
    ['the same instant written differently', { d: '2027-01-15T00:00:00Z' }, { d: '2027-01-15T00:00:00.000Z' }, []],
    [
      'another instant',
      { d: '2027-01-15T00:00:00Z' },
      { d: '2027-01-16T00:00:00Z' },
      ['/d: sent "2027-01-15T00:00:00Z", got "2027-01-16T00:00:00Z"'],
    ],
    [
      'a list the Seller extended and reordered',
      { c: [{ role: 'a' }, { role: 'b' }] },
      { c: [{ role: 'seller' }, { role: 'b' }, { role: 'a' }] },
      [],
    ],
    [
      'a list entry lost',
      { c: [{ role: 'a' }] },
      { c: [{ role: 'b' }] },
      ['/c/0: {"role":"a"} is not in the response'],
    ],
    [
      'items matched by id',
      { i: [{ id: '1', x: 1 }] },
      {
        i: [
          { id: '2', x: 1 },
          { id: '1', x: 2 },
        ],
      },
      ['/i/0/x: sent 1, got 2'],
    ],
    [
      'an @type changed',
      { p: { '@type': 'urn:a' } },
      { p: { '@type': 'urn:b' } },
      ['/p/@type: sent "urn:a", got "urn:b"'],
    ],
  ])('%s', (_name, sent, got, expected) => {
    expect(echoProblems(sent, got)).toEqual(expected);
  });
});

describe('historyOf: the recorded history, oldest first', () => {
  test('sorts by changeDate and ends with the current state', () => {
    const o = {
      state: 'completed',
      stateChange: [
        { state: 'inProgress', changeDate: '2024-01-02T00:00:00Z' },
        { state: 'acknowledged', changeDate: '2024-01-01T00:00:00Z' },
      ],
    };
    expect(historyOf(o)).toEqual(['acknowledged', 'inProgress', 'completed']);
  });
  test('reads statusChange/status', () => {
    expect(
      historyOf(
        {
          status: 'active',
          statusChange: [
            { status: 'pendingActive', changeDate: '2024-01-01T00:00:00Z' },
            { status: 'active', changeDate: '2024-01-02T00:00:00Z' },
          ],
        },
        { list: 'statusChange', key: 'status', current: 'status' },
      ),
    ).toEqual(['pendingActive', 'active']);
  });
  test('an entity without history is just its current state', () => {
    expect(historyOf({ state: 'acknowledged' })).toEqual(['acknowledged']);
  });
});
