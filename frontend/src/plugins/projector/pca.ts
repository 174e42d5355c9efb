// Principal component analysis over every row: the mean, the covariance matrix (accumulated in
// float64, one pass over the rows), its leading eigenvectors by power iteration with deflation, and
// the rows projected onto them. Pure; runs in the projection worker.

export interface PcaResult {
  /** rows × components, row-major. */
  projected: Float32Array;
  components: number;
  /** Fraction of the total variance each component explains. */
  explained: number[];
}

function covariance(values: Float32Array, rows: number, dims: number): { cov: Float64Array; mean: Float64Array } {
  const mean = new Float64Array(dims);
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    for (let d = 0; d < dims; d++) mean[d] += values[base + d];
  }
  for (let d = 0; d < dims; d++) mean[d] /= Math.max(rows, 1);
  const cov = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    for (let d = 0; d < dims; d++) centred[d] = values[base + d] - mean[d];
    for (let i = 0; i < dims; i++) {
      const xi = centred[i];
      if (xi === 0) continue;
      const row = i * dims;
      for (let j = i; j < dims; j++) cov[row + j] += xi * centred[j];
    }
  }
  const scale = 1 / Math.max(rows - 1, 1);
  for (let i = 0; i < dims; i++) {
    for (let j = i; j < dims; j++) {
      const v = cov[i * dims + j] * scale;
      cov[i * dims + j] = v;
      cov[j * dims + i] = v;
    }
  }
  return { cov, mean };
}

/** The `count` leading eigenpairs of the symmetric matrix `m` (dims × dims); destroys `m`. */
export function leadingEigen(m: Float64Array, dims: number, count: number): { vectors: Float64Array[]; values: number[] } {
  const vectors: Float64Array[] = [];
  const values: number[] = [];
  const next = new Float64Array(dims);
  for (let c = 0; c < count; c++) {
    let v = new Float64Array(dims);
    for (let d = 0; d < dims; d++) v[d] = Math.sin(d * 12.9898 + c * 78.233) + 1.5;  // fixed start
    let lambda = 0;
    for (let iter = 0; iter < 500; iter++) {
      for (let i = 0; i < dims; i++) {
        let s = 0;
        const row = i * dims;
        for (let j = 0; j < dims; j++) s += m[row + j] * v[j];
        next[i] = s;
      }
      let norm = 0;
      for (let i = 0; i < dims; i++) norm += next[i] * next[i];
      norm = Math.sqrt(norm);
      if (norm === 0) break;
      let change = 0;
      for (let i = 0; i < dims; i++) {
        const nv = next[i] / norm;
        change += Math.abs(nv - v[i]);
        v[i] = nv;
      }
      lambda = norm;
      if (change < 1e-9 * dims) break;
    }
    vectors.push(v);
    values.push(lambda);
    // Deflate: m -= lambda v vᵀ.
    for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) m[i * dims + j] -= lambda * v[i] * v[j];
    v = new Float64Array(dims);
  }
  return { vectors, values };
}

export function pca(values: Float32Array, rows: number, dims: number, components: number): PcaResult {
  const k = Math.min(components, dims);
  const { cov, mean } = covariance(values, rows, dims);
  let total = 0;
  for (let d = 0; d < dims; d++) total += cov[d * dims + d];
  const { vectors, values: eigen } = leadingEigen(cov, dims, k);
  const projected = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    for (let c = 0; c < k; c++) {
      const v = vectors[c];
      let s = 0;
      for (let d = 0; d < dims; d++) s += (values[base + d] - mean[d]) * v[d];
      projected[r * k + c] = s;
    }
  }
  return { projected, components: k, explained: eigen.map((e) => (total > 0 ? e / total : 0)) };
}
