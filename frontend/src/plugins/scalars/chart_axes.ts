// A scalar chart's axes and grid, drawn by the chart itself: the ticks of the x axis (steps,
// relative time or wall time) and of the y axis (linear, or log with labels at 1, 2 and 5 times a
// power of ten), the plot box they leave (the left axis as wide as its longest label), the mapping
// between values and the box's pixels, and the grid and labels as positioned elements.
//
// Why not uPlot's axes (the project prefers a kept library): building a uPlot instance (DOM, its
// axis size convergence with text measuring, its first commit, and its canvas of the chart's size)
// took 6–35 ms a chart and 100–240 ms of the 50-run first screen's main thread (7 charts, wall
// time on this machine under load, 2026-12-07), against a 500 ms navigation → painted target;
// these axes take about a millisecond a chart. uPlot is still built for interaction (cursor, box
// selection) with its axes hidden and its plot box set to this one's (scalar_chart.ts), when the
// pointer first enters a chart or the page is idle.
//
// Pure functions but `renderAxes` (which fills the element it is given). UI thread.
import { formatDuration, formatStepTick, formatTick, formatValue } from '../../charts/format';
import { niceTicks } from '../../charts/ticks';
import { timeTicks } from '../../charts/time_axis';
import type { XAxis } from '../../state/view_state';

/** A tick: its value and label ('' for an unlabelled log tick). */
export interface AxisTick {
  value: number;
  label: string;
}

/** The plot area inside the chart, in CSS pixels (integers). */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Space above the plot and right of it (room for the last x label), and the x axis's height. */
export const PAD_TOP = 17;
export const PAD_RIGHT = 25;
export const X_AXIS_HEIGHT = 50;
/** Tick marks' length outside the plot, and the gap between a tick and its label. */
const TICK_SIZE = 10;
const LABEL_GAP = 5;
/** Room a tick needs along its axis, in CSS pixels. */
const X_TICK_SPACE = 80;
const Y_TICK_SPACE = 22;

/** The left axis's width for its labels (as the charts have always sized it). */
export function leftAxisWidth(labels: readonly string[]): number {
  return 18 + 7 * Math.max(3, ...labels.map((l) => l.length));
}

