// The HParams dashboard: the session groups as a table, parallel coordinates or a scatter matrix,
// with one set of filters and one selection shared by the three views and kept in the URL, plus
// downloads of what is shown (CSV, JSON, LaTeX).
import { useMemo } from 'preact/hooks';
import { useStore } from '../../state/store';
import { downloadText } from '../scalars/csv_export';
import type { DashboardProps } from '../registry';
import { HParamsTable } from './HParamsTable';
import { ParallelCoords } from './ParallelCoords';
import { ScatterMatrix } from './ScatterMatrix';
import { exportTable, filterRows, sortRows } from './table_model';
import { useHParamsData, useHParamsView } from './use_hparams_data';
import './hparams.css';

const MODES = [
  ['table', 'Table'],
  ['parallel', 'Parallel coordinates'],
  ['scatter', 'Scatter plot matrix'],
] as const;

export function HParamsDashboard({ app }: DashboardProps) {
  const { data, error } = useHParamsData(app);
  const [view, setView] = useHParamsView(app);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');

  const shown = useMemo(() => {
    if (!data) return [];
    return sortRows(filterRows(data.rows, data.columns, view), data.rows, data.columns, view);
  }, [data, view.filters, view.statuses, view.sort]);
  const visible = useMemo(
    () => (data ? data.columns.map((_, i) => i).filter((i) => !view.hidden.includes(data.columns[i].id)) : []),
    [data, view.hidden],
  );

  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="empty">Loading hparams…</p>;
  if (data.rows.length === 0) return <p class="empty">No hparams sessions in this logdir.</p>;

  const download = (format: 'csv' | 'json' | 'latex') => {
    const columns = visible.map((c) => data.columns[c]);
    const rows = data.rows.map((r) => ({ ...r, values: visible.map((c) => r.values[c]) }));
    const type = format === 'json' ? 'application/json' : format === 'csv' ? 'text/csv' : 'application/x-latex';
    downloadText(`hparams.${format === 'latex' ? 'tex' : format}`, exportTable(format, columns, rows, shown), type);
  };

  return (
    <div class="hp-dashboard">
      <div class="hp-toolbar">
        <span role="tablist" aria-label="HParams views">
          {MODES.map(([mode, label]) => (
            <button key={mode} role="tab" aria-selected={view.mode === mode}
              class={`hp-mode${view.mode === mode ? ' hp-mode--on' : ''}`} onClick={() => setView({ mode })}>
              {label}
            </button>
          ))}
        </span>
        <span class="hp-count" data-testid="hp-count">
          {shown.length} of {data.rows.length} groups
        </span>
        <span class="hp-downloads">
          Download shown:
          <button onClick={() => download('csv')}>CSV</button>
          <button onClick={() => download('json')}>JSON</button>
          <button onClick={() => download('latex')}>LaTeX</button>
        </span>
      </div>
      {view.mode === 'table' && (
        <HParamsTable app={app} columns={data.columns} visible={visible} rows={data.rows} shown={shown}
          view={view} setView={setView} />
      )}
      {view.mode === 'parallel' && (
        <ParallelCoords columns={data.columns} visible={visible} rows={data.rows} shown={shown} view={view}
          setView={setView} dark={dark} />
      )}
      {view.mode === 'scatter' && (
        <ScatterMatrix columns={data.columns} visible={visible} rows={data.rows} shown={shown} view={view} />
      )}
    </div>
  );
}
