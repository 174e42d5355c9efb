// The HParams dashboard's data model, shared by the table, the parallel coordinates and the scatter
// matrix: columns (one per hparam, then per metric), rows (one per session group, values as
// numbers/strings/bools or null when missing), and the view state kept in the URL — the sort, the
// per-column filters (a regex for strings, a range for numbers, a set of values for discrete
// columns), the allowed statuses, hidden columns, log axes and the colour metric. Pure functions.
import type { Experiment, HValue, SessionGroup } from './hparams_api';

export interface Column {
  id: string;
  label: string;
  kind: 'hparam' | 'metric';
  /** 'number' for floats and metrics, 'string' or 'bool'. */
  type: 'number' | 'string' | 'bool';
  /** For discrete columns: the values to offer as checkboxes (domain, or those seen). */
  values: HValue[];
  /** Metric name (for metric columns). */
  metric?: { group: string; tag: string };
}

export interface Row {
  name: string;
  values: (HValue | null)[];
  /** Status of each session (a group passes the status filter when any session does). */
  statuses: string[];
  sessions: string[];
}

export interface ColumnFilter {
  regex?: string;
  min?: number;
  max?: number;
  values?: HValue[];
}

export interface HParamsView {
  mode: 'table' | 'parallel' | 'scatter';
  sort: { col: string; desc: boolean } | null;
  filters: Record<string, ColumnFilter>;
  /** Allowed statuses; empty means all. */
  statuses: string[];
  hidden: string[];
  log: string[];
  colorBy: string;
}

export const DEFAULT_HPARAMS_VIEW: HParamsView = {
  mode: 'table',
  sort: null,
  filters: {},
  statuses: [],
  hidden: [],
  log: [],
  colorBy: '',
};

export function decodeHParamsView(text: string): HParamsView {
  if (!text) return DEFAULT_HPARAMS_VIEW;
  try {
    const parsed = JSON.parse(text) as Partial<HParamsView>;
    return { ...DEFAULT_HPARAMS_VIEW, ...parsed };
  } catch {
    return DEFAULT_HPARAMS_VIEW;
  }
}

export function encodeHParamsView(view: HParamsView): string {
  const out: Partial<HParamsView> = {};
  for (const key of Object.keys(view) as (keyof HParamsView)[]) {
    if (JSON.stringify(view[key]) !== JSON.stringify(DEFAULT_HPARAMS_VIEW[key])) {
      (out as Record<string, unknown>)[key] = view[key];
    }
  }
  return Object.keys(out).length ? JSON.stringify(out) : '';
}

export function metricId(group: string, tag: string): string {
  return `m:${group}/${tag}`;
}

export function buildColumns(experiment: Experiment, groups: readonly SessionGroup[]): Column[] {
  const columns: Column[] = experiment.hparamInfos.map((h) => {
    const type = h.type === 'DATA_TYPE_STRING' ? 'string' : h.type === 'DATA_TYPE_BOOL' ? 'bool' : 'number';
    let values: HValue[] = h.domainDiscrete ? [...h.domainDiscrete] : [];
    if (!h.domainDiscrete && type !== 'number') {
      values = [...new Set(groups.map((g) => g.hparams[h.name]).filter((v) => v !== undefined))];
    }
    return { id: `h:${h.name}`, label: h.displayName || h.name, kind: 'hparam', type, values };
  });
  for (const m of experiment.metricInfos) {
    columns.push({
      id: metricId(m.name.group, m.name.tag),
      label: m.displayName || (m.name.group ? `${m.name.group}/${m.name.tag}` : m.name.tag),
      kind: 'metric',
      type: 'number',
      values: [],
      metric: m.name,
    });
  }
  return columns;
}

function numberOf(v: number | string): number {
  return typeof v === 'number' ? v : Number(v);
}

export function buildRows(columns: readonly Column[], groups: readonly SessionGroup[]): Row[] {
  return groups.map((g) => {
    const metrics = new Map(g.metricValues.map((m) => [metricId(m.name.group, m.name.tag), numberOf(m.value)]));
    return {
      name: g.name,
      values: columns.map((c) => {
        if (c.kind === 'metric') return metrics.get(c.id) ?? null;
        const v = g.hparams[c.id.slice(2)];
        return v === undefined ? null : v;
      }),
      statuses: g.sessions.map((s) => s.status),
      sessions: g.sessions.map((s) => s.name),
    };
  });
}

