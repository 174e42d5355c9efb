// One scalar chart: every run's line drawn with uPlot, box zoom by dragging, reset by
// double-click, and a hover tooltip.
//
// With smoothing on, the faded raw lines live on a separate "ghost" uPlot canvas underneath the
// main one, so moving the smoothing slider redraws only the smoothed lines. Both canvases take
// their scales from the same range functions, so they always line up.
// Owned by a ScalarCard; UI thread only. The uPlot instances are rebuilt only when the lines or
// axes change; otherwise their data are swapped.
import uPlot from 'uplot';
import type { ScalarSeries } from '../../api/types';
import { formatDuration, formatStepTick, formatTick, formatValue, formatWallTime } from '../../charts/format';
import { nearestIndex, stepRangeForX } from '../../charts/x_lookup';
import type { XAxis } from '../../state/view_state';
import { type ChartModel, type FacetedData, buildLines, buildModel, withSmoothing, yExtent } from './chart_model';
import { ChartTooltip, type TooltipRow } from './chart_tooltip';

export interface ChartOptions {
  smoothing: number;
  xAxis: XAxis;
  logY: boolean;
  ignoreOutliers: boolean;
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

/** Log-axis labels only at 1, 2 and 5 times a power of ten, so labels stay short and even. */
function logTickLabel(value: number): string {
  const mantissa = value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6) ? formatValue(value) : '';
}

const asUPlotData = (data: FacetedData) => data as unknown as uPlot.AlignedData;

export class ScalarChart {
  private main: uPlot | null = null;
  private ghost: uPlot | null = null;
  private structureKey = '';
  private series: readonly ScalarSeries[] = [];
  private options: ChartOptions | null = null;
  private model: ChartModel | null = null;
  private autoY: [number, number] | null = null;
  private zoom: ZoomRange | null = null;
  private width: number;
  private readonly tooltip = new ChartTooltip();

  constructor(
    private readonly host: HTMLElement,
    private readonly onZoom: (zoom: ZoomRange | null) => void,
  ) {
    this.width = Math.max(200, host.clientWidth);
  }

  /** Draws `series` with `options`, keeping the current zoom while the x axis stays the same. */
  update(series: readonly ScalarSeries[], options: ChartOptions): void {
    const previous = this.options;
    this.options = options;
    const sameLines =
      this.model !== null &&
      series === this.series &&
      previous !== null &&
      previous.xAxis === options.xAxis &&
      previous.logY === options.logY;
    const smoothingOnly = sameLines && previous.smoothing !== options.smoothing;
    if (smoothingOnly) {
      this.model = withSmoothing(this.model!, options.smoothing);
    } else if (!sameLines) {
      if (previous && previous.xAxis !== options.xAxis) this.zoom = null;
      this.model = buildModel(buildLines(series, options.xAxis, options.smoothing, options.color), options.logY);
      this.autoY = null;
    }
    if (previous && previous.ignoreOutliers !== options.ignoreOutliers) this.autoY = null;
    this.series = series;
    const key = JSON.stringify([
      this.model!.lines.map((l) => [l.run, l.color]),
      options.xAxis,
      options.logY,
      options.smoothing > 0,
      options.dark,
    ]);
    if (key !== this.structureKey || !this.main) {
      this.structureKey = key;
      this.rebuild();
      return;
    }
    // Smoothing never moves the scales (the y extent comes from raw values), so the slider path
    // skips uPlot's rescaling and only the smoothed lines are redrawn.
    if (smoothingOnly) {
      this.main.setData(asUPlotData(this.mainData()), false);
      this.main.redraw(true, false);
      return;
    }
    this.main.setData(asUPlotData(this.mainData()), true);
    this.ghost?.setData(asUPlotData(this.model!.raw), true);
  }

  /** Leaves the zoomed view (also on double-click). */
  resetZoom(): void {
    if (!this.zoom) return;
    this.zoom = null;
    this.rescale();
    this.onZoom(null);
  }

  resize(width: number): void {
    this.width = Math.max(200, Math.floor(width));
    this.ghost?.setSize({ width: this.width, height: HEIGHT });
    this.main?.setSize({ width: this.width, height: HEIGHT });
  }

  destroy(): void {
    this.ghost?.destroy();
    this.main?.destroy();
    this.ghost = this.main = null;
    this.tooltip.destroy();
  }

  private smoothingOn(): boolean {
    return this.options!.smoothing > 0;
  }

  /** The lines of the main canvas: smoothed when smoothing is on, raw otherwise. */
  private mainData(): FacetedData {
    return this.smoothingOn() ? this.model!.smoothed : this.model!.raw;
  }

  /** The y extent without zoom, cached until the data or the outlier setting change. */
  private autoYRange(): [number, number] {
    if (!this.autoY) {
      const [x0, x1] = this.model!.xExtent;
      this.autoY = yExtent(this.model!.lines, x0, x1, this.options!.logY, this.options!.ignoreOutliers);
    }
    return this.autoY;
  }

  /** Re-applies the scales (after a zoom change) to both canvases. */
  private rescale(): void {
    this.ghost?.setData(this.ghost.data, true);
    this.main?.setData(this.main.data, true);
  }

