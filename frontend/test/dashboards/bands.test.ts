import { describe, expect, it } from 'vitest';
import { BASIS_POINTS, bandPolygon, basisPointLabel, toColumns } from '../../src/plugins/distributions/bands';

const points = (values: number[]) => BASIS_POINTS.map((bp, j) => [bp, values[j]] as [number, number]);

describe('distribution bands', () => {
  const answer: [number, number, [number, number][]][] = [
    [1000, 10, points([-4, -3, -2, -1, 0, 1, 2, 3, 4])],
    [1030, 20, points([-8, -6, -4, -2, 0.5, 2, 4, 6, 8])],
  ];

  it('turns each step into nine columns and the value range', () => {
    const c = toColumns(answer, 'step');
    expect(Array.from(c.x)).toEqual([10, 20]);
    expect(Array.from(c.values[4])).toEqual([0, 0.5]);
    expect(Array.from(c.values[8])).toEqual([4, 8]);
    expect([c.yMin, c.yMax]).toEqual([-8, 8]);
    expect(Array.from(toColumns(answer, 'relative').x)).toEqual([0, 30]);
    expect(Array.from(toColumns(answer, 'wall').x)).toEqual([1000, 1030]);
  });

  it('builds a band as the upper edge forward and the lower edge back', () => {
    const c = toColumns(answer, 'step');
    expect(bandPolygon(c, 0, 8)).toEqual([10, 4, 20, 8, 20, -8, 10, -4]);
    expect(bandPolygon(c, 3, 5)).toEqual([10, 1, 20, 2, 20, -2, 10, -1]);
  });

  it('leaves out steps with a missing or non-finite value', () => {
    const broken: [number, number, [number, number][]][] = [
      ...answer,
      [1060, 30, [[0, NaN], [10000, 5]]],
    ];
    const c = toColumns(broken, 'step');
    expect(Number.isNaN(c.values[1][2])).toBe(true);
    expect(bandPolygon(c, 0, 8)).toEqual([10, 4, 20, 8, 20, -8, 10, -4]);
    expect([c.yMin, c.yMax]).toEqual([-8, 8]);
  });

  it('labels basis points as TensorBoard does', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(basisPointLabel)).toEqual(['min', '7%', '16%', '31%', 'median', '69%', '84%', '93%', 'max']);
  });
});

describe('bad distribution answers', () => {
  it('are rejected with the offending entry', () => {
    expect(() => toColumns({} as never, 'step')).toThrow(/expected a list/);
    expect(() => toColumns([[1, 2, 'x']] as never, 'step')).toThrow(/bad entry \[1,2,"x"\]/);
  });
});
