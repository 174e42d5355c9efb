// The y-axis extent of a scalar chart, following TensorBoard's rules.
//
// Non-finite values are ignored. With "ignore outliers" the extent runs from the 5% to the 95%
// quantile (linear interpolation between order statistics) instead of min..max. The extent is
// then padded by 20% of its span (or |a|*1.1 + 1.1 when the span is 0), and when the data sit
// just above zero (0 <= min < span) the lower bound becomes -0.1 * max so that 0 is in view.
// For a log axis only positive values count, and the extent is padded multiplicatively.

/** The q-quantile of ascending-sorted `sorted` (q in [0, 1]), linearly interpolated. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Extent [min, max] for a linear axis over every finite value in `columns`. */
export function linearDomain(
  columns: ArrayLike<number>[],
  ignoreOutliers: boolean,
): [number, number] {
  let a = Infinity;
  let b = -Infinity;
  if (ignoreOutliers) {
    const finite = collect(columns, (v) => Number.isFinite(v));
    if (finite.length === 0) return [-0.1, 1.1];
    finite.sort();
    a = quantileSorted(finite, 0.05);
    b = quantileSorted(finite, 0.95);
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
  const positive = collect(columns, (v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return null;
  positive.sort();
  const a = ignoreOutliers ? quantileSorted(positive, 0.05) : positive[0];
  const b = ignoreOutliers ? quantileSorted(positive, 0.95) : positive[positive.length - 1];
  const la = Math.log10(a);
  const lb = Math.log10(b);
  const pad = lb - la === 0 ? 0.5 : (lb - la) * 0.1;
  return [Math.pow(10, la - pad), Math.pow(10, lb + pad)];
}

function collect(columns: ArrayLike<number>[], keep: (v: number) => boolean): Float64Array {
  let count = 0;
  for (const col of columns) for (let i = 0; i < col.length; i++) if (keep(col[i])) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (const col of columns) for (let i = 0; i < col.length; i++) if (keep(col[i])) out[k++] = col[i];
  return out;
}
