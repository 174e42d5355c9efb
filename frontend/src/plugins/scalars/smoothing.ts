// TensorBoard's scalar smoothing: a debiased exponential moving average.
//
// Written from the behaviour of TensorBoard's line charts: the average starts at 0 and each
// finite value is blended in with weight (1 - w); the result is divided by (1 - w^n), where n
// counts the finite values seen so far, which removes the bias towards the starting 0.
// Non-finite values (NaN, ±Infinity) pass through unchanged and do not advance the average.
// A series whose values are all equal is returned as is, and weight 0 is the raw series.

/** Clamps a smoothing weight to [0, 1]; anything non-finite means "no smoothing". */
export function clampSmoothingWeight(weight: number): number {
  if (!Number.isFinite(weight)) return 0;
  return Math.min(1, Math.max(0, weight));
}

/**
 * Returns the smoothed copy of `values` for the given weight in [0, 1], written into `into` when
 * given (at least as long as `values`; a chart of thousands of runs smooths them all into one
 * buffer instead of allocating one per run). Pure apart from writing `into`.
 */
export function smoothSeries(values: ArrayLike<number>, weight: number, into?: Float64Array): Float64Array {
  const w = clampSmoothingWeight(weight);
  const n = values.length;
  // `into` itself when it has the length (a chart's columns do): a view per series, made on each
  // slider step for every line, was a visible part of smoothing 5,000 runs.
  const out = into ? (into.length === n ? into : into.subarray(0, n)) : new Float64Array(n);
  const first = n > 0 ? values[0] : 0;
  let constant = true;
  for (let i = 1; i < n; i++) {
    // Compared as TensorBoard does (==), so NaN makes a series non-constant.
    if (!(values[i] === first)) {
      constant = false;
      break;
    }
  }
  if (w === 0 || constant) {
    out.set(values);
    return out;
  }
  // One pass: the slider recomputes every visible series on each step. w^n for the n finite
  // values seen so far is kept as a running product (Math.pow per point was a large part of it).
  // Once 1 - w^n is exactly 1 (after some 70 finite values at w = 0.6) it stays 1 (w^n only
  // shrinks) and dividing by it changes nothing: the rest of the series is a second, shorter loop
  // (a chart's first draw runs this in the interpreter, where each operation a value counts).
  // Non-finite values (x - x is NaN) pass through.
  const blend = 1 - w;
  let last = 0;
  let weightPower = 1;
  let i = 0;
  for (; i < n; i++) {
    const next = values[i];
    if (!(next - next === 0)) {
      out[i] = next;
      continue;
    }
    last = last * w + blend * next;
    weightPower *= w;
    const divisor = 1 - weightPower;
    out[i] = w === 1 ? last : last / divisor;
    if (divisor === 1) {
      i++;
      break;
    }
  }
  for (; i < n; i++) {
    const next = values[i];
    if (next - next === 0) out[i] = last = last * w + blend * next;
    else out[i] = next;
  }
  return out;
}
