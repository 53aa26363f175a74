import { routeBetween, shortestPath } from '../../../mocks/presto-controller/path';
import { defaultTopology, type Topology } from '../../../mocks/presto-controller/seed/topology';

const withLink = (t: Topology, id: string, patch: Partial<Topology['links'][string]>): Topology => ({
  ...t,
  links: { ...t.links, [id]: { ...t.links[id], ...patch } },
});

describe('presto-controller path finding', () => {
  const t = defaultTopology();

  it.each([
    ['pe1', 'pe3', {}, ['pe1', 'pe2', 'pe3'], ['link:pe1-pe2', 'link:pe2-pe3'], 20],
    ['pe3', 'pe1', {}, ['pe3', 'pe2', 'pe1'], ['link:pe2-pe3', 'link:pe1-pe2'], 20],
    ['pe1', 'pe2', {}, ['pe1', 'pe2'], ['link:pe1-pe2'], 10],
    ['pe2', 'pe2', {}, ['pe2'], [], 0],
    // 9.5 Gb/s already on pe1–pe2: a 1 Gb/s service takes the direct 1G link.
    [
      'pe1',
      'pe3',
      { bandwidth: 1e9, committed: (l: string) => (l === 'link:pe1-pe2' ? 9.5e9 : 0) },
      ['pe1', 'pe3'],
      ['link:pe1-pe3'],
      30,
    ],
    ['pe1', 'pe3', { avoid: new Set(['link:pe2-pe3']) }, ['pe1', 'pe3'], ['link:pe1-pe3'], 30],
  ])('%s → %s %p: %p', (from, to, opts, nodes, links, cost) => {
    expect(shortestPath(t, from, to, opts)).toEqual({ nodes, links, cost });
  });

  it('goes around a link that is not ENABLED or is LOCKED', () => {
    expect(shortestPath(withLink(t, 'link:pe1-pe2', { operationalState: 'DISABLED' }), 'pe1', 'pe3')?.links).toEqual([
      'link:pe1-pe3',
    ]);
    expect(shortestPath(withLink(t, 'link:pe2-pe3', { administrativeState: 'LOCKED' }), 'pe1', 'pe3')?.links).toEqual([
      'link:pe1-pe3',
    ]);
  });

  it('finds no path when capacity or state cuts every way, or a node is unknown', () => {
    expect(shortestPath(t, 'pe1', 'pe3', { bandwidth: 11e9 })).toBeUndefined();
    const cut = withLink(withLink(t, 'link:pe1-pe2', { operationalState: 'DISABLED' }), 'link:pe1-pe3', {
      operationalState: 'DISABLED',
    });
    expect(shortestPath(cut, 'pe1', 'pe3')).toBeUndefined();
    expect(shortestPath(cut, 'pe2', 'pe3')?.nodes).toEqual(['pe2', 'pe3']);
    expect(shortestPath(t, 'pe1', 'pe9')).toBeUndefined();
  });

  it('a multipoint route is the union of the paths from the first node', () => {
    expect(routeBetween(t, ['pe1', 'pe3', 'pe2', 'pe1'])).toEqual({
      nodes: ['pe1', 'pe2', 'pe3'],
      links: ['link:pe1-pe2', 'link:pe2-pe3'],
      cost: 20,
    });
    expect(routeBetween(t, [])).toBeUndefined();
  });
});
