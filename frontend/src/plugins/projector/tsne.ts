// t-SNE in two dimensions with the Barnes–Hut approximation (van der Maaten, 2014), written for
// tbx because no maintained npm package offers Barnes–Hut (tsne-js and @keckelt/tsne are exact,
// O(n²) per iteration). Input affinities use each point's 3·perplexity nearest neighbours (on at
// most 50 PCA dimensions; found exactly up to EXACT_KNN_ROWS points, else approximately by a
// random-projection forest, knn_forest.ts); repulsion is summed over a quadtree with
// θ = 0.5. Early exaggeration 12 for 250 iterations, momentum 0.5 then 0.8, per-coordinate gains.
// Optional supervision: points with the same label attract more, different labels less.
// Pure and synchronous; the projection worker drives it step by step.
import { approximateKnn } from './knn_forest';
import { mulberry32 } from './random';

/** Above this many points the input neighbours come from the approximate forest. */
export const EXACT_KNN_ROWS = 5000;

export interface TsneOptions {
  perplexity: number;
  learningRate: number;
  seed?: number;
  /** Per-point class labels (-1 = none) and how strongly they pull (0..1). */
  labels?: Int32Array;
  supervision?: number;
}


/** Exact k-nearest neighbours (squared distances) of every row; `progress` gets 0..1. */
export function knn(
  values: Float32Array,
  rows: number,
  dims: number,
  k: number,
  progress?: (fraction: number) => void,
): { indices: Int32Array; distances: Float64Array } {
  const indices = new Int32Array(rows * k).fill(-1);
  const distances = new Float64Array(rows * k).fill(Infinity);
  for (let i = 0; i < rows; i++) {
    const bi = i * dims;
    const off = i * k;
    let worst = Infinity;
    let filled = 0;
    for (let j = 0; j < rows; j++) {
      if (j === i) continue;
      const bj = j * dims;
      let s = 0;
      for (let d = 0; d < dims; d++) {
        const diff = values[bi + d] - values[bj + d];
        s += diff * diff;
      }
      if (filled < k || s < worst) {
        let at = Math.min(filled, k - 1);
        while (at > 0 && distances[off + at - 1] > s) {
          distances[off + at] = distances[off + at - 1];
          indices[off + at] = indices[off + at - 1];
          at--;
        }
        distances[off + at] = s;
        indices[off + at] = j;
        if (filled < k) filled++;
        worst = distances[off + k - 1];
      }
    }
    if (progress && (i & 255) === 0) progress(i / rows);
  }
  return { indices, distances };
}

export class Tsne {
  readonly rows: number;
  readonly positions: Float32Array;
  iteration = 0;
  private readonly edgeFrom: Int32Array;
  private readonly edgeTo: Int32Array;
  private readonly edgeWeight: Float64Array;
  private readonly update: Float64Array;
  private readonly gains: Float64Array;
  private readonly grad: Float64Array;
  private readonly learningRate: number;

  constructor(values: Float32Array, rows: number, dims: number, options: TsneOptions, progress?: (f: number) => void) {
    this.rows = rows;
    this.learningRate = options.learningRate;
    const k = Math.max(1, Math.min(rows - 1, Math.floor(3 * options.perplexity)));
    const { indices, distances } =
      rows <= EXACT_KNN_ROWS ? knn(values, rows, dims, k, progress) : approximateKnn(values, rows, dims, k, {}, progress);
    const conditional = new Float64Array(rows * k);
    const target = Math.log(Math.min(options.perplexity, k));
    for (let i = 0; i < rows; i++) this.calibrate(distances, conditional, i * k, k, target);
    // Symmetric P as directed edges (i→j and j→i each carry p_j|i / 2n).
    const edges = rows * k * 2;
    this.edgeFrom = new Int32Array(edges);
    this.edgeTo = new Int32Array(edges);
    this.edgeWeight = new Float64Array(edges);
    const labels = options.labels;
    const supervision = options.supervision ?? 0;
    let e = 0;
    for (let i = 0; i < rows; i++) {
      for (let n = 0; n < k; n++) {
        const j = indices[i * k + n];
        if (j < 0) continue;  // fewer than k found (approximate search); unused slots stay 0 → 0
        let w = conditional[i * k + n] / (2 * rows);
        if (labels && supervision > 0 && labels[i] >= 0 && labels[j] >= 0) {
          w *= labels[i] === labels[j] ? 1 + supervision : 1 - supervision;
        }
        this.edgeFrom[e] = i;
        this.edgeTo[e] = j;
        this.edgeWeight[e++] = w;
        this.edgeFrom[e] = j;
        this.edgeTo[e] = i;
        this.edgeWeight[e++] = w;
      }
    }
    const random = mulberry32(options.seed ?? 42);
    this.positions = new Float32Array(rows * 2);
    for (let i = 0; i < rows * 2; i++) {
      // Box–Muller, scale 1e-4.
      const u = Math.max(random(), 1e-12);
      this.positions[i] = 1e-4 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    }
    this.update = new Float64Array(rows * 2);
    this.gains = new Float64Array(rows * 2).fill(1);
    this.grad = new Float64Array(rows * 2);
  }

