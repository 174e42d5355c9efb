// A sortable, searchable table of a profile tool's rows with a CSV download. Columns are named
// by the server; `format` turns a cell into text (durations, bytes). Shows at most `limit` rows.
import { useMemo, useState } from 'preact/hooks';
import type { Cell } from './profile_api';
import { type SortState, filterRows, sortRows, toCsv } from './table_model';

export interface DataTableProps {
  columns: string[];
  rows: Cell[][];
  /** Column headers to show (defaults to the column names). */
  labels?: Record<string, string>;
  format?: (column: string, cell: Cell) => string;
  initialSort?: SortState;
  csvName: string;
  limit?: number;
  hidden?: string[];
}

function defaultFormat(_column: string, cell: Cell): string {
  if (cell === null) return '';
  if (Array.isArray(cell)) return cell.join(' × ');
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : cell.toFixed(2);
  return String(cell);
}

export function DataTable(props: DataTableProps) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortState | null>(props.initialSort ?? null);
  const shown = useMemo(() => {
    const filtered = filterRows(props.rows, query);
    return sort ? sortRows(filtered, sort) : filtered;
  }, [props.rows, query, sort]);
  const format = props.format ?? defaultFormat;
  const limit = props.limit ?? 500;
  const visible = props.columns.map((c, i) => [c, i] as const).filter(([c]) => !props.hidden?.includes(c));

  const download = () => {
    const blob = new Blob([toCsv(props.columns, shown)], { type: 'text/csv' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = props.csvName;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <div class="profile-table">
      <div class="profile-table-bar">
        <input
          type="search"
          placeholder="Search"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          aria-label="Search rows"
        />
        <span class="profile-muted">
          {shown.length} of {props.rows.length} rows
        </span>
        <button type="button" onClick={download}>
          Download CSV
        </button>
      </div>
      <div class="profile-table-scroll">
        <table>
          <thead>
            <tr>
              {visible.map(([column, i]) => (
                <th
                  key={column}
                  data-column={column}
                  onClick={() =>
                    setSort((s) => ({ column: i, descending: s?.column === i ? !s.descending : true }))
                  }
                >
                  {props.labels?.[column] ?? column}
                  {sort?.column === i ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, limit).map((row, r) => (
              <tr key={r}>
                {visible.map(([column, i]) => (
                  <td key={column} title={typeof row[i] === 'string' ? (row[i] as string) : undefined}>
                    {format(column, row[i])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
