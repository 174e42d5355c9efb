import { describe, expect, it } from 'vitest';
import { type PlotView, strokeByColor, traceBand, traceLine } from '../src/plugins/scalars/line_layer';

/** Records the path operations traceLine makes. */
function trace(xs: number[], ys: number[], view: Partial<PlotView> = {}): string[] {
  const ops: string[] = [];
  const sink = {
    moveTo: (x: number, y: number) => ops.push(`M ${x} ${y}`),
    lineTo: (x: number, y: number) => ops.push(`L ${x} ${y}`),
    rect: (x: number, y: number, w: number, h: number) => ops.push(`R ${x} ${y} ${w} ${h}`),
  };
  const full: PlotView = { xMin: 0, xMax: 10, yMin: 0, yMax: 10, logY: false, width: 10, height: 10, ...view };
  traceLine(sink, Float64Array.from(xs), Float64Array.from(ys), full);
  return ops;
}

describe('traceLine', () => {
  it('maps data to pixel centres, y growing downwards', () => {
    expect(trace([0, 5, 10], [0, 5, 10])).toEqual(['M 0.5 10.5', 'L 5.5 5.5', 'L 10.5 0.5']);
    // A 20 × 40 pixel area for x in [100, 200] and y in [-1, 1].
    expect(trace([100, 150, 200], [-1, 0, 1], { xMin: 100, xMax: 200, yMin: -1, yMax: 1, width: 20, height: 40 })).toEqual([
      'M 0.5 40.5',
      'L 10.5 20.5',
      'L 20.5 0.5',
    ]);
  });

  it('merges the points of one pixel column into its extent, ending at the last point', () => {
    // x 0 … 0.3 all fall in column 0; y 5, 9, 1, 4 are rows 5, 1, 9, 6.
    expect(trace([0, 0.1, 0.2, 0.3, 10], [5, 9, 1, 4, 5])).toEqual([
      'M 0.5 5.5',
      'L 0.5 1.5',
      'L 0.5 9.5',
      'L 0.5 6.5',
      'L 10.5 5.5',
    ]);
  });

  it('adds nothing for a column that the segment through it already covers', () => {
    expect(trace([0, 0.1, 10], [5, 9, 5])).toEqual(['M 0.5 5.5', 'L 0.5 1.5', 'L 10.5 5.5']);
    expect(trace([0, 0.1, 0.2, 10], [5, 5, 5, 5])).toEqual(['M 0.5 5.5', 'L 10.5 5.5']);
  });

  it('breaks the line at non-finite values and marks a lone point', () => {
    expect(trace([0, 2, 4, 6, 8], [1, NaN, 3, 4, Infinity])).toEqual(['M 0.5 9.5', 'R -1 8 3 3', 'M 4.5 7.5', 'L 6.5 6.5']);
    expect(trace([5], [5])).toEqual(['M 5.5 5.5', 'R 4 4 3 3']);
    expect(trace([], [])).toEqual([]);
  });

  it('uses base-10 positions on a log axis and joins across values ≤ 0', () => {
    // y in [1, 100] over 10 rows: 10 is half way, 100 the top.
    expect(trace([0, 5, 8, 10], [10, 0, -3, 100], { yMin: 1, yMax: 100, logY: true })).toEqual(['M 0.5 5.5', 'L 10.5 0.5']);
    // NaN still breaks it.
    expect(trace([0, 5, 10], [10, NaN, 100], { yMin: 1, yMax: 100, logY: true })).toEqual([
      'M 0.5 5.5',
      'R -1 4 3 3',
      'M 10.5 0.5',
      'R 9 -1 3 3',
    ]);
  });

  it('draws only the points inside a zoomed x range, plus one on each side', () => {
    const xs = Array.from({ length: 101 }, (_, i) => i);
    const ops = trace(xs, xs.map(() => 5), { xMin: 40, xMax: 60, width: 20 });
    expect(ops.length).toBe(23); // x = 39 … 61
    expect(ops[0]).toBe('M -0.5 5.5');
    expect(ops[22]).toBe('L 21.5 5.5');
  });

  it('keeps far-off values at a bounded distance', () => {
    expect(trace([0, 10], [0, 1e12])).toEqual(['M 0.5 10.5', 'L 10.5 -999999.5']);
  });
});

