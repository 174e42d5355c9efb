// The run lines of a scalar chart, drawn on a canvas of their own over the chart's plot box.
//
// Why not uPlot's own series: with 50 runs on 8 visible charts the smoothing slider redraws 400
// lines per step, and uPlot's per-series work (a Path2D per series, its generic path builder
// calling closures for every point, a clip and a save/restore per series, its data pass) took
// most of a 16 ms frame. Here one tight loop per run maps values to device pixels, merges the
// points that fall in the same pixel column into one vertical segment (first, min, max, last, so
// no spike is lost), and strokes once per run. The chart (scalar_chart.ts) owns the axes, grid and
// the scales (the PlotView) that this layer reads; uPlot only the cursor and box zoom.
//
// `traceLine` is pure (it only calls moveTo/lineTo on the sink it is given); `LineLayer` owns one
// canvas element inside the plot box's element (uPlot's `over` div once built) while it lives,
// taken from and given back to the canvas pool (canvas_pool.ts). UI thread only.

import type { Column } from '../../api/types';
import { releaseCanvas, takeCanvas } from './canvas_pool';

/** Where the plot area maps data to device pixels. */
export interface PlotView {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  /** A base-10 log y axis: values ≤ 0 are skipped. */
  logY: boolean;
  /** The plot area in device pixels. */
  width: number;
  height: number;
}

/** What a line is traced onto: a canvas context or path, or a recorder in tests. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  rect(x: number, y: number, width: number, height: number): void;
}

/** A line's x and y columns: a series' own (any `Column` kind, as sent) or computed ones. */
export interface LineSpec {
  x: Column;
  y: Column;
  color: string;
}

/** A canvas context as `strokeByColor` uses it (a recorder in tests). */
export interface StrokeTarget extends PathSink {
  strokeStyle: string | CanvasGradient | CanvasPattern;
  beginPath(): void;
  stroke(): void;
}

/** Keeps far-off coordinates (a zoomed view) within what canvas paths handle exactly. */
const LIMIT = 1e6;
const clamp = (v: number) => (v < -LIMIT ? -LIMIT : v > LIMIT ? LIMIT : v);