/** The plot box of a chart `width` × `height` whose y labels are `yLabels`. */
export function plotBox(width: number, height: number, yLabels: readonly string[]): PlotBox {
  const left = leftAxisWidth(yLabels);
  return {
    left,
    top: PAD_TOP,
    width: Math.max(1, width - left - PAD_RIGHT),
    height: Math.max(1, height - PAD_TOP - X_AXIS_HEIGHT),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A wall-time tick label at spacing `step` seconds: the date for days, else the local time. */
export function wallTimeLabel(seconds: number, step: number): string {
  const d = new Date(seconds * 1000);
  if (step >= 86400) return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (step < 60) return `${time}:${pad(d.getSeconds())}`;
  // Midnight shows the date it begins.
  return d.getHours() === 0 && d.getMinutes() === 0 ? `${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : time;
}

/** The x ticks over [min, max] for a plot `width` CSS pixels wide. */
export function xTicks(axis: XAxis, min: number, max: number, width: number): AxisTick[] {
  const { values, step } = timeTicks(axis, min, max, Math.max(2, Math.floor(width / X_TICK_SPACE)));
  const label =
    axis === 'step'
      ? formatStepTick
      : axis === 'relative'
        ? formatDuration
        : (v: number) => (step >= 1 ? wallTimeLabel(v, step) : formatValue(v));
  return values.map((v) => ({ value: v, label: label(v) }));
}

/** The y ticks over [min, max] for a plot `height` CSS pixels tall (log: min > 0). */
export function yTicks(logY: boolean, min: number, max: number, height: number): AxisTick[] {
  const count = Math.max(2, Math.floor(height / Y_TICK_SPACE));
  if (!logY) {
    const { values, step } = niceTicks(min, max, count);
    return values.map((v) => ({ value: v, label: formatTick(v, step) }));
  }
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return [];
  const first = Math.floor(Math.log10(min) + 1e-9);
  const last = Math.ceil(Math.log10(max) - 1e-9);
  const decades = Math.max(1, last - first);
  // 1, 2 and 5 times each power of ten while they fit (20 px apart at least), else every power
  // (or every n-th one).
  const mantissas = decades * 3 <= Math.floor(height / 20) ? [1, 2, 5] : [1];
  const every = Math.max(1, Math.ceil(decades / count));
  const ticks: AxisTick[] = [];
  for (let k = first; k <= last; k++) {
    if ((k - first) % every !== 0) continue;
    for (const m of mantissas) {
      const v = Number((m * Math.pow(10, k)).toPrecision(12));
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push({ value: v, label: formatValue(v) });
    }
  }
  return ticks;
}

/** The data range shown and how it maps onto the plot box. */
export interface AxisRange {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
  logY: boolean;
}

/** The CSS-pixel x of `value` inside the plot box (0 at its left edge). */
export function xPosition(range: AxisRange, box: PlotBox, value: number): number {
  return range.xMax > range.xMin ? ((value - range.xMin) / (range.xMax - range.xMin)) * box.width : box.width / 2;
}

/** The y range in the axis's own scale: log10 of its ends on a log axis. */
function yScaled(range: AxisRange): [number, number] {
  return range.logY ? [Math.log10(range.yMin), Math.log10(range.yMax)] : [range.yMin, range.yMax];
}

/** The CSS-pixel y of `value` inside the plot box (0 at its top edge); NaN for ≤ 0 on a log axis. */
export function yPosition(range: AxisRange, box: PlotBox, value: number): number {
  const [y0, y1] = yScaled(range);
  const v = range.logY ? (value > 0 ? Math.log10(value) : NaN) : value;
  return y1 > y0 ? box.height - ((v - y0) / (y1 - y0)) * box.height : box.height / 2;
}

/** The x value at CSS-pixel `left` inside the plot box. */
export function xValueAt(range: AxisRange, box: PlotBox, left: number): number {
  return range.xMin + (left / box.width) * (range.xMax - range.xMin);
}

/** The y value at CSS-pixel `top` inside the plot box. */
export function yValueAt(range: AxisRange, box: PlotBox, top: number): number {
  const [y0, y1] = yScaled(range);
  const v = y0 + ((box.height - top) / box.height) * (y1 - y0);
  return range.logY ? Math.pow(10, v) : v;
}

export interface AxesStyle {
  text: string;
  grid: string;
}

/** A positioned element of the axes (a grid line or a label) inside `parent`. */
function place(parent: HTMLElement, className: string, css: string, text = ''): void {
  const element = document.createElement('div');
  element.className = className;
  element.style.cssText = css;
  if (text) element.textContent = text;
  parent.appendChild(element);
}

/**
 * Replaces the content of `axes` (an element over the whole chart, `width` CSS pixels wide) with
 * the grid lines and tick marks (grid colour) and the labels (text colour) of `xs` and `ys` around
 * `box`.
 * Elements, not a canvas: a canvas of the chart's size costs a few ms of backing store at its
 * first draw (about 15 ns a pixel here), more than laying out these few elements.
 */
export function renderAxes(
  axes: HTMLElement,
  width: number,
  box: PlotBox,
  range: AxisRange,
  xs: readonly AxisTick[],
  ys: readonly AxisTick[],
  style: AxesStyle,
): void {
  axes.replaceChildren();
  const bottom = box.top + box.height;
  const grid = `background:${style.grid};`;
  const text = `color:${style.text};`;
  for (const t of xs) {
    const x = Math.round(box.left + xPosition(range, box, t.value));
    place(axes, 'chart-grid', `${grid}left:${x}px;top:${box.top}px;width:1px;height:${box.height + TICK_SIZE}px`);
    place(axes, 'chart-tick-label chart-tick-label--x', `${text}left:${x}px;top:${bottom + TICK_SIZE + LABEL_GAP}px`, t.label);
  }
  for (const t of ys) {
    const y = Math.round(box.top + yPosition(range, box, t.value));
    place(axes, 'chart-grid', `${grid}left:${box.left - TICK_SIZE}px;top:${y}px;width:${box.width + TICK_SIZE}px;height:1px`);
    if (t.label) place(axes, 'chart-tick-label chart-tick-label--y', `${text}right:${width - box.left + TICK_SIZE + LABEL_GAP}px;top:${y}px`, t.label);
  }
}