describe('traceBand', () => {
  const view: PlotView = { xMin: 0, xMax: 10, yMin: 0, yMax: 10, logY: false, width: 10, height: 10 };
  function band(xs: number[], lo: number[], hi: number[], v: PlotView = view): string[] {
    const ops: string[] = [];
    const sink = {
      moveTo: (x: number, y: number) => ops.push(`M ${x} ${y}`),
      lineTo: (x: number, y: number) => ops.push(`L ${x} ${y}`),
      rect: () => ops.push('R'),
    };
    traceBand(sink, Float64Array.from(xs), Float64Array.from(lo), Float64Array.from(hi), v);
    return ops;
  }

  it('goes along the upper edge and back along the lower one', () => {
    expect(band([0, 5, 10], [1, 2, 3], [4, 5, 6])).toEqual(['M 0 6', 'L 5 5', 'L 10 4', 'L 10 7', 'L 5 8', 'L 0 9']);
  });

  it('splits the band where an edge is missing', () => {
    expect(band([0, 2, 4, 6], [1, NaN, 1, 1], [2, 2, 2, 2])).toEqual(['M 0 8', 'L 0 9', 'M 4 8', 'L 6 8', 'L 6 9', 'L 4 9']);
  });

  it('leaves out edges at or below 0 on a log axis', () => {
    const log = { ...view, logY: true, yMin: 1, yMax: 100, height: 2 };
    expect(band([0, 10], [0, 1], [10, 100], log)).toEqual(['M 10 0', 'L 10 2']);
  });
});

describe('strokeByColor', () => {
  /** A context that records each stroke: its colour and the lines (first moveTo) in its path. */
  function recorder() {
    const strokes: { color: string; starts: string[] }[] = [];
    let path: string[] = [];
    const ctx = {
      strokeStyle: '' as string | CanvasGradient | CanvasPattern,
      beginPath: () => (path = []),
      moveTo: (x: number, y: number) => path.push(`${x} ${y}`),
      lineTo: () => undefined,
      rect: () => undefined,
      stroke: () => strokes.push({ color: String(ctx.strokeStyle), starts: path }),
    };
    return { ctx, strokes };
  }
  const view: PlotView = { xMin: 0, xMax: 10, yMin: 0, yMax: 10000, logY: false, width: 10, height: 10000 };
  const palette = ['#ff7043', '#0077bb', '#cc3311'];
  // Run r is a flat line at y = r, starting at pixel row 10000 - r: its moveTo names it.
  const lines = Array.from({ length: 5000 }, (_, r) => ({
    x: Float64Array.from([0, 5, 10]),
    y: Float64Array.from([r, r, r]),
    color: palette[r % palette.length],
  }));

  it('draws 5,000 runs with one stroke per colour, each run in its own colour', () => {
    const { ctx, strokes } = recorder();
    expect(strokeByColor(ctx, lines, view)).toBe(3);
    expect(strokes.map((s) => s.color)).toEqual(palette);
    const drawn = new Map<number, string>();
    for (const { color, starts } of strokes) {
      for (const start of starts) drawn.set(10000 - Number(start.split(' ')[1]) + 0.5, color);
    }
    expect(drawn.size).toBe(5000);
    for (let r = 0; r < 5000; r++) expect(drawn.get(r)).toBe(palette[r % 3]);
  });

  it('keeps run order within a colour; a colour is stroked the same whatever other runs are drawn', () => {
    const { ctx, strokes } = recorder();
    strokeByColor(ctx, lines.slice(0, 9), view);
    expect(strokes[1]).toEqual({ color: '#0077bb', starts: ['0.5 9999.5', '0.5 9996.5', '0.5 9993.5'] });
    const alone = recorder();
    strokeByColor(alone.ctx, [lines[1], lines[4], lines[7]], view);
    expect(alone.strokes).toEqual([strokes[1]]);
  });
});
