import { describe, expect, it } from 'vitest';
import {
  linearDomain,
  logDomain,
  quantileSorted,
  quantilesInPlace,
  quantilesOfColumns,
  selectInPlace,
  windowedQuantiles,
} from '../src/plugins/scalars/y_domain';

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

describe('quantilesInPlace', () => {
  // A small deterministic generator, so a failure reproduces.
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };

  it('equals the quantiles of the sorted values on random, sorted, reversed and tied input', () => {
    const next = random(7);
    const inputs: number[][] = [];
    for (const n of [1, 2, 3, 5, 20, 21, 100, 1001, 5000]) {
      inputs.push(Array.from({ length: n }, () => next() * 200 - 100));
      inputs.push(Array.from({ length: n }, (_, i) => i));
      inputs.push(Array.from({ length: n }, (_, i) => n - i));
      inputs.push(Array.from({ length: n }, () => Math.floor(next() * 4)));
    }
    for (const values of inputs) {
      const sorted = [...values].sort((a, b) => a - b);
      const qs = [0, 0.05, 0.5, 0.95, 1];
      const expected = qs.map((q) => quantileSorted(sorted, q));
      const got = quantilesInPlace(Float64Array.from(values), qs);
      got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 9));
    }
  });

  it('gives NaN for no values', () => {
    expect(quantilesInPlace(new Float64Array(0), [0.05, 0.95])).toEqual([NaN, NaN]);
  });
});