  private rebuild(): void {
    this.ghost?.destroy();
    this.main?.destroy();
    this.ghost = null;
    const lines = this.model!.lines;
    if (this.smoothingOn()) {
      this.ghost = new uPlot(
        this.plotOptions(lines.map((l) => l.color + '55'), false),
        asUPlotData(this.model!.raw),
        this.host,
      );
      this.ghost.root.classList.add('chart-ghost');
    }
    this.main = new uPlot(this.plotOptions(lines.map((l) => l.color), true), asUPlotData(this.mainData()), this.host);
    this.main.root.classList.add('chart-main');
    this.main.over.addEventListener('dblclick', () => this.resetZoom());
    this.main.over.addEventListener('mouseleave', () => this.tooltip.hide());
  }

  /** uPlot options for the main canvas (`interactive`) or the ghost canvas under it. */
  private plotOptions(strokes: string[], interactive: boolean): uPlot.Options {
    const options = this.options!;
    const hidden = 'rgba(0,0,0,0)';
    const axisStroke = interactive ? (options.dark ? '#b0b0b0' : '#555') : hidden;
    const gridStroke = interactive ? (options.dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.07)') : hidden;
    // Mode 2: every series has its own x column (runs need not share steps or times).
    const facets: uPlot.Series.Facet[] = [
      { scale: 'x', auto: true, sorted: 1 },
      { scale: 'y', auto: true },
    ];
    const linear = uPlot.paths.linear!();
    const series: uPlot.Series[] = [
      {},
      ...this.model!.lines.map((line, i) => ({
        label: line.run,
        facets,
        paths: linear,
        stroke: strokes[i],
        width: LINE_WIDTH,
        points: { show: false },
      })),
    ];
    const xValues = (_u: uPlot, ticks: number[]) =>
      ticks.map((t) => (t == null ? '' : options.xAxis === 'step' ? formatStepTick(t) : formatDuration(t)));
    return {
      mode: 2,
      width: this.width,
      height: HEIGHT,
      legend: { show: false },
      scales: {
        x: { time: options.xAxis === 'wall', range: () => this.zoom?.x ?? this.model!.xExtent },
        y: { distr: options.logY ? 3 : 1, range: () => this.zoom?.y ?? this.autoYRange() },
      },
      axes: [
        {
          stroke: axisStroke,
          grid: { stroke: gridStroke, width: 1 },
          ticks: { stroke: gridStroke },
          ...(options.xAxis === 'wall' ? {} : { values: xValues }),
        },
        {
          stroke: axisStroke,
          size: (_u, values) => 18 + 7 * Math.max(3, ...(values ?? []).map((v) => String(v).length)),
          grid: { stroke: gridStroke, width: 1 },
          ticks: { stroke: gridStroke },
          // Log axes leave some ticks unlabelled (null).
          values: (_u, ticks, _axis, _space, increment) =>
            ticks.map((t) => (t == null ? '' : options.logY ? logTickLabel(t) : formatTick(t, increment))),
        },
      ],
      series,
      cursor: interactive
        ? {
            drag: { x: true, y: true, setScale: false, uni: 30 },
            points: { show: false },
            bind: { dblclick: () => null },
          }
        : { show: false },
      hooks: interactive
        ? { setSelect: [(u) => this.onSelect(u)], setCursor: [(u) => this.onCursor(u)] }
        : {},
    };
  }

  private onSelect(u: uPlot): void {
    const { left, top, width, height } = u.select;
    if (width < 4) return;
    const x0 = u.posToVal(left, 'x');
    const x1 = u.posToVal(left + width, 'x');
    const lines = this.model!.lines;
    const y: [number, number] =
      height >= 4
        ? [u.posToVal(top + height, 'y'), u.posToVal(top, 'y')]
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
    const lines = this.model?.lines ?? [];
    if (left == null || left < 0 || lines.length === 0) {
      this.tooltip.hide();
      return;
    }
    const xValue = u.posToVal(left, 'x');
    const smoothingOn = this.smoothingOn();
    const rows: TooltipRow[] = [];
    for (const line of lines) {
      const i = nearestIndex(line.x, xValue);
      if (i < 0) continue;
      const y = u.valToPos(smoothingOn ? line.smoothed[i] : line.raw[i], 'y');
      rows.push({
        run: line.run,
        color: line.color,
        smoothed: line.smoothed[i],
        value: line.raw[i],
        step: line.step[i],
        wallTime: formatWallTime(line.wallTime[i]),
        relative: formatDuration(line.relative[i]),
        dotLeft: u.valToPos(line.x[i], 'x'),
        dotTop: Number.isFinite(y) ? y : null,
        outside: xValue < line.x[0] || xValue > line.x[line.x.length - 1],
      });
    }
    const sortValue = (row: TooltipRow) => {
      const v = smoothingOn ? row.smoothed : row.value;
      return Number.isNaN(v) ? -Infinity : v;
    };
    rows.sort((a, b) => sortValue(b) - sortValue(a));
    this.tooltip.show(u, rows, smoothingOn);
  }
}
