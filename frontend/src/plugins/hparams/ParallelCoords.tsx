// Parallel coordinates: an axis per visible column, a polyline per session group. Dragging along
// an axis brushes a range, which becomes that column's filter (shared with the table and kept in
// the URL) on release; a click on an axis clears it. Lines that pass every filter are coloured by
// the chosen metric, the others drawn faint. Each axis can be log or linear.
// Two canvases: the lines (redrawn only when the rows, the filtered set, the axes, the colouring,
// the size or the theme change; batched by colour, one path per colour) and above them the axes,
// labels and brushes, redrawn on every render, so a brush move repaints only that top layer.
// The axis scales are computed once per change of rows, axes or log settings.
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { canvasFont } from '../../shell/ui_font';
import { RAMP, axisScale, type AxisScale } from './parallel_geometry';
import type { Column, HParamsView, Row } from './table_model';

interface Props {
  columns: Column[];
  visible: number[];
  rows: Row[];
  shown: number[];
  view: HParamsView;
  setView: (patch: Partial<HParamsView>) => void;
  dark: boolean;
}

const PAD_TOP = 34;
const PAD_BOTTOM = 24;
const PAD_X = 60;

/** Sizes `canvas` for `width` × `height` CSS pixels and returns its cleared context. */
function prepare(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

export function ParallelCoords({ columns, visible, rows, shown, view, setView, dark }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const linesRef = useRef<HTMLCanvasElement>(null);
  const linesMs = useRef(0);
  const hostRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [drag, setDrag] = useState<{ axis: number; from: number; to: number } | null>(null);
  const height = 420;

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    setWidth(host.clientWidth);
    const observer = new ResizeObserver(() => setWidth(host.clientWidth));
    observer.observe(host);
    return () => observer.disconnect();
  }, []);

  const logKey = view.log.join('\n');
  const scales: AxisScale[] = useMemo(
    () => visible.map((c) => axisScale(columns[c], c, rows, view.log.includes(columns[c].id))),
    [columns, visible, rows, logKey],
  );
  const axisX = (k: number) => PAD_X + (visible.length > 1 ? (k * (width - 2 * PAD_X)) / (visible.length - 1) : 0);
  const plotH = height - PAD_TOP - PAD_BOTTOM;
  const yOf = (p: number) => PAD_TOP + (1 - p) * plotH;

  // The lines layer.
  useLayoutEffect(() => {
    const canvas = linesRef.current;
    if (!canvas) return;
    const t0 = performance.now();
    const ctx = prepare(canvas, width, height);
    const colorCol = columns.findIndex((c) => c.id === view.colorBy);
    const colorScale = colorCol >= 0 ? axisScale(columns[colorCol], colorCol, rows, false) : null;
    const shownSet = new Uint8Array(rows.length);
    for (const i of shown) shownSet[i] = 1;
    const paths = RAMP.map(() => new Path2D());
    const faint = new Path2D();
    const plain = new Path2D();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      let path = faint;
      if (shownSet[i]) {
        const p = colorScale ? colorScale.position(row.values[colorCol]) : null;
        path = p === null ? plain : paths[Math.min(RAMP.length - 1, Math.floor(p * RAMP.length))];
      }
      let pen = false;
      for (let k = 0; k < visible.length; k++) {
        const p = scales[k].position(row.values[visible[k]]);
        if (p === null) {
          pen = false;
          continue;
        }
        const x = axisX(k);
        const y = yOf(p);
        if (pen) path.lineTo(x, y);
        else path.moveTo(x, y);
        pen = true;
      }
    }
    ctx.lineWidth = 1;
    ctx.strokeStyle = dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.07)';
    ctx.stroke(faint);
    ctx.strokeStyle = dark ? 'rgba(160,200,255,0.7)' : 'rgba(40,90,170,0.6)';
    ctx.stroke(plain);
    paths.forEach((p, k) => {
      ctx.strokeStyle = RAMP[k];
      ctx.stroke(p);
    });
    linesMs.current = performance.now() - t0;
    canvas.dataset.paintMs = String(linesMs.current);
    canvas.dataset.redraws = String(Number(canvas.dataset.redraws ?? 0) + 1);
  }, [rows, shown, scales, view.colorBy, width, dark]);

  // The axes, labels and brushes layer, on every render (a brush move only changes this).
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const t0 = performance.now();
    const ctx = prepare(canvas, width, height);
    ctx.fillStyle = dark ? '#ddd' : '#222';
    ctx.strokeStyle = dark ? '#aaa' : '#444';
    ctx.font = canvasFont('11px');
    ctx.textAlign = 'center';
    visible.forEach((c, k) => {
      const x = axisX(k);
      ctx.beginPath();
      ctx.moveTo(x, PAD_TOP);
      ctx.lineTo(x, PAD_TOP + plotH);
      ctx.stroke();
      ctx.fillText(columns[c].label + (scales[k].log ? ' (log)' : ''), x, 14);
      const s = scales[k];
      if (s.categories) {
        s.categories.forEach((v) => ctx.fillText(String(v), x, yOf(s.position(v) ?? 0) - 3));
      } else {
        ctx.fillText(String(Number(s.max.toPrecision(3))), x, PAD_TOP - 6);
        ctx.fillText(String(Number(s.min.toPrecision(3))), x, PAD_TOP + plotH + 14);
      }
      const f = view.filters[columns[c].id];
      let span: [number, number] | null = null;
      if (drag && drag.axis === k) span = [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)];
      else if (f && (f.min !== undefined || f.max !== undefined) && !s.categories) {
        span = [s.position(f.min ?? s.min) ?? 0, s.position(f.max ?? s.max) ?? 1];
      }
      if (span) {
        ctx.fillStyle = 'rgba(255,165,0,0.35)';
        ctx.fillRect(x - 6, yOf(span[1]), 12, yOf(span[0]) - yOf(span[1]));
        ctx.fillStyle = dark ? '#ddd' : '#222';
      }
    });
    // What this render drew: the axes layer, plus the lines when they were redrawn with it.
    canvas.dataset.paintMs = String(performance.now() - t0 + linesMs.current);
    linesMs.current = 0;
  });

  const toP = (e: MouseEvent) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return Math.min(1, Math.max(0, 1 - (e.clientY - rect.top - PAD_TOP) / plotH));
  };
  const onDown = (e: MouseEvent) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const k = visible.findIndex((_, i) => Math.abs(axisX(i) - x) < 12);
    if (k < 0) return;
    const p = toP(e);
    setDrag({ axis: k, from: p, to: p });
  };
  const onMove = (e: MouseEvent) => {
    if (drag) setDrag({ ...drag, to: toP(e) });
  };
  const onUp = () => {
    if (!drag) return;
    const column = columns[visible[drag.axis]];
    const filters = { ...view.filters };
    const lo = Math.min(drag.from, drag.to);
    const hi = Math.max(drag.from, drag.to);
    if (hi - lo < 0.01) delete filters[column.id];
    else filters[column.id] = scales[drag.axis].filterFor(lo, hi);
    setDrag(null);
    setView({ filters });
  };

  return (
    <div class="hp-parallel" ref={hostRef}>
      <div class="hp-parallel__layers" style={{ width: `${width}px`, height: `${height}px` }}>
        <canvas ref={linesRef} class="hp-parallel__lines" style={{ width: `${width}px`, height: `${height}px` }} />
        <canvas ref={canvasRef} class="hp-parallel__axes" style={{ width: `${width}px`, height: `${height}px` }} aria-label="Parallel coordinates"
          onMouseDown={onDown} onMouseMove={onMove} onMouseUp={onUp} onMouseLeave={onUp} />
      </div>
      <div class="hp-axis-options">
        {visible.filter((c) => columns[c].type === 'number').map((c) => (
          <label class="check" key={columns[c].id}>
            <input type="checkbox" checked={view.log.includes(columns[c].id)}
              onChange={(e) => {
                const on = (e.target as HTMLInputElement).checked;
                const log = view.log.filter((id) => id !== columns[c].id);
                setView({ log: on ? [...log, columns[c].id] : log });
              }} />
            log {columns[c].label}
          </label>
        ))}
      </div>
    </div>
  );
}