describe('selectInPlace', () => {
  it('leaves the k-th smallest at k with smaller values before it and larger after', () => {
    const a = Float64Array.from([9, 1, 8, 2, 7, 3, 6, 4, 5, 5]);
    expect(selectInPlace(a, 4)).toBe(5);
    expect(a[4]).toBe(5);
    for (let i = 0; i < 4; i++) expect(a[i]).toBeLessThanOrEqual(5);
    for (let i = 5; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(5);
  });
});

describe('linearDomain and logDomain with outliers ignored', () => {
  it('match the sorted-quantile definition on noisy runs with infinities and NaN', () => {
    const columns = [
      [1, 2, NaN, 3, Infinity, 4, 5, 6, 7, 8, 9, 10],
      [-Infinity, 11, 12, 13, 14, 15, 16, 17, 18, 19, 1e6],
    ];
    const finite = columns.flat().filter(Number.isFinite).sort((a, b) => a - b);
    const [lo, hi] = linearDomain(columns, true);
    const a = quantileSorted(finite, 0.05);
    const b = quantileSorted(finite, 0.95);
    // 0 ≤ a < span: the lower edge is -0.1 · b (zero kept in view).
    expect(lo).toBeCloseTo(-0.1 * b, 9);
    expect(hi).toBeCloseTo(b + 0.2 * (b - a), 9);
    const positive = columns.flat().filter((v) => Number.isFinite(v) && v > 0).sort((x, y) => x - y);
    const la = Math.log10(quantileSorted(positive, 0.05));
    const lb = Math.log10(quantileSorted(positive, 0.95));
    const log = logDomain(columns, true)!;
    expect(log[0]).toBeCloseTo(Math.pow(10, la - 0.1 * (lb - la)), 9);
    expect(log[1]).toBeCloseTo(Math.pow(10, lb + 0.1 * (lb - la)), 9);
  });
});

describe('quantilesOfColumns', () => {
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };

  // Sorting every kept value: what the windows over a sample must give exactly.
  const bruteForce = (columns: number[][], qs: number[], positiveOnly: boolean) => {
    const kept = Float64Array.from(columns.flat().filter((v) => (positiveOnly ? v > 0 && v !== Infinity : Number.isFinite(v))));
    kept.sort();
    return qs.map((q) => quantileSorted(kept, q));
  };

  it('equals the quantiles of the sorted kept values, for columns large enough to be sampled', () => {
    const next = random(11);
    const shapes: ((i: number, n: number) => number)[] = [
      () => next() * 2 - 1,
      // Sorted columns, so every column's sample comes from one end.
      (i) => i,
      (i, n) => n - i,
      // Heavy ties, and values that are mostly one number.
      () => Math.floor(next() * 3),
      () => (next() < 0.97 ? 5 : next() * 1000),
      // Heavy tails and non-finite values mixed in.
      () => Math.pow(next(), 8) * (next() < 0.5 ? -1e6 : 1e6),
      () => [NaN, Infinity, -Infinity, 0, -0, next()][Math.floor(next() * 6)],
    ];
    for (const shape of shapes) {
      for (const [runs, points] of [[1, 5000], [50, 120], [300, 20]]) {
        const columns = Array.from({ length: runs }, () => Array.from({ length: points }, (_, i) => shape(i, points)));
        for (const positiveOnly of [false, true]) {
          const qs = [0.05, 0.95];
          const expected = bruteForce(columns, qs, positiveOnly);
          const got = quantilesOfColumns(columns.map((c) => Float64Array.from(c)), qs, positiveOnly);
          got.forEach((v, i) => (Number.isNaN(expected[i]) ? expect(v).toBeNaN() : expect(v).toBe(expected[i])));
        }
      }
    }
  });

  it('is exact for many identical columns, whose order statistics sit in long runs of equal values', () => {
    // A sweep whose runs log the same curve: every value 500 times, on the window's edges too.
    for (const points of [40, 37]) {
      const curve = Array.from({ length: points }, (_, i) => Math.fround(Math.sin(i * 0.25 + 3)));
      const columns = Array.from({ length: 500 }, () => curve);
      const typed = columns.map((c) => Float64Array.from(c));
      for (const qs of [[0.05, 0.95], [0.5]]) {
        expect(quantilesOfColumns(typed, qs, false)).toEqual(bruteForce(columns, qs, false));
      }
    }
  });

  it('equals the sorted quantiles for any number of quantiles, with NaN and infinities mixed in', () => {
    const next = random(5);
    const columns = Array.from({ length: 40 }, () =>
      Array.from({ length: 300 }, () => (next() < 0.05 ? [NaN, Infinity, -Infinity][Math.floor(next() * 3)] : next() * 100 - 20)),
    );
    const typed = columns.map((c) => Float64Array.from(c));
    for (const qs of [[0.5], [0.05, 0.5, 0.95], [0, 0.25, 0.75, 1], [0.01, 0.02]]) {
      for (const positiveOnly of [false, true]) {
        expect(quantilesOfColumns(typed, qs, positiveOnly)).toEqual(bruteForce(columns, qs, positiveOnly));
      }
    }
  });

  it('finds the quantiles of a chart of runs from its windows, without the fallback over every value', () => {
    // What a chart of 50 runs of 500 points looks like: noisy decaying curves (float32 values),
    // sorted steps, identical runs of a sweep; the windows must hold the order statistics.
    const next = random(3);
    const shapes: ((run: number, i: number) => number)[] = [
      (run, i) => Math.fround(Math.exp(-i / 100) * (1 + run / 50) + next() * 0.1),
      (_, i) => i,
      (_, i) => Math.fround(Math.sin(i * 0.25 + 3)),
      () => Math.floor(next() * 3),
    ];
    for (const shape of shapes) {
      for (const [runs, points] of [[50, 500], [500, 40], [2, 5000]]) {
        const columns = Array.from({ length: runs }, (_, run) => Float64Array.from({ length: points }, (_, i) => shape(run, i)));
        const got = windowedQuantiles(columns, [0.05, 0.95], false);
        expect(got).not.toBeNull();
        expect(got).toEqual(bruteForce(columns.map((c) => [...c]), [0.05, 0.95], false));
      }
    }
  });

  it('leaves the columns as they were and answers NaN when no value is kept', () => {
    const column = Float64Array.from({ length: 6000 }, (_, i) => (i * 7919) % 6000);
    const copy = Float64Array.from(column);
    quantilesOfColumns([column], [0.05, 0.95], false);
    expect(column).toEqual(copy);
    expect(quantilesOfColumns([new Float64Array(5000).fill(NaN)], [0.5], false)[0]).toBeNaN();
    expect(quantilesOfColumns([new Float64Array(5000).fill(-1)], [0.5], true)[0]).toBeNaN();
  });
});
