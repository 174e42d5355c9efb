// Draws a graph scene onto a 2D canvas (an element's or a worker's OffscreenCanvas): expanded
// groups as labelled frames holding their children, collapsed groups and series as boxes with their
// op count, ops as rounded boxes; edges as polylines with arrowheads, dashed for control edges,
// thicker for larger tensors, labelled with their shapes. Only what intersects the viewport is
// drawn. Pure (no DOM beyond the context): the render worker and the UI thread's fallback use it.
import type { GroupEdge, ItemSummary } from './graphs_api';
import type { Placement, Rect } from './explorer';
import { canvasFont } from '../../shell/ui_font';

/** The fonts of group and series labels, op labels, and notes (op counts, edge shapes). */
export const FONT_GROUP = canvasFont('600 12px');
export const FONT_OP = canvasFont('11px');
export const FONT_NOTE = canvasFont('10px');

/** A 2D context of either kind of canvas. */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The edges of one shown group: their polylines are relative to the group's content origin. */
export interface SceneGroup {
  origin: { x: number; y: number };
  edges: GroupEdge[];
  /** One polyline per edge, in `edges` order (empty when the layout has none). */
  points: [number, number][][];
}

/** Everything drawn for one state of the explorer (structured-cloneable, sent to the worker). */
export interface Scene {
  placements: Placement[];
  groups: SceneGroup[];
}

export type ColorBy = 'structure' | 'device' | 'op' | 'compute' | 'memory';

/** The upper ends of the compute time and memory colour scales (from the run metadata). */
export interface StatsScales {
  maxMicros: number;
  maxBytes: number;
}

/** The ends of the compute time and memory scales (as TensorBoard's: light to salmon). */
export const STATS_LOW: [number, number, number] = [0xff, 0xf5, 0xf0];
export const STATS_HIGH: [number, number, number] = [0xfb, 0x6a, 0x4a];
/** Items without stats while colouring by stats. */
export const NO_STATS_FILL = '#eeeeee';

