// The order of the runs in a scalar chart's hover tooltip, chosen as in TensorBoard's scalars
// settings: by value (descending or ascending), by distance from the cursor ("nearest"), or by run
// name. The value is the smoothed one while smoothing is on (what the chart draws), else the raw
// one. NaN values go last in every order. Pure functions.
import type { TooltipSort } from '../../state/view_state';

export interface SortableRow {
  run: string;
  smoothed: number;
  value: number;
  /** The row's point in CSS pixels from the top of the plot; null when it is not drawn. */
  dotTop: number | null;
}

/** Sorts `rows` in place by `method` and returns them. `cursorTop` is the cursor's y in CSS pixels. */
export function sortTooltipRows<T extends SortableRow>(
  rows: T[],
  method: TooltipSort,
  smoothingOn: boolean,
  cursorTop: number,
): T[] {
  const value = (row: T) => (smoothingOn ? row.smoothed : row.value);
  // NaN (and undrawn points for "nearest") after everything else, keeping run order among them.
  const key = (row: T): number => {
    switch (method) {
      case 'descending':
        return -value(row);
      case 'ascending':
        return value(row);
      case 'nearest':
        return row.dotTop === null ? NaN : Math.abs(row.dotTop - cursorTop);
      case 'name':
        return 0;
    }
  };
  if (method === 'name') return rows.sort((a, b) => (a.run < b.run ? -1 : a.run > b.run ? 1 : 0));
  const keyed = rows.map((row, index) => ({ row, index, key: key(row) }));
  keyed.sort((a, b) => {
    const aNaN = Number.isNaN(a.key);
    const bNaN = Number.isNaN(b.key);
    if (aNaN || bNaN) return aNaN === bNaN ? a.index - b.index : aNaN ? 1 : -1;
    return a.key - b.key || a.index - b.index;
  });
  keyed.forEach((entry, i) => (rows[i] = entry.row));
  return rows;
}
