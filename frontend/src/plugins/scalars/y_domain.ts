// The y-axis extent of a scalar chart, following TensorBoard's rules.
//
// Non-finite values are ignored. With "ignore outliers" the extent runs from the 5% to the 95%
// quantile (linear interpolation between order statistics) instead of min..max. The extent is
// then padded by 20% of its span (or |a|*1.1 + 1.1 when the span is 0), and when the data sit
// just above zero (0 <= min < span) the lower bound becomes -0.1 * max so that 0 is in view.
// For a log axis only positive values count, and the extent is padded multiplicatively.
// The quantiles come from selection, not a sort: a chart of 50 runs has some 30,000 values, and
// sorting them was a visible part of drawing it. `quantilesOfColumns` first guesses, from a sample
// of one value in 16, a narrow value window around each order statistic wanted, then counts and
// gathers the values of each window in a pass over the columns, and selects inside the few
// hundred values gathered (exact: when a window turns out not to hold its order statistic, it
// falls back to quickselect on one copy of every value). Values equal to a window's edges are counted, not
// gathered: many runs logging the same values (a sweep's identical curves) put thousands of equal
// values at an order statistic, and gathering them overflowed the window into the fallback.
// A chart's first draw runs this once per chart, the first chart's before the code is even compiled,
// so the fewer operations a value the better.

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

/**
 * One value in SAMPLE_STRIDE goes into the sample: the k-th kept value when the top bits of
 * k × 2^32/φ are zero (a Weyl sequence, so the picks are spread evenly without a period). Taking
 * every 16th value instead saw only a few positions of columns of a length such as 40, and with
 * many identical columns the sample then missed most values.
 */
const SAMPLE_STRIDE = 16; // a power of two
const SAMPLE_SHIFT = 32 - Math.log2(SAMPLE_STRIDE);
/** 2^32 / φ: the step of the sample's Weyl sequence. */
const WEYL = 0x9e3779b9;
/** Below this many values, quickselect on one copy (the sample would tell little). */
const MIN_SAMPLED = 4096;
/**
 * A window's half-width, in sample ranks, around the q-quantile of a sample of `sampleSize`: some
 * five standard deviations of that quantile's rank in a sample.
 */
const windowMargin = (sampleSize: number, q: number) => Math.ceil(5 * Math.sqrt(sampleSize * q * (1 - q))) + 4;

/**
 * The q-quantiles (ascending qs in [0, 1]) of the values of `columns` that `keep` accepts, as
 * `quantileSorted` would give them on those values sorted; `columns` are left as they are.
 */
export function quantilesOfColumns(
  columns: ArrayLike<number>[],
  qs: readonly number[],
  positiveOnly: boolean,
): number[] {
  let total = 0;
  for (const col of columns) total += col.length;
  if (total >= MIN_SAMPLED) {
    const windowed = windowedQuantiles(columns, qs, positiveOnly);
    if (windowed) return windowed;
  }
  return quantilesInPlace(collect(columns, positiveOnly), qs);
}

/**
 * Adds the kept values of `col` that the sample picks (the k-th kept value when the top bits of
 * k × WEYL are zero) to `sample`, `n` values having been kept
 * before it; returns the count kept so far. Each pass over the values is a function of its own,
 * called once per column: it is optimised after the first few hundred columns of a chart of
 * thousands of runs, where one function holding both passes was optimised before its second pass
 * had run and then thrown back to the interpreter (a chart's first draw runs this cold).
 * The first chart of a page runs these loops in the interpreter (its y extent took 20–50 ms,
 * the next charts' about 1 ms), so they do the fewest operations a value: the product k × WEYL is
 * stepped by one addition, not a multiplication call, and the kept test is two comparisons with
 * `floor` (-Infinity, or 0 when only positive values count).
 */
function sampleColumn(col: ArrayLike<number>, floor: number, n: number, sample: number[]): number {
  let h = Math.imul(n, WEYL);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (!(v > floor && v < Infinity)) continue;
    // `h` is n × WEYL modulo 2^32.
    if (h >>> SAMPLE_SHIFT === 0) sample.push(v);
    h = (h + WEYL) | 0;
    n++;
  }
  return n;
}

/** Per quantile, its value window, and what its pass over the columns counted and gathered. */
interface Windows {
  low: Float64Array;
  high: Float64Array;
  /** Per window: the values below it, equal to its low edge, strictly inside it (gathered in
   * `inside`), equal to its high edge. */
  below: Int32Array;
  atLow: Int32Array;
  count: Int32Array;
  atHigh: Int32Array;
  inside: Float64Array[];
}