/** Whether `value` passes every part of `filter` (a missing value passes only an empty filter). */
export function passes(value: HValue | null, filter: ColumnFilter, regex: RegExp | null): boolean {
  if (filter.values && !(value !== null && filter.values.some((v) => v === value))) return false;
  if (regex && !(value !== null && regex.test(String(value)))) return false;
  if (filter.min !== undefined || filter.max !== undefined) {
    if (typeof value !== 'number' || Number.isNaN(value)) return false;
    if (filter.min !== undefined && value < filter.min) return false;
    if (filter.max !== undefined && value > filter.max) return false;
  }
  return true;
}

/** Indices of the rows passing every filter and the status filter. */
export function filterRows(rows: readonly Row[], columns: readonly Column[], view: HParamsView): number[] {
  const active: { index: number; filter: ColumnFilter; regex: RegExp | null }[] = [];
  columns.forEach((c, index) => {
    const filter = view.filters[c.id];
    if (!filter) return;
    let regex: RegExp | null = null;
    if (filter.regex) {
      try {
        regex = new RegExp(filter.regex);
      } catch {
        regex = null;
      }
    }
    active.push({ index, filter, regex });
  });
  const statuses = new Set(view.statuses);
  const kept: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (statuses.size && !row.statuses.some((s) => statuses.has(s))) continue;
    if (active.every((a) => passes(row.values[a.index], a.filter, a.regex))) kept.push(i);
  }
  return kept;
}

function compareValues(a: HValue, b: HValue): number {
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a !== typeof b) return typeof a === 'string' ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? 0 : Number.isNaN(x) ? 1 : -1;
  return x - y;
}

/** Sorts `indices` in place by the view's sort column (missing values last), then by group name. */
export function sortRows(indices: number[], rows: readonly Row[], columns: readonly Column[], view: HParamsView): number[] {
  const col = view.sort ? columns.findIndex((c) => c.id === view.sort!.col) : -1;
  const sign = view.sort?.desc ? -1 : 1;
  indices.sort((i, j) => {
    if (col >= 0) {
      const a = rows[i].values[col];
      const b = rows[j].values[col];
      if (a === null || b === null) {
        if (a !== b) return a === null ? 1 : -1;
      } else {
        const nanA = typeof a === 'number' && Number.isNaN(a);
        const nanB = typeof b === 'number' && Number.isNaN(b);
        if (nanA !== nanB) return nanA ? 1 : -1;
        const c = compareValues(a, b);
        if (c !== 0) return sign * c;
      }
    }
    return rows[i].name < rows[j].name ? -1 : rows[i].name > rows[j].name ? 1 : 0;
  });
  return indices;
}

/** The table shown, as CSV, JSON ({header, rows}) or a LaTeX tabular. */
export function exportTable(
  format: 'csv' | 'json' | 'latex',
  columns: readonly Column[],
  rows: readonly Row[],
  shown: readonly number[],
): string {
  const header = ['Group', ...columns.map((c) => c.label)];
  const body = shown.map((i) => [rows[i].name, ...rows[i].values]);
  if (format === 'json') return JSON.stringify({ header, rows: body });
  if (format === 'csv') {
    const field = (v: HValue | null) => {
      const text = v === null ? '' : String(v);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    return [header, ...body].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
  }
  const tex = (v: HValue | null) => {
    if (v === null) return '-';
    if (typeof v === 'number') return Number.isFinite(v) ? `$${Number(v.toPrecision(3))}$` : `$${v}$`;
    return String(v).replace(/_/g, '\\_').replace(/%/g, '\\%');
  };
  return (
    `\\begin{table}[tbp]\n\\begin{tabular}{${'l'.repeat(header.length)}}\n` +
    header.map(tex).join(' & ') +
    ' \\\\ \\hline\n' +
    body.map((r) => r.map(tex).join(' & ') + ' \\\\\n').join('') +
    '\\hline\n\\end{tabular}\n\\end{table}\n'
  );
}
