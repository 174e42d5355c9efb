// The margin chart of a custom scalars card: for each band, its value line over a filled area
// between its lower and upper series, on step (x) and value (y) axes fitted to the data, with a
// tooltip of value, lower and upper at the nearest step. UI thread only; the card owns the chart
// and calls destroy().
import { sizeCanvas } from '../../charts/canvas_chart';
import { formatValue } from '../../charts/format';
import type { MarginBand } from './custom_data';

const MARGIN = { left: 52, right: 12, top: 10, bottom: 24 };
const HEIGHT = 230;

export class MarginChart {
  readonly canvas: HTMLCanvasElement;
  private readonly tooltip: HTMLDivElement;
  private bands: readonly MarginBand[] = [];
  private color: (label: string) => string = () => '#1a73e8';
  private dark = false;
  private width = 0;
  private x: [number, number] = [0, 1];
  private y: [number, number] = [0, 1];

  constructor(private readonly host: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'margin-chart__canvas';
    this.tooltip = document.createElement('div');
    this.tooltip.className = 'pr-chart__tooltip';
    this.tooltip.hidden = true;
    host.append(this.canvas, this.tooltip);
    this.canvas.addEventListener('mousemove', this.onMove);
    this.canvas.addEventListener('mouseleave', this.onLeave);
  }

  update(bands: readonly MarginBand[], color: (label: string) => string, dark: boolean): void {
    this.bands = bands;
    this.color = color;
    this.dark = dark;
    this.draw();
  }

  destroy(): void {
    this.canvas.remove();
    this.tooltip.remove();
  }

  private toX(step: number): number {
    const [a, b] = this.x;
    return MARGIN.left + ((step - a) / (b - a || 1)) * (this.width - MARGIN.left - MARGIN.right);
  }

  private toY(value: number): number {
    const [a, b] = this.y;
    return MARGIN.top + (1 - (value - a) / (b - a || 1)) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  }

  draw(): void {
    this.width = Math.max(120, this.host.clientWidth);
    const context = sizeCanvas(this.canvas, this.width, HEIGHT);
    const steps = this.bands.flatMap((b) => b.step);
    const values = this.bands.flatMap((b) => [...b.value, ...b.lower, ...b.upper]).filter(Number.isFinite);
    if (steps.length === 0 || values.length === 0) return;
    this.x = [Math.min(...steps), Math.max(...steps)];
    const low = Math.min(...values);
    const high = Math.max(...values);
    const pad = (high - low) * 0.05 || 1;
    this.y = [low - pad, high + pad];
    const axis = this.dark ? '#9aa0a6' : '#5f6368';
    context.font = '11px sans-serif';
    context.fillStyle = axis;
    context.strokeStyle = this.dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.08)';
    for (let i = 0; i <= 4; i++) {
      const value = this.y[0] + ((this.y[1] - this.y[0]) * i) / 4;
      const y = this.toY(value);
      context.beginPath();
      context.moveTo(MARGIN.left, y);
      context.lineTo(this.width - MARGIN.right, y);
      context.stroke();
      context.textAlign = 'right';
      context.textBaseline = 'middle';
      context.fillText(formatValue(value), MARGIN.left - 4, y);
      const step = this.x[0] + ((this.x[1] - this.x[0]) * i) / 4;
      context.textAlign = 'center';
      context.textBaseline = 'top';
      context.fillText(String(Math.round(step)), this.toX(step), HEIGHT - MARGIN.bottom + 4);
    }
    for (const band of this.bands) {
      const color = this.color(band.label);
      context.globalAlpha = 0.2;
      context.fillStyle = color;
      context.beginPath();
      const upper = band.step.map((s, i) => [this.toX(s), this.toY(band.upper[i])] as const).filter(([, y]) => Number.isFinite(y));
      const lower = band.step.map((s, i) => [this.toX(s), this.toY(band.lower[i])] as const).filter(([, y]) => Number.isFinite(y));
      upper.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
      for (let i = lower.length - 1; i >= 0; i--) context.lineTo(lower[i][0], lower[i][1]);
      context.closePath();
      context.fill();
      context.globalAlpha = 1;
      context.strokeStyle = color;
      context.lineWidth = 1.5;
      context.beginPath();
      band.step.forEach((s, i) => (i === 0 ? context.moveTo(this.toX(s), this.toY(band.value[i])) : context.lineTo(this.toX(s), this.toY(band.value[i]))));
      context.stroke();
    }
  }

  private readonly onLeave = () => {
    this.tooltip.hidden = true;
  };

  private readonly onMove = (event: MouseEvent) => {
    if (this.bands.length === 0) return;
    const box = this.canvas.getBoundingClientRect();
    const fraction = (event.clientX - box.left - MARGIN.left) / (this.width - MARGIN.left - MARGIN.right);
    const target = this.x[0] + fraction * (this.x[1] - this.x[0]);
    const lines: string[] = [];
    for (const band of this.bands) {
      let best = 0;
      band.step.forEach((s, i) => {
        if (Math.abs(s - target) < Math.abs(band.step[best] - target)) best = i;
      });
      lines.push(`${band.label} · step ${band.step[best]}: ${formatValue(band.value[best])} [${formatValue(band.lower[best])}, ${formatValue(band.upper[best])}]`);
    }
    this.tooltip.textContent = lines.join('\n');
    this.tooltip.hidden = false;
    this.tooltip.style.left = `${Math.min(event.clientX - box.left + 12, Math.max(0, this.width - 260))}px`;
    this.tooltip.style.top = `${event.clientY - box.top + 12}px`;
  };
}
