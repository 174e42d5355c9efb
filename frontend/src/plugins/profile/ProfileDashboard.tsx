// The Profile dashboard: pick a run and host (a PyTorch trace file or an XSpace host), then a
// view: overview, operators, kernels, memory, trace timeline, distributed (when the trace has
// distributedInfo) or a comparison with another run.
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../../state/store';
import type { DashboardProps } from '../registry';
import { CompareView } from './CompareView';
import { DataTable } from './DataTable';
import { DistributedView } from './DistributedView';
import { MemoryView } from './MemoryView';
import { OverviewView } from './OverviewView';
import {
  type Cell,
  type MemoryData,
  type OverviewData,
  type ProfileHost,
  type TableData,
  type Target,
  fetchHosts,
  fetchRuns,
  fetchTool,
  formatNs,
} from './profile_api';
import { TimelineView } from './TimelineView';
import './profile.css';

type ViewName = 'overview' | 'operators' | 'kernels' | 'memory' | 'trace' | 'distributed' | 'compare';

function formatTableCell(column: string, cell: Cell): string {
  if (cell === null) return '';
  if (column.endsWith('_ns') && typeof cell === 'number') return formatNs(cell);
  if (Array.isArray(cell)) return cell.join(' × ');
  if (typeof cell === 'number' && !Number.isInteger(cell)) return cell.toFixed(2);
  return String(cell);
}

function useAsync<T>(load: (() => Promise<T>) | null, deps: unknown[]): { value: T | null; error: string | null } {
  const [state, setState] = useState<{ value: T | null; error: string | null }>({ value: null, error: null });
  useEffect(() => {
    if (!load) return;
    let live = true;
    setState({ value: null, error: null });
    load()
      .then((value) => live && setState({ value, error: null }))
      .catch((e: unknown) => live && setState({ value: null, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, deps);
  return state;
}

function TargetPicker(props: {
  runs: string[];
  target: Target | null;
  onChange: (t: Target) => void;
  label: string;
}) {
  const [hosts, setHosts] = useState<ProfileHost[]>([]);
  const run = props.target?.run ?? '';
  useEffect(() => {
    if (!run) return;
    fetchHosts(run)
      .then((h) => {
        setHosts(h);
        if (h.length > 0 && !h.some((x) => x.hostname === props.target?.host))
          props.onChange({ run, host: h[0].hostname });
      })
      .catch(() => setHosts([]));
  }, [run]);
  return (
    <span class="profile-picker">
      <label>
        {props.label}{' '}
        <select
          value={run}
          onChange={(e) => props.onChange({ run: (e.target as HTMLSelectElement).value, host: '' })}
        >
          {props.runs.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>{' '}
      <label>
        Host{' '}
        <select
          value={props.target?.host ?? ''}
          onChange={(e) => props.onChange({ run, host: (e.target as HTMLSelectElement).value })}
        >
          {hosts.map((h) => (
            <option key={h.hostname} value={h.hostname}>
              {h.hostname}
            </option>
          ))}
        </select>
      </label>
    </span>
  );
}

export function ProfileDashboard({ app }: DashboardProps) {
  const refresh = useStore(app.data, (d) => d.refresh);
  const runs = useAsync(fetchRuns, [refresh]);
  const [target, setTarget] = useState<Target | null>(null);
  const [other, setOther] = useState<Target | null>(null);
  const [view, setView] = useState<ViewName>('overview');
  const [groupBy, setGroupBy] = useState<'name' | 'name_and_shape'>('name');

  useEffect(() => {
    const list = runs.value;
    if (list && list.length > 0 && (!target || !list.includes(target.run))) setTarget({ run: list[0], host: '' });
    if (list && list.length > 0 && !other) setOther({ run: list[Math.min(1, list.length - 1)], host: '' });
  }, [runs.value]);

  const ready = target && target.host ? target : null;
  const overview = useAsync<OverviewData>(ready ? () => fetchTool(ready, 'overview_page') : null, [
    ready?.run,
    ready?.host,
    refresh,
  ]);
  const table = useAsync<TableData>(
    ready && (view === 'operators' || view === 'kernels')
      ? () => fetchTool(ready, view === 'operators' ? 'op_profile' : 'kernel_stats', view === 'operators' ? { group_by: groupBy } : {})
      : null,
    [ready?.run, ready?.host, view, groupBy, refresh],
  );
  const memory = useAsync<MemoryData>(ready && view === 'memory' ? () => fetchTool(ready, 'memory_profile') : null, [
    ready?.run,
    ready?.host,
    view,
    refresh,
  ]);

  if (runs.error) return <div class="profile-warning">{runs.error}</div>;
  if (!runs.value) return <p class="profile-muted">Loading…</p>;
  if (runs.value.length === 0) return <p class="profile-muted">No profile data in the logdir.</p>;

  const views: [ViewName, string][] = [
    ['overview', 'Overview'],
    ['operators', 'Operators'],
    ['kernels', 'Kernels'],
    ['memory', 'Memory'],
    ['trace', 'Trace'],
  ];
  if (overview.value?.distributed_info) views.push(['distributed', 'Distributed']);
  views.push(['compare', 'Compare']);

  return (
    <div class="profile-dashboard">
      <div class="profile-toolbar">
        <TargetPicker runs={runs.value} target={target} onChange={setTarget} label="Run" />
        <nav class="profile-views" role="tablist">
          {views.map(([name, label]) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={view === name}
              class={view === name ? 'active' : ''}
              onClick={() => setView(name)}
            >
              {label}
            </button>
          ))}
        </nav>
      </div>
      {overview.error ? <div class="profile-warning">{overview.error}</div> : null}
      {!ready || !overview.value ? (
        <p class="profile-muted">Indexing the trace…</p>
      ) : view === 'overview' ? (
        <OverviewView data={overview.value} />
      ) : view === 'operators' || view === 'kernels' ? (
        <div>
          {view === 'operators' ? (
            <label class="profile-group-by">
              Group by{' '}
              <select
                value={groupBy}
                onChange={(e) => setGroupBy((e.target as HTMLSelectElement).value as 'name' | 'name_and_shape')}
              >
                <option value="name">Operator</option>
                <option value="name_and_shape">Operator + input shape</option>
              </select>
            </label>
          ) : null}
          {table.error ? <div class="profile-warning">{table.error}</div> : null}
          {table.value ? (
            <DataTable
              key={`${view}-${groupBy}`}
              columns={table.value.columns}
              rows={table.value.rows}
              format={formatTableCell}
              csvName={view === 'operators' ? 'operators.csv' : 'kernels.csv'}
              hidden={view === 'operators' && groupBy === 'name' ? ['input_shapes'] : []}
            />
          ) : (
            <p class="profile-muted">Loading…</p>
          )}
        </div>
      ) : view === 'memory' ? (
        memory.value ? (
          <MemoryView data={memory.value} />
        ) : (
          <p class="profile-muted">{memory.error ?? 'Loading…'}</p>
        )
      ) : view === 'trace' ? (
        <TimelineView target={ready} durationNs={overview.value.duration_ns} />
      ) : view === 'distributed' ? (
        <DistributedView hosts={[[ready.host, overview.value]]} />
      ) : (
        <div>
          <TargetPicker runs={runs.value} target={other} onChange={setOther} label="Compare with run" />
          {other && other.host ? <CompareView first={ready} second={other} /> : null}
        </div>
      )}
    </div>
  );
}
