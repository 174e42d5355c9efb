// Principal component analysis: the mean of every row, the covariance matrix (float64), its leading
// eigenvectors (ml-matrix's symmetric eigendecomposition), and every row projected onto them. The
// covariance costs rows × dims² / 2 multiply-adds, so past COVARIANCE_BUDGET it is estimated on a
// uniform random sample of rows (fixed seed; at least 10,000 rows: 100k × 128 samples 10k rows,
// 1M × 16 147k rows), which moves the leading components negligibly. Every row is projected, onto the first
// `project` components only (the ones on show); projectComponent() adds others on demand.
// Pure; runs in the projection worker.
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { mulberry32 } from './random';

/** Multiply-adds the covariance may take before it is estimated on a sample of rows. */
export const COVARIANCE_BUDGET = 2e7;
const MIN_SAMPLE = 10000;

export interface PcaResult {
  /** rows × `projectedComponents`, row-major. */
  projected: Float32Array;
  projectedComponents: number;
  /** How many components were found (the length of `explained`). */
  components: number;
  /** components × dims unit vectors, and each one's offset (mean · vector). */
  basis: Float64Array;
  offsets: Float64Array;
  /** Fraction of the total variance each component explains. */
  explained: number[];
}

/** The rows the covariance is computed on: all, or a sorted uniform sample (Floyd's algorithm). */
export function covarianceRows(rows: number, dims: number, budget = COVARIANCE_BUDGET): Int32Array | null {
  const wanted = Math.max(MIN_SAMPLE, Math.floor(budget / Math.max((dims * (dims + 1)) / 2, 1)));
  if (wanted >= rows) return null;
  const random = mulberry32(0x9e3779b9);
  const chosen = new Uint8Array(rows);
  for (let j = rows - wanted; j < rows; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen[chosen[t] ? j : t] = 1;
  }
  const sample = new Int32Array(wanted);
  for (let r = 0, k = 0; r < rows; r++) if (chosen[r]) sample[k++] = r;
  return sample;
}

/**
 * Accumulates the mean of every row and the covariance of the sampled rows as rows arrive (in
 * order, possibly a chunk at a time while the tensor downloads). The covariance sums are shifted
 * by the first sampled row, which keeps float64 sums accurate when the mean is far from 0.
 */
export class CovarianceAccumulator {
  readonly sample: Int32Array | null;
  private readonly sum: Float64Array;
  private readonly shift: Float64Array;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  private readonly centred: Float64Array;
  private next = 0;  // rows seen
  private nextSample = 0;  // index into sample
  private count = 0;  // sampled rows seen

  constructor(
    readonly rows: number,
    readonly dims: number,
    budget = COVARIANCE_BUDGET,
  ) {
    this.sample = covarianceRows(rows, dims, budget);
    this.sum = new Float64Array(dims);
    this.shift = new Float64Array(dims);
    this.s1 = new Float64Array(dims);
    this.s2 = new Float64Array(dims * dims);
    this.centred = new Float64Array(dims);
  }

  /** How many rows have been added. */
  get added(): number {
    return this.next;
  }

  /** Adds rows [added, upTo) of `values` (rows × dims, row-major). */
  addRows(values: Float32Array, upTo: number): void {
    const { dims, sum, shift, s1, s2, centred, sample } = this;
    for (let r = this.next; r < upTo; r++) {
      const base = r * dims;
      for (let d = 0; d < dims; d++) sum[d] += values[base + d];
      if (sample) {
        if (this.nextSample >= sample.length || sample[this.nextSample] !== r) continue;
        this.nextSample++;
      }
      if (this.count === 0) for (let d = 0; d < dims; d++) shift[d] = values[base + d];
      this.count++;
      for (let d = 0; d < dims; d++) {
        centred[d] = values[base + d] - shift[d];
        s1[d] += centred[d];
      }
      for (let i = 0; i < dims; i++) {
        const xi = centred[i];
        if (xi === 0) continue;
        const row = i * dims;
        for (let j = i; j < dims; j++) s2[row + j] += xi * centred[j];
      }
    }
    this.next = Math.max(this.next, upTo);
  }

