// Scatter plot matrix: one small canvas per (visible hparam, metric) pair, a dot per session group
// that passes the filters (the others faint), coloured like the parallel coordinates.
import { useEffect, useRef } from 'preact/hooks';
import { RAMP, axisScale } from './parallel_geometry';
import type { Column, HParamsView, Row } from './table_model';

interface Props {
  columns: Column[];
  visible: number[];
  rows: Row[];
  shown: number[];
  view: HParamsView;
}

const SIZE = 170;

function Cell({ columns, rows, shown, view, x, y }: Props & { x: number; y: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current!;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = SIZE * ratio;
    canvas.height = SIZE * ratio;
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, SIZE, SIZE);
    const sx = axisScale(columns[x], x, rows, view.log.includes(columns[x].id));
    const sy = axisScale(columns[y], y, rows, view.log.includes(columns[y].id));
    const colorCol = columns.findIndex((c) => c.id === view.colorBy);
    const cs = colorCol >= 0 ? axisScale(columns[colorCol], colorCol, rows, false) : null;
    const shownSet = new Uint8Array(rows.length);
    for (const i of shown) shownSet[i] = 1;
    const m = 8;
    for (let i = 0; i < rows.length; i++) {
      const px = sx.position(rows[i].values[x]);
      const py = sy.position(rows[i].values[y]);
      if (px === null || py === null) continue;
      if (shownSet[i]) {
        const p = cs ? cs.position(rows[i].values[colorCol]) : null;
        ctx.fillStyle = p === null ? 'rgba(40,90,170,0.7)' : RAMP[Math.min(RAMP.length - 1, Math.floor(p * RAMP.length))];
      } else {
        ctx.fillStyle = 'rgba(128,128,128,0.15)';
      }
      ctx.fillRect(m + px * (SIZE - 2 * m) - 1.5, SIZE - m - py * (SIZE - 2 * m) - 1.5, 3, 3);
    }
  });
  return (
    <figure class="hp-scatter-cell">
      <canvas ref={ref} style={{ width: `${SIZE}px`, height: `${SIZE}px` }}
        aria-label={`${columns[y].label} against ${columns[x].label}`} />
      <figcaption>{columns[y].label} / {columns[x].label}</figcaption>
    </figure>
  );
}

export function ScatterMatrix(props: Props) {
  const hparams = props.visible.filter((c) => props.columns[c].kind === 'hparam');
  const metrics = props.visible.filter((c) => props.columns[c].kind === 'metric');
  if (!hparams.length || !metrics.length) return <p class="empty">Show at least one hparam and one metric.</p>;
  return (
    <div class="hp-scatter" style={{ gridTemplateColumns: `repeat(${hparams.length}, ${SIZE + 8}px)` }}>
      {metrics.flatMap((y) => hparams.map((x) => <Cell key={`${x}-${y}`} {...props} x={x} y={y} />))}
    </div>
  );
}
