// Expected values are worked by hand from TensorBoard's formula:
//   last = last * w + (1 - w) * x;  n += 1;  smoothed = last / (1 - w^n)   (last starts at 0)
import { describe, expect, it } from 'vitest';
import { smoothSeries } from '../src/plugins/scalars/smoothing';

describe('smoothSeries', () => {
  it('debiases the moving average', () => {
    // w = 0.5: last 0.5 -> 1/0.5 = 1; last 1.25 -> 1.25/0.75; last 2.125 -> 2.125/0.875.
    const out = smoothSeries([1, 2, 3], 0.5);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo(1.6666666666666667, 12);
    expect(out[2]).toBeCloseTo(2.4285714285714284, 12);
  });

  it('passes non-finite values through without advancing the average', () => {
    // [1, NaN, 3], w = 0.5: 1; NaN; last = 0.5*0.5 + 0.5*3 = 1.75, n = 2 -> 1.75/0.75.
    const out = smoothSeries([1, NaN, 3], 0.5);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(2.3333333333333335, 12);
    const inf = smoothSeries([Infinity, 2, -Infinity], 0.5);
    expect(inf[0]).toBe(Infinity);
    expect(inf[1]).toBeCloseTo(2, 12);
    expect(inf[2]).toBe(-Infinity);
  });

  it('returns the raw series for weight 0', () => {
    expect(Array.from(smoothSeries([3, -1, 7], 0))).toEqual([3, -1, 7]);
  });

  it('keeps a constant series unchanged even at weight 1', () => {
    expect(Array.from(smoothSeries([5, 5, 5], 1))).toEqual([5, 5, 5]);
  });

  it('at weight 1 a non-constant series stays at the starting 0, as TensorBoard draws it', () => {
    expect(Array.from(smoothSeries([5, 6], 1))).toEqual([0, 0]);
  });

  it('uses a weight of 0.9 as TensorBoard does', () => {
    // [10, 0], w = 0.9: last 1 -> 1/0.1 = 10; last 0.9 -> 0.9/(1 - 0.81) = 4.7368421...
    const out = smoothSeries([10, 0], 0.9);
    expect(out[0]).toBeCloseTo(10, 10);
    expect(out[1]).toBeCloseTo(4.7368421052631575, 10);
  });

  it('writes into the column given, returning it when it has the length and its start when longer', () => {
    const fresh = smoothSeries([1, 2, 4], 0.5);
    const exact = new Float64Array(3);
    expect(smoothSeries([1, 2, 4], 0.5, exact)).toBe(exact);
    expect(Array.from(exact)).toEqual(Array.from(fresh));
    const longer = new Float64Array(5).fill(-1);
    const start = smoothSeries([1, 2, 4], 0.5, longer);
    expect(start.length).toBe(3);
    expect(start.buffer).toBe(longer.buffer);
    expect(Array.from(longer)).toEqual([...Array.from(fresh), -1, -1]);
    // Constant and unsmoothed series are copied in the same way.
    const constant = new Float64Array(2);
    expect(smoothSeries([7, 7], 0.5, constant)).toBe(constant);
    expect(Array.from(constant)).toEqual([7, 7]);
  });

  it('handles an empty series', () => {
    expect(smoothSeries([], 0.6).length).toBe(0);
  });
});

describe('smoothSeries on long series', () => {
  it('equals the formula applied value by value, with the divisor 1 - w^n, past the point where it reaches 1', () => {
    let seed = 9;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const w of [0.3, 0.6, 0.9, 0.999]) {
      const values = Array.from({ length: 3000 }, (_, i) => (i % 97 === 5 ? NaN : i % 131 === 7 ? -Infinity : next() * 10 - 3));
      let last = 0;
      let seen = 0;
      const expected = values.map((x) => {
        if (!Number.isFinite(x)) return x;
        last = last * w + (1 - w) * x;
        seen++;
        return last / (1 - Math.pow(w, seen));
      });
      const got = Array.from(smoothSeries(values, w));
      // Math.pow and the running product of w may differ in the last bits.
      got.forEach((v, i) => (Number.isFinite(expected[i]) ? expect(v).toBeCloseTo(expected[i], 9) : expect(v).toBe(expected[i])));
    }
  });
});
