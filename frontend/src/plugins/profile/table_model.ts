// Pure helpers for the profile tables: search, sort and CSV of rows of cells.
import type { Cell } from './profile_api';

export interface SortState {
  column: number;
  descending: boolean;
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (Array.isArray(cell)) return cell.join('x');
  return String(cell);
}

/** Rows whose any cell contains `query` (case-insensitive); all rows for an empty query. */
export function filterRows(rows: readonly Cell[][], query: string): Cell[][] {
  const q = query.trim().toLowerCase();
  if (!q) return rows.slice();
  return rows.filter((row) => row.some((cell) => cellText(cell).toLowerCase().includes(q)));
}

function compareCells(a: Cell, b: Cell): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return cellText(a).localeCompare(cellText(b));
}

/** A sorted copy; ties keep their order. Nulls sort lowest. */
export function sortRows(rows: readonly Cell[][], sort: SortState): Cell[][] {
  const indexed = rows.map((row, i) => [row, i] as const);
  indexed.sort((x, y) => {
    const c = compareCells(x[0][sort.column], y[0][sort.column]);
    return (sort.descending ? -c : c) || x[1] - y[1];
  });
  return indexed.map(([row]) => row);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a header row. */
export function toCsv(columns: readonly string[], rows: readonly Cell[][]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map((cell) => csvField(cellText(cell))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
