// One scalar chart: every run's line, box zoom by dragging, reset by double-click, and a hover
// tooltip. A series may carry a band (lower and upper edges: a margin chart's bounds, a run
// group's spread), filled under its line on a layer of its own and smoothed like the line, and a
// note per point shown in the tooltip.
//
// The chart draws its own axes and grid (chart_axes.ts, elements under the plot box) and owns
// the scales: the view (the data range shown and the plot box, a PlotView for the layers) is
// computed here on every draw. The lines are drawn by LineLayers over the plot box (see
// line_layer.ts for why). The back layer has the raw lines (faded under the smoothed ones when
// smoothing is on), the front layer the smoothed lines, so moving the smoothing slider clears and
// redraws only the front layer. Every layer is redrawn on new scales, zoom and resize.
// uPlot only provides the interaction (cursor, box selection): it is built lazily, with its axes
// hidden, its padding set to our plot box and its scales given our ranges, when the pointer first
// enters the chart (the tooltip of that first event is shown at once), the chart takes keyboard
// focus, or the page is idle a second after the last chart was drawn (one chart per idle
// callback); the layers and the step marker then move into its `over` div, at the same place, so
// nothing moves (the host carries `data-interactive` from then on).
// uPlot's module itself is imported then too, not with this code (uplot_module.ts): a second after
// the last chart was drawn, or at the first pointer or focus. Mouse input that arrives while it
// loads (a box-zoom drag, a click, the hover) is recorded and replayed into uPlot once it is built
// (early_input.ts), so it has the effect it would have had with uPlot there.
// A chart's first draw with smoothing on paints the smoothed lines (and bands) first and strokes
// the faded raw lines after the next frame (a bulk chart: when the page is idle), so a screen of
// charts shows as soon as its main lines are drawn (the host carries `data-lines-pending` until
// then; any redraw meanwhile draws both layers at once).
// A linked step (the Time Series grid's) is marked by a vertical rule; a click (not a drag)
// reports the step of the point nearest the cursor (`onPick`).
// Past BULK_RUNS runs (a sweep of thousands), the layers stroke one path per colour rather than
// one per run, and the tooltip lists the runs nearest the cursor, found through a RunPointIndex
// of the drawn points (built after each redraw, off the input path), instead of every run.
// Given a `DeferDraw` (the Time Series grid), the first draw is split into pieces run in later
// tasks: the axes, then the lines LINES_PER_PIECE at a time; the host carries `data-lines-pending` until the
// last piece has drawn, and `data-first-draw="pieces"` (or "whole" once any other redraw
// meanwhile has drawn everything at once and dropped the pieces left).
// Owned by a ScalarCard; UI thread only. The uPlot instance is dropped when the axes change (x
// axis kind, log scale, theme) and built again lazily; new data only re-ranges it.
import type uPlot from 'uplot';
import { type DeferDraw, pieceRanges } from '../../charts/draw_pieces';
import { formatDuration, formatWallTime } from '../../charts/format';
import { nearestIndex, stepRangeForX } from '../../charts/x_lookup';
import { whenIdle } from '../../shell/when_idle';
import type { TooltipSort, XAxis } from '../../state/view_state';
import { type ChartModel, type ChartSeries, buildLines, buildModel, relativeTime, withSmoothing, yExtent } from './chart_model';
import { LineLayer, type PlotView } from './line_layer';
import { RunPointIndex } from './run_point_index';
import { sortTooltipRows } from './tooltip_sort';
import { ChartTooltip, type TooltipRow } from './chart_tooltip';
import { EarlyInput } from './early_input';
import { loadUPlot, uPlotIfLoaded } from './uplot_module';
import {
  type AxisRange,
  type PlotBox,
  plotBox,
  renderAxes,
  xPosition,
  xTicks,
  xValueAt,
  yPosition,
  yTicks,
  yValueAt,
} from './chart_axes';

export interface ChartOptions {
  smoothing: number;
  xAxis: XAxis;
  logY: boolean;
  ignoreOutliers: boolean;
  tooltipSort: TooltipSort;
  dark: boolean;
  color: (run: string) => string;
}

export interface ZoomRange {
  x: [number, number];
  y: [number, number];
  /** The steps of the points inside the x range, for refetching at full resolution. */
  steps: [number, number] | null;
}

