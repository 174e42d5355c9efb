// One scalar chart: a uPlot canvas with every run's raw line (faded when smoothing is on) and
// smoothed line, box zoom by dragging, reset by double-click, and a hover tooltip.
//
// Owned by a ScalarCard; UI thread only. `update` redraws with new data or options; the uPlot
// instance is rebuilt only when the set of lines or the axes change, otherwise its data is swapped.
import uPlot from 'uplot';
import { nearestIndex, stepRangeForX } from '../../charts/align';
import { formatDuration, formatStepTick, formatTick, formatValue, formatWallTime } from '../../charts/format';
import type { ScalarSeries } from '../../api/types';
import type { XAxis } from '../../state/view_state';
import { type ChartModel, buildLines, buildModel, withSmoothing, yExtent } from './chart_model';
import { ChartTooltip } from './chart_tooltip';

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

/** Log-axis labels only at 1, 2 and 5 times a power of ten, so labels stay short and even. */
function logTickLabel(value: number): string {
  const mantissa = value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6) ? formatValue(value) : '';
}

export class ScalarChart {
  private plot: uPlot | null = null;
  private structureKey = '';
  private series: readonly ScalarSeries[] = [];
  private options: ChartOptions | null = null;
  private model: ChartModel | null = null;
  private autoY: [number, number] | null = null;
  private zoom: ZoomRange | null = null;
  private width: number;
  private readonly tooltip: ChartTooltip;

  constructor(
    private readonly host: HTMLElement,
    private readonly onZoom: (zoom: ZoomRange | null) => void,
  ) {
    this.width = Math.max(200, host.clientWidth);
    this.tooltip = new ChartTooltip();
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
    if (sameLines && previous.smoothing !== options.smoothing) {
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
    if (key !== this.structureKey || !this.plot) {
      this.structureKey = key;
      this.rebuild();
    } else {
      this.plot.setData(this.model!.table as uPlot.AlignedData, true);
    }
  }

  /** The y extent without zoom, cached until the data or the outlier setting change. */
  private autoYRange(): [number, number] {
    if (!this.autoY) {
      const [x0, x1] = this.model!.xExtent;
      this.autoY = yExtent(this.model!.lines, x0, x1, this.options!.logY, this.options!.ignoreOutliers);
    }
    return this.autoY;
  }

  /** Leaves the zoomed view (also on double-click). */
  resetZoom(): void {
    if (!this.zoom) return;
    this.zoom = null;
    this.plot?.setData(this.plot.data, true);
    this.onZoom(null);
  }

  resize(width: number): void {
    this.width = Math.max(200, Math.floor(width));
    this.plot?.setSize({ width: this.width, height: HEIGHT });
  }

  /** The canvas, for tests and screenshots. */
  canvas(): HTMLCanvasElement | null {
    return this.plot?.ctx.canvas ?? null;
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = null;
    this.tooltip.destroy();
  }

  private rebuild(): void {
    this.plot?.destroy();
    const options = this.options!;
    const smoothingOn = options.smoothing > 0;
    const axisStroke = options.dark ? '#b0b0b0' : '#555';
    const gridStroke = options.dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.07)';
    const series: uPlot.Series[] = [{}];
    for (const line of this.model!.lines) {
      series.push({
        label: line.run,
        stroke: smoothingOn ? line.color + '55' : line.color,
        width: smoothingOn ? 1 : 1.5,
        points: { show: false },
      });
      series.push({ label: `${line.run} (smoothed)`, stroke: line.color, width: 1.5, show: smoothingOn, points: { show: false } });
    }
    const xValues = (_u: uPlot, ticks: number[]) =>
      ticks.map((t) => (t == null ? '' : options.xAxis === 'step' ? formatStepTick(t) : formatDuration(t)));
    const opts: uPlot.Options = {
      width: this.width,
      height: HEIGHT,
      legend: { show: false },
      scales: {
        x: { time: options.xAxis === 'wall', range: () => this.zoom?.x ?? this.model!.xExtent },
        y: {
          distr: options.logY ? 3 : 1,
          range: () => this.zoom?.y ?? this.autoYRange(),
        },
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
    this.plot = new uPlot(opts, this.model!.table as uPlot.AlignedData, this.host);
    this.plot.over.addEventListener('dblclick', () => this.resetZoom());
    this.plot.over.addEventListener('mouseleave', () => this.tooltip.hide());
  }

  private onSelect(u: uPlot): void {
    const { left, top, width, height } = u.select;
    if (width < 4) return;
    const x0 = u.posToVal(left, 'x');
    const x1 = u.posToVal(left + width, 'x');
    let y: [number, number];
    if (height >= 4) {
      y = [u.posToVal(top + height, 'y'), u.posToVal(top, 'y')];
    } else {
      y = yExtent(this.model!.lines, x0, x1, this.options!.logY, this.options!.ignoreOutliers);
    }
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    const steps = stepRangeForX(
      this.model!.lines.map((l) => l.x),
      this.model!.lines.map((l) => l.step),
      x0,
      x1,
    );
    this.zoom = { x: [x0, x1], y, steps: steps && [Math.floor(steps[0]), Math.ceil(steps[1])] };
    u.setData(u.data, true);
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
    const smoothingOn = this.options!.smoothing > 0;
    const rows = [];
    for (const line of lines) {
      const i = nearestIndex(line.x, xValue);
      if (i < 0) continue;
      const shown = smoothingOn ? line.smoothed[i] : line.raw[i];
      const y = u.valToPos(shown, 'y');
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
    rows.sort((a, b) => {
      const va = smoothingOn ? a.smoothed : a.value;
      const vb = smoothingOn ? b.smoothed : b.value;
      return (Number.isNaN(vb) ? -Infinity : vb) - (Number.isNaN(va) ? -Infinity : va);
    });
    this.tooltip.show(u, rows, smoothingOn);
  }
}