  /** Binary search for the precision that gives row `off` the target entropy. */
  private calibrate(distances: Float64Array, out: Float64Array, off: number, k: number, target: number): void {
    let beta = 1;
    let lo = -Infinity;
    let hi = Infinity;
    const d0 = distances[off];
    for (let iter = 0; iter < 64; iter++) {
      let sum = 0;
      let weighted = 0;
      for (let n = 0; n < k; n++) {
        const p = Math.exp(-(distances[off + n] - d0) * beta);
        out[off + n] = p;
        sum += p;
        weighted += (distances[off + n] - d0) * p;
      }
      const entropy = Math.log(sum) + (beta * weighted) / sum;
      for (let n = 0; n < k; n++) out[off + n] /= sum;
      const diff = entropy - target;
      if (Math.abs(diff) < 1e-5) break;
      if (diff > 0) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2;
      }
    }
  }

  /** One gradient step; returns the positions (rows × 2). */
  step(): Float32Array {
    const n = this.rows;
    const y = this.positions;
    const grad = this.grad;
    grad.fill(0);
    const exaggeration = this.iteration < 250 ? 12 : 1;
    const momentum = this.iteration < 250 ? 0.5 : 0.8;
    // Attraction along the edges.
    for (let e = 0; e < this.edgeFrom.length; e++) {
      const i = this.edgeFrom[e];
      const j = this.edgeTo[e];
      const dx = y[2 * i] - y[2 * j];
      const dy = y[2 * i + 1] - y[2 * j + 1];
      const q = 1 / (1 + dx * dx + dy * dy);
      const f = exaggeration * this.edgeWeight[e] * q;
      grad[2 * i] += f * dx;
      grad[2 * i + 1] += f * dy;
    }
    // Repulsion through the quadtree.
    const tree = new QuadTree(y, n);
    const rep = new Float64Array(2);
    let z = 0;
    const repulsion = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      rep[0] = 0;
      rep[1] = 0;
      z += tree.repulse(i, y[2 * i], y[2 * i + 1], 0.25, rep);
      repulsion[2 * i] = rep[0];
      repulsion[2 * i + 1] = rep[1];
    }
    const invZ = z > 0 ? 1 / z : 0;
    for (let i = 0; i < 2 * n; i++) {
      const g = 4 * (grad[i] - repulsion[i] * invZ);
      const sameSign = g > 0 === this.update[i] > 0;
      this.gains[i] = Math.max(sameSign ? this.gains[i] * 0.8 : this.gains[i] + 0.2, 0.01);
      this.update[i] = momentum * this.update[i] - this.learningRate * this.gains[i] * g;
      y[i] += this.update[i];
    }
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += y[2 * i];
      my += y[2 * i + 1];
    }
    mx /= n;
    my /= n;
    for (let i = 0; i < n; i++) {
      y[2 * i] -= mx;
      y[2 * i + 1] -= my;
    }
    this.iteration++;
    return y;
  }
}

/** A point quadtree over 2-D positions, in flat arrays; cells keep their count and centre of mass. */
class QuadTree {
  private child: Int32Array;  // 4 per cell, -1 none
  private count: Int32Array;
  private comX: Float64Array;
  private comY: Float64Array;
  private size: Float64Array;
  private point: Int32Array;  // the single point of a leaf, -1 otherwise
  private cells = 0;
  private stack = new Int32Array(256);

