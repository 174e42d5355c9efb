// The histogram chart of one (run, tag): every step's histogram re-binned to about one bin per two
// pixels and drawn on a canvas in one pass, either as ridges stacked along the time dimension
// (offset mode) or overlaid on one baseline. A second canvas on top shows the hovered histogram,
// with a tooltip giving the original bucket's range and count at the nearest step; the pointer or
// the arrow keys move the hover. When the series was re-binned by the server, the hovered step's
// original buckets are fetched (`loadStep`) and the tooltip names the bucket as it was written.
// A linked step (the Time Series grid's) is outlined on the top canvas; clicking picks the
// hovered step (`pickStep`).
//
// Owned by a HistogramCard; UI thread only. Bins re-binned by the server are drawn as they are;
// other data is re-binned only when it or the width changes;
// hovering redraws only the top canvas and allocates no arrays.
import {
  type ChartTheme,
  chartTheme,
  drawBottomAxis,
  drawHoverRule,
  drawSideAxis,
  fillDot,
  parseColor,
  sizeCanvas,
} from '../../charts/canvas_chart';
import { ChartFrame } from '../../charts/chart_frame';
import { formatDuration, formatValue, formatWallTime } from '../../charts/format';
import { linearScale, niceTicks } from '../../charts/ticks';
import { timeCoordinates, timeTickLabel, timeTicks } from '../../charts/time_axis';
import type { XAxis } from '../../state/view_state';
import { type HistogramSeries, bucketAt } from './histogram_data';
import { type RebinnedHistograms, binCount, rebinSeries } from './rebin';
import { type StepBuckets, type StepBucketsLoader, StepBucketsCache, originalBucketAt } from './step_buckets';
import {
  type HistogramMode,
  MIN_RIDGE_SPACING,
  type PlotRect,
  type RidgeLayout,
  binAtX,
  countY,
  nearestHistogram,
  ridgeLayout,
  ridgeRanksToDraw,
} from './ridge_geometry';

export interface HistogramChartOptions {
  mode: HistogramMode;
  axis: XAxis;
  color: string;
  /** Changes when the theme changes, so colours are read again. */
  dark: boolean;
}

export interface HistogramChartHooks {
  /** Loads a step's original buckets; given when the series holds server-re-binned bins. */
  loadStep?: StepBucketsLoader;
  /** Called with the step of the histogram the user clicks. */
  pickStep?: (step: number) => void;
}

export const CHART_HEIGHT = 260;
/** How much of a ridge's stroke colour its fill shows over the background, in offset mode. */
const RIDGE_FILL_ALPHA = 0.25;

export class HistogramChart {
  private readonly frame: ChartFrame;
  private series: HistogramSeries | null = null;
  private options: HistogramChartOptions | null = null;
  private rebinned: RebinnedHistograms | null = null;
  private times: Float64Array = new Float64Array(0);
  /** Histogram indices in drawing order (earliest time first). */
  private order: Int32Array = new Int32Array(0);
  private strokes: string[] = [];
  /** Offset mode's opaque ridge fills, by histogram index. */
  private fills: string[] = [];
  private layout: RidgeLayout | null = null;
  private rect: PlotRect = { left: 0, top: 0, width: 0, height: 0 };
  private theme: ChartTheme | null = null;
  private hover: { i: number; k: number } | null = null;
  /** Whether the hover layer holds marks (else it is left blank, without a buffer). */
  private hoverDrawn = false;
  /** The linked step asked for, and the index of the histogram shown for it (-1: none). */
  private linkedStep: number | null = null;
  private linkedIndex = -1;
  private readonly originals: StepBucketsCache | null;
  private readonly pickStep: ((step: number) => void) | undefined;

  constructor(host: HTMLElement, label: string, hooks: HistogramChartHooks = {}) {
    this.frame = new ChartFrame(host, `${label}. Use the arrow keys to inspect steps and buckets.`, {
      pointer: (x, y) => this.onPointer(x, y),
      leave: () => this.setHover(null),
      key: (e) => this.onKey(e),
      click: () => {
        if (this.hover && this.series) this.pickStep?.(this.series.steps[this.hover.i]);
      },
    });
    this.pickStep = hooks.pickStep;
    this.originals = hooks.loadStep
      ? new StepBucketsCache(hooks.loadStep, (buckets) => {
          if (this.hover && this.series?.steps[this.hover.i] === buckets.step) this.drawHover();
        })
      : null;
  }

