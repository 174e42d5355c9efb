// Unit tests of the projector's pure modules: TensorBoard's metadata header rule and regex search,
// PCA on data with a known principal axis (with and without a sampled covariance), exact nearest
// neighbours, the approximate forest's recall against the exact search, colouring by a column,
// custom (search-defined) axes, the lasso's point-in-polygon rule, and Barnes–Hut t-SNE
// separating two well-apart clusters.
import { describe, expect, it } from 'vitest';
import { colorPoints } from '../src/plugins/projector/colors';
import { parseMetadata, searchRows } from '../src/plugins/projector/metadata';
import { nearestNeighbours } from '../src/plugins/projector/neighbours';
import { CovarianceAccumulator, pca, projectComponent } from '../src/plugins/projector/pca';
import { customProjection } from '../src/plugins/projector/custom_projection';
import { approximateKnn } from '../src/plugins/projector/knn_forest';
import { insidePolygon } from '../src/plugins/projector/scatter_view';
import { Tsne, knn } from '../src/plugins/projector/tsne';

const rowsOf = (m: ReturnType<typeof parseMetadata>) =>
  Array.from({ length: m.rowCount }, (_, r) => m.columns.map((_c, c) => m.value(r, c)));

describe('metadata', () => {
  it('treats a first line with a tab as the header', () => {
    const m = parseMetadata('word\tcolour\nx\tred\ny\tblue\n');
    expect(m.columns).toEqual(['word', 'colour']);
    expect(rowsOf(m)).toEqual([
      ['x', 'red'],
      ['y', 'blue'],
    ]);
    expect(m.column(1)).toEqual(['red', 'blue']);
  });
  it('reads single-column files as rows of "label"', () => {
    const m = parseMetadata('a\r\nb\n\n');
    expect(m.columns).toEqual(['label']);
    expect(rowsOf(m)).toEqual([['a'], ['b']]);
  });
  it('gives missing fields and rows as empty strings, and keeps CRLF out of values', () => {
    const m = parseMetadata('k\tv\r\na\r\nb\tc\r\n');
    expect(m.rowCount).toBe(2);
    expect(rowsOf(m)).toEqual([
      ['a', ''],
      ['b', 'c'],
    ]);
    expect(m.value(5, 0)).toBe('');
    expect(parseMetadata('').rowCount).toBe(0);
  });
  it('searches a column with a case-insensitive regex, or literally when it does not parse', () => {
    const m = parseMetadata('cat\nDog\ncatalog\n(x\n');
    expect(searchRows(m, 0, '^cat')).toEqual([0, 2]);
    expect(searchRows(m, 0, 'dog')).toEqual([1]);
    expect(searchRows(m, 0, '(x')).toEqual([3]);
    expect(searchRows(m, 0, '')).toEqual([]);
  });
});

describe('pca', () => {
  it('finds the axis of the spread and the share of variance it explains', () => {
    // Points (t, 2t, 0) + a small (0, 0, ±0.1): PC1 ∝ (1, 2, 0)/√5.
    const rows = 100;
    const values = new Float32Array(rows * 3);
    for (let i = 0; i < rows; i++) {
      const t = i - 49.5;
      values.set([t, 2 * t, i % 2 ? 0.1 : -0.1], i * 3);
    }
    const result = pca(values, rows, 3, 2);
    expect(result.components).toBe(2);
    expect(result.explained[0]).toBeGreaterThan(0.999);
    // Projection on PC1 is ±t·√5.
    expect(Math.abs(result.projected[0])).toBeCloseTo(49.5 * Math.sqrt(5), 2);
    expect(Math.abs(result.projected[1])).toBeLessThan(0.2);
  });
});

describe('nearest neighbours', () => {
  const values = new Float32Array([0, 0, 1, 0, 3, 0, 0, 2, 10, 10]);
  it('orders by euclidean distance', () => {
    const got = nearestNeighbours(values, 5, 2, 0, 3, 'euclidean');
    expect(got.map((n) => n.index)).toEqual([1, 3, 2]);
    expect(got.map((n) => n.distance)).toEqual([1, 2, 3]);
  });
  it('orders by cosine distance', () => {
    const got = nearestNeighbours(values, 5, 2, 1, 2, 'cosine');
    expect(got[0]).toEqual({ index: 2, distance: 0 });
    expect(got[1].index).toBe(4);
    expect(got[1].distance).toBeCloseTo(1 - Math.SQRT1_2, 6);
  });
});