const HEIGHT = 230;
/** Software-rasterised canvases draw 1 px lines several times faster than wider ones. */
const LINE_WIDTH = 1;


/**
 * Above this many runs a chart is drawn in bulk: one stroke per colour, and a tooltip of the
 * nearest runs. Below it every run is stroked on its own, in run order (later runs on top), and
 * the tooltip lists every run.
 */
export const BULK_RUNS = 200;
/** Rows of a bulk chart's tooltip: the runs nearest the cursor. */
export const TOOLTIP_NEAREST_RUNS = 10;

/** A bulk chart's faded raw lines are drawn when the page is idle, or after this long at most. */
const GHOST_IDLE_TIMEOUT_MS = 1000;

/** An idle callback builds a waiting chart's uPlot by then at the latest. */
const INTERACTION_IDLE_TIMEOUT_MS = 3000;
/**
 * Idle builds start only this long after the last chart was drawn: between two answers of a first
 * screen the page is idle too, and builds there would delay the next charts' drawing.
 */
const INTERACTION_QUIET_MS = 1000;

/** Charts waiting for their uPlot, built one per idle callback so no task grows. */
const interactionQueue: ScalarChart[] = [];
let interactionScheduled = false;
let quietTimer = 0;

/** For tests: set on the page before it loads to build uPlot only on pointer or focus. */
declare global {
  interface Window {
    tbxNoIdleInteraction?: boolean;
  }
}

function scheduleInteraction(): void {
  if (interactionScheduled || interactionQueue.length === 0 || window.tbxNoIdleInteraction) return;
  interactionScheduled = true;
  whenIdle(() => {
    interactionScheduled = false;
    interactionQueue.shift()?.makeInteractive();
    // A chart drawn meanwhile restarted the quiet period: the builds wait for it.
    if (!quietTimer) scheduleInteraction();
  }, INTERACTION_IDLE_TIMEOUT_MS);
}

function queueInteraction(chart: ScalarChart): void {
  if (!interactionQueue.includes(chart)) interactionQueue.push(chart);
  clearTimeout(quietTimer);
  quietTimer = window.setTimeout(() => {
    quietTimer = 0;
    // uPlot's module first (its evaluation is a task of its own), then the builds when idle.
    if (uPlotIfLoaded()) scheduleInteraction();
    else loadUPlot().then(scheduleInteraction, () => {});
  }, INTERACTION_QUIET_MS);
}

function unqueueInteraction(chart: ScalarChart): void {
  const i = interactionQueue.indexOf(chart);
  if (i >= 0) interactionQueue.splice(i, 1);
}

/** Opacity of the raw lines under the smoothed ones. */
const GHOST_ALPHA = 0.33;
/** Opacity of the bands under the lines. */
const BAND_ALPHA = 0.2;
/**
 * uPlot draws nothing: it gets one empty series (mode 2 needs a series to find its scales), and
 * with no data its scales come from the range functions (ours).
 */
const NO_DATA = [null, [[], []]] as unknown as uPlot.AlignedData;
const EMPTY_SERIES: uPlot.Series = {
  facets: [
    { scale: 'x', auto: true, sorted: 1 },
    { scale: 'y', auto: true },
  ],
  paths: () => null,
  points: { show: false },
};