  /** Outlines the histogram nearest `step` (null: none); returns the step outlined, or null. */
  setLinkedStep(step: number | null): number | null {
    this.linkedStep = step;
    const before = this.linkedIndex;
    this.linkedIndex = this.nearestStepIndex(step);
    if (before !== this.linkedIndex && this.layout) this.drawHover();
    return this.linkedIndex < 0 ? null : this.series!.steps[this.linkedIndex];
  }

  private nearestStepIndex(step: number | null): number {
    const steps = this.series?.steps;
    if (step === null || !steps || steps.length === 0) return -1;
    let best = 0;
    for (let i = 1; i < steps.length; i++) if (Math.abs(steps[i] - step) < Math.abs(steps[best] - step)) best = i;
    return best;
  }

  /** Draws `series` with `options`; re-bins only when the data or the width changed. */
  update(series: HistogramSeries, options: HistogramChartOptions): void {
    const dataChanged = series !== this.series;
    const colorChanged = !this.options || this.options.color !== options.color || this.options.dark !== options.dark;
    const axisChanged = !this.options || this.options.axis !== options.axis;
    this.series = series;
    this.options = options;
    if (dataChanged || axisChanged) {
      this.times = timeCoordinates(options.axis, series.steps, series.wallTimes);
      this.order = Int32Array.from(this.times.keys()).sort((a, b) => this.times[a] - this.times[b] || a - b);
    }
    if (dataChanged || colorChanged) this.theme = null;
    if (dataChanged) {
      this.hover = null;
      this.originals?.clear();
      this.linkedIndex = this.nearestStepIndex(this.linkedStep);
    }
    this.relayout(dataChanged);
  }

  resize(width: number): void {
    if (this.frame.resize(width) && this.series) this.relayout(false);
  }

  destroy(): void {
    this.originals?.clear();
    this.frame.destroy();
  }

  private relayout(dataChanged: boolean): void {
    const series = this.series!;
    const { mode } = this.options!;
    const width = this.frame.width;
    this.rect =
      mode === 'offset'
        ? { left: 8, top: 8, width: width - 8 - 66, height: CHART_HEIGHT - 8 - 22 }
        : { left: 50, top: 8, width: width - 50 - 12, height: CHART_HEIGHT - 8 - 22 };
    this.rebinned = this.binsToDraw(series, dataChanged);
    this.layout = ridgeLayout(this.times, this.rect, mode);
    this.draw();
    this.drawHover();
  }

  /**
   * The bins drawn: the server's when it re-binned the series (`histograms/rebinned` asks for one
   * bin per two pixels of the card) and they are at most one per pixel of the plot, so the first
   * draw re-bins nothing; else the series re-binned to the plot's width (kept while it fits).
   */
  private binsToDraw(series: HistogramSeries, dataChanged: boolean): RebinnedHistograms {
    const prebinned = series.prebinned;
    if (prebinned && prebinned.bins <= Math.max(16, Math.floor(this.rect.width))) return prebinned;
    const bins = binCount(series, this.rect.width);
    if (dataChanged || !this.rebinned || this.rebinned.bins !== bins) return rebinSeries(series, bins);
    return this.rebinned;
  }

  private colors(): void {
    if (this.theme) return;
    this.theme = chartTheme();
    const n = this.order.length;
    const run = parseColor(this.options!.color);
    const background = parseColor(this.theme.background);
    const mix = (t: number) => `rgb(${[0, 1, 2].map((c) => Math.round(run[c] + (background[c] - run[c]) * t)).join(', ')})`;
    this.strokes = new Array<string>(n);
    this.fills = new Array<string>(n);
    // The earliest histogram is the palest; the latest has the run's own colour. A ridge is
    // filled with its stroke colour at RIDGE_FILL_ALPHA over the background, mixed here so that
    // one opaque fill draws it.
    for (let rank = 0; rank < n; rank++) {
      const fade = n > 1 ? 0.7 * (1 - rank / (n - 1)) : 0;
      this.strokes[this.order[rank]] = mix(fade);
      this.fills[this.order[rank]] = mix(1 - (1 - fade) * RIDGE_FILL_ALPHA);
    }
  }

