import { describe, expect, it } from 'vitest';
import { sortTooltipRows } from '../src/plugins/scalars/tooltip_sort';

const rows = () => [
  { run: 'b', smoothed: 2, value: 5, dotTop: 40 },
  { run: 'nan', smoothed: NaN, value: NaN, dotTop: null },
  { run: 'a', smoothed: 3, value: 1, dotTop: 10 },
  { run: 'c', smoothed: 1, value: 3, dotTop: 90 },
];
const order = (sorted: { run: string }[]) => sorted.map((r) => r.run);

describe('sortTooltipRows', () => {
  it('sorts by the drawn value: smoothed while smoothing is on, raw otherwise', () => {
    expect(order(sortTooltipRows(rows(), 'descending', true, 0))).toEqual(['a', 'b', 'c', 'nan']);
    expect(order(sortTooltipRows(rows(), 'descending', false, 0))).toEqual(['b', 'c', 'a', 'nan']);
    expect(order(sortTooltipRows(rows(), 'ascending', true, 0))).toEqual(['c', 'b', 'a', 'nan']);
  });

  it('puts the point nearest the cursor first', () => {
    // Cursor at y = 50: b is 10 px away, a 40, c 40 (a before c: run order breaks the tie).
    expect(order(sortTooltipRows(rows(), 'nearest', true, 50))).toEqual(['b', 'a', 'c', 'nan']);
    expect(order(sortTooltipRows(rows(), 'nearest', true, 85))).toEqual(['c', 'b', 'a', 'nan']);
  });

  it('sorts by run name', () => {
    expect(order(sortTooltipRows(rows(), 'name', true, 0))).toEqual(['a', 'b', 'c', 'nan']);
  });
});