/** The colour of `value` on a linear scale from 0 (STATS_LOW) to `max` (STATS_HIGH). */
export function statsColor(value: number, max: number): string {
  const t = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const channel = (i: number) => Math.round(STATS_LOW[i] + (STATS_HIGH[i] - STATS_LOW[i]) * t);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

export interface Transform {
  scale: number;
  dx: number;
  dy: number;
}

export interface DrawOptions {
  colorBy: ColorBy;
  scales?: StatsScales;
  selected?: number;
  highlighted?: Set<number>;
  dark: boolean;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The colour of a device, or an op type (a hue from its name). */
export function nameColor(name: string): string {
  return `hsl(${hash(name) % 360} 55% 78%)`;
}

/** The fill of an item under a colour mode. */
export function fillFor(item: ItemSummary, colorBy: ColorBy, scales?: StatsScales): string {
  if (colorBy === 'compute' || colorBy === 'memory') {
    if (!item.stats || !scales) return NO_STATS_FILL;
    return colorBy === 'compute'
      ? statsColor(item.stats.micros, scales.maxMicros)
      : statsColor(item.stats.bytes, scales.maxBytes);
  }
  if (colorBy === 'device') {
    // As TensorBoard: the device run metadata recorded wins over the graph's placement.
    const device = item.stats?.device || item.device || '';
    return device ? nameColor(device) : '#e0e0e0';
  }
  if (colorBy === 'op') {
    const op = item.kind === 'op' ? item.op ?? '' : item.ops?.[0]?.[0] ?? '';
    return op ? nameColor(op) : '#e0e0e0';
  }
  // Structure: alike groups (same op histogram) share a colour; ops are plain.
  if (item.kind === 'op') return '#ffffff';
  const signature = (item.ops ?? []).map(([op, n]) => `${op}=${n}`).join(',') + `#${item.op_count}`;
  return `hsl(${hash(signature) % 360} 45% 85%)`;
}

function roundRect(ctx: Context2D, r: Rect, radius: number) {
  ctx.beginPath();
  ctx.roundRect(r.x, r.y, r.width, r.height, radius);
}

function intersects(r: Rect, view: Rect): boolean {
  return r.x < view.x + view.width && r.x + r.width > view.x && r.y < view.y + view.height && r.y + r.height > view.y;
}

export function edgeWidth(elements: number): number {
  return elements > 0 ? Math.min(6, 1 + Math.log10(elements + 1) / 1.5) : 1;
}

/** Draws the scene; returns how many items were drawn. */
export function drawScene(
  ctx: Context2D,
  scene: Scene,
  transform: Transform,
  size: { width: number; height: number },
  options: DrawOptions,
): number {
  const placements = scene.placements;
  const fg = options.dark ? '#e8e8e8' : '#212121';
  const muted = options.dark ? '#a0a0a0' : '#616161';
  ctx.save();
  ctx.fillStyle = options.dark ? '#1e1e1e' : '#ffffff';
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.setTransform(transform.scale, 0, 0, transform.scale, transform.dx, transform.dy);
  const view: Rect = {
    x: -transform.dx / transform.scale,
    y: -transform.dy / transform.scale,
    width: size.width / transform.scale,
    height: size.height / transform.scale,
  };
  const showText = transform.scale > 0.35;
  let drawn = 0;

  // Frames of expanded groups first, then edges of every expanded group, then boxes on top.
  for (const p of placements) {
    if (!p.expanded || !intersects(p.rect, view)) continue;
    roundRect(ctx, p.rect, 8);
    ctx.fillStyle = options.dark ? 'rgba(255,255,255,0.04)' : 'rgba(0,0,0,0.03)';
    ctx.fill();
    ctx.lineWidth = p.id === options.selected ? 2.5 : 1;
    ctx.strokeStyle = p.id === options.selected ? '#1a73e8' : muted;
    ctx.stroke();
    if (showText) {
      ctx.fillStyle = fg;
      ctx.font = FONT_GROUP;
      ctx.fillText(`▾ ${p.item.label}`, p.rect.x + 8, p.rect.y + 17, p.rect.width - 16);
    }
    drawn++;
  }
  // Edge labels only while few edges are in view (text is the costly part of a software canvas).
  let labelBudget = 300;
  for (const { origin, edges, points: polylines } of scene.groups) {
    edges.forEach((edge, index) => {
      const points = polylines[index];
      if (!points || points.length < 2) return;
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const [x, y] of points) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      const box = { x: origin.x + minX, y: origin.y + minY, width: maxX - minX + 1, height: maxY - minY + 1 };
      if (!intersects(box, view)) return;
      const control = edge.control === edge.count;
      const lit =
        options.highlighted?.has(edge.source) === true && options.highlighted?.has(edge.target) === true;
      ctx.beginPath();
      ctx.moveTo(origin.x + points[0][0], origin.y + points[0][1]);
      for (let i = 1; i < points.length; i++) ctx.lineTo(origin.x + points[i][0], origin.y + points[i][1]);
      ctx.setLineDash(control ? [5, 4] : []);
      ctx.lineWidth = control ? 1 : edgeWidth(edge.elements);
      ctx.strokeStyle = lit ? '#e65100' : muted;
      ctx.stroke();
      ctx.setLineDash([]);
      const [ex, ey] = points[points.length - 1];
      const [px, py] = points[points.length - 2];
      const angle = Math.atan2(ey - py, ex - px);
      ctx.beginPath();
      ctx.moveTo(origin.x + ex, origin.y + ey);
      ctx.lineTo(origin.x + ex - 7 * Math.cos(angle - 0.4), origin.y + ey - 7 * Math.sin(angle - 0.4));
      ctx.lineTo(origin.x + ex - 7 * Math.cos(angle + 0.4), origin.y + ey - 7 * Math.sin(angle + 0.4));
      ctx.closePath();
      ctx.fillStyle = lit ? '#e65100' : muted;
      ctx.fill();
      if (showText && !control && (edge.shapes.length > 0 || edge.count > 1) && labelBudget-- > 0) {
        const mid = points[Math.floor(points.length / 2)];
        const label = `${edge.shapes[0] ?? ''}${edge.shapes.length > 1 ? '…' : ''}${edge.count > 1 ? ` ×${edge.count}` : ''}`;
        ctx.font = FONT_NOTE;
        ctx.fillStyle = muted;
        ctx.fillText(label, origin.x + mid[0] + 4, origin.y + mid[1] - 2);
      }
    });
  }
  for (const p of placements) {
    if (p.expanded || !intersects(p.rect, view)) continue;
    const item = p.item;
    roundRect(ctx, p.rect, item.kind === 'op' ? 13 : 6);
    ctx.fillStyle = fillFor(item, options.colorBy, options.scales);
    ctx.fill();
    if (item.kind === 'series') {
      ctx.strokeStyle = muted;
      ctx.lineWidth = 1;
      ctx.strokeRect(p.rect.x + 3, p.rect.y - 3, p.rect.width, p.rect.height);
    }
    const lit = options.highlighted?.has(p.id) === true;
    ctx.lineWidth = p.id === options.selected ? 2.5 : lit ? 2 : 1;
    ctx.strokeStyle = p.id === options.selected ? '#1a73e8' : lit ? '#e65100' : muted;
    roundRect(ctx, p.rect, item.kind === 'op' ? 13 : 6);
    ctx.stroke();
    if (showText) {
      ctx.fillStyle = '#212121';
      ctx.font = item.kind === 'op' ? FONT_OP : FONT_GROUP;
      ctx.fillText(item.label, p.rect.x + 8, p.rect.y + 17, p.rect.width - 16);
      if (item.kind !== 'op') {
        ctx.font = FONT_NOTE;
        ctx.fillStyle = '#616161';
        ctx.fillText(`${item.op_count} ops${item.kind === 'series' ? ' · series' : ''}`, p.rect.x + 8, p.rect.y + 31);
      }
    }
    drawn++;
  }
  ctx.restore();
  return drawn;
}
