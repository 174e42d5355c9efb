// A spatial index of the points a scalar chart draws, so its tooltip finds the runs nearest the
// cursor without visiting every run: with thousands of runs the tooltip lists only the nearest few.
//
// The points are placed, in device pixels of one `PlotView` (the scales and plot area the chart was
// last drawn with), into a uniform grid of square cells, stored cell by cell in flat typed arrays
// (a counting sort: no per-cell objects). A query scans rings of cells outward from the cursor's
// cell and stops once the k-th nearest run found is nearer than anything the unscanned rings can
// hold, so its cost depends on how many points lie near the cursor, not on the number of runs.
// Distance is between the cursor and a run's nearest drawn point (lines are drawn through their
// points, at least one every few pixels at the resolution the chart fetches).
// Built by the chart after a redraw; its points never change (queries reuse scratch arrays);
// UI thread only. Pure (no DOM).
import type { Column } from '../../api/types';
import type { PlotView } from './line_layer';

/** The columns of one drawn line: x and the y values drawn (raw or smoothed). */
export interface IndexedLine {
  x: Column;
  y: Column;
}

/** A run found near the cursor: the line's position in the list indexed, and its nearest point. */
export interface NearRun {
  line: number;
  /** Index of the line's point nearest the cursor. */
  point: number;
  /** Distance in device pixels. */
  distance: number;
}

/** Cell side in device pixels: a few points per run per cell at the resolution charts fetch. */
const DEFAULT_CELL = 8;

export class RunPointIndex {
  /** Per line, the squared distance of its nearest point seen by the current query (∞: none). */
  private readonly bestD2: Float64Array;
  private readonly bestPoint: Uint32Array;
  /** The lines the current query has seen, to reset `bestD2` after it. */
  private seen: number[] = [];

  private constructor(
    private readonly cell: number,
    private readonly columns: number,
    private readonly rows: number,
    /** For cell c, its points are entries cellStart[c] .. cellStart[c + 1] - 1. */
    private readonly cellStart: Uint32Array,
    private readonly px: Float64Array,
    private readonly py: Float64Array,
    private readonly lineOf: Uint32Array,
    private readonly pointOf: Uint32Array,
    lineCount: number,
  ) {
    this.bestD2 = new Float64Array(lineCount).fill(Infinity);
    this.bestPoint = new Uint32Array(lineCount);
  }

  /** How many points are indexed (those inside the plot area). */
  get size(): number {
    return this.px.length;
  }

