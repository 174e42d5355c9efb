// Small canvas helpers of the histogram and distribution charts: a crisp canvas at the screen's
// pixel ratio, the theme's colours read from the page's CSS variables, colour mixing, axes, and
// the hover marks (a dashed rule, dots).
// UI thread only.
import { type Ticks } from './ticks';
import { canvasFont } from '../shell/ui_font';

export interface ChartTheme {
  background: string;
  text: string;
  grid: string;
  font: string;
}

/** The current theme's chart colours (from the CSS variables of <html data-theme>). */
export function chartTheme(element: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: read('--card-bg', '#fff'),
    text: read('--fg-muted', '#616161'),
    grid: read('--border', '#e0e0e0'),
    font: canvasFont('11px'),
  };
}

/** Sizes `canvas` to `width` × `height` CSS pixels at the device pixel ratio; returns its context in CSS pixels. */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** [r, g, b] of a '#rgb' / '#rrggbb' / 'rgb(r, g, b)' colour; mid grey for anything else. */
export function parseColor(color: string): [number, number, number] {
  const hex = color.trim().match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }
  const rgb = color.match(/rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [128, 128, 128];
}

/** `color` moved towards `toward` by t in [0, 1], as 'rgb(r, g, b)'. */
export function mixColors(color: string, toward: string, t: number): string {
  const a = parseColor(color);
  const b = parseColor(toward);
  const mix = (i: number) => Math.round(a[i] + (b[i] - a[i]) * t);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/** Tick labels along the bottom edge at y, with light vertical grid lines from top to y. */
export function drawBottomAxis(
  ctx: CanvasRenderingContext2D,
  theme: ChartTheme,
  ticks: Ticks,
  toX: (v: number) => number,
  label: (v: number) => string,
  top: number,
  y: number,
): void {
  ctx.font = theme.font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.text;
  ctx.lineWidth = 1;
  for (const v of ticks.values) {
    const x = Math.round(toX(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, y + 3);
    ctx.stroke();
    ctx.fillText(label(v), x, y + 5);
  }
}

/** Tick labels at the given y positions, left- or right-aligned against x, with grid lines. */
export function drawSideAxis(
  ctx: CanvasRenderingContext2D,
  theme: ChartTheme,
  positions: readonly { y: number; text: string }[],
  x: number,
  align: 'left' | 'right',
  gridFrom: number,
  gridTo: number,
): void {
  ctx.font = theme.font;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.text;
  ctx.lineWidth = 1;
  for (const { y, text } of positions) {
    const yy = Math.round(y) + 0.5;
    ctx.beginPath();
    ctx.moveTo(gridFrom, yy);
    ctx.lineTo(gridTo, yy);
    ctx.stroke();
    ctx.fillText(text, x, yy);
  }
}

/** The dashed vertical line through the hovered x, from top to bottom, in `color`. */
export function drawHoverRule(ctx: CanvasRenderingContext2D, x: number, top: number, bottom: number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(Math.round(x) + 0.5, top);
  ctx.lineTo(Math.round(x) + 0.5, bottom);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** A filled dot of `radius` at (x, y) in the current fill style. */
export function fillDot(ctx: CanvasRenderingContext2D, x: number, y: number, radius: number): void {
  ctx.beginPath();
  ctx.arc(x, y, radius, 0, 2 * Math.PI);
  ctx.fill();
}
