// The y-axis extent of a scalar chart, following TensorBoard's rules.
//
// Non-finite values are ignored. With "ignore outliers" the extent runs from the 5% to the 95%
// quantile (linear interpolation between order statistics) instead of min..max. The extent is
// then padded by 20% of its span (or |a|*1.1 + 1.1 when the span is 0), and when the data sit
// just above zero (0 <= min < span) the lower bound becomes -0.1 * max so that 0 is in view.
// For a log axis only positive values count, and the extent is padded multiplicatively.
// The quantiles come from selection (quickselect on one copy of the values, linear time), not a
// sort: a chart of 50 runs has some 30,000 values, and sorting them was a visible part of drawing
// it.

/** The q-quantile of ascending-sorted `sorted` (q in [0, 1]), linearly interpolated. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The k-th smallest (0-based) of `a[lo..hi]`, found by rearranging that part of `a` in place
 * (quickselect, median-of-three pivots): afterwards a[k] holds it, everything in a[lo..k) is ≤ it
 * and everything in (k..hi] is ≥ it. `a` holds no NaN.
 */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    // Median of three as the pivot, so sorted and reversed input stay linear.
    const mid = (lo + hi) >> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    // Hoare partition: [lo, j] ≤ pivot ≤ [i, hi].
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * The q-quantiles of `values` (ascending qs in [0, 1]) as `quantileSorted` would give them on the
 * sorted values, found by selection; `values` is rearranged.
 */
export function quantilesInPlace(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return qs.map(() => NaN);
  let from = 0;
  return qs.map((q) => {
    const pos = (n - 1) * q;
    const lo = Math.floor(pos);
    const at = selectInPlace(values, lo, from, n - 1);
    // Everything after `lo` is now ≥ values[lo]: the next order statistic is their minimum.
    let next = at;
    if (lo + 1 < n && pos > lo) {
      next = Infinity;
      for (let i = lo + 1; i < n; i++) if (values[i] < next) next = values[i];
    }
    from = lo;
    return at + (next - at) * (pos - lo);
  });
}

/** Extent [min, max] for a linear axis over every finite value in `columns`. */
export function linearDomain(
  columns: ArrayLike<number>[],
  ignoreOutliers: boolean,
): [number, number] {
  let a = Infinity;
  let b = -Infinity;
  if (ignoreOutliers) {
    const finite = collect(columns, false);
    if (finite.length === 0) return [-0.1, 1.1];
    [a, b] = quantilesInPlace(finite, [0.05, 0.95]);
  } else {
    // One pass, nothing gathered (a chart of 5,000 runs has some 10^5 values).
    for (const column of columns) {
      for (let i = 0; i < column.length; i++) {
        const v = column[i];
        // Also skips NaN; ±Infinity are not finite values either.
        if (v < a && v !== -Infinity) a = v;
        if (v > b && v !== Infinity) b = v;
      }
    }
    if (a === Infinity) return [-0.1, 1.1];
  }
  return paddedLinear(a, b);
}

/** The linear axis extent for finite values from `a` to `b`, padded (see the top of the file). */
export function paddedLinear(a: number, b: number): [number, number] {
  const span = b - a;
  const padding = span === 0 ? Math.abs(a) * 1.1 + 1.1 : span * 0.2;
  const lower = a >= 0 && a < span ? -0.1 * b : a - padding;
  return [lower, b + padding];
}

/** Extent for a log axis over the positive finite values; null when there are none. */
export function logDomain(
  columns: ArrayLike<number>[],
  ignoreOutliers: boolean,
): [number, number] | null {
  const positive = collect(columns, true);
  if (positive.length === 0) return null;
  let a = Infinity;
  let b = -Infinity;
  if (ignoreOutliers) [a, b] = quantilesInPlace(positive, [0.05, 0.95]);
  else
    for (let i = 0; i < positive.length; i++) {
      if (positive[i] < a) a = positive[i];
      if (positive[i] > b) b = positive[i];
    }
  const la = Math.log10(a);
  const lb = Math.log10(b);
  const pad = lb - la === 0 ? 0.5 : (lb - la) * 0.1;
  return [Math.pow(10, la - pad), Math.pow(10, lb + pad)];
}

/** The finite values of `columns` (only those > 0 when `positiveOnly`), in one new array. */
function collect(columns: ArrayLike<number>[], positiveOnly: boolean): Float64Array {
  let count = 0;
  for (const col of columns) count += col.length;
  const out = new Float64Array(count);
  let k = 0;
  // Tight loops, no predicate call per value: NaN fails both comparisons.
  for (const col of columns) {
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (positiveOnly ? v > 0 && v !== Infinity : v > -Infinity && v < Infinity) out[k++] = v;
    }
  }
  return out.subarray(0, k);
}