  /**
   * Indexes the points of `lines` that fall inside `view`'s plot area, in its device pixels.
   * Non-finite values, and values ≤ 0 on a log axis, are not drawn and not indexed.
   */
  static build(lines: readonly IndexedLine[], view: PlotView, cell = DEFAULT_CELL): RunPointIndex {
    const width = Math.max(1, view.width);
    const height = Math.max(1, view.height);
    const columns = Math.max(1, Math.ceil(width / cell));
    const rows = Math.max(1, Math.ceil(height / cell));
    const log = view.logY;
    const y0 = log ? Math.log10(view.yMin) : view.yMin;
    const y1 = log ? Math.log10(view.yMax) : view.yMax;
    const kx = view.xMax > view.xMin ? width / (view.xMax - view.xMin) : 0;
    const ky = y1 > y0 ? height / (y1 - y0) : 0;

    let total = 0;
    for (const line of lines) total += Math.min(line.x.length, line.y.length);
    // Pass 1: every point inside the plot, with its cell; counts per cell.
    const xs = new Float64Array(total);
    const ys = new Float64Array(total);
    const cellOf = new Uint32Array(total);
    const lineIds = new Uint32Array(total);
    const pointIds = new Uint32Array(total);
    const counts = new Uint32Array(columns * rows + 1);
    let n = 0;
    for (let l = 0; l < lines.length; l++) {
      const { x, y } = lines[l];
      const length = Math.min(x.length, y.length);
      for (let i = 0; i < length; i++) {
        let v = y[i];
        if (log) {
          if (!(v > 0)) continue;
          v = Math.log10(v);
        }
        const sx = (x[i] - view.xMin) * kx;
        const sy = height - (v - y0) * ky;
        // Also rejects NaN.
        if (!(sx >= 0 && sx <= width && sy >= 0 && sy <= height)) continue;
        const c = Math.min(rows - 1, Math.floor(sy / cell)) * columns + Math.min(columns - 1, Math.floor(sx / cell));
        xs[n] = sx;
        ys[n] = sy;
        cellOf[n] = c;
        lineIds[n] = l;
        pointIds[n] = i;
        counts[c + 1]++;
        n++;
      }
    }
    // Pass 2: counting sort by cell.
    for (let c = 1; c < counts.length; c++) counts[c] += counts[c - 1];
    const cellStart = counts.slice();
    const px = new Float64Array(n);
    const py = new Float64Array(n);
    const lineOf = new Uint32Array(n);
    const pointOf = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const at = counts[cellOf[k]]++;
      px[at] = xs[k];
      py[at] = ys[k];
      lineOf[at] = lineIds[k];
      pointOf[at] = pointIds[k];
    }
    return new RunPointIndex(cell, columns, rows, cellStart, px, py, lineOf, pointOf, lines.length);
  }

  /**
   * The `k` runs whose nearest indexed point is nearest (x, y) (device pixels of the plot area),
   * nearest first; ties in run order. Fewer when fewer runs have points inside the plot.
   */
  nearest(x: number, y: number, k: number): NearRun[] {
    if (k <= 0 || this.size === 0) return [];
    const { cell, columns, rows } = this;
    const cx = Math.min(columns - 1, Math.max(0, Math.floor(x / cell)));
    const cy = Math.min(rows - 1, Math.max(0, Math.floor(y / cell)));
    const maxRing = Math.max(cx, columns - 1 - cx, cy, rows - 1 - cy);
    for (let r = 0; r <= maxRing; r++) {
      for (let row = cy - r; row <= cy + r; row++) {
        if (row < 0 || row >= rows) continue;
        const edge = row === cy - r || row === cy + r;
        // On the ring's top and bottom rows every cell; on the others only the two sides.
        for (let col = cx - r; col <= cx + r; col += edge || r === 0 ? 1 : 2 * r) {
          if (col < 0 || col >= columns) continue;
          this.scanCell(row * columns + col, x, y);
        }
      }
      // Anything in rings beyond r is more than r cells away (also from a cursor outside the
      // plot, which starts from the nearest cell).
      if (this.seen.length >= k) {
        const bound = r * cell;
        if (this.kthDistance2(k) <= bound * bound) break;
      }
    }
    const found = this.seen.map((line) => ({ line, point: this.bestPoint[line], distance: Math.sqrt(this.bestD2[line]) }));
    for (const line of this.seen) this.bestD2[line] = Infinity;
    this.seen = [];
    found.sort((a, b) => a.distance - b.distance || a.line - b.line);
    return found.slice(0, k);
  }

  private scanCell(c: number, x: number, y: number): void {
    const { bestD2, bestPoint, px, py, lineOf, pointOf } = this;
    const end = this.cellStart[c + 1];
    for (let at = this.cellStart[c]; at < end; at++) {
      const dx = px[at] - x;
      const dy = py[at] - y;
      const d2 = dx * dx + dy * dy;
      const line = lineOf[at];
      const previous = bestD2[line];
      if (previous === Infinity) this.seen.push(line);
      if (d2 < previous || (d2 === previous && pointOf[at] < bestPoint[line])) {
        bestD2[line] = d2;
        bestPoint[line] = pointOf[at];
      }
    }
  }

  /** The k-th smallest distance² among the lines seen so far (at least k of them). */
  private kthDistance2(k: number): number {
    const d2s = new Float64Array(this.seen.length);
    for (let i = 0; i < d2s.length; i++) d2s[i] = this.bestD2[this.seen[i]];
    d2s.sort();
    return d2s[k - 1];
  }
}
