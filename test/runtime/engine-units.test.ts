/** The runtime's pure pieces, without HTTP: clock, ids, lists and filters, hub queries, faults, store, scheduler. */
import { parseDuration, VirtualClock } from '../../lib/clock';
import { sequentialIds } from '../../lib/ids';
import { silentLogger } from '../../lib/logger';
import { BadRequest, Unprocessable } from '../../runtime/server/errors';
import { parseFaultHeader, FaultInjector } from '../../runtime/server/faults';
import { parseHubQuery } from '../../runtime/hubs/hubs';
import { applyFilters, page } from '../../runtime/server/listing';
import { problemOf } from '../../runtime/server/request-check';
import { Scheduler } from '../../runtime/state/scheduler';
import { MemoryStore } from '../../runtime/state/store/memory';

describe('virtual clock', () => {
  it('stands still at rate 0 and moves only when advanced, telling its listeners', () => {
    let real = 1000;
    const c = new VirtualClock({ start: 5000, rate: 0, real: () => real });
    const seen: number[] = [];
    c.onChange((t) => seen.push(t));
    real += 10_000;
    expect(c.now()).toBe(5000);
    c.advance(250);
    expect(c.now()).toBe(5250);
    expect(seen).toEqual([5250]);
    expect(c.realDelayUntil(6000)).toBe(Infinity);
  });

  it('follows the real clock at its rate, and never goes back', () => {
    let real = 0;
    const c = new VirtualClock({ start: 0, rate: 60, real: () => real });
    real = 1000;
    expect(c.now()).toBe(60_000);
    expect(c.setTo(10)).toBe(60_000);
    expect(c.realDelayUntil(120_000)).toBe(1000);
    expect(() => c.advance(-1)).toThrow(RangeError);
    expect(() => c.setRate(-2)).toThrow(RangeError);
  });

  it.each([
    ['1500', 1500],
    ['90s', 90_000],
    ['2h', 7_200_000],
    ['1d12h', 129_600_000],
    ['P1DT2H', 93_600_000],
    ['PT30M', 1_800_000],
    ['250ms', 250],
  ])('reads the duration %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['soon', '', 'P', 'PT', '2 parsecs'])('refuses %j as a duration', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});

describe('ids', () => {
  it('counts per prefix', () => {
    const ids = sequentialIds();
    expect([ids.next('order'), ids.next('order'), ids.next('hub')]).toEqual(['order-1', 'order-2', 'hub-1']);
  });
});

describe('lists', () => {
  const orders = [
    { id: 'a', state: 'completed', orderDate: '2025-01-01T00:00:00Z', item: [{ d: '2025-02-01T00:00:00Z' }] },
    { id: 'b', state: 'inProgress', orderDate: '2025-01-02T00:00:00Z', item: [{ d: '2025-03-01T00:00:00Z' }] },
    { id: 'c', state: 'inProgress', orderDate: '2025-01-03T00:00:00Z', externalId: 'X' },
  ];

  it('filters by equality, repeated values, dotted paths and functions', () => {
    expect(applyFilters(orders, { state: 'inProgress' }).map((o) => o.id)).toEqual(['b', 'c']);
    expect(applyFilters(orders, { state: ['completed', 'inProgress'], externalId: 'X' }).map((o) => o.id)).toEqual([
      'c',
    ]);
    expect(applyFilters(orders, { itemDate: '2025-03-01T00:00:00Z' }, { itemDate: 'item.d' }).map((o) => o.id)).toEqual(
      ['b'],
    );
    expect(
      applyFilters(orders, { first: 'yes' }, { first: (o) => (o.id === 'a' ? 'yes' : 'no') }).map((o) => o.id),
    ).toEqual(['a']);
  });

  it('compares .gt and .lt strictly, as date-times', () => {
    expect(applyFilters(orders, { 'orderDate.gt': '2025-01-01T00:00:00Z' }).map((o) => o.id)).toEqual(['b', 'c']);
    expect(
      applyFilters(orders, { 'orderDate.lt': '2025-01-03T00:00:00Z', 'orderDate.gt': '2025-01-01T00:00:00Z' }).map(
        (o) => o.id,
      ),
    ).toEqual(['b']);
    expect(
      applyFilters(orders, { 'itemDate.gt': '2025-02-15T00:00:00Z' }, { itemDate: 'item.d' }).map((o) => o.id),
    ).toEqual(['b']);
    expect(() => applyFilters(orders, { 'orderDate.gt': 'yesterday' })).toThrow(BadRequest);
  });

  it('ignores partner and paging parameters and answers [] when nothing matches', () => {
    expect(applyFilters(orders, { buyerId: 'B', offset: '1', limit: '1' })).toHaveLength(3);
    expect(applyFilters(orders, { state: 'cancelled' })).toEqual([]);
  });

  it('pages with offset and limit and counts in the headers', () => {
    const items = Array.from({ length: 7 }, (_, i) => ({ id: String(i) }));
    const r = page(items, { offset: '2', limit: '3' });
    expect((r.body as Array<{ id: string }>).map((x) => x.id)).toEqual(['2', '3', '4']);
    expect(r.headers).toEqual({ 'x-total-count': '7', 'x-result-count': '3' });
    expect(page(items, { offset: '6' }).headers!['x-result-count']).toBe('1');
    expect(() => page(items, { limit: '-1' })).toThrow(BadRequest);
  });

  it('cuts a page to the Seller maximum and says so (MEF 123 R107)', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ id: String(i) }));
    const r = page(items, { limit: '25' }, 10);
    expect(r.body).toHaveLength(10);
    expect(r.headers).toEqual({ 'x-total-count': '30', 'x-result-count': '10', 'x-pagination-throttled': 'true' });
  });
});

