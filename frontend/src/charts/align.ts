// Aligns several (x, y) series onto one ascending x column, as uPlot's line charts need.
//
// The result's x is the sorted union of every series' x values; each aligned y column holds the
// series' value where it has a point at that x (the last one when an x repeats) and `undefined`
// elsewhere, which uPlot draws through. Non-finite y values become `null`: a visible gap.
// Each input x column must be ascending (steps and wall times are).

export type AlignedColumn = (number | null | undefined)[];

export interface AlignedData {
  x: Float64Array;
  ys: AlignedColumn[];
  /** For each input series, the row of `x` that each of its points landed on. */
  rows: Int32Array[];
}

export function alignSeries(xs: ArrayLike<number>[], ys: ArrayLike<number>[]): AlignedData {
  if (xs.length !== ys.length) throw new Error(`got ${xs.length} x columns, ${ys.length} y columns`);
  let total = 0;
  for (const x of xs) total += x.length;
  const all = new Float64Array(total);
  let k = 0;
  for (const x of xs) for (let i = 0; i < x.length; i++) all[k++] = x[i];
  all.sort();
  let unique = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[unique++] = all[i];
  const x = all.slice(0, unique);

  const rows = xs.map((sx) => {
    const row = new Int32Array(sx.length);
    let j = 0;
    for (let i = 0; i < sx.length; i++) {
      while (x[j] < sx[i]) j++;
      row[i] = j;
    }
    return row;
  });
  const aligned = ys.map((y, s) => fillColumn(unique, rows[s], y));
  return { x, ys: aligned, rows };
}

/** A column of `length` rows holding y[i] at rows[i] (null if non-finite), undefined elsewhere. */
export function fillColumn(length: number, rows: Int32Array, y: ArrayLike<number>): AlignedColumn {
  const column: AlignedColumn = new Array(length);
  for (let i = 0; i < rows.length; i++) {
    const v = y[i];
    column[rows[i]] = Number.isFinite(v) ? v : null;
  }
  return column;
}

/** Index of the element of ascending `xs` nearest to `target`; -1 when `xs` is empty. */
export function nearestIndex(xs: ArrayLike<number>, target: number): number {
  const n = xs.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(xs[lo - 1] - target) <= Math.abs(xs[lo] - target)) return lo - 1;
  return lo;
}

/** The [min, max] step among points whose x lies in [x0, x1], over all series; null if none. */
export function stepRangeForX(
  xs: ArrayLike<number>[],
  steps: ArrayLike<number>[],
  x0: number,
  x1: number,
): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let s = 0; s < xs.length; s++) {
    const x = xs[s];
    for (let i = 0; i < x.length; i++) {
      if (x[i] >= x0 && x[i] <= x1) {
        if (steps[s][i] < lo) lo = steps[s][i];
        if (steps[s][i] > hi) hi = steps[s][i];
      }
    }
  }
  return lo <= hi ? [lo, hi] : null;
}