  /** The mean of the rows added and the (symmetric) sample covariance; `sampled` rows used. */
  finish(): { cov: Float64Array; mean: Float64Array; sampled: number } {
    const { dims, s1, s2, count } = this;
    const mean = this.sum.map((v) => v / Math.max(this.next, 1));
    const cov = new Float64Array(dims * dims);
    const scale = 1 / Math.max(count - 1, 1);
    for (let i = 0; i < dims; i++) {
      for (let j = i; j < dims; j++) {
        const v = (s2[i * dims + j] - (s1[i] * s1[j]) / Math.max(count, 1)) * scale;
        cov[i * dims + j] = v;
        cov[j * dims + i] = v;
      }
    }
    return { cov, mean, sampled: count };
  }
}

/**
 * The `count` leading eigenpairs of the symmetric matrix `m` (dims × dims), largest first: a full
 * symmetric eigendecomposition (ml-matrix: Householder tridiagonalisation and QL), O(dims³) —
 * about 2·10⁶ operations at 128 dimensions, where power iteration with deflation needed up to
 * 500 matrix–vector products per component when eigenvalues are close.
 */
export function leadingEigen(m: Float64Array, dims: number, count: number): { vectors: Float64Array[]; values: number[] } {
  const rows: number[][] = [];
  for (let i = 0; i < dims; i++) rows.push(Array.from(m.subarray(i * dims, (i + 1) * dims)));
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const eigen = evd.realEigenvalues;
  const vectors = evd.eigenvectorMatrix;
  const order = eigen.map((_, i) => i).sort((x, y) => eigen[y] - eigen[x]);
  const top = order.slice(0, Math.min(count, dims));
  return {
    vectors: top.map((c) => Float64Array.from(vectors.getColumn(c))),
    values: top.map((c) => Math.max(eigen[c], 0)),
  };
}

export function pca(
  values: Float32Array,
  rows: number,
  dims: number,
  components: number,
  budget = COVARIANCE_BUDGET,
  project = components,
): PcaResult & { sampledRows: number } {
  const accumulator = new CovarianceAccumulator(rows, dims, budget);
  accumulator.addRows(values, rows);
  return pcaFromAccumulator(values, accumulator, components, project);
}

/** PCA of `values` whose rows have all been added to `accumulator`. */
export function pcaFromAccumulator(
  values: Float32Array,
  accumulator: CovarianceAccumulator,
  components: number,
  project = components,
): PcaResult & { sampledRows: number } {
  const { rows, dims } = accumulator;
  const k = Math.min(components, dims);
  const { cov, mean, sampled } = accumulator.finish();
  let total = 0;
  for (let d = 0; d < dims; d++) total += cov[d * dims + d];
  const { vectors, values: eigen } = leadingEigen(cov, dims, k);
  // Row r projects to (x_r − mean)·v = x_r·v − mean·v: fold the mean into one offset per axis.
  const basis = new Float64Array(k * dims);
  const offset = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < dims; d++) {
      basis[c * dims + d] = vectors[c][d];
      offset[c] += mean[d] * vectors[c][d];
    }
  }
  const p = Math.min(project, k);
  const projected = new Float32Array(rows * p);
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    for (let c = 0; c < p; c++) {
      const b = c * dims;
      let s = 0;
      for (let d = 0; d < dims; d++) s += values[base + d] * basis[b + d];
      projected[r * p + c] = s - offset[c];
    }
  }
  return {
    projected,
    projectedComponents: p,
    components: k,
    basis,
    offsets: offset,
    explained: eigen.map((e) => (total > 0 ? e / total : 0)),
    sampledRows: sampled,
  };
}

/** Every row's coordinate on component `c` of a PCA result. */
export function projectComponent(values: Float32Array, rows: number, dims: number, result: PcaResult, c: number): Float32Array {
  const out = new Float32Array(rows);
  const b = c * dims;
  const { basis } = result;
  const offset = result.offsets[c];
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    let s = 0;
    for (let d = 0; d < dims; d++) s += values[base + d] * basis[b + d];
    out[r] = s - offset;
  }
  return out;
}
