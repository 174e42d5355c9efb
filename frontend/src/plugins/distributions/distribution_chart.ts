// The distribution chart of one (run, tag): bands between the nine basis points over time (the
// outer bands faint, the inner ones stronger, as the translucent fills stack) and the median as a
// line, on a canvas. Hovering (or the arrow keys) picks the nearest step and lists its nine values.
//
// Owned by a DistributionCard; UI thread only.
import { chartTheme, drawBottomAxis, drawHoverRule, drawSideAxis, fillDot, sizeCanvas } from '../../charts/canvas_chart';
import { ChartFrame } from '../../charts/chart_frame';
import { formatValue, formatWallTime } from '../../charts/format';
import { linearScale, niceTicks } from '../../charts/ticks';
import { timeTickLabel, timeTicks } from '../../charts/time_axis';
import { nearestIndex } from '../../charts/x_lookup';
import type { XAxis } from '../../state/view_state';
import { BAND_PAIRS, BASIS_POINTS, type DistributionColumns, MEDIAN, bandPolygon, basisPointLabel } from './bands';

export interface DistributionChartOptions {
  axis: XAxis;
  color: string;
  dark: boolean;
}

export const CHART_HEIGHT = 240;
const RECT = { left: 56, top: 8, right: 12, bottom: 22 };

export class DistributionChart {
  private readonly frame: ChartFrame;
  private columns: DistributionColumns | null = null;
  private options: DistributionChartOptions | null = null;
  private hover = -1;
  private toX: (v: number) => number = () => 0;
  private toY: (v: number) => number = () => 0;

  constructor(host: HTMLElement, label: string) {
    this.frame = new ChartFrame(host, `${label}. Use the left and right arrow keys to inspect steps.`, {
      pointer: (x) => this.onPointer(x),
      leave: () => this.setHover(-1),
      key: (e) => this.onKey(e),
    });
  }

  update(columns: DistributionColumns, options: DistributionChartOptions): void {
    if (columns !== this.columns) this.hover = -1;
    this.columns = columns;
    this.options = options;
    this.draw();
  }

  resize(width: number): void {
    if (this.frame.resize(width) && this.columns) this.draw();
  }

  destroy(): void {
    this.frame.destroy();
  }

  private draw(): void {
    const columns = this.columns!;
    const { axis, color } = this.options!;
    const theme = chartTheme();
    const width = this.frame.width;
    const ctx = sizeCanvas(this.frame.base, width, CHART_HEIGHT);
    const left = RECT.left;
    const right = width - RECT.right;
    const top = RECT.top;
    const bottom = CHART_HEIGHT - RECT.bottom;
    const n = columns.x.length;
    let x0 = n ? columns.x[0] : 0;
    let x1 = n ? columns.x[n - 1] : 1;
    if (!(x1 > x0)) {
      x0 -= 1;
      x1 += 1;
    }
    let { yMin, yMax } = columns;
    const pad = yMax > yMin ? (yMax - yMin) * 0.05 : Math.max(0.5, Math.abs(yMin) * 0.1);
    yMin -= pad;
    yMax += pad;
    this.toX = linearScale(x0, x1, left, right);
    this.toY = linearScale(yMin, yMax, bottom, top);
    const yTicks = niceTicks(yMin, yMax, Math.max(2, Math.floor((bottom - top) / 36)));
    drawSideAxis(
      ctx,
      theme,
      yTicks.values.map((v) => ({ y: this.toY(v), text: formatValue(v) })),
      left - 6,
      'right',
      left,
      right,
    );
    const xTickCount = Math.max(2, Math.floor((right - left) / 90));
    const xTicks = n === 1 ? niceTicks(columns.x[0], columns.x[0], 1) : timeTicks(axis, x0, x1, xTickCount);
    drawBottomAxis(ctx, theme, xTicks, this.toX, (v) => timeTickLabel(axis, v), top, bottom);

    ctx.fillStyle = color;
    ctx.globalAlpha = 0.22;
    for (const [lower, upper] of BAND_PAIRS) {
      const polygon = bandPolygon(columns, lower, upper);
      if (polygon.length === 0) continue;
      ctx.beginPath();
      if (polygon.length === 4) {
        // A single step: a short bar instead of a degenerate polygon.
        const x = this.toX(polygon[0]);
        ctx.rect(x - 4, this.toY(polygon[1]), 8, this.toY(polygon[3]) - this.toY(polygon[1]));
      } else {
        ctx.moveTo(this.toX(polygon[0]), this.toY(polygon[1]));
        for (let p = 2; p < polygon.length; p += 2) ctx.lineTo(this.toX(polygon[p]), this.toY(polygon[p + 1]));
        ctx.closePath();
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    const median = columns.values[MEDIAN];
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let drawing = false;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(median[i])) {
        drawing = false;
        continue;
      }
      const x = this.toX(columns.x[i]);
      const y = this.toY(median[i]);
      if (drawing) ctx.lineTo(x, y);
      else ctx.moveTo(n === 1 ? x - 4 : x, y);
      if (n === 1) ctx.lineTo(x + 4, y);
      drawing = true;
    }
    ctx.stroke();
    this.drawHover();
  }

  private drawHover(): void {
    const width = this.frame.width;
    const ctx = sizeCanvas(this.frame.hover, width, CHART_HEIGHT);
    const columns = this.columns;
    const i = this.hover;
    if (!columns || i < 0 || i >= columns.x.length) {
      this.frame.hideTooltip();
      return;
    }
    const x = this.toX(columns.x[i]);
    const { color } = this.options!;
    drawHoverRule(ctx, x, RECT.top, CHART_HEIGHT - RECT.bottom, color);
    ctx.fillStyle = color;
    const lines = [`Step ${columns.steps[i]}  ·  ${formatWallTime(columns.wallTimes[i])}`];
    for (let j = BASIS_POINTS.length - 1; j >= 0; j--) {
      const v = columns.values[j][i];
      if (Number.isFinite(v)) fillDot(ctx, x, this.toY(v), j === MEDIAN ? 3.5 : 2.5);
      lines.push(`${basisPointLabel(j)}: ${formatValue(v)}`);
    }
    // Right of the rule, or left of it where the chart ends.
    this.frame.showTooltip(lines, (tipWidth) => ({
      left: x + 12 + tipWidth > width ? Math.max(0, x - 12 - tipWidth) : x + 12,
      top: RECT.top,
    }));
  }

  private setHover(i: number): void {
    if (i === this.hover) return;
    this.hover = i;
    this.drawHover();
  }

  private onPointer(px: number): void {
    if (!this.columns) return;
    if (px < RECT.left - 4 || px > this.frame.width - RECT.right + 4) {
      this.setHover(-1);
      return;
    }
    // toX is linear, so invert it through two points.
    const a = this.toX(0);
    const b = this.toX(1);
    const value = b !== a ? (px - a) / (b - a) : 0;
    this.setHover(nearestIndex(this.columns.x, value));
  }

  private onKey(e: KeyboardEvent): void {
    const n = this.columns?.x.length ?? 0;
    if (n === 0) return;
    const current = this.hover < 0 ? n - 1 : this.hover;
    const jump = e.shiftKey ? 10 : 1;
    if (e.key === 'ArrowLeft') this.setHover(Math.max(0, current - jump));
    else if (e.key === 'ArrowRight') this.setHover(Math.min(n - 1, current + jump));
    else if (e.key === 'Home') this.setHover(0);
    else if (e.key === 'End') this.setHover(n - 1);
    else if (e.key === 'Escape') this.setHover(-1);
    else return;
    e.preventDefault();
  }
}
