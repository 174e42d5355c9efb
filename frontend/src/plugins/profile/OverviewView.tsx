// The overview: the step-time breakdown as stacked bars (one per step, roles in priority order),
// the average split, GPU use, device properties, notes about damaged input, and recommendations.
import { useEffect, useRef } from 'preact/hooks';
import { canvasFont } from '../../shell/ui_font';
import { type OverviewData, formatNs } from './profile_api';

export const ROLE_COLORS = ['#4e79a7', '#f28e2b', '#edc948', '#e15759', '#76b7b2', '#59a14f', '#b07aa1', '#bab0ac'];

function drawBars(canvas: HTMLCanvasElement, data: OverviewData) {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(dpr, dpr);
  ctx.clearRect(0, 0, width, height);
  const left = 70;
  const bottom = 24;
  const top = 8;
  const max = Math.max(1, ...data.steps.map((s) => s.duration_ns));
  const plotH = height - bottom - top;
  const slot = (width - left - 8) / Math.max(1, data.steps.length);
  const barW = Math.max(2, Math.min(60, slot * 0.7));
  ctx.font = canvasFont('11px');
  ctx.fillStyle = getComputedStyle(canvas).color;
  ctx.textAlign = 'right';
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    ctx.fillText(formatNs((max * i) / 4), left - 6, y + 4);
    ctx.globalAlpha = 0.15;
    ctx.fillRect(left, y, width - left - 8, 1);
    ctx.globalAlpha = 1;
  }
  ctx.textAlign = 'center';
  data.steps.forEach((step, i) => {
    const x = left + slot * i + (slot - barW) / 2;
    let y = top + plotH;
    step.costs_ns.forEach((cost, role) => {
      const h = (cost / max) * plotH;
      ctx.fillStyle = ROLE_COLORS[role % ROLE_COLORS.length];
      ctx.fillRect(x, y - h, barW, h);
      y -= h;
    });
    ctx.fillStyle = getComputedStyle(canvas).color;
    ctx.fillText(step.name, x + barW / 2, height - 8);
  });
}

export function OverviewView({ data }: { data: OverviewData }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) drawBars(canvas.current, data);
  }, [data]);
  const avg = data.average;
  return (
    <div class="profile-overview">
      {!data.complete || data.notes.length > 0 ? (
        <div class={data.complete ? 'profile-note' : 'profile-warning'} role="status">
          {data.notes.map((n) => (
            <div key={n}>{n}</div>
          ))}
        </div>
      ) : null}
      <section>
        <h3>Step time breakdown</h3>
        <div class="profile-legend">
          {data.roles.map((role, i) => (
            <span key={role}>
              <i style={{ background: ROLE_COLORS[i] }} />
              {role}
            </span>
          ))}
        </div>
        <canvas ref={canvas} class="profile-steps-chart" aria-label="Step time breakdown" />
        <table class="profile-summary">
          <thead>
            <tr>
              <th>Category</th>
              <th>Average per step</th>
              <th>Share</th>
            </tr>
          </thead>
          <tbody>
            {data.roles.map((role, i) => (
              <tr key={role}>
                <td>
                  <i class="profile-swatch" style={{ background: ROLE_COLORS[i] }} />
                  {role}
                </td>
                <td>{formatNs(avg.costs_ns[i])}</td>
                <td>{avg.step_ns > 0 ? `${((avg.costs_ns[i] / avg.step_ns) * 100).toFixed(1)}%` : ''}</td>
              </tr>
            ))}
            <tr>
              <td>
                <b>Step</b>
              </td>
              <td>
                <b>{formatNs(avg.step_ns)}</b>
              </td>
              <td />
            </tr>
          </tbody>
        </table>
        <p class="profile-muted">
          {data.format} trace, {data.events.toLocaleString()} events, {data.steps.length} steps
          {data.profiler_steps ? '' : ' (no ProfilerStep markers: the whole trace is one step)'}
          {data.removed_tail_steps > 0 ? `, ${data.removed_tail_steps} incomplete trailing steps left out` : ''}
        </p>
      </section>
      {data.devices.length > 0 ? (
        <section>
          <h3>GPU</h3>
          <table class="profile-summary">
            <thead>
              <tr>
                <th>Device</th>
                <th>GPU utilization</th>
                <th>Est. SM efficiency</th>
                <th>Est. achieved occupancy</th>
                <th>Kernel time</th>
              </tr>
            </thead>
            <tbody>
              {data.devices.map((d) => (
                <tr key={d.device}>
                  <td>GPU {d.device}</td>
                  <td>{(d.gpu_utilization * 100).toFixed(2)}%</td>
                  <td>{d.sm_efficiency === null ? '–' : `${(d.sm_efficiency * 100).toFixed(2)}%`}</td>
                  <td>{d.achieved_occupancy === null ? '–' : `${d.achieved_occupancy.toFixed(2)}%`}</td>
                  <td>{formatNs(d.kernel_time_ns)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {data.device_properties.length > 0 ? (
        <section>
          <h3>Devices</h3>
          <table class="profile-summary">
            <thead>
              <tr>
                {Object.keys(data.device_properties[0]).map((k) => (
                  <th key={k}>{k}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.device_properties.map((p, i) => (
                <tr key={i}>
                  {Object.keys(data.device_properties[0]).map((k) => (
                    <td key={k}>{String(p[k] ?? '')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {data.recommendations.length > 0 ? (
        <section>
          <h3>Recommendations</h3>
          <ul>
            {data.recommendations.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