/** First index whose x is ≥ `target` (> `target` when `after`) in ascending `xs`. */
function bound(xs: Column, target: number, after: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < target || (after && xs[mid] === target)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How `view` maps the points of `xs` (`n` of them) to device pixels: the index range to visit
 * (one point beyond each edge of the x range) and the scales. */
function mapping(xs: Column, n: number, view: PlotView) {
  const log = view.logY;
  const y0 = log ? Math.log10(view.yMin) : view.yMin;
  const y1 = log ? Math.log10(view.yMax) : view.yMax;
  return {
    begin: Math.max(0, bound(xs, view.xMin, false) - 1),
    end: Math.min(n, bound(xs, view.xMax, true) + 1),
    kx: view.width / (view.xMax - view.xMin),
    log,
    y0,
    ky: y1 > y0 ? view.height / (y1 - y0) : 0,
  };
}

/**
 * Traces the line through (xs[i], ys[i]) in device pixels of `view` onto `sink`. Non-finite
 * values break the line; values ≤ 0 on a log axis are skipped. Points in the same pixel column are
 * merged; points outside the x range are skipped except one on each side, so the line still
 * reaches the edges. Columns are pixel centres (x + 0.5) so a 1 px line stays crisp. A point with
 * no drawn neighbour (a one-point run, or a point between gaps) becomes a 3 px square, so it is seen.
 */
export function traceLine(sink: PathSink, xs: Column, ys: Column, view: PlotView): void {
  const n = Math.min(xs.length, ys.length);
  if (n === 0 || !(view.xMax > view.xMin)) return;
  const { begin, end, kx, log, y0, ky } = mapping(xs, n, view);
  const base = view.height;
  const xMin = view.xMin;

  // The hot loop of the slider and of a chart's first draw, which runs it in the interpreter
  // before it is compiled: no calls but Math.round, the sink's and, on a log axis, Math.log10 (the
  // clamps written out, the view's fields in locals), no closures (captured variables would live
  // on the heap), and each column is ended in place. Ending a column: a lone point becomes a square; a column that
  // holds several points (the line came in at the first of them) gets its extent, and the line
  // leaves from the last.
  let penDown = false;
  let alone = false;
  let column = 0;
  let count = 0;
  let first = 0;
  let low = 0;
  let high = 0;
  let last = 0;
  for (let i = begin; i <= end; i++) {
    let v = i < end ? ys[i] : NaN;
    // A log axis has no place for values ≤ 0: they are left out and the line joins their
    // neighbours. A non-finite value is missing data and breaks the line (v - v is NaN).
    if (log && v <= 0) continue;
    const drawn = v - v === 0;
    let px = 0;
    let py = 0;
    if (drawn) {
      if (log) v = Math.log10(v);
      let fx = (xs[i] - xMin) * kx;
      if (fx < -LIMIT) fx = -LIMIT;
      else if (fx > LIMIT) fx = LIMIT;
      let fy = base - (v - y0) * ky;
      if (fy < -LIMIT) fy = -LIMIT;
      else if (fy > LIMIT) fy = LIMIT;
      px = Math.round(fx) + 0.5;
      py = Math.round(fy) + 0.5;
      if (penDown && px === column) {
        if (py < low) low = py;
        if (py > high) high = py;
        last = py;
        count++;
        continue;
      }
    }
    if (penDown) {
      // The column ends (a new column, a gap, or the end of the line).
      if (count > 1) {
        // Only the parts of the extent that the segment from the first to the last point
        // does not already cover.
        const top = first < last ? first : last;
        const bottom = first < last ? last : first;
        if (low < top) sink.lineTo(column, low);
        if (high > bottom) sink.lineTo(column, high);
        if (last !== first || low < top || high > bottom) sink.lineTo(column, last);
      } else if (alone && !drawn) {
        sink.rect(column - 1.5, last - 1.5, 3, 3);
      }
    }
    if (!drawn) {
      penDown = false;
      continue;
    }
    if (penDown) {
      sink.lineTo(px, py);
      alone = false;
    } else {
      sink.moveTo(px, py);
      penDown = true;
      alone = true;
    }
    column = px;
    count = 1;
    first = low = high = last = py;
  }
}

/**
 * Traces the band between `lower` and `upper` over `xs` as closed polygons onto `sink` (one per
 * stretch where both edges are finite), in device pixels of `view`; fill it afterwards. Points
 * outside the x range are skipped except one on each side. On a log axis, edges ≤ 0 end a
 * stretch. Not merged by pixel column: a band is drawn once per redraw, not per slider step.
 */
export function traceBand(sink: PathSink, xs: Column, lower: Float64Array, upper: Float64Array, view: PlotView): void {
  const n = Math.min(xs.length, lower.length, upper.length);
  if (n === 0 || !(view.xMax > view.xMin)) return;
  const { begin, end, kx, log, y0, ky } = mapping(xs, n, view);
  const toY = (v: number) => clamp(view.height - ((log ? Math.log10(v) : v) - y0) * ky);
  const usable = (v: number) => Number.isFinite(v) && (!log || v > 0);
  let start = -1;
  const close = (stop: number) => {
    // Upper edge forwards, lower edge backwards.
    for (let i = start; i < stop; i++) {
      const x = clamp((xs[i] - view.xMin) * kx);
      if (i === start) sink.moveTo(x, toY(upper[i]));
      else sink.lineTo(x, toY(upper[i]));
    }
    for (let i = stop - 1; i >= start; i--) sink.lineTo(clamp((xs[i] - view.xMin) * kx), toY(lower[i]));
    start = -1;
  };
  for (let i = begin; i < end; i++) {
    const ok = usable(lower[i]) && usable(upper[i]);
    if (ok && start < 0) start = i;
    else if (!ok && start >= 0) close(i);
  }
  if (start >= 0) close(end);
}

/**
 * Strokes `lines` in one pass for thousands of runs: the lines of one colour are traced into one
 * path and stroked once, so a chart costs one stroke per palette colour, not one per run (each
 * stroke of a canvas has a fixed cost that dominates at a few dozen points per line). Colours
 * are stroked in the order they first appear; within a colour, lines keep their order. Returns
 * the number of strokes.
 */
export function strokeByColor(ctx: StrokeTarget, lines: readonly LineSpec[], view: PlotView): number {
  const groups = new Map<string, LineSpec[]>();
  for (const line of lines) {
    const group = groups.get(line.color);
    if (group) group.push(line);
    else groups.set(line.color, [line]);
  }
  for (const [color, group] of groups) {
    ctx.beginPath();
    ctx.strokeStyle = color;
    for (const line of group) traceLine(ctx, line.x, line.y, view);
    ctx.stroke();
  }
  return groups.size;
}

/** One canvas of run lines, covering the plot box of a scalar chart (inside its element, or uPlot's `over`). */
export class LineLayer {
  readonly canvas: HTMLCanvasElement;
  /** Nothing has been drawn since the canvas was last cleared or sized (it is then hidden). */
  private blank = true;

  constructor(over: HTMLElement, className: string) {
    const { canvas, reused } = takeCanvas();
    this.canvas = canvas;
    // A released layer's canvas may still hold its drawing: cleared on the first draw.
    this.blank = !reused;
    this.canvas.className = `chart-lines ${className}`;
    this.canvas.style.display = 'none';
    // First child, so uPlot's cursor and selection stay above the lines.
    over.insertBefore(this.canvas, over.firstChild);
  }

  /**
   * Clears the layer and draws `lines` at `alpha`, `lineWidth` CSS pixels wide. `view` gives the
   * plot area's size in device pixels (the chart's PlotView), so drawing never forces a layout.
   * `byColor`: one stroke per colour (`strokeByColor`), for charts of many runs; lines of one
   * colour are then composited together (overlaps of a faded colour do not darken). With
   * `append`, draws over what the layer shows (a draw split into pieces, same view).
   */
  draw(lines: readonly LineSpec[], view: PlotView, alpha: number, lineWidth: number, byColor = false, append = false): void {
    const ratio = window.devicePixelRatio || 1;
    if (append && lines.length === 0) return;
    const ctx = append && !this.blank ? this.canvas.getContext('2d')! : this.prepare(view, lines.length);
    if (!ctx) return;
    ctx.globalAlpha = alpha;
    ctx.lineWidth = Math.max(1, Math.round(lineWidth * ratio));
    ctx.lineJoin = 'round';
    if (byColor) {
      strokeByColor(ctx, lines, view);
      return;
    }
    for (const line of lines) {
      ctx.beginPath();
      ctx.strokeStyle = line.color;
      traceLine(ctx, line.x, line.y, view);
      ctx.stroke();
    }
  }

  /** Clears the layer and fills each band with its colour at `alpha`. */
  drawBands(bands: readonly { x: Column; lower: Float64Array; upper: Float64Array; color: string }[], view: PlotView, alpha: number): void {
    const ctx = this.prepare(view, bands.length);
    if (!ctx) return;
    ctx.globalAlpha = alpha;
    for (const band of bands) {
      ctx.beginPath();
      ctx.fillStyle = band.color;
      traceBand(ctx, band.x, band.lower, band.upper, view);
      ctx.fill();
    }
  }

  /** Clears the layer. */
  clear(): void {
    if (this.blank) return;
    this.canvas.getContext('2d')!.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.blank = true;
    // Not painted nor handed to the compositor while there is nothing on it.
    this.canvas.style.display = 'none';
  }

  /**
   * Sizes the canvas to the plot area and clears it; returns its context when `shapes` are to be
   * drawn (then the layer is no longer blank), else null. A blank or resized canvas is not cleared
   * again: in a grid of charts, clearing layers with nothing on them (a chart without bands) was a
   * visible part of drawing each chart.
   */
  private prepare(view: PlotView, shapes: number): CanvasRenderingContext2D | null {
    const width = Math.max(1, Math.round(view.width));
    const height = Math.max(1, Math.round(view.height));
    if (this.canvas.width !== width || this.canvas.height !== height) {
      // Resizing a canvas clears it.
      this.canvas.width = width;
      this.canvas.height = height;
      this.blank = true;
    }
    if (shapes === 0) {
      this.clear();
      return null;
    }
    const ctx = this.canvas.getContext('2d')!;
    if (!this.blank) ctx.clearRect(0, 0, width, height);
    this.blank = false;
    this.canvas.style.display = '';
    return ctx;
  }

  /** Leaves the page; the canvas goes to the pool for a later layer. */
  destroy(): void {
    releaseCanvas(this.canvas);
  }
}