  private tracePath(ctx: CanvasRenderingContext2D, i: number): void {
    const { counts, bins, maxCount } = this.rebinned!;
    const layout = this.layout!;
    const { left, width } = this.rect;
    const baseline = layout.baselines[i];
    const scale = maxCount > 0 ? layout.ridgeHeight / maxCount : 0;
    const binWidth = width / bins;
    const row = i * bins;
    ctx.beginPath();
    ctx.moveTo(left, baseline);
    for (let k = 0; k < bins; k++) ctx.lineTo(left + (k + 0.5) * binWidth, baseline - counts[row + k] * scale);
    ctx.lineTo(left + width, baseline);
  }

  private draw(): void {
    this.colors();
    const theme = this.theme!;
    const ctx = sizeCanvas(this.frame.base, this.frame.width, CHART_HEIGHT);
    const { mode, axis } = this.options!;
    const { x0, x1, maxCount } = this.rebinned!;
    const rect = this.rect;
    const bottom = rect.top + rect.height;
    const toX = linearScale(x0, x1, rect.left, rect.left + rect.width);
    drawBottomAxis(ctx, theme, niceTicks(x0, x1, Math.max(2, Math.floor(rect.width / 90))), toX, formatValue, rect.top, bottom);
    if (mode === 'offset') {
      const n = this.times.length;
      const t0 = n ? this.times[this.order[0]] : 0;
      const t1 = n ? this.times[this.order[n - 1]] : 0;
      const layout = this.layout!;
      const toY = linearScale(t0, t1, rect.top + layout.ridgeHeight, bottom);
      const count = Math.max(2, Math.floor((rect.height - layout.ridgeHeight) / 36));
      const ticks = timeTicks(axis, t0, t1, count);
      const positions = ticks.values.map((t) => ({ y: toY(t), text: timeTickLabel(axis, t) }));
      drawSideAxis(ctx, theme, positions, rect.left + rect.width + 6, 'left', rect.left + rect.width, rect.left + rect.width + 3);
    } else {
      const ticks = niceTicks(0, maxCount, Math.max(2, Math.floor(rect.height / 40)));
      const positions = ticks.values.map((c) => ({ y: bottom - (maxCount > 0 ? (c / maxCount) * rect.height : 0), text: formatValue(c) }));
      drawSideAxis(ctx, theme, positions, rect.left - 6, 'right', rect.left, rect.left + rect.width);
    }
    ctx.lineWidth = 1;
    ctx.lineJoin = 'round';
    // Offset mode draws as many ridges as stay apart (hovering still reaches every step);
    // overlay mode draws every histogram.
    const total = this.order.length;
    const span = this.rect.height - this.layout!.ridgeHeight;
    const ranks = mode === 'offset' ? ridgeRanksToDraw(total, Math.floor(span / MIN_RIDGE_SPACING)) : null;
    const drawn = ranks ? ranks.length : total;
    for (let d = 0; d < drawn; d++) {
      const i = this.order[ranks ? ranks[d] : d];
      this.tracePath(ctx, i);
      if (mode === 'offset') {
        // Opaque, so later (lower) ridges hide the ones behind them.
        ctx.fillStyle = this.fills[i];
        ctx.fill();
      } else {
        ctx.globalAlpha = 0.8;
      }
      ctx.strokeStyle = this.strokes[i];
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
  }

  private drawHover(): void {
    const width = this.frame.width;
    const hover = this.hover;
    const series = this.series;
    const linked = this.linkedIndex >= 0 && series && this.rebinned && this.linkedIndex < series.steps.length;
    const hovered = hover && series && this.rebinned && hover.i < series.steps.length;
    if (!linked && !hovered && !this.hoverDrawn) {
      // Nothing to show and nothing shown: the layer keeps no pixels (a chart's first draw
      // leaves it without a canvas buffer to allocate, clear and hand to the compositor).
      this.frame.hideTooltip();
      return;
    }
    const ctx = sizeCanvas(this.frame.hover, width, CHART_HEIGHT);
    this.hoverDrawn = Boolean(linked || hovered);
    if (linked) {
      // The linked step: a thick outline in the text colour, under the hover marks.
      this.tracePath(ctx, this.linkedIndex);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = this.theme?.text ?? '#000';
      ctx.setLineDash([5, 3]);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (!hovered) {
      this.frame.hideTooltip();
      return;
    }
    const { i, k } = hover!;
    const { x0, x1, bins, counts, maxCount } = this.rebinned!;
    const rect = this.rect;
    const color = this.options!.color;
    this.tracePath(ctx, i);
    ctx.lineWidth = 2;
    ctx.strokeStyle = color;
    ctx.stroke();
    const x = rect.left + ((k + 0.5) / bins) * rect.width;
    const y = countY(this.layout!, i, counts[i * bins + k], maxCount);
    drawHoverRule(ctx, x, rect.top, rect.top + rect.height, color);
    ctx.fillStyle = color;
    fillDot(ctx, x, y, 3.5);

    const value = x0 + ((k + 0.5) / bins) * (x1 - x0);
    const relative = series.wallTimes[i] - series.wallTimes[0];
    const lines = [
      `Step ${series.steps[i]}  ·  ${formatWallTime(series.wallTimes[i])}  ·  ${formatDuration(relative)}`,
      this.bucketLine(i, value),
    ];
    // Right of the hovered bin and above its count, kept inside the chart.
    this.frame.showTooltip(lines, (tipWidth) => ({
      left: Math.max(0, Math.min(width - tipWidth, x + 12)),
      top: Math.max(0, y - 44),
    }));
  }

  /** The tooltip's bucket line: the original bucket at `value` when known, else the drawn bin. */
  private bucketLine(i: number, value: number): string {
    const series = this.series!;
    const describe = (left: number, right: number, count: number) =>
      `Bucket [${formatValue(left)}, ${formatValue(right)})  count ${formatValue(count)}`;
    if (this.originals) {
      const original: StepBuckets | null = this.originals.get(series.steps[i]);
      if (original) {
        const j = originalBucketAt(original, value);
        return j >= 0 ? describe(original.left[j], original.right[j], original.count[j]) : `No bucket at ${formatValue(value)}`;
      }
    }
    const b = bucketAt(series, i, value);
    if (b < 0) return `No bucket at ${formatValue(value)}`;
    const line = describe(series.left[b], series.right[b], series.count[b]);
    return this.originals ? `${line} (re-binned; loading the original buckets…)` : line;
  }

  private setHover(hover: { i: number; k: number } | null): void {
    if (hover?.i === this.hover?.i && hover?.k === this.hover?.k) return;
    this.hover = hover;
    this.drawHover();
  }

  private onPointer(x: number, y: number): void {
    if (!this.rebinned || !this.layout) return;
    const k = binAtX(x, this.rect, this.rebinned.bins);
    if (k < 0 || y < this.rect.top - 4 || y > this.rect.top + this.rect.height + 4) {
      this.setHover(null);
      return;
    }
    const { counts, bins, maxCount } = this.rebinned;
    const i = nearestHistogram(this.options!.mode, this.layout, counts, bins, maxCount, k, y);
    this.setHover(i < 0 ? null : { i, k });
  }

  /** Up/Down: earlier/later step; Left/Right: previous/next bin (Shift: ten bins); Escape: hide. */
  private onKey(e: KeyboardEvent): void {
    if (!this.rebinned || this.order.length === 0) return;
    const bins = this.rebinned.bins;
    const n = this.order.length;
    const current = this.hover ?? { i: this.order[n - 1], k: bins >> 1 };
    const rank = this.order.indexOf(current.i);
    const jump = e.shiftKey ? 10 : 1;
    let next: { i: number; k: number } | null = current;
    if (e.key === 'ArrowUp') next = { i: this.order[Math.max(0, rank - 1)], k: current.k };
    else if (e.key === 'ArrowDown') next = { i: this.order[Math.min(n - 1, rank + 1)], k: current.k };
    else if (e.key === 'ArrowLeft') next = { i: current.i, k: Math.max(0, current.k - jump) };
    else if (e.key === 'ArrowRight') next = { i: current.i, k: Math.min(bins - 1, current.k + jump) };
    else if (e.key === 'Escape') next = null;
    else return;
    e.preventDefault();
    this.setHover(next);
  }
}
