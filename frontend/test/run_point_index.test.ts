import { describe, expect, it } from 'vitest';
import type { PlotView } from '../src/plugins/scalars/line_layer';
import { type IndexedLine, RunPointIndex } from '../src/plugins/scalars/run_point_index';
import { random } from './seeded_random';

/** Random walks, some with NaN holes and points outside the view, `runs` of them. */
function randomLines(next: () => number, runs: number, points: number): IndexedLine[] {
  return Array.from({ length: runs }, () => {
    const x = new Float64Array(points);
    const y = new Float64Array(points);
    let v = next() * 10;
    const start = next() * 20 - 5;
    for (let i = 0; i < points; i++) {
      x[i] = start + i * (0.5 + next());
      v += next() - 0.5;
      y[i] = next() < 0.02 ? NaN : v;
    }
    return { x, y };
  });
}

/** The k nearest runs by scanning every point, with the same pixel mapping as the chart. */
function bruteForce(lines: IndexedLine[], view: PlotView, cx: number, cy: number, k: number) {
  const y0 = view.logY ? Math.log10(view.yMin) : view.yMin;
  const y1 = view.logY ? Math.log10(view.yMax) : view.yMax;
  const kx = view.width / (view.xMax - view.xMin);
  const ky = view.height / (y1 - y0);
  const found: { line: number; distance: number }[] = [];
  lines.forEach((line, l) => {
    let best = Infinity;
    for (let i = 0; i < line.x.length; i++) {
      const value = line.y[i];
      if (view.logY && !(value > 0)) continue;
      const sx = (line.x[i] - view.xMin) * kx;
      const sy = view.height - ((view.logY ? Math.log10(value) : value) - y0) * ky;
      if (!(sx >= 0 && sx <= view.width && sy >= 0 && sy <= view.height)) continue;
      best = Math.min(best, Math.hypot(sx - cx, sy - cy));
    }
    if (best < Infinity) found.push({ line: l, distance: best });
  });
  found.sort((a, b) => a.distance - b.distance || a.line - b.line);
  return found.slice(0, k);
}

describe('RunPointIndex', () => {
  it('finds the same nearest runs as a scan over every point, anywhere on the plot', () => {
    const next = random(7);
    for (const logY of [false, true]) {
      const lines = randomLines(next, 300, 60);
      const view: PlotView = logY
        ? { xMin: 0, xMax: 60, yMin: 0.5, yMax: 20, logY, width: 480, height: 200 }
        : { xMin: 0, xMax: 60, yMin: -5, yMax: 20, logY, width: 480, height: 200 };
      const index = RunPointIndex.build(lines, view);
      for (let q = 0; q < 200; q++) {
        // Some cursors just outside the plot area too.
        const cx = next() * 520 - 20;
        const cy = next() * 240 - 20;
        const k = 1 + Math.floor(next() * 12);
        const got = index.nearest(cx, cy, k);
        const want = bruteForce(lines, view, cx, cy, k);
        expect(got.map((r) => r.line)).toEqual(want.map((r) => r.line));
        got.forEach((r, i) => expect(r.distance).toBeCloseTo(want[i].distance, 9));
      }
    }
  });

  it('reports the nearest point of each run found', () => {
    const view: PlotView = { xMin: 0, xMax: 10, yMin: 0, yMax: 10, logY: false, width: 100, height: 100 };
    const lines: IndexedLine[] = [
      { x: Float64Array.from([0, 5, 10]), y: Float64Array.from([1, 1, 1]) },
      { x: Float64Array.from([0, 5, 10]), y: Float64Array.from([9, 6, 9]) },
    ];
    const index = RunPointIndex.build(lines, view);
    // (50, 50) in pixels is (5, 5) in data: run 1's point 1 at (5, 6) is 10 px away, run 0's (5, 1) 40 px.
    expect(index.nearest(50, 50, 5)).toEqual([
      { line: 1, point: 1, distance: 10 },
      { line: 0, point: 1, distance: 40 },
    ]);
    expect(index.nearest(50, 50, 1)).toEqual([{ line: 1, point: 1, distance: 10 }]);
  });

  it('leaves out points outside the plot, non-finite values and values ≤ 0 on a log axis', () => {
    const view: PlotView = { xMin: 0, xMax: 10, yMin: 0.1, yMax: 10, logY: true, width: 100, height: 100 };
    const lines: IndexedLine[] = [
      { x: Float64Array.from([-5, 20]), y: Float64Array.from([1, 1]) },
      { x: Float64Array.from([1, 2, 3]), y: Float64Array.from([NaN, 0, -1]) },
      { x: Float64Array.from([5]), y: Float64Array.from([1]) },
    ];
    const index = RunPointIndex.build(lines, view);
    expect(index.size).toBe(1);
    expect(index.nearest(0, 0, 3).map((r) => r.line)).toEqual([2]);
  });

  it('visits only the cells near the cursor when it finds enough runs there', () => {
    // 5,000 flat runs spread over the height: a query near one run must not cost a scan of all.
    const runs = 5000;
    const view: PlotView = { xMin: 0, xMax: 100, yMin: 0, yMax: runs, logY: false, width: 500, height: 200 };
    const lines: IndexedLine[] = Array.from({ length: runs }, (_, r) => ({
      x: Float64Array.from({ length: 50 }, (_, i) => i * 2),
      y: new Float64Array(50).fill(r + 0.5),
    }));
    const index = RunPointIndex.build(lines, view);
    const scanned = { count: 0 };
    const proto = Object.getPrototypeOf(index) as { scanCell: (...args: unknown[]) => void };
    const original = proto.scanCell;
    proto.scanCell = function (this: unknown, ...args: unknown[]) {
      scanned.count++;
      return original.apply(this, args);
    };
    try {
      const found = index.nearest(250, 100, 10);
      expect(found).toHaveLength(10);
      // Every cell is 8 × 8 px: the grid has 63 × 25 cells; a few rings suffice.
      expect(scanned.count).toBeLessThan(60);
    } finally {
      proto.scanCell = original;
    }
  });
});