export class ScalarChart {
  /** The chart's element (.chart-main) and its axes' element, made by the first draw. */
  private root: HTMLDivElement | null = null;
  private axes: HTMLDivElement | null = null;
  /** The plot box's element holding the layers and the marker until uPlot's `over` takes them. */
  private plotDiv: HTMLDivElement | null = null;
  /** The plot box and data range of the last layout (the layers' view is computed from them). */
  private box: PlotBox | null = null;
  private range: AxisRange | null = null;
  private plotView: PlotView | null = null;
  private plot: uPlot | null = null;
  private bands: LineLayer | null = null;
  private back: LineLayer | null = null;
  private front: LineLayer | null = null;
  private axesKey = '';
  private series: readonly ChartSeries[] = [];
  private options: ChartOptions | null = null;
  private model: ChartModel | null = null;
  private autoY: [number, number] | null = null;
  private zoom: ZoomRange | null = null;
  private width: number;
  private readonly tooltip = new ChartTooltip();
  /** The linked step asked for, and its rule (inside uPlot's `over` div while shown). */
  private linkedStep: number | null = null;
  private readonly marker: HTMLDivElement;
  private pressedAt: { x: number; y: number } | null = null;
  /** The chart's mouse input while its uPlot is being built (made with the chart's element). */
  private early: EarlyInput | null = null;
  /** The drawn points of a bulk chart, for its tooltip; null until built after a redraw. */
  private index: RunPointIndex | null = null;
  private indexTimer: (() => void) | null = null;
  /** Bumped by every draw, so the pieces of an earlier deferred draw do nothing. */
  private drawGeneration = 0;
  private piecesPending = false;
  /** Cancels the raw layer's stroke left for after the first frame (null: none pending). */
  private ghostPending: (() => void) | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly onZoom: (zoom: ZoomRange | null) => void,
    private readonly onPick?: (step: number) => void,
    private readonly deferDraw?: DeferDraw,
    /** The host's width when the caller knows it (reading it here may force a layout). */
    hostWidth?: number,
  ) {
    this.width = Math.max(200, Math.floor(hostWidth || host.clientWidth));
    this.marker = document.createElement('div');
    this.marker.className = 'chart-step-marker';
    this.marker.hidden = true;
  }

  /** Marks the point nearest `step` (null: no mark); returns the step marked, or null. */
  setLinkedStep(step: number | null): number | null {
    this.linkedStep = step;
    return this.placeMarker();
  }

  /** The x and step of the point nearest `step` over every line (the step itself on a step axis). */
  private linkedPoint(): { x: number; step: number } | null {
    const step = this.linkedStep;
    const lines = this.model?.lines ?? [];
    if (step === null || lines.length === 0) return null;
    let best: { x: number; step: number } | null = null;
    for (const line of lines) {
      const i = nearestIndex(line.step, step);
      if (i >= 0 && (!best || Math.abs(line.step[i] - step) < Math.abs(best.step - step))) best = { x: line.x[i], step: line.step[i] };
    }
    return best;
  }

  private placeMarker(): number | null {
    const point = this.linkedPoint();
    if (!point || !this.range || !this.box) {
      this.marker.hidden = true;
      return point?.step ?? null;
    }
    const left = xPosition(this.range, this.box, point.x);
    this.marker.hidden = !(left >= 0 && left <= this.box.width + 1);
    this.marker.style.left = `${left}px`;
    return point.step;
  }

  /** A click that did not drag: the step of the point nearest the cursor. */
  private onClick(e: MouseEvent): void {
    const pressed = this.pressedAt;
    this.pressedAt = null;
    const u = this.plot;
    const lines = this.model?.lines ?? [];
    if (!this.onPick || !u || !this.range || !this.box || !pressed || Math.hypot(e.clientX - pressed.x, e.clientY - pressed.y) > 3) return;
    const left = u.cursor.left;
    if (left == null || left < 0) return;
    const xValue = xValueAt(this.range, this.box, left);
    let best: { distance: number; step: number } | null = null;
    for (const line of lines) {
      const i = nearestIndex(line.x, xValue);
      if (i >= 0 && (!best || Math.abs(line.x[i] - xValue) < best.distance)) best = { distance: Math.abs(line.x[i] - xValue), step: line.step[i] };
    }
    if (best) this.onPick(best.step);
  }

  /** Draws `series` with `options`, keeping the current zoom while the x axis stays the same. */
  update(series: readonly ChartSeries[], options: ChartOptions): void {
    const previous = this.options;
    this.options = options;
    const sameLines =
      this.model !== null &&
      series === this.series &&
      previous !== null &&
      previous.xAxis === options.xAxis &&
      previous.logY === options.logY;
    const sameDrawing =
      sameLines &&
      previous.smoothing === options.smoothing &&
      previous.ignoreOutliers === options.ignoreOutliers &&
      previous.dark === options.dark;
    // The tooltip order is read when the cursor moves; nothing is redrawn for it.
    if (sameDrawing && this.back) return;
    if (previous && previous.xAxis !== options.xAxis) this.zoom = null;
    if (!sameLines || previous.ignoreOutliers !== options.ignoreOutliers) this.autoY = null;
    this.series = series;
    const axesKey = JSON.stringify([options.xAxis, options.logY, options.dark]);
    if (sameLines && previous.smoothing !== options.smoothing) {
      // In place: nothing else holds the old model (the point index keeps pixel positions only).
      this.model = withSmoothing(this.model!, options.smoothing, true);
      // Smoothing never moves the scales (the y extent comes from raw values), so the slider
      // path redraws the smoothed lines only, or both layers when smoothing turns on or off.
      if (axesKey === this.axesKey && this.back) {
        if ((previous.smoothing > 0) === (options.smoothing > 0)) this.drawFront();
        else this.drawLayers();
        return;
      }
    } else if (!sameLines) {
      this.model = buildModel(buildLines(series, options.xAxis, options.smoothing, options.color));
    }
    if (axesKey !== this.axesKey || !this.back) {
      this.axesKey = axesKey;
      if (this.deferDraw && !this.back) this.deferFirstDraw();
      else this.rebuild();
      return;
    }
    // New data, runs or outlier setting: re-range and redraw.
    this.rescale();
  }

  /** Leaves the zoomed view (also on double-click). */
  resetZoom(): void {
    if (!this.zoom) return;
    this.zoom = null;
    this.rescale();
    this.onZoom(null);
  }

  resize(width: number): void {
    const next = Math.max(200, Math.floor(width));
    // The host's ResizeObserver also reports height changes (the chart itself appearing), which
    // leave the chart as it is.
    if (next === this.width) return;
    this.width = next;
    this.rescale();
  }

  destroy(): void {
    unqueueInteraction(this);
    this.dropIndex();
    this.cancelGhost();
    this.setPiecesPending(false);
    this.marker.remove();
    this.dropPlot();
    this.root?.remove();
    this.root = null;
    this.tooltip.destroy();
  }

  private smoothingOn(): boolean {
    return this.options!.smoothing > 0;
  }

  /** Drawn in bulk: many runs (see BULK_RUNS). */
  private bulk(): boolean {
    return (this.model?.lines.length ?? 0) > BULK_RUNS;
  }

  private dropIndex(): void {
    this.index = null;
    this.indexTimer?.();
    this.indexTimer = null;
  }

  /**
   * Forgets the index of the points drawn before and, for a bulk chart, builds the new one when
   * the page is idle (so the other charts paint first and a slider drag or zoom is not slowed;
   * the next redraw cancels it). A hover before then builds it.
   */
  private reindexLater(): void {
    this.dropIndex();
    if (!this.bulk()) return;
    const build = () => {
      this.indexTimer = null;
      this.pointIndex();
    };
    this.indexTimer = whenIdle(build, 2000);
  }

  /** The index of the points drawn now (built on demand when the timer has not run yet). */
  private pointIndex(): RunPointIndex | null {
    if (!this.index && this.back && this.model) {
      const start = performance.now();
      const on = this.smoothingOn();
      this.index = RunPointIndex.build(
        this.model.lines.map((l) => ({ x: l.x, y: on ? l.smoothed : l.raw })),
        this.view(),
      );
      // Published for benchmarks (bench_runs.mjs): what building the index cost.
      this.host.dataset.indexMs = (performance.now() - start).toFixed(2);
    }
    return this.index;
  }

  /** The y extent without zoom, cached until the data or the outlier setting change. */
  private autoYRange(): [number, number] {
    if (!this.autoY) {
      const [x0, x1] = this.model!.xExtent;
      this.autoY = yExtent(this.model!.lines, x0, x1, this.options!.logY, this.options!.ignoreOutliers);
    }
    return this.autoY;
  }

  /** Re-applies the scales (after a zoom, data change or resize) and redraws every layer. */
  private rescale(): void {
    this.drawLayers();
  }

  /** The scales and plot area of the last layout, for the line layers. */
  private view(): PlotView {
    return this.plotView!;
  }

  /**
   * Lays the chart out for the current range and width: the ticks, the plot box (the left axis as
   * wide as its labels), the axes drawn, the plot box's element placed, and uPlot (when built)
   * given the same box and scales.
   */
  private layout(): void {
    const options = this.options!;
    const [xMin, xMax] = this.zoom?.x ?? this.model!.xExtent;
    const [yMin, yMax] = this.zoom?.y ?? this.autoYRange();
    const range: AxisRange = { xMin, xMax, yMin, yMax, logY: options.logY };
    // The plot's height does not depend on the labels; its width does (the left axis).
    const ys = yTicks(options.logY, yMin, yMax, plotBox(this.width, HEIGHT, []).height);
    const box = plotBox(this.width, HEIGHT, ys.map((t) => t.label));
    const xs = xTicks(options.xAxis, xMin, xMax, box.width);
    const root = this.root!;
    root.style.width = `${this.width}px`;
    renderAxes(this.axes!, this.width, box, range, xs, ys, {
      text: options.dark ? '#b0b0b0' : '#555',
      grid: options.dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.07)',
    });
    if (this.plotDiv) placeBox(this.plotDiv, box);
    const old = this.box;
    const moved = !old || old.left !== box.left || old.top !== box.top || old.width !== box.width || old.height !== box.height;
    this.box = box;
    this.range = range;
    const ratio = window.devicePixelRatio || 1;
    this.plotView = { ...range, width: Math.round(box.width * ratio), height: Math.round(box.height * ratio) };
    if (this.plot) {
      // The padding functions read the new box; the range functions the new range.
      if (moved || this.plot.width !== this.width) this.plot.setSize({ width: this.width, height: HEIGHT });
      this.plot.setData(NO_DATA, true);
    }
  }

  /**
   * Draws every layer. With `ghostLater` (a chart's first draw, its raw layer still blank) and
   * smoothing on, the faded raw lines are stroked in a task after the next frame instead.
   */
  private drawLayers(ghostLater = false): void {
    if (!this.back) return;
    const start = performance.now();
    this.layout();
    // Published for tests: a deferred first draw that another redraw finished at once.
    if (this.piecesPending) this.host.dataset.firstDraw = 'whole';
    this.cancelGhost();
    this.setPiecesPending(false);
    this.placeMarker();
    const on = this.smoothingOn();
    if (ghostLater && on) this.drawGhostLater();
    else this.drawBack();
    this.reindexLater();
    if (on) this.drawFront();
    else {
      this.front!.clear();
      this.drawBands();
    }
    // Published for tests and benchmarks: the data range drawn (x and y, as the plot's edges), and
    // what drawing a chart of many runs cost.
    const { xMin, xMax, yMin, yMax } = this.view();
    this.host.dataset.view = JSON.stringify([xMin, xMax, yMin, yMax]);
    if (this.bulk()) this.host.dataset.drawMs = (performance.now() - start).toFixed(2);
  }

  /** The raw lines on the back layer (faded when smoothing is on). */
  private drawBack(): void {
    this.back!.draw(
      this.model!.lines.map((l) => ({ x: l.x, y: l.raw, color: l.color })),
      this.view(),
      this.smoothingOn() ? GHOST_ALPHA : 1,
      LINE_WIDTH,
      this.bulk(),
    );
  }

  /**
   * Strokes the raw layer in a task after the next frame (a frame callback, then a task posted
   * from it; a bulk chart's when the page is idle), with the scales and smoothing of that moment;
   * the host carries data-lines-pending until then. Cancelled by any draw of both layers.
   */
  private drawGhostLater(): void {
    const draw = () => {
      this.ghostPending = null;
      this.syncPendingMarker();
      if (this.back && this.model) this.drawBack();
    };
    if (this.bulk()) {
      // Thousands of runs: their faded lines take as long as the smoothed ones, so they wait until
      // the page is idle, after the other charts of the screen have had their answers drawn.
      this.ghostPending = whenIdle(draw, GHOST_IDLE_TIMEOUT_MS);
    } else {
      let frame = 0;
      let timer = 0;
      frame = requestAnimationFrame(() => {
        frame = 0;
        timer = window.setTimeout(draw, 0);
      });
      this.ghostPending = () => {
        if (frame) cancelAnimationFrame(frame);
        if (timer) clearTimeout(timer);
      };
    }
    this.syncPendingMarker();
  }

  private cancelGhost(): void {
    if (!this.ghostPending) return;
    this.ghostPending();
    this.ghostPending = null;
    this.syncPendingMarker();
  }

  /** Published for tests and benchmarks: some line layer is still to be drawn. */
  private syncPendingMarker(): void {
    if (this.piecesPending || this.ghostPending) this.host.dataset.linesPending = 'true';
    else delete this.host.dataset.linesPending;
  }

  /** The bands, along the smoothed edges when smoothing is on. */
  private drawBands(): void {
    if (!this.bands) return;
    const on = this.smoothingOn();
    const banded = this.model!.lines.filter((l) => l.band);
    // Drawn (sized and cleared) even when empty, so every layer covers the plot area.
    this.bands.drawBands(
      banded.map((l) => ({
        x: l.x,
        lower: on ? l.band!.lowerSmoothed : l.band!.lower,
        upper: on ? l.band!.upperSmoothed : l.band!.upper,
        color: l.color,
      })),
      this.view(),
      BAND_ALPHA,
    );
  }

  private drawFront(): void {
    if (!this.front) return;
    // The back layer is still being drawn in pieces: draw it all now instead.
    if (this.piecesPending) {
      this.drawLayers();
      return;
    }
    this.drawBands();
    this.front.draw(
      this.model!.lines.map((l) => ({ x: l.x, y: l.smoothed, color: l.color })),
      this.view(),
      1,
      LINE_WIDTH,
      this.bulk(),
    );
    this.reindexLater();
  }

  /** Marks whether pieces of a deferred draw are still to run (and drops them when not). */
  private setPiecesPending(pending: boolean): void {
    this.drawGeneration++;
    this.piecesPending = pending;
    this.syncPendingMarker();
  }

  /** The first draw in pieces: the axes, then the lines a few at a time. */
  private deferFirstDraw(): void {
    this.setPiecesPending(true);
    const generation = this.drawGeneration;
    const current = () => generation === this.drawGeneration;
    this.deferDraw!(() => {
      if (!current()) return;
      this.rebuild(false);
      this.deferLines(generation);
    });
  }

  /** Defers the pieces that draw every layer, as drawLayers does at once. */
  private deferLines(generation: number): void {
    const defer = this.deferDraw!;
    const current = () => generation === this.drawGeneration && this.back !== null;
    const lines = this.model!.lines;
    const on = this.smoothingOn();
    pieceRanges(lines.length).forEach(([begin, end]) =>
      defer(() => {
        if (!current()) return;
        const piece = lines.slice(begin, end).map((l) => ({ x: l.x, y: l.raw, color: l.color }));
        this.back!.draw(piece, this.view(), on ? GHOST_ALPHA : 1, LINE_WIDTH, this.bulk(), begin > 0);
      }),
    );
    defer(() => {
      if (!current()) return;
      this.drawBands();
      if (!on) this.front!.clear();
    });
    if (on) {
      pieceRanges(lines.length).forEach(([begin, end]) =>
        defer(() => {
          if (!current()) return;
          const piece = lines.slice(begin, end).map((l) => ({ x: l.x, y: l.smoothed, color: l.color }));
          this.front!.draw(piece, this.view(), 1, LINE_WIDTH, this.bulk(), begin > 0);
        }),
      );
    }
    defer(() => {
      if (!current()) return;
      this.placeMarker();
      this.setPiecesPending(false);
      this.reindexLater();
    });
  }

  /** Removes uPlot and the plot box's element, and gives the layers' canvases back to the pool. */
  private dropPlot(): void {
    this.cancelGhost();
    unqueueInteraction(this);
    for (const layer of [this.bands, this.back, this.front]) layer?.destroy();
    this.early?.stop();
    this.plot?.destroy();
    this.plotDiv?.remove();
    this.plot = this.bands = this.back = this.front = this.plotDiv = null;
    delete this.host.dataset.interactive;
  }

  private rebuild(drawLines = true): void {
    this.dropPlot();
    if (!this.root) {
      this.root = document.createElement('div');
      this.root.className = 'chart-main';
      this.root.style.height = `${HEIGHT}px`;
      this.axes = document.createElement('div');
      this.axes.className = 'chart-axes';
      this.root.appendChild(this.axes);
      // The first pointer or focus makes the chart interactive (see makeInteractive).
      this.early = new EarlyInput(this.root, 'chart-plot');
      this.root.addEventListener('pointerenter', (e) => this.onPointerEnter(e));
      // A press with no enter before it (the chart appeared under a pointer that did not move).
      this.root.addEventListener('pointerdown', () => this.makeInteractiveLater());
      this.root.addEventListener('focusin', () => this.makeInteractive());
      this.host.appendChild(this.root);
    }
    const plotDiv = document.createElement('div');
    plotDiv.className = 'chart-plot';
    this.root.appendChild(plotDiv);
    this.plotDiv = plotDiv;
    this.back = new LineLayer(plotDiv, 'chart-lines--raw');
    // Inserted first, so below the raw lines.
    this.bands = new LineLayer(plotDiv, 'chart-lines--bands');
    this.front = new LineLayer(plotDiv, 'chart-lines--smoothed');
    // The smoothed lines above the raw ones: the front layer is inserted after the back one.
    plotDiv.insertBefore(this.front.canvas, this.back.canvas.nextSibling);
    plotDiv.appendChild(this.marker);
    if (drawLines) this.drawLayers(true);
    else {
      this.layout();
      this.host.dataset.firstDraw = 'pieces';
    }
    queueInteraction(this);
  }

  /**
   * The pointer entered the chart: uPlot is built, and shows the cursor where the pointer is. Its
   * module not in yet, the input is recorded meanwhile and replayed (see makeInteractiveLater).
   */
  private onPointerEnter(e: PointerEvent): void {
    if (this.plot) return;
    if (!uPlotIfLoaded()) {
      this.makeInteractiveLater();
      return;
    }
    this.makeInteractive();
    const plot = this.plot as uPlot | null;
    if (!plot || !this.box) return;
    const rect = plot.over.getBoundingClientRect();
    const left = e.clientX - rect.left;
    const top = e.clientY - rect.top;
    if (left >= 0 && top >= 0 && left <= this.box.width && top <= this.box.height) plot.setCursor({ left, top });
  }

  /**
   * Records the chart's mouse input from now on, and builds uPlot in a later task (once its module
   * is in), where makeInteractive replays that input: the events of the current input (the press
   * after this pointerdown) still reach the chart's element and are recorded.
   */
  private makeInteractiveLater(): void {
    if (this.plot || !this.early) return;
    this.early.start();
    loadUPlot().then(
      () => window.setTimeout(() => this.makeInteractive(), 0),
      () => this.early?.stop(),
    );
  }

  /**
   * Builds uPlot for the cursor, box selection and double-click (once drawn; nothing once built):
   * its axes hidden, its plot box ours (padding), its scales our ranges. The layers and the marker
   * move into its `over` div, which lies where the plot box's element was, so nothing moves.
   * Without uPlot's module yet, imports it first. Mouse input recorded meanwhile is replayed.
   */
  makeInteractive(): void {
    unqueueInteraction(this);
    if (this.plot || !this.root || !this.back || !this.box) return;
    const UPlot = uPlotIfLoaded();
    if (!UPlot) {
      loadUPlot().then(
        () => this.makeInteractive(),
        () => this.early?.stop(),
      );
      return;
    }
    const start = performance.now();
    // Its first commit runs now (not in a microtask), so `over` has its size before the layers
    // move in.
    const plot = new UPlot(this.plotOptions(), NO_DATA, (u, init) => {
      u.root.classList.add('chart-interaction');
      this.root!.appendChild(u.root);
      u.batch(() => init());
    });
    // Below uPlot's cursor and selection, as the layers insert themselves.
    plot.over.prepend(this.bands!.canvas, this.back.canvas, this.front!.canvas);
    // The plot box's element from now on (tests and tools find the plot area by this class).
    plot.over.classList.add('chart-plot');
    plot.over.appendChild(this.marker);
    plot.over.addEventListener('dblclick', () => this.resetZoom());
    plot.over.addEventListener('mouseleave', () => this.tooltip.hide());
    plot.over.addEventListener('mousedown', (e) => (this.pressedAt = { x: e.clientX, y: e.clientY }));
    plot.over.addEventListener('click', (e) => this.onClick(e));
    this.plotDiv?.remove();
    this.plotDiv = null;
    this.plot = plot;
    // Published for tests and benchmarks: uPlot is there, and what building it cost.
    this.host.dataset.interactive = (performance.now() - start).toFixed(2);
    if (this.early?.active) this.early.replay(plot.over, this.box);
  }

  /** uPlot options: cursor and selection over our plot box; no axes, no series. */
  private plotOptions(): uPlot.Options {
    const options = this.options!;
    const box = () => this.box!;
    return {
      mode: 2,
      width: this.width,
      height: HEIGHT,
      legend: { show: false },
      padding: [
        () => box().top,
        () => this.width - box().left - box().width,
        () => HEIGHT - box().top - box().height,
        () => box().left,
      ],
      scales: {
        x: { time: options.xAxis === 'wall', range: () => [this.range!.xMin, this.range!.xMax] },
        y: { distr: options.logY ? 3 : 1, range: () => [this.range!.yMin, this.range!.yMax] },
      },
      axes: [{ show: false }, { show: false }],
      series: [{}, EMPTY_SERIES],
      cursor: {
        drag: { x: true, y: true, setScale: false, uni: 30 },
        points: { show: false },
        bind: { dblclick: () => null },
      },
      hooks: {
        setSelect: [(u) => this.onSelect(u)],
        setCursor: [(u) => this.onCursor(u)],
      },
    };
  }

  private onSelect(u: uPlot): void {
    const { left, top, width, height } = u.select;
    const range = this.range;
    const box = this.box;
    if (width < 4 || !range || !box) return;
    const x0 = xValueAt(range, box, left);
    const x1 = xValueAt(range, box, left + width);
    const lines = this.model!.lines;
    const y: [number, number] =
      height >= 4
        ? [yValueAt(range, box, top + height), yValueAt(range, box, top)]
        : yExtent(lines, x0, x1, this.options!.logY, this.options!.ignoreOutliers);
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    const steps = stepRangeForX(
      lines.map((l) => l.x),
      lines.map((l) => l.step),
      x0,
      x1,
    );
    this.zoom = { x: [x0, x1], y, steps: steps && [Math.floor(steps[0]), Math.ceil(steps[1])] };
    this.rescale();
    this.onZoom(this.zoom);
  }

  private onCursor(u: uPlot): void {
    const left = u.cursor.left;
    const all = this.model?.lines ?? [];
    const range = this.range;
    const box = this.box;
    if (left == null || left < 0 || all.length === 0 || !range || !box) {
      this.tooltip.hide();
      return;
    }
    // A bulk chart lists the runs whose drawn points are nearest the cursor, found through the
    // index (device pixels), not every run.
    let lines = all;
    let caption: string | undefined;
    if (this.bulk()) {
      const ratio = window.devicePixelRatio || 1;
      const near = this.pointIndex()?.nearest(left * ratio, (u.cursor.top ?? 0) * ratio, TOOLTIP_NEAREST_RUNS) ?? [];
      lines = near.map((n) => all[n.line]);
      caption = `${lines.length} nearest of ${all.length} runs`;
    }
    const xValue = xValueAt(range, box, left);
    const smoothingOn = this.smoothingOn();
    const rows: TooltipRow[] = [];
    for (const line of lines) {
      const i = nearestIndex(line.x, xValue);
      if (i < 0) continue;
      const y = yPosition(range, box, smoothingOn ? line.smoothed[i] : line.raw[i]);
      rows.push({
        run: line.run,
        color: line.color,
        smoothed: line.smoothed[i],
        value: line.raw[i],
        step: line.step[i],
        wallTime: formatWallTime(line.wallTime[i]),
        relative: formatDuration(relativeTime(line, i)),
        dotLeft: xPosition(range, box, line.x[i]),
        dotTop: Number.isFinite(y) ? y : null,
        outside: xValue < line.x[0] || xValue > line.x[line.x.length - 1],
        ...(line.note ? { note: line.note[i] ?? '' } : {}),
      });
    }
    sortTooltipRows(rows, this.options!.tooltipSort, smoothingOn, u.cursor.top ?? 0);
    this.tooltip.show(u, rows, smoothingOn, caption);
  }
}

/** Places `element` (absolutely positioned) over the plot box. */
function placeBox(element: HTMLElement, box: PlotBox): void {
  element.style.left = `${box.left}px`;
  element.style.top = `${box.top}px`;
  element.style.width = `${box.width}px`;
  element.style.height = `${box.height}px`;
}