describe('colours', () => {
  it('uses a categorical palette with counts for few distinct values', () => {
    const m = parseMetadata('k\tv\na\t1\nb\t2\na\t3\n');
    const { colors, legend } = colorPoints(3, m, 0);
    expect(legend.kind).toBe('categorical');
    expect(legend.entries.map((e) => [e.label, e.count])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(Array.from(colors.slice(0, 3))).toEqual(Array.from(colors.slice(6, 9)));
  });
  it('uses a continuous scale for many numbers', () => {
    const text = 'n\tx\n' + Array.from({ length: 30 }, (_, i) => `${i}\t`).join('\n');
    const { legend, colors } = colorPoints(30, parseMetadata(text), 0);
    expect(legend.kind).toBe('continuous');
    expect(legend.entries.map((e) => e.label)).toEqual(['0', '29']);
    // Blue at the minimum, red at the maximum (bytes).
    expect(Array.from(colors.slice(0, 3))).toEqual([38, 77, 242]);
    expect(Array.from(colors.slice(87, 90))).toEqual([242, 77, 38]);
  });
  it('colours an isolated subset by its rows', () => {
    const m = parseMetadata('k\tv\na\t1\nb\t2\na\t3\n');
    const all = colorPoints(3, m, 0).colors;
    const subset = colorPoints(2, m, 0, [2, 1]).colors;
    expect(Array.from(subset)).toEqual([...all.slice(6, 9), ...all.slice(3, 6)]);
  });
});

describe('pca with a sampled covariance', () => {
  it('samples rows past the budget and still projects every row onto the same axis', () => {
    // 30,000 points along (3, 4)/5 with small noise; a budget that forces a 10,000-row sample.
    const rows = 30000;
    const values = new Float32Array(rows * 2);
    for (let i = 0; i < rows; i++) {
      const t = (i % 1000) - 499.5;
      const noise = ((i * 7919) % 13) / 13 - 0.5;
      values[2 * i] = 3 * t - 4 * noise * 0.01;
      values[2 * i + 1] = 4 * t + 3 * noise * 0.01;
    }
    const result = pca(values, rows, 2, 1, 1000);
    expect(result.sampledRows).toBe(10000);
    expect(result.explained[0]).toBeGreaterThan(0.9999);
    for (const i of [0, 1234, 29999]) expect(Math.abs(result.projected[i])).toBeCloseTo(Math.abs(((i % 1000) - 499.5) * 5), 0);
    expect(pca(values, 100, 2, 1).sampledRows).toBe(100);
  });
  it('accumulates the covariance a chunk of rows at a time as in one pass, far from the origin', () => {
    const rows = 3000;
    const dims = 4;
    // Data around (1e6, -1e6, 5e5, 0): shifted sums keep the small spread exact.
    const values = new Float32Array(rows * dims).map((_, i) => [1e6, -1e6, 5e5, 0][i % dims] + Math.sin(i * 0.91) * ((i % dims) + 1));
    const whole = new CovarianceAccumulator(rows, dims);
    whole.addRows(values, rows);
    const chunked = new CovarianceAccumulator(rows, dims);
    for (const upTo of [1, 700, 701, 2999, 3000]) chunked.addRows(values, upTo);
    expect(chunked.added).toBe(rows);
    const a = whole.finish();
    const b = chunked.finish();
    expect(b.sampled).toBe(rows);
    for (let i = 0; i < dims * dims; i++) expect(b.cov[i]).toBeCloseTo(a.cov[i], 9);
    // Variances of sin(·)·c are ≈ c²/2 (float32 storage costs some precision at 1e6).
    for (let d = 0; d < dims; d++) expect(a.cov[d * dims + d] / ((d + 1) ** 2 / 2)).toBeCloseTo(1, 1);
  });
  it('projects further components on demand exactly as a full projection', () => {
    const rows = 500;
    const dims = 6;
    const values = new Float32Array(rows * dims).map((_, i) => Math.sin(i * 1.7) * ((i % dims) + 1));
    const full = pca(values, rows, dims, 4);
    const partial = pca(values, rows, dims, 4, undefined, 1);
    expect(partial.projectedComponents).toBe(1);
    expect(partial.projected.length).toBe(rows);
    const third = projectComponent(values, rows, dims, partial, 2);
    for (const r of [0, 17, 499]) expect(third[r]).toBeCloseTo(full.projected[r * 4 + 2], 4);
  });
});

describe('approximate nearest neighbours', () => {
  it('finds at least 90% of the exact neighbours of clustered points', () => {
    const rows = 3000;
    const dims = 20;
    const k = 30;
    let seed = 5;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
    const values = new Float32Array(rows * dims);
    for (let i = 0; i < rows; i++) for (let d = 0; d < dims; d++) values[i * dims + d] = (i % 6) * 3 * ((d % 3) - 1) + random() * 2;
    const exact = knn(values, rows, dims, k);
    const approx = approximateKnn(values, rows, dims, k);
    let found = 0;
    for (let i = 0; i < rows; i++) {
      const truth = new Set(exact.indices.subarray(i * k, (i + 1) * k));
      for (let n = 0; n < k; n++) if (truth.has(approx.indices[i * k + n])) found++;
      // Sorted, no self, no duplicates.
      const own = approx.indices.subarray(i * k, (i + 1) * k);
      expect(own.includes(i)).toBe(false);
      expect(new Set(own).size).toBe(k);
      for (let n = 1; n < k; n++) expect(approx.distances[i * k + n]).toBeGreaterThanOrEqual(approx.distances[i * k + n - 1]);
    }
    expect(found / (rows * k)).toBeGreaterThan(0.9);
  }, 60000);
});

describe('custom projection', () => {
  it('puts the right search to the right and the up search up, orthogonal axes', () => {
    // Rows: 0 = (−1, 0, 0), 1 = (1, 0, 0), 2 = (0, 1, 0), 3 = (0, −1, 0), 4 = (1, 1, 5).
    const values = new Float32Array([-1, 0, 0, 1, 0, 0, 0, 1, 0, 0, -1, 0, 1, 1, 5]);
    const { positions, defined } = customProjection(values, 5, 3, { negative: [0], positive: [1] }, { negative: [3], positive: [2] });
    expect(defined).toEqual([true, true]);
    // Mean is (0.2, 0.2, 1); X = first coordinate − 0.2, Y = second − 0.2.
    expect(positions[2] - positions[0]).toBeCloseTo(2, 5);
    expect(positions[5] - positions[7]).toBeCloseTo(2, 5);
    expect(positions[8]).toBeCloseTo(0.8, 5);
    expect(positions[9]).toBeCloseTo(0.8, 5);
  });
  it('leaves an axis with an empty side at 0', () => {
    const values = new Float32Array([0, 0, 2, 2]);
    const { positions, defined } = customProjection(values, 2, 2, { negative: [0], positive: [1] }, { negative: [], positive: [1] });
    expect(defined).toEqual([true, false]);
    expect(positions[1]).toBe(0);
    expect(positions[3]).toBe(0);
  });
});

describe('lasso', () => {
  it('tests points against a concave polygon', () => {
    // An L shape: (0,0) (4,0) (4,1) (1,1) (1,4) (0,4).
    const l = [0, 0, 4, 0, 4, 1, 1, 1, 1, 4, 0, 4];
    expect(insidePolygon(l, 0.5, 3)).toBe(true);
    expect(insidePolygon(l, 3, 0.5)).toBe(true);
    expect(insidePolygon(l, 3, 3)).toBe(false);
    expect(insidePolygon(l, 5, 0.5)).toBe(false);
  });
});

describe('t-SNE', () => {
  it('keeps two distant clusters apart', () => {
    const rows = 200;
    const dims = 5;
    const values = new Float32Array(rows * dims);
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    for (let i = 0; i < rows; i++) for (let d = 0; d < dims; d++) values[i * dims + d] = (i < 100 ? 0 : 20) + random();
    const tsne = new Tsne(values, rows, dims, { perplexity: 15, learningRate: 100 });
    for (let i = 0; i < 500; i++) tsne.step();
    const y = tsne.positions;
    const centre = (from: number) => {
      let x = 0;
      let z = 0;
      for (let i = from; i < from + 100; i++) {
        x += y[2 * i];
        z += y[2 * i + 1];
      }
      return [x / 100, z / 100];
    };
    const a = centre(0);
    const b = centre(100);
    // Every point lies nearer its own cluster's centre than the other's.
    for (let i = 0; i < rows; i++) {
      const [own, other] = i < 100 ? [a, b] : [b, a];
      const dOwn = Math.hypot(y[2 * i] - own[0], y[2 * i + 1] - own[1]);
      const dOther = Math.hypot(y[2 * i] - other[0], y[2 * i + 1] - other[1]);
      expect(dOwn).toBeLessThan(dOther);
    }
  }, 60000);
});
