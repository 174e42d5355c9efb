// The session-group table: one row per group, a header per visible column (click to sort, click
// again to reverse), a filter under each header (regex for strings, min/max for numbers, a value
// menu for discrete columns). Rows are virtualised — only those in view are in the DOM — so 10,000
// groups scroll smoothly. Expanding a row shows its sessions' metric curves with the Scalars card.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { ScalarCard } from '../scalars/ScalarCard';
import { metricRun } from './hparams_api';
import type { Column, ColumnFilter, HParamsView, Row } from './table_model';

const ROW_HEIGHT = 26;
const OVERSCAN = 8;

interface TableProps {
  app: AppServices;
  columns: Column[];
  visible: number[];
  rows: Row[];
  shown: number[];
  view: HParamsView;
  setView: (patch: Partial<HParamsView>) => void;
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return String(v);
}

function FilterCell({ column, filter, onChange }: { column: Column; filter?: ColumnFilter; onChange: (f?: ColumnFilter) => void }) {
  if (column.type === 'number' && column.values.length === 0) {
    const set = (key: 'min' | 'max', text: string) => {
      const next: ColumnFilter = { ...filter };
      if (text === '' || Number.isNaN(Number(text))) delete next[key];
      else next[key] = Number(text);
      onChange(next.min === undefined && next.max === undefined ? undefined : next);
    };
    return (
      <span class="hp-filter-range">
        <input class="input input--small" placeholder="min" aria-label={`${column.label} minimum`}
          value={filter?.min ?? ''} onChange={(e) => set('min', (e.target as HTMLInputElement).value)} />
        <input class="input input--small" placeholder="max" aria-label={`${column.label} maximum`}
          value={filter?.max ?? ''} onChange={(e) => set('max', (e.target as HTMLInputElement).value)} />
      </span>
    );
  }
  const regexInput =
    column.type === 'string' ? (
      <input class="input input--small" placeholder="regex" aria-label={`${column.label} filter`}
        value={filter?.regex ?? ''}
        onInput={(e) => {
          const text = (e.target as HTMLInputElement).value;
          const next: ColumnFilter = { ...filter };
          if (text) next.regex = text;
          else delete next.regex;
          onChange(Object.keys(next).length ? next : undefined);
        }} />
    ) : null;
  if (column.values.length === 0) return regexInput;
  const chosen = filter?.values ?? column.values;
  const toggle = (v: unknown, on: boolean) => {
    const values = (on ? [...chosen, v] : chosen.filter((x) => x !== v)) as ColumnFilter['values'];
    const next: ColumnFilter = { ...filter, values };
    if (values!.length === column.values.length) delete next.values;
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <span class="hp-filter-discrete">
      {regexInput}
      <details class="hp-filter-values">
        <summary>{filter?.values ? `${filter.values.length} of ${column.values.length}` : 'all'}</summary>
        {column.values.map((v) => (
          <label class="check" key={String(v)}>
            <input type="checkbox" checked={chosen.includes(v)} aria-label={`${column.label} ${String(v)}`}
              onChange={(e) => toggle(v, (e.target as HTMLInputElement).checked)} />
            {String(v)}
          </label>
        ))}
      </details>
    </span>
  );
}

function ExpandedRow({ app, row, columns }: { app: AppServices; row: Row; columns: Column[] }) {
  const metrics = columns.filter((c) => c.metric);
  return (
    <div class="hp-expanded">
      {metrics.map((c) => (
        <ScalarCard key={c.id} app={app} tag={c.metric!.tag}
          runs={row.sessions.map((s) => metricRun(s, c.metric!.group))} allRuns={false} description="" />
      ))}
    </div>
  );
}

export function HParamsTable({ app, columns, visible, rows, shown, view, setView }: TableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [expanded, setExpanded] = useState<string | null>(null);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return undefined;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const expandedIndex = expanded === null ? -1 : shown.findIndex((i) => rows[i].name === expanded);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const template = `2rem minmax(10rem, 1.5fr) ${visible.map(() => 'minmax(7rem, 1fr)').join(' ')}`;

  const sortBy = (id: string) => {
    const desc = view.sort?.col === id ? !view.sort.desc : false;
    setView({ sort: { col: id, desc } });
  };
  const setFilter = (id: string, f?: ColumnFilter) => {
    const filters = { ...view.filters };
    if (f) filters[id] = f;
    else delete filters[id];
    setView({ filters });
  };

  const body = [];
  for (let k = first; k < last; k++) {
    const row = rows[shown[k]];
    const open = row.name === expanded;
    body.push(
      <div class={`hp-row${open ? ' hp-row--open' : ''}`} role="row" key={row.name} data-group={row.name}
        style={{ gridTemplateColumns: template, top: `${k * ROW_HEIGHT}px` }}>
        <button class="hp-expand" aria-label={`${open ? 'Collapse' : 'Expand'} ${row.name}`}
          aria-expanded={open} onClick={() => setExpanded(open ? null : row.name)}>{open ? '▾' : '▸'}</button>
        <span role="cell" class="hp-cell hp-cell--name" title={row.name}>{row.name}</span>
        {visible.map((c) => (
          <span role="cell" class="hp-cell" key={c}>{formatValue(row.values[c])}</span>
        ))}
      </div>,
    );
  }

  return (
    <div class="hp-table" role="table" aria-label="Session groups">
      <div class="hp-head" role="row" style={{ gridTemplateColumns: template }}>
        <span />
        <span role="columnheader" class="hp-cell">Group</span>
        {visible.map((c) => {
          const column = columns[c];
          const sorted = view.sort?.col === column.id;
          return (
            <span role="columnheader" class="hp-cell" key={column.id}
              aria-sort={sorted ? (view.sort!.desc ? 'descending' : 'ascending') : 'none'}>
              <button class="hp-sort" onClick={() => sortBy(column.id)} title={`Sort by ${column.label}`}>
                {column.label} {sorted ? (view.sort!.desc ? '↓' : '↑') : ''}
              </button>
              <FilterCell column={column} filter={view.filters[column.id]} onChange={(f) => setFilter(column.id, f)} />
            </span>
          );
        })}
      </div>
      <div class="hp-scroll" ref={scrollRef} onScroll={(e) => setScrollTop((e.target as HTMLDivElement).scrollTop)}>
        <div class="hp-rows" style={{ height: `${shown.length * ROW_HEIGHT}px` }}>{body}</div>
      </div>
      {expandedIndex >= 0 && (
        <ExpandedRow app={app} row={rows[shown[expandedIndex]]} columns={columns} />
      )}
    </div>
  );
}