describe('hub queries', () => {
  const known = new Set(['a', 'b', 'c']);
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['eventType=a', ['a']],
    ['eventType=a,b', ['a', 'b']],
    ['eventType=a&eventType=c', ['a', 'c']],
    ['eventType = b', ['b']],
  ])('reads %j', (q, types) => expect(parseHubQuery(q, known)).toEqual(types));

  it.each(['state=a', 'eventType=zzz', 'eventType='])('refuses %j with a 422 at /query', (q) => {
    try {
      parseHubQuery(q, known);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(Unprocessable);
      expect((e as Unprocessable).problems[0].propertyPath).toBe('/query');
    }
  });
});

describe('faults', () => {
  it('reads the per-request header', () => {
    expect(parseFaultHeader('status=503, latency=40')).toEqual({ failStatus: 503, latencyMs: 40 });
    expect(parseFaultHeader('nonsense')).toEqual({});
  });
  it('fails the next N matching requests only', () => {
    const f = new FaultInjector();
    f.set({ failNext: 2, errorStatus: 503, apiId: 'x' });
    expect(f.decide('y', 'op', undefined).failStatus).toBeUndefined();
    expect(f.decide('x', 'op', undefined).failStatus).toBe(503);
    expect(f.decide('x', 'op', undefined).failStatus).toBe(503);
    expect(f.decide('x', 'op', undefined).failStatus).toBeUndefined();
  });
});

describe('422 codes', () => {
  it.each([
    ['required', 'missingProperty'],
    ['unknownProperty', 'unexpectedProperty'],
    ['format', 'invalidFormat'],
    ['enum', 'invalidValue'],
    ['@type', 'invalidValue'],
  ])('%s → %s', (rule, code) =>
    expect(problemOf({ pointer: '/a', rule, message: 'm', severity: 'error' }).code).toBe(code),
  );
});

describe('memory store', () => {
  it('keeps insertion order and puts everything back when a transaction throws', () => {
    const s = new MemoryStore();
    s.put({ kind: 'k', id: '1', owner: '-', data: { v: 1 }, meta: {} });
    s.put({ kind: 'k', id: '2', owner: '-', data: { v: 2 }, meta: {} });
    expect(() =>
      s.transaction(() => {
        const r = s.get('k', '1')!;
        r.data.v = 99;
        s.put(r);
        s.delete('k', '2');
        s.put({ kind: 'k', id: '3', owner: '-', data: {}, meta: {} });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(s.list('k').map((r) => [r.id, r.data.v])).toEqual([
      ['1', 1],
      ['2', 2],
    ]);
  });
  it('caps and pages its logs', () => {
    const s = new MemoryStore();
    for (let i = 0; i < 5; i++) s.append('journal', { i });
    expect(s.readLog('journal', { after: 3 }).map((e) => e.seq)).toEqual([4, 5]);
    expect(s.readLog('journal', { limit: 2 }).map((e) => e.i)).toEqual([3, 4]);
  });
});

describe('scheduler', () => {
  it('runs jobs in due order as time is advanced, with the clock at each job time', () => {
    const store = new MemoryStore();
    const clock = new VirtualClock({ start: 0, rate: 0 });
    const ran: Array<[string, number]> = [];
    const s = new Scheduler(
      store,
      clock,
      sequentialIds(),
      { t: (j) => ran.push([j.data.name, clock.now()]) },
      silentLogger,
    );
    s.schedule('t', 300, { name: 'c' });
    s.schedule('t', 100, { name: 'a' });
    s.schedule('t', 100, { name: 'b' });
    s.schedule('t', 5000, { name: 'late' });
    expect(s.advance(1000)).toBe(3);
    expect(ran).toEqual([
      ['a', 100],
      ['b', 100],
      ['c', 300],
    ]);
    expect(clock.now()).toBe(1000);
    expect(s.pending().map((j) => j.data.name)).toEqual(['late']);
    s.close();
  });
  it('runs a job scheduled by a job when it falls due in the same advance, and survives a job that throws', () => {
    const store = new MemoryStore();
    const clock = new VirtualClock({ start: 0, rate: 0 });
    const ran: string[] = [];
    const s: Scheduler = new Scheduler(
      store,
      clock,
      sequentialIds(),
      {
        chain: (j) => {
          ran.push(j.data.n);
          if (j.data.n === 'first') s.schedule('chain', 10, { n: 'second' });
        },
        bad: () => {
          throw new Error('broken job');
        },
      },
      silentLogger,
    );
    s.schedule('bad', 1, {});
    s.schedule('chain', 5, { n: 'first' });
    s.advance(100);
    expect(ran).toEqual(['first', 'second']);
    s.close();
  });
});
