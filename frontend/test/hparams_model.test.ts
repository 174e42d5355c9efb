import { describe, expect, it } from 'vitest';
import { metricRun, type Experiment, type SessionGroup } from '../src/plugins/hparams/hparams_api';
import {
  DEFAULT_HPARAMS_VIEW,
  buildColumns,
  buildRows,
  decodeHParamsView,
  encodeHParamsView,
  exportTable,
  filterRows,
  sortRows,
} from '../src/plugins/hparams/table_model';
import { axisScale } from '../src/plugins/hparams/parallel_geometry';

const experiment: Experiment = {
  hparamInfos: [
    { name: 'lr', displayName: '', description: '', type: 'DATA_TYPE_FLOAT64' },
    { name: 'opt', displayName: 'Optimizer', description: '', type: 'DATA_TYPE_STRING', domainDiscrete: ['adam', 'sgd'] },
  ],
  metricInfos: [{ name: { group: '', tag: 'acc' }, displayName: '' }],
};

function group(name: string, lr: number | undefined, opt: string, acc: number | string | null, status = 'STATUS_SUCCESS'): SessionGroup {
  return {
    name,
    hparams: lr === undefined ? { opt } : { lr, opt },
    metricValues: acc === null ? [] : [{ name: { group: '', tag: 'acc' }, value: acc, trainingStep: 1 }],
    sessions: [{ name, status, metricValues: [] }],
  };
}

const groups = [
  group('a', 0.1, 'adam', 0.9),
  group('b', 0.01, 'sgd', 0.7, 'STATUS_FAILURE'),
  group('c', 1, 'adam', 'NaN'),
  group('d', undefined, 'sgd', null),
];
const columns = buildColumns(experiment, groups);
const rows = buildRows(columns, groups);
const names = (indices: number[]) => indices.map((i) => rows[i].name);

describe('hparams table model', () => {
  it('builds one column per hparam then metric, and one row per group', () => {
    expect(columns.map((c) => c.id)).toEqual(['h:lr', 'h:opt', 'm:/acc']);
    expect(columns[1].label).toBe('Optimizer');
    expect(rows[0].values).toEqual([0.1, 'adam', 0.9]);
    expect(rows[2].values[2]).toBeNaN();
    expect(rows[3].values).toEqual([null, 'sgd', null]);
  });

  it('sorts with missing values and NaN last in both directions', () => {
    const all = [0, 1, 2, 3];
    const asc = { ...DEFAULT_HPARAMS_VIEW, sort: { col: 'm:/acc', desc: false } };
    expect(names(sortRows([...all], rows, columns, asc))).toEqual(['b', 'a', 'c', 'd']);
    const desc = { ...DEFAULT_HPARAMS_VIEW, sort: { col: 'm:/acc', desc: true } };
    expect(names(sortRows([...all], rows, columns, desc))).toEqual(['a', 'b', 'c', 'd']);
    const byLr = { ...DEFAULT_HPARAMS_VIEW, sort: { col: 'h:lr', desc: true } };
    expect(names(sortRows([...all], rows, columns, byLr))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('filters by range, regex, values and status', () => {
    const view = (patch: object) => ({ ...DEFAULT_HPARAMS_VIEW, ...patch });
    expect(names(filterRows(rows, columns, view({ filters: { 'h:lr': { min: 0.05, max: 2 } } })))).toEqual(['a', 'c']);
    expect(names(filterRows(rows, columns, view({ filters: { 'h:opt': { regex: '^s' } } })))).toEqual(['b', 'd']);
    expect(names(filterRows(rows, columns, view({ filters: { 'h:opt': { values: ['adam'] } } })))).toEqual(['a', 'c']);
    expect(names(filterRows(rows, columns, view({ statuses: ['STATUS_FAILURE'] })))).toEqual(['b']);
    // NaN passes no range.
    expect(names(filterRows(rows, columns, view({ filters: { 'm:/acc': { min: 0 } } })))).toEqual(['a', 'b']);
  });

  it('keeps the view in a compact URL value', () => {
    expect(encodeHParamsView(DEFAULT_HPARAMS_VIEW)).toBe('');
    const view = { ...DEFAULT_HPARAMS_VIEW, mode: 'parallel' as const, filters: { 'h:lr': { min: 1 } } };
    expect(encodeHParamsView(view)).toBe('{"mode":"parallel","filters":{"h:lr":{"min":1}}}');
    expect(decodeHParamsView(encodeHParamsView(view))).toEqual(view);
    expect(decodeHParamsView('{broken')).toEqual(DEFAULT_HPARAMS_VIEW);
  });

  it('exports what is shown', () => {
    expect(exportTable('csv', columns, rows, [1, 0])).toBe('Group,lr,Optimizer,acc\r\nb,0.01,sgd,0.7\r\na,0.1,adam,0.9\r\n');
    expect(JSON.parse(exportTable('json', columns, rows, [3]))).toEqual({
      header: ['Group', 'lr', 'Optimizer', 'acc'],
      rows: [['d', null, 'sgd', null]],
    });
    expect(exportTable('latex', columns, rows, [0])).toContain('a & $0.1$ & adam & $0.9$ \\\\\n');
  });

  it('maps axes linearly, logarithmically and by category, and brushes back to filters', () => {
    const lin = axisScale(columns[0], 0, rows, false);
    expect(lin.position(0.01)).toBe(0);
    expect(lin.position(1)).toBe(1);
    const log = axisScale(columns[0], 0, rows, true);
    expect(log.position(0.1)).toBeCloseTo(0.5);
    expect(log.filterFor(0.5, 1)).toEqual({ min: expect.closeTo(0.1, 9), max: 1 });
    const cat = axisScale(columns[1], 1, rows, false);
    expect(cat.position('sgd')).toBe(1);
    expect(cat.filterFor(0.6, 1)).toEqual({ values: ['sgd'] });
  });

  it('names the run of a metric as the server does', () => {
    expect(metricRun('a', '')).toBe('a');
    expect(metricRun('a', 'eval')).toBe('a/eval');
    expect(metricRun('.', 'eval')).toBe('eval');
  });
});
