// Custom projections: axes defined by searches. The X axis points from the centroid of the rows a
// "left" search matches to the centroid of those a "right" search matches; Y from "down" to "up".
// Every row is centred on the mean of all rows and projected onto each axis direction (unit
// length); Y is made orthogonal to X first (Gram–Schmidt), so the two coordinates are independent.
// An axis whose searches match nothing on one side is 0. Pure; UI thread (rows × dims × 2 work).

export interface AxisRows {
  negative: number[];
  positive: number[];
}

export interface CustomProjection {
  /** rows × 2, row-major. */
  positions: Float32Array;
  /** Whether each axis had rows on both sides. */
  defined: [boolean, boolean];
}

function centroid(values: Float32Array, dims: number, rows: number[]): Float64Array {
  const out = new Float64Array(dims);
  for (const r of rows) for (let d = 0; d < dims; d++) out[d] += values[r * dims + d];
  for (let d = 0; d < dims; d++) out[d] /= Math.max(rows.length, 1);
  return out;
}

function direction(values: Float32Array, dims: number, axis: AxisRows): Float64Array | null {
  if (axis.negative.length === 0 || axis.positive.length === 0) return null;
  const from = centroid(values, dims, axis.negative);
  const to = centroid(values, dims, axis.positive);
  for (let d = 0; d < dims; d++) to[d] -= from[d];
  return to;
}

function normalise(v: Float64Array): Float64Array | null {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (!(norm > 1e-12)) return null;
  return v.map((x) => x / norm);
}

export function customProjection(values: Float32Array, rows: number, dims: number, x: AxisRows, y: AxisRows): CustomProjection {
  const dx = direction(values, dims, x);
  const ux = dx ? normalise(dx) : null;
  let dy = direction(values, dims, y);
  if (dy && ux) {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += dy[d] * ux[d];
    dy = dy.map((v, d) => v - dot * ux[d]);
  }
  const uy = dy ? normalise(dy) : null;
  const mean = new Float64Array(dims);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) mean[d] += values[r * dims + d];
  for (let d = 0; d < dims; d++) mean[d] /= Math.max(rows, 1);
  const offset = (u: Float64Array | null) => (u ? u.reduce((s, v, d) => s + v * mean[d], 0) : 0);
  const ox = offset(ux);
  const oy = offset(uy);
  const positions = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    let sx = 0;
    let sy = 0;
    for (let d = 0; d < dims; d++) {
      const v = values[base + d];
      if (ux) sx += v * ux[d];
      if (uy) sy += v * uy[d];
    }
    positions[2 * r] = ux ? sx - ox : 0;
    positions[2 * r + 1] = uy ? sy - oy : 0;
  }
  return { positions, defined: [ux !== null, uy !== null] };
}