/**
 * Counts and gathers the kept values of `col` for window `j` of `w`; false when the window
 * overflows. One window a pass, with its edges and counts in locals (the first chart runs this in
 * the interpreter, where each typed-array access of a value's inner loop over the windows cost
 * more than a second pass). Values not above `floor` (NaN, -Infinity, and values ≤ 0 when only
 * positive values count) are not kept; +Infinity is above every window and counted in none.
 */
function countColumn(col: ArrayLike<number>, floor: number, w: Windows, j: number): boolean {
  const low = w.low[j];
  const high = w.high[j];
  const inside = w.inside[j];
  const room = inside.length;
  let below = 0;
  let atLow = 0;
  let count = w.count[j];
  let atHigh = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (!(v > floor)) continue;
    if (v < low) below++;
    else if (v === low) atLow++;
    else if (v < high) {
      // More values in the window than the sample suggested (a periodic column): fall back.
      if (count >= room) return false;
      inside[count++] = v;
    } else if (v === high) atHigh++;
  }
  w.below[j] += below;
  w.atLow[j] += atLow;
  w.count[j] = count;
  w.atHigh[j] += atHigh;
  return true;
}

/** `quantilesOfColumns` through sample windows; null when a window missed its order statistic. */
function windowedQuantiles(columns: ArrayLike<number>[], qs: readonly number[], positiveOnly: boolean): number[] | null {
  // The sample: about one kept value in SAMPLE_STRIDE (sampleColumn), and the count of kept values.
  const sample: number[] = [];
  const floor = positiveOnly ? 0 : -Infinity;
  let n = 0;
  for (const col of columns) n = sampleColumn(col, floor, n, sample);
  if (n === 0) return qs.map(() => NaN);
  const sorted = Float64Array.from(sample).sort();
  const m = sorted.length;
  // Per quantile, its value window and room for the values inside it: the window spans some
  // 2 × margin sample ranks, so about SAMPLE_STRIDE times as many values (twice that is kept).
  const k = qs.length;
  const low = new Float64Array(k);
  const high = new Float64Array(k);
  const below = new Int32Array(k);
  const atLow = new Int32Array(k);
  const count = new Int32Array(k);
  const atHigh = new Int32Array(k);
  const inside: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const at = (Math.floor((n - 1) * qs[j]) / n) * m;
    const margin = windowMargin(m, qs[j]);
    low[j] = sorted[Math.max(0, Math.floor(at) - margin)];
    high[j] = sorted[Math.min(m - 1, Math.ceil(at) + margin)];
    inside.push(new Float64Array(2 * SAMPLE_STRIDE * (2 * margin + 3)));
  }
  // A pass per window: the values below it, at its edges and strictly inside it.
  const windows: Windows = { low, high, below, atLow, count, atHigh, inside };
  for (let j = 0; j < k; j++) for (const col of columns) if (!countColumn(col, floor, windows, j)) return null;
  const results: number[] = [];
  for (let j = 0; j < k; j++) {
    const pos = (n - 1) * qs[j];
    const rank = Math.floor(pos);
    const next = Math.min(n - 1, rank + 1);
    const values = inside[j].subarray(0, count[j]);
    const a = windowRank(rank - below[j], low[j], atLow[j], values, atHigh[j], high[j]);
    const b = next === rank ? a : windowRank(next - below[j], low[j], atLow[j], values, atHigh[j], high[j]);
    // The window must hold both order statistics.
    if (a === null || b === null) return null;
    results.push(a + (b - a) * (pos - rank));
  }
  return results;
}

/**
 * The value of rank `r` among a window's values in order (`atLow` times `low`, then `inside`, then
 * `atHigh` times `high`); null when the window does not hold that rank. Rearranges `inside`.
 */
function windowRank(r: number, low: number, atLow: number, inside: Float64Array, atHigh: number, high: number): number | null {
  if (r < 0) return null;
  if (r < atLow) return low;
  r -= atLow;
  if (r < inside.length) return selectInPlace(inside, r);
  r -= inside.length;
  return r < atHigh ? high : null;
}

/** Extent [min, max] for a linear axis over every finite value in `columns`. */
export function linearDomain(
  columns: ArrayLike<number>[],
  ignoreOutliers: boolean,
): [number, number] {
  let a = Infinity;
  let b = -Infinity;
  if (ignoreOutliers) {
    [a, b] = quantilesOfColumns(columns, [0.05, 0.95], false);
    if (Number.isNaN(a)) return [-0.1, 1.1];
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
  let a = Infinity;
  let b = -Infinity;
  if (ignoreOutliers) {
    [a, b] = quantilesOfColumns(columns, [0.05, 0.95], true);
    if (Number.isNaN(a)) return null;
  } else {
    for (const col of columns) {
      for (let i = 0; i < col.length; i++) {
        const v = col[i];
        if (!(v > 0 && v !== Infinity)) continue;
        if (v < a) a = v;
        if (v > b) b = v;
      }
    }
    if (a === Infinity) return null;
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
