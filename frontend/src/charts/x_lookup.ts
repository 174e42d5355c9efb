// Lookups on a series' ascending x column: the point nearest the cursor, and the steps of the
// points inside a zoomed x range. Pure functions.

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
