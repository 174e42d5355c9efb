// A scalar card drawn by run group (run_groups.ts): one mean line per group with its band (min–max
// or ±1 std) on one canvas, steps aligned across runs; hovering shows each group's mean, spread
// and run count at the nearest step. Used by the Scalars dashboard instead of ScalarCard while run
// grouping is on. Fetches the tag for its runs when it comes into view and on each refresh.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { ScalarSeries } from '../../api/types';
import type { AppServices } from '../../app/services';
import { formatValue } from '../../charts/format';
import { useVisibility } from '../../shell/use_visible';
import { useStore } from '../../state/store';
import { type GroupCurve, type RunGrouping, aggregateGroup, groupRuns } from './run_groups';

interface Props {
  app: AppServices;
  tag: string;
  runs: string[];
  grouping: RunGrouping;
  hparamOf: (run: string) => string | undefined;
}

const HEIGHT = 230;
const PAD = { left: 48, right: 10, top: 10, bottom: 22 };

function hexToRgba(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const n = parseInt(m[1], 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

export function GroupedScalarCard({ app, tag, runs, grouping, hparamOf }: Props) {
  const cardRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { seen } = useVisibility(cardRef);
  const refresh = useStore(app.data, (d) => d.refresh);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const [series, setSeries] = useState<ScalarSeries[] | null>(null);
  const [width, setWidth] = useState(400);
  const [hover, setHover] = useState<number | null>(null);
  const runsKey = runs.join('\n');

  useLayoutEffect(() => {
    const el = cardRef.current;
    if (!el) return undefined;
    setWidth(el.clientWidth - 16);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth - 16));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!seen || runs.length === 0) return undefined;
    const controller = new AbortController();
    api
      .scalarSeries({ tags: [tag], runs, points: 0 }, controller.signal)
      .then((answer) => setSeries(answer.series))
      .catch(() => undefined);
    return () => controller.abort();
  }, [seen, tag, runsKey, refresh]);

  const curves: GroupCurve[] = useMemo(() => {
    if (!series) return [];
    const byRun = new Map(series.map((s) => [s.run, s]));
    const groups = groupRuns(series.map((s) => s.run), grouping, hparamOf);
    return [...groups.entries()].map(([name, members]) =>
      aggregateGroup(name, members.map((r) => byRun.get(r)!), grouping.band),
    );
  }, [series, grouping.by, grouping.key, grouping.band, hparamOf]);

  const extent = useMemo(() => {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const c of curves) {
      for (let i = 0; i < c.steps.length; i++) {
        x0 = Math.min(x0, c.steps[i]); x1 = Math.max(x1, c.steps[i]);
        y0 = Math.min(y0, c.lo[i]); y1 = Math.max(y1, c.hi[i]);
      }
    }
    if (x0 === Infinity) return null;
    if (x1 === x0) x1 = x0 + 1;
    if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
    return { x0, x1, y0, y1 };
  }, [curves]);

  const px = (x: number) => PAD.left + ((x - extent!.x0) / (extent!.x1 - extent!.x0)) * (width - PAD.left - PAD.right);
  const py = (y: number) => PAD.top + (1 - (y - extent!.y0) / (extent!.y1 - extent!.y0)) * (HEIGHT - PAD.top - PAD.bottom);
  const colorOf = (c: GroupCurve) => app.colors.color(c.runs[0]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !extent) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    ctx.strokeStyle = dark ? '#666' : '#bbb';
    ctx.fillStyle = dark ? '#ccc' : '#333';
    ctx.font = '10px sans-serif';
    ctx.strokeRect(PAD.left, PAD.top, width - PAD.left - PAD.right, HEIGHT - PAD.top - PAD.bottom);
    ctx.textAlign = 'right';
    ctx.fillText(formatValue(extent.y1), PAD.left - 3, PAD.top + 8);
    ctx.fillText(formatValue(extent.y0), PAD.left - 3, HEIGHT - PAD.bottom);
    ctx.textAlign = 'center';
    ctx.fillText(String(extent.x0), PAD.left, HEIGHT - 6);
    ctx.fillText(String(extent.x1), width - PAD.right, HEIGHT - 6);
    for (const c of curves) {
      const color = colorOf(c);
      ctx.beginPath();
      c.steps.forEach((s, i) => (i ? ctx.lineTo(px(s), py(c.hi[i])) : ctx.moveTo(px(s), py(c.hi[i]))));
      for (let i = c.steps.length - 1; i >= 0; i--) ctx.lineTo(px(c.steps[i]), py(c.lo[i]));
      ctx.closePath();
      ctx.fillStyle = hexToRgba(color, 0.2);
      ctx.fill();
      ctx.beginPath();
      c.steps.forEach((s, i) => (i ? ctx.lineTo(px(s), py(c.mean[i])) : ctx.moveTo(px(s), py(c.mean[i]))));
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
    if (hover !== null) {
      ctx.strokeStyle = dark ? '#aaa' : '#555';
      ctx.beginPath();
      ctx.moveTo(px(hover), PAD.top);
      ctx.lineTo(px(hover), HEIGHT - PAD.bottom);
      ctx.stroke();
    }
  });

  const onMove = (e: MouseEvent) => {
    if (!extent) return;
    const rect = canvasRef.current!.getBoundingClientRect();
    const x = extent.x0 + ((e.clientX - rect.left - PAD.left) / (width - PAD.left - PAD.right)) * (extent.x1 - extent.x0);
    setHover(x);
  };
  const rows = hover === null ? [] : curves.map((c) => {
    let best = -1;
    for (let i = 0; i < c.steps.length; i++) if (best < 0 || Math.abs(c.steps[i] - hover) < Math.abs(c.steps[best] - hover)) best = i;
    return { c, i: best };
  }).filter((r) => r.i >= 0);

  return (
    <div class="card" ref={cardRef} data-tag={tag} data-group-count={series ? curves.length : undefined}>
      <div class="card__title">{tag}</div>
      <canvas ref={canvasRef} class="grouped-chart" style={{ width: `${width}px`, height: `${HEIGHT}px` }}
        aria-label={`${tag} by run group`} onMouseMove={onMove} onMouseLeave={() => setHover(null)} />
      {rows.length > 0 && (
        <table class="grouped-tooltip">
          <thead><tr><th>group</th><th>step</th><th>mean</th><th>{grouping.band === 'std' ? '±1 std' : 'min – max'}</th><th>runs</th></tr></thead>
          <tbody>
            {rows.map(({ c, i }) => (
              <tr key={c.name}>
                <td><span class="swatch" style={{ background: colorOf(c) }} /> {c.name}</td>
                <td>{c.steps[i]}</td>
                <td>{formatValue(c.mean[i])}</td>
                <td>{grouping.band === 'std' ? formatValue((c.hi[i] - c.lo[i]) / 2) : `${formatValue(c.lo[i])} – ${formatValue(c.hi[i])}`}</td>
                <td>{c.count[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {series && curves.length === 0 && <p class="empty">No data.</p>}
    </div>
  );
}
