// Unit tests of the projector's pure modules: TensorBoard's metadata header rule and regex search,
// PCA on data with a known principal axis, exact nearest neighbours, colouring by a column, and
// Barnes–Hut t-SNE separating two well-apart clusters.
import { describe, expect, it } from 'vitest';
import { colorPoints } from '../src/plugins/projector/colors';
import { parseMetadata, searchRows } from '../src/plugins/projector/metadata';
import { nearestNeighbours } from '../src/plugins/projector/neighbours';
import { pca } from '../src/plugins/projector/pca';
import { Tsne } from '../src/plugins/projector/tsne';

describe('metadata', () => {
  it('treats a first line with a tab as the header', () => {
    expect(parseMetadata('word\tcolour\nx\tred\ny\tblue\n')).toEqual({
      columns: ['word', 'colour'],
      rows: [
        ['x', 'red'],
        ['y', 'blue'],
      ],
    });
  });
  it('reads single-column files as rows of "label"', () => {
    expect(parseMetadata('a\r\nb\n\n')).toEqual({ columns: ['label'], rows: [['a'], ['b']] });
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
    const text = 'n\n' + Array.from({ length: 30 }, (_, i) => String(i)).join('\n');
    const m = { columns: ['n'], rows: text.split('\n').slice(1).map((v) => [v]) };
    const { legend } = colorPoints(30, m, 0);
    expect(legend.kind).toBe('continuous');
    expect(legend.entries.map((e) => e.label)).toEqual(['0', '29']);
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
  });
});
