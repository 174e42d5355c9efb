// The y-axis extent of a scalar chart, following TensorBoard's rules.
//
// Non-finite values are ignored. With "ignore outliers" the extent runs from the 5% to the 95%
// quantile (linear interpolation between order statistics) instead of min..max. The extent is
// then padded by 20% of its span (or |a|*1.1 + 1.1 when the span is 0), and when the data sit
// just above zero (0 <= min < span) the lower bound becomes -0.1 * max so that 0 is in view.
// For a log axis only positive values count, and the extent is padded multiplicatively.
// The quantiles come from selection, not a sort: a chart of 50 runs has some 30,000 values, and
// sorting them was a visible part of drawing it. `quantilesOfColumns` first guesses, from a sample
// of the values at one position in 16 (jumped to, so the other values are not read), a narrow
// value window around each order statistic wanted, then counts and gathers the values of the
// windows in one pass over the columns (two windows a pass), and selects inside the few hundred
// values gathered (exact: when a window turns out not to hold its order statistic, it falls back
// to quickselect on one copy of every value). Values equal to a window's edges are counted, not
// gathered: many runs logging the same values (a sweep's identical curves) put thousands of equal
// values at an order statistic, and gathering them overflowed the window into the fallback.
// A chart's first draw runs this once per chart, the first chart's before the code is even compiled,
// so the fewer operations a value the better: one pass over the values and a sample of a sixteenth.

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

/** The sample takes about one position in SAMPLE_STRIDE (see `sampleColumns`). */
const SAMPLE_STRIDE = 16; // a power of two
const STEP_SHIFT = 32 - Math.log2(2 * SAMPLE_STRIDE);
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
 * Scratch space of `windowedQuantiles`, kept between calls and grown when short: the sample, and
 * the values gathered inside each window (a chart's first draw allocated them for every chart).
 */
let sampleSpace = new Float64Array(0);
const insideSpace: Float64Array[] = [];

/**
 * The sample: the kept values at pseudo-random positions of `columns`, about one position in
 * SAMPLE_STRIDE, jumped to (steps of 1 to 2 × SAMPLE_STRIDE, 16.5 on average, from a fixed-seed
 * linear congruential generator), so the sample reads about one value in 16 rather than every
 * value. Steps of one length saw only a few positions of each column when columns are short (a
 * length such as 40) and all alike (a sweep's identical curves), and the sample then missed most
 * values. Returns the sample's size; the values are in `sampleSpace`.
 */
function sampleColumns(columns: ArrayLike<number>[], total: number, floor: number): number {
  const room = Math.ceil((2 * total) / SAMPLE_STRIDE) + 16;
  if (sampleSpace.length < room) sampleSpace = new Float64Array(room);
  const sample = sampleSpace;
  let m = 0;
  let state = 0x2545f491;
  // The position in the current column of the next value read.
  let at = 0;
  for (const col of columns) {
    const n = col.length;
    for (; at < n; ) {
      const v = col[at];
      if (v > floor && v < Infinity && m < room) sample[m++] = v;
      state = (Math.imul(state, 1664525) + 1013904223) | 0;
      // The generator's top bits are its most random ones: a step of 1 to 2 × SAMPLE_STRIDE.
      at += 1 + (state >>> STEP_SHIFT);
    }
    at -= n;
  }
  return m;
}

/** What a pass over the columns for a pair of windows a and b counted: indices into its tally. */
const SKIPPED = 0;
const BELOW_A = 1;
const AT_LOW_A = 2;
const COUNT_A = 3;
const AT_HIGH_A = 4;
const AT_LOW_B = 5;
const COUNT_B = 6;
const AT_HIGH_B = 7;
const ABOVE_B = 8;
const TALLY = 9;

/**
 * Counts and gathers the kept values of `col` for windows a ([lowA, highA], its values strictly
 * inside gathered in `insideA`) and b in one pass, adding to `tally` (per window, the values below
 * it, at its low edge, inside it, at its high edge; of window b, those above it rather than below
 * it, which are the rest; and the values not kept); false when a window overflows. Edges and
 * counts are arguments and locals, no object's fields (the first chart runs this in the
 * interpreter, and optimised code that depended on such fields' types was thrown away). Most values
 * lie strictly between the two windows (the quantiles are ascending) and cost two comparisons.
 * Values not above `floor` (NaN, -Infinity, and values ≤ 0 when only positive values count) and
 * +Infinity are not kept.
 */
function countColumn(
  col: ArrayLike<number>,
  floor: number,
  lowA: number,
  highA: number,
  insideA: Float64Array,
  lowB: number,
  highB: number,
  insideB: Float64Array,
  tally: Int32Array,
): boolean {
  const roomA = insideA.length;
  const roomB = insideB.length;
  let skipped = 0;
  let belowA = 0;
  let atLowA = 0;
  let countA = tally[COUNT_A];
  let atHighA = 0;
  let atLowB = 0;
  let countB = tally[COUNT_B];
  let atHighB = 0;
  let aboveB = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    // Most values: kept (highA is above floor, lowB below Infinity; NaN fails), above window a
    // and below window b.
    if (v > highA && v < lowB) continue;
    if (!(v > floor && v < Infinity)) {
      skipped++;
      continue;
    }
    if (v < lowA) belowA++;
    else if (v === lowA) atLowA++;
    else if (v < highA) {
      // More values in the window than the sample suggested (a periodic column): fall back.
      if (countA >= roomA) return false;
      insideA[countA++] = v;
    } else if (v === highA) atHighA++;
    if (v < lowB) continue;
    if (v === lowB) atLowB++;
    else if (v < highB) {
      if (countB >= roomB) return false;
      insideB[countB++] = v;
    } else if (v === highB) atHighB++;
    else aboveB++;
  }
  tally[SKIPPED] += skipped;
  tally[BELOW_A] += belowA;
  tally[AT_LOW_A] += atLowA;
  tally[COUNT_A] = countA;
  tally[AT_HIGH_A] += atHighA;
  tally[AT_LOW_B] += atLowB;
  tally[COUNT_B] = countB;
  tally[AT_HIGH_B] += atHighB;
  tally[ABOVE_B] += aboveB;
  return true;
}

