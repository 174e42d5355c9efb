import { describe, expect, it } from 'vitest';
import type { ScalarSeries } from '../src/api/types';
import { aggregateGroup, decodeRunGrouping, encodeRunGrouping, groupRuns } from '../src/plugins/scalars/run_groups';

function series(run: string, steps: number[], values: number[]): ScalarSeries {
  return { run, tag: 'loss', step: steps, wall_time: steps.map(() => 0), value: values } as unknown as ScalarSeries;
}

describe('run grouping', () => {
  it('groups by the first regex capture, unmatched runs alone', () => {
    const groups = groupRuns(['a/seed_1', 'a/seed_2', 'b/seed_1', 'other'], { by: 'regex', key: '^(.*)/seed_\\d+$', band: 'minmax' });
    expect([...groups.entries()]).toEqual([
      ['a', ['a/seed_1', 'a/seed_2']],
      ['b', ['b/seed_1']],
      ['other', ['other']],
    ]);
  });

  it('groups by an hparam value', () => {
    const lr: Record<string, string> = { r1: '0.1', r2: '0.01', r3: '0.1' };
    const groups = groupRuns(['r1', 'r2', 'r3', 'r4'], { by: 'hparam', key: 'lr', band: 'std' }, (r) => lr[r]);
    expect([...groups.keys()]).toEqual(['lr=0.1', 'lr=0.01', 'r4']);
    expect(groups.get('lr=0.1')).toEqual(['r1', 'r3']);
  });

  it('aligns different step grids by interpolation and computes min-max and std bands', () => {
    // Run a at steps 0, 10 (0 → 10); run b at 0, 5, 10 (2, 4, 6). At step 5, a is 5.
    const a = series('a', [0, 10], [0, 10]);
    const b = series('b', [0, 5, 10], [2, 4, 6]);
    const minmax = aggregateGroup('g', [a, b], 'minmax');
    expect(minmax.steps).toEqual([0, 5, 10]);
    expect(minmax.mean).toEqual([1, 4.5, 8]);
    expect(minmax.lo).toEqual([0, 4, 6]);
    expect(minmax.hi).toEqual([2, 5, 10]);
    expect(minmax.count).toEqual([2, 2, 2]);
    const std = aggregateGroup('g', [a, b], 'std');
    expect(std.lo[0]).toBeCloseTo(0);
    expect(std.hi[2]).toBeCloseTo(10);
  });

  it('interpolates wall times like values and averages them over the runs', () => {
    const a = { run: 'a', tag: 't', step: [0, 10], wall_time: [100, 200], value: [0, 10] };
    const b = { run: 'b', tag: 't', step: [0, 5, 10], wall_time: [110, 150, 180], value: [2, 4, 6] };
    const curve = aggregateGroup('g', [a, b], 'minmax');
    // Step 5: a is halfway (150), b logged it at 150.
    expect(curve.wallTime).toEqual([105, 150, 190]);
  });

  it('never extrapolates a run beyond its steps', () => {
    const curve = aggregateGroup('g', [series('a', [0, 1], [1, 1]), series('b', [0, 1, 2], [3, 3, 3])], 'minmax');
    expect(curve.count).toEqual([2, 2, 1]);
    expect(curve.mean[2]).toBe(3);
  });

  it('keeps the grouping in the URL', () => {
    const g = { by: 'regex' as const, key: 'seed', band: 'std' as const };
    expect(decodeRunGrouping(encodeRunGrouping(g))).toEqual(g);
    expect(decodeRunGrouping('nonsense')).toBeNull();
    expect(encodeRunGrouping(null)).toBe('');
  });
});
