// The PR curve chart of a card: a canvas with recall (x) and precision (y) axes from 0 to 1, one
// line per run at its chosen step, and a tooltip for the point nearest the pointer with its
// threshold, precision, recall and counts. UI thread only; the card owns the chart and calls
// destroy().
import { sizeCanvas } from '../../charts/canvas_chart';
import { canvasFont } from '../../shell/ui_font';
import { type PrCurve, nearestPoint } from './pr_data';

const MARGIN = { left: 40, right: 12, top: 10, bottom: 30 };
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

export class PrChart {
  readonly canvas: HTMLCanvasElement;
  private readonly tooltip: HTMLDivElement;
  private curves: readonly PrCurve[] = [];
  private dark = false;
  private width = 0;
  private height = 0;

  constructor(private readonly host: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'pr-chart__canvas';
    this.tooltip = document.createElement('div');
    this.tooltip.className = 'pr-chart__tooltip';
    this.tooltip.hidden = true;
    host.append(this.canvas, this.tooltip);
    this.canvas.addEventListener('mousemove', this.onMove);
    this.canvas.addEventListener('mouseleave', this.onLeave);
  }

  update(curves: readonly PrCurve[], dark: boolean): void {
    this.curves = curves;
    this.dark = dark;
    this.draw();
  }

  destroy(): void {
    this.canvas.removeEventListener('mousemove', this.onMove);
    this.canvas.removeEventListener('mouseleave', this.onLeave);
    this.canvas.remove();
    this.tooltip.remove();
  }

  private plotWidth(): number {
    return this.width - MARGIN.left - MARGIN.right;
  }

  private plotHeight(): number {
    return this.height - MARGIN.top - MARGIN.bottom;
  }

  private toX(recall: number): number {
    return MARGIN.left + recall * this.plotWidth();
  }

  private toY(precision: number): number {
    return MARGIN.top + (1 - precision) * this.plotHeight();
  }

  draw(): void {
    this.width = Math.max(120, this.host.clientWidth);
    this.height = Math.round(this.width * 0.7);
    const context = sizeCanvas(this.canvas, this.width, this.height);
    const axis = this.dark ? '#9aa0a6' : '#5f6368';
    const grid = this.dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.08)';
    context.font = canvasFont('11px');
    context.fillStyle = axis;
    context.lineWidth = 1;
    for (const t of TICKS) {
      context.strokeStyle = grid;
      context.beginPath();
      context.moveTo(this.toX(t), MARGIN.top);
      context.lineTo(this.toX(t), MARGIN.top + this.plotHeight());
      context.moveTo(MARGIN.left, this.toY(t));
      context.lineTo(MARGIN.left + this.plotWidth(), this.toY(t));
      context.stroke();
      context.textAlign = 'center';
      context.textBaseline = 'top';
      context.fillText(t.toFixed(1), this.toX(t), MARGIN.top + this.plotHeight() + 4);
      context.textAlign = 'right';
      context.textBaseline = 'middle';
      context.fillText(t.toFixed(1), MARGIN.left - 4, this.toY(t));
    }
    context.textAlign = 'center';
    context.textBaseline = 'bottom';
    context.fillText('recall', MARGIN.left + this.plotWidth() / 2, this.height);
    context.save();
    context.translate(10, MARGIN.top + this.plotHeight() / 2);
    context.rotate(-Math.PI / 2);
    context.textBaseline = 'middle';
    context.fillText('precision', 0, 0);
    context.restore();
    context.lineWidth = 2;
    for (const curve of this.curves) {
      const { recall, precision } = curve.entry;
      context.strokeStyle = curve.color;
      context.beginPath();
      let started = false;
      for (let i = 0; i < recall.length; i++) {
        if (!Number.isFinite(recall[i]) || !Number.isFinite(precision[i])) continue;
        const x = this.toX(recall[i]);
        const y = this.toY(precision[i]);
        if (started) context.lineTo(x, y);
        else context.moveTo(x, y);
        started = true;
      }
      context.stroke();
    }
  }

  private readonly onLeave = () => {
    this.tooltip.hidden = true;
  };

  private readonly onMove = (event: MouseEvent) => {
    const box = this.canvas.getBoundingClientRect();
    const recall = (event.clientX - box.left - MARGIN.left) / this.plotWidth();
    const precision = 1 - (event.clientY - box.top - MARGIN.top) / this.plotHeight();
    const nearest = nearestPoint(this.curves, recall, precision);
    if (!nearest || nearest.distance > 0.1) {
      this.tooltip.hidden = true;
      return;
    }
    const { curve, index } = nearest;
    const e = curve.entry;
    const format = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : String(v));
    this.tooltip.replaceChildren();
    const title = document.createElement('div');
    title.className = 'pr-chart__tooltip-run';
    title.style.borderLeftColor = curve.color;
    title.textContent = `${curve.run} · step ${e.step}`;
    const body = document.createElement('div');
    body.textContent = [
      `threshold ${format(e.thresholds[index])}`,
      `precision ${format(e.precision[index])}`,
      `recall ${format(e.recall[index])}`,
      `TP ${e.true_positives[index]}  FP ${e.false_positives[index]}`,
      `TN ${e.true_negatives[index]}  FN ${e.false_negatives[index]}`,
    ].join('\n');
    this.tooltip.append(title, body);
    this.tooltip.hidden = false;
    const left = Math.min(this.toX(e.recall[index]) + 10, this.width - 170);
    this.tooltip.style.left = `${Math.max(0, left)}px`;
    this.tooltip.style.top = `${this.toY(e.precision[index]) + 10}px`;
  };
}