/**
 * `quantilesOfColumns` through sample windows; null when a window missed its order statistic or
 * overflowed (the caller then selects among every kept value). Exported for tests.
 */
export function windowedQuantiles(columns: ArrayLike<number>[], qs: readonly number[], positiveOnly: boolean): number[] | null {
  let total = 0;
  for (const col of columns) total += col.length;
  const floor = positiveOnly ? 0 : -Infinity;
  const m = sampleColumns(columns, total, floor);
  if (m === 0) return null;
  const sorted = sampleSpace.subarray(0, m).sort();
  // Per quantile, its value window and room for the values inside it: the window spans some
  // 2 × margin sample ranks, so about SAMPLE_STRIDE times as many values (twice that is kept).
  // An odd window out is paired with an empty one (NaN edges: no value is inside or at them).
  const k = qs.length;
  const slots = k + (k % 2);
  const low = new Float64Array(slots).fill(NaN);
  const high = new Float64Array(slots).fill(NaN);
  const inside: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const at = qs[j] * (m - 1);
    const margin = windowMargin(m, qs[j]);
    low[j] = sorted[Math.max(0, Math.floor(at) - margin)];
    high[j] = sorted[Math.min(m - 1, Math.ceil(at) + margin)];
    const room = 2 * SAMPLE_STRIDE * (2 * margin + 3);
    if (!(insideSpace[j]?.length >= room)) insideSpace[j] = new Float64Array(room);
    inside.push(insideSpace[j]);
  }
  if (slots > k) inside.push(new Float64Array(0));
  // A pass per pair of windows, then per window: the values below it, at its low edge, inside it
  // (gathered), at its high edge.
  const tally = new Int32Array(TALLY);
  const stats: { below: number; atLow: number; count: number; atHigh: number }[] = [];
  let n = 0;
  for (let a = 0; a < k; a += 2) {
    const b = a + 1;
    tally.fill(0);
    for (const col of columns) {
      if (!countColumn(col, floor, low[a], high[a], inside[a], low[b], high[b], inside[b], tally)) return null;
    }
    n = total - tally[SKIPPED];
    stats.push({ below: tally[BELOW_A], atLow: tally[AT_LOW_A], count: tally[COUNT_A], atHigh: tally[AT_HIGH_A] });
    const inB = tally[AT_LOW_B] + tally[COUNT_B] + tally[AT_HIGH_B];
    stats.push({ below: n - inB - tally[ABOVE_B], atLow: tally[AT_LOW_B], count: tally[COUNT_B], atHigh: tally[AT_HIGH_B] });
  }
  if (n === 0) return qs.map(() => NaN);
  const results: number[] = [];
  for (let j = 0; j < k; j++) {
    const { below, atLow, count, atHigh } = stats[j];
    const pos = (n - 1) * qs[j];
    const rank = Math.floor(pos);
    const next = Math.min(n - 1, rank + 1);
    const values = inside[j].subarray(0, count);
    const a = windowRank(rank - below, low[j], atLow, values, atHigh, high[j]);
    const b = next === rank ? a : windowRank(next - below, low[j], atLow, values, atHigh, high[j]);
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
