// Memory: allocated and reserved bytes over time per device (uPlot), the peak marked, and the
// allocations matched with their frees in a table.
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { DataTable } from './DataTable';
import { type Cell, type MemoryData, formatBytes, formatNs } from './profile_api';

function MemoryChart({ name, series }: { name: string; series: MemoryData['devices'][string] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const xs = series.points.map((p) => p[0] / 1e6);
    const allocated = series.points.map((p) => p[1]);
    const reserved = series.points.map((p) => (p[2] >= 0 ? p[2] : null));
    const peakX = series.peak_ts_ns / 1e6;
    const plot = new uPlot(
      {
        width: Math.max(300, host.current.clientWidth),
        height: 260,
        scales: { x: { time: false } },
        axes: [
          { label: 'ms' },
          { values: (_u, ticks) => ticks.map((t) => formatBytes(t)), size: 80 },
        ],
        series: [
          {},
          { label: 'Allocated', stroke: '#4e79a7', width: 1.5, value: (_u, v) => (v === null ? '' : formatBytes(v)) },
          { label: 'Reserved', stroke: '#f28e2b', width: 1, value: (_u, v) => (v === null ? '' : formatBytes(v)) },
        ],
        hooks: {
          draw: [
            (u) => {
              const x = u.valToPos(peakX, 'x', true);
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = '#e15759';
              ctx.setLineDash([4, 4]);
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.restore();
            },
          ],
        },
      },
      [xs, allocated, reserved],
      host.current,
    );
    return () => plot.destroy();
  }, [series]);
  return (
    <div class="profile-memory-chart">
      <h4>
        {name}: peak {formatBytes(series.peak_allocated)} at {formatNs(series.peak_ts_ns)}
      </h4>
      <div ref={host} />
    </div>
  );
}

function formatCell(column: string, cell: Cell): string {
  if (cell === null) return '';
  if (column === 'bytes' && typeof cell === 'number') return formatBytes(cell);
  if (column.endsWith('_ns') && typeof cell === 'number') return formatNs(cell);
  return String(cell);
}

export function MemoryView({ data }: { data: MemoryData }) {
  const devices = Object.keys(data.devices);
  const [device, setDevice] = useState(devices.find((d) => d.startsWith('GPU')) ?? devices[0]);
  if (devices.length === 0) return <p class="profile-muted">This trace recorded no memory events.</p>;
  return (
    <div class="profile-memory">
      <label>
        Device{' '}
        <select value={device} onChange={(e) => setDevice((e.target as HTMLSelectElement).value)}>
          {devices.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </label>
      {data.devices[device] ? <MemoryChart name={device} series={data.devices[device]} /> : null}
      <h4>
        Allocations ({data.rows.length} of {data.allocations_total})
      </h4>
      <DataTable
        columns={data.columns}
        rows={data.rows.filter((r) => r[0] === device)}
        format={formatCell}
        csvName="memory.csv"
        initialSort={{ column: 3, descending: true }}
      />
    </div>
  );
}