  constructor(y: Float32Array, n: number) {
    const capacity = Math.max(4 * n, 16);
    this.child = new Int32Array(capacity * 4).fill(-1);
    this.count = new Int32Array(capacity);
    this.comX = new Float64Array(capacity);
    this.comY = new Float64Array(capacity);
    this.size = new Float64Array(capacity);
    this.point = new Int32Array(capacity).fill(-1);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, y[2 * i]);
      maxX = Math.max(maxX, y[2 * i]);
      minY = Math.min(minY, y[2 * i + 1]);
      maxY = Math.max(maxY, y[2 * i + 1]);
    }
    const side = Math.max(maxX - minX, maxY - minY, 1e-12) * 1.0001;
    const root = this.newCell(side);
    for (let i = 0; i < n; i++) this.insert(root, minX, minY, side, i, y, 0);
  }

  private newCell(side: number): number {
    if (this.cells >= this.count.length) this.grow();
    const c = this.cells++;
    this.size[c] = side;
    return c;
  }

  private grow(): void {
    const cap = this.count.length * 2;
    const child = new Int32Array(cap * 4).fill(-1);
    child.set(this.child);
    this.child = child;
    const count = new Int32Array(cap);
    count.set(this.count);
    this.count = count;
    const cx = new Float64Array(cap);
    cx.set(this.comX);
    this.comX = cx;
    const cy = new Float64Array(cap);
    cy.set(this.comY);
    this.comY = cy;
    const size = new Float64Array(cap);
    size.set(this.size);
    this.size = size;
    const point = new Int32Array(cap).fill(-1);
    point.set(this.point);
    this.point = point;
  }

  private insert(cell: number, x0: number, y0: number, side: number, i: number, y: Float32Array, depth: number): void {
    for (;;) {
      const px = y[2 * i];
      const py = y[2 * i + 1];
      const c = this.count[cell];
      this.comX[cell] = (this.comX[cell] * c + px) / (c + 1);
      this.comY[cell] = (this.comY[cell] * c + py) / (c + 1);
      this.count[cell] = c + 1;
      if (c === 0) {
        this.point[cell] = i;
        return;
      }
      if (depth > 40) return;  // duplicates: the cell aggregates them
      const half = side / 2;
      if (this.point[cell] >= 0) {
        // Push the resident point down.
        const j = this.point[cell];
        this.point[cell] = -1;
        const qj = (y[2 * j] >= x0 + half ? 1 : 0) + (y[2 * j + 1] >= y0 + half ? 2 : 0);
        const cj = this.newCell(half);
        this.child[cell * 4 + qj] = cj;
        this.count[cj] = 1;
        this.comX[cj] = y[2 * j];
        this.comY[cj] = y[2 * j + 1];
        this.point[cj] = j;
      }
      const q = (px >= x0 + half ? 1 : 0) + (py >= y0 + half ? 2 : 0);
      let next = this.child[cell * 4 + q];
      if (next < 0) {
        next = this.newCell(half);
        this.child[cell * 4 + q] = next;
      }
      x0 += q & 1 ? half : 0;
      y0 += q & 2 ? half : 0;
      side = half;
      cell = next;
      depth++;
    }
  }

  /** Adds the repulsion on point i to out (unnormalised) and returns its share of Z. */
  repulse(i: number, px: number, py: number, theta2: number, out: Float64Array): number {
    let z = 0;
    let stack = this.stack;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const cell = stack[--top];
      const count = this.count[cell];
      if (count === 0 || this.point[cell] === i) continue;
      const dx = px - this.comX[cell];
      const dy = py - this.comY[cell];
      const d2 = dx * dx + dy * dy;
      const side = this.size[cell];
      const c4 = cell * 4;
      const leaf = this.point[cell] >= 0 || this.child[c4] + this.child[c4 + 1] + this.child[c4 + 2] + this.child[c4 + 3] === -4;
      if (leaf || side * side < theta2 * d2) {
        const q = 1 / (1 + d2);
        z += count * q;
        out[0] += count * q * q * dx;
        out[1] += count * q * q * dy;
      } else {
        if (top + 4 > stack.length) {
          const grown = new Int32Array(stack.length * 2);
          grown.set(stack);
          this.stack = stack = grown;
        }
        for (let c = 0; c < 4; c++) {
          const ch = this.child[c4 + c];
          if (ch >= 0) stack[top++] = ch;
        }
      }
    }
    return z;
  }
}
