import { describe, expect, it } from 'vitest';
import { fileStem, seriesToCsv, seriesToJson } from '../src/plugins/scalars/csv_export';

const series = [
  { run: 'a', tag: 't', step: [1, 2], wall_time: [100.5, 101], value: [0.25, NaN] },
  { run: 'b,"x"', tag: 't', step: [3], wall_time: [102], value: [-Infinity] },
];

describe('downloads of all runs', () => {
  it('writes CSV with a run column, quoting awkward run names', () => {
    expect(seriesToCsv(series)).toBe(
      'Run,Wall time,Step,Value\r\na,100.5,1,0.25\r\na,101,2,NaN\r\n"b,""x""",102,3,-Infinity\r\n',
    );
  });

  it('writes JSON keyed by run with non-finite values as strings', () => {
    expect(JSON.parse(seriesToJson(series))).toEqual({
      a: [
        [100.5, 1, 0.25],
        [101, 2, 'NaN'],
      ],
      'b,"x"': [[102, 3, '-Infinity']],
    });
  });

  it('makes safe file names', () => {
    expect(fileStem('loss/train step')).toBe('loss_train_step');
  });
});
