// The k nearest neighbours of one point among all rows, by cosine or euclidean distance, exactly
// (one pass over the rows with a small sorted list). Pure; any thread.

export type Metric = 'cosine' | 'euclidean';

export interface Neighbour {
  index: number;
  distance: number;
}

export function nearestNeighbours(
  values: Float32Array,
  rows: number,
  dims: number,
  point: number,
  k: number,
  metric: Metric,
): Neighbour[] {
  const base = point * dims;
  let pointNorm = 0;
  for (let d = 0; d < dims; d++) pointNorm += values[base + d] * values[base + d];
  pointNorm = Math.sqrt(pointNorm);
  const best: Neighbour[] = [];
  for (let r = 0; r < rows; r++) {
    if (r === point) continue;
    const other = r * dims;
    let distance: number;
    if (metric === 'euclidean') {
      let s = 0;
      for (let d = 0; d < dims; d++) {
        const diff = values[other + d] - values[base + d];
        s += diff * diff;
      }
      distance = Math.sqrt(s);
    } else {
      let dot = 0;
      let norm = 0;
      for (let d = 0; d < dims; d++) {
        dot += values[other + d] * values[base + d];
        norm += values[other + d] * values[other + d];
      }
      const denominator = Math.sqrt(norm) * pointNorm;
      distance = denominator > 0 ? 1 - dot / denominator : 1;
    }
    if (best.length < k || distance < best[best.length - 1].distance) {
      let at = best.length;
      while (at > 0 && best[at - 1].distance > distance) at--;
      best.splice(at, 0, { index: r, distance });
      if (best.length > k) best.pop();
    }
  }
  return best;
}
