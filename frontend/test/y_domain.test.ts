import { describe, expect, it } from 'vitest';
import { linearDomain, logDomain, quantileSorted } from '../src/plugins/scalars/y_domain';

describe('quantileSorted', () => {
  it('interpolates between order statistics', () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('linearDomain', () => {
  it('includes zero when data sit just above it', () => {
    // a = 0, b = 10, span 10: lower = -0.1 * 10, upper = 10 + 0.2 * 10.
    expect(linearDomain([[0, 10]], false)).toEqual([-1, 12]);
  });

  it('pads a constant series by |a| * 1.1 + 1.1', () => {
    const [lo, hi] = linearDomain([[5, 5]], false);
    expect(lo).toBeCloseTo(-1.6, 12);
    expect(hi).toBeCloseTo(11.6, 12);
  });

  it('pads by 20% of the span away from zero', () => {
    const [lo, hi] = linearDomain([[10, 12], [11]], false);
    expect(lo).toBeCloseTo(9.6, 12);
    expect(hi).toBeCloseTo(12.4, 12);
  });

  it('ignores outliers using the 5% and 95% quantiles', () => {
    // 1..20 and 1000: n = 21, q05 at index 1 = 2, q95 at index 19 = 20, span 18 -> [-2, 23.6].
    const values = Array.from({ length: 20 }, (_, i) => i + 1).concat([1000]);
    const [lo, hi] = linearDomain([values], true);
    expect(lo).toBeCloseTo(-2, 12);
    expect(hi).toBeCloseTo(23.6, 12);
    expect(linearDomain([values], false)[1]).toBeCloseTo(1000 + 0.2 * 999, 9);
  });

  it('skips non-finite values and defaults when nothing is left', () => {
    const [lo, hi] = linearDomain([[NaN, 10, Infinity, 12, -Infinity]], false);
    expect(lo).toBeCloseTo(9.6, 12);
    expect(hi).toBeCloseTo(12.4, 12);
    expect(linearDomain([[NaN]], false)).toEqual([-0.1, 1.1]);
  });
});

describe('logDomain', () => {
  it('uses positive values only and pads by a tenth of the decades', () => {
    const domain = logDomain([[-1, 0, 1, 100]], false)!;
    expect(domain[0]).toBeCloseTo(Math.pow(10, -0.2), 12);
    expect(domain[1]).toBeCloseTo(Math.pow(10, 2.2), 12);
    expect(logDomain([[0, -3, NaN]], false)).toBeNull();
  });
});
