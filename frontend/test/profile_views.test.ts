// The Profile dashboard's pure parts: table search/sort/CSV, timeline zoom and pan (WASD), track
// layout, and the operator comparison of two runs.
import { describe, expect, it } from 'vitest';
import { compareOperators, compareSteps } from '../src/plugins/profile/CompareView';
import type { TimelineData } from '../src/plugins/profile/profile_api';
import { filterRows, sortRows, toCsv } from '../src/plugins/profile/table_model';
import { ROW_HEIGHT, TRACK_GAP, layoutTracks, pan, zoom } from '../src/plugins/profile/timeline_view';

describe('profile tables', () => {
  const rows = [
    ['aten::mm', 3, 1500],
    ['aten::add', 10, null],
    ['aten::conv2d', 2, 9000],
  ];
  it('searches any cell, case-insensitively', () => {
    expect(filterRows(rows, 'CONV')).toEqual([rows[2]]);
    expect(filterRows(rows, '  ')).toHaveLength(3);
  });
  it('sorts numbers numerically with nulls lowest', () => {
    expect(sortRows(rows, { column: 2, descending: true }).map((r) => r[0])).toEqual([
      'aten::conv2d',
      'aten::mm',
      'aten::add',
    ]);
    expect(sortRows(rows, { column: 0, descending: false })[0][0]).toBe('aten::add');
  });
  it('writes CSV with quoting and CRLF', () => {
    expect(toCsv(['name', 'dims'], [['a,b', [2, 3]], ['say "hi"', null]])).toBe(
      'name,dims\r\n"a,b",2x3\r\n"say ""hi""",\r\n',
    );
  });
});

describe('timeline window', () => {
  it('zooms about a point and clamps to the trace', () => {
    expect(zoom({ start: 0, end: 1000000 }, 0.5, 500000, 1000000)).toEqual({ start: 250000, end: 750000 });
    expect(zoom({ start: 0, end: 1000000 }, 0.5, 0, 1000000)).toEqual({ start: 0, end: 500000 });
    expect(zoom({ start: 0, end: 500000 }, 4, 0, 1000000)).toEqual({ start: 0, end: 1000000 });
    // Never narrower than 1 us.
    expect(zoom({ start: 0, end: 2000 }, 0.01, 0, 1000000)).toEqual({ start: 0, end: 1000 });
  });
  it('pans by a fraction of the span without leaving the trace', () => {
    expect(pan({ start: 100000, end: 200000 }, 0.25, 1000000)).toEqual({ start: 125000, end: 225000 });
    expect(pan({ start: 100000, end: 200000 }, -5, 1000000)).toEqual({ start: 0, end: 100000 });
    expect(pan({ start: 800000, end: 900000 }, 5, 1000000)).toEqual({ start: 900000, end: 1000000 });
  });
  it('stacks tracks by their depth', () => {
    const track = (depth: number) => ({ id: 0, pid: '1', tid: '1', process: '', thread: '', device: false, depth, events: [] });
    const data: TimelineData = {
      start_ns: 0,
      end_ns: 1,
      resolution_ns: 1,
      duration_ns: 1,
      tracks: [track(3), track(1)],
      flows: [],
      names: [],
    };
    expect(layoutTracks(data)).toEqual({
      offsets: [0, 3 * ROW_HEIGHT + TRACK_GAP],
      height: 4 * ROW_HEIGHT + 2 * TRACK_GAP,
    });
  });
});

describe('compare', () => {
  it('lines up operators of two runs by name with differences', () => {
    const columns = ['name', 'input_shapes', 'calls', 'host_self_ns', 'host_total_ns', 'device_self_ns'];
    const a = { columns, rows: [['aten::mm', null, 2, 100, 150, 40]] };
    const b = {
      columns,
      rows: [
        ['aten::mm', null, 3, 130, 200, 10],
        ['aten::add', null, 1, 5, 5, 0],
      ],
    };
    expect(compareOperators(a, b)).toEqual([
      ['aten::mm', 2, 3, 100, 130, 30, 40, 10, -30],
      ['aten::add', 0, 1, 0, 5, 5, 0, 0, 0],
    ]);
  });
  const step = (name: string, duration: number, costs: number[]) => ({
    name,
    begin_ns: 0,
    duration_ns: duration,
    costs_ns: costs,
    computation_ns: 0,
    communication_ns: 0,
    overlap_ns: 0,
  });
  it('lines up steps by name when the profiles share step names', () => {
    const a = [step('5', 100, [60, 40]), step('6', 110, [70, 40])];
    const b = [step('6', 90, [50, 40]), step('7', 95, [55, 40])];
    expect(compareSteps(a, b)).toEqual([
      ['5', null, 100, null, null, null, null],
      ['6', '6', 110, 90, -20, -20, 0],
      [null, '7', null, 95, null, null, null],
    ]);
  });
  it('lines up steps by position otherwise', () => {
    const a = [step('1', 100, [60, 40])];
    const b = [step('11', 130, [90, 40]), step('12', 120, [80, 40])];
    expect(compareSteps(a, b)).toEqual([
      ['1', '11', 100, 130, 30, 30, 0],
      [null, '12', null, 120, null, null, null],
    ]);
  });
});
