import { describe, expect, it } from 'vitest';
import { type StepEntry, checkStepEntries } from '../../src/charts/step_entries';

describe('checkStepEntries', () => {
  it('accepts lists of [wall_time, step, list], empty ones too', () => {
    const good: StepEntry<number>[] = [
      [1, 0, []],
      [2, 5, [1, 2]],
    ];
    expect(() => checkStepEntries(good, 'histograms', 'buckets')).not.toThrow();
    expect(() => checkStepEntries([], 'histograms', 'buckets')).not.toThrow();
  });

  it('names the route and the payload when the answer is not a list', () => {
    expect(() => checkStepEntries({} as never, 'distributions', 'points')).toThrow(
      'distributions: expected a list of [wall_time, step, points]',
    );
  });

  it('quotes the first bad entry, cut to 80 characters', () => {
    expect(() => checkStepEntries([[1, 2, []], [1, 2]] as never, 'histograms', 'buckets')).toThrow(
      'histograms: bad entry [1,2]',
    );
    expect(() => checkStepEntries([[1, 2, 'x']] as never, 'histograms', 'buckets')).toThrow('bad entry [1,2,"x"]');
    const long = [[1, 2, 'y'.repeat(200)]];
    expect(() => checkStepEntries(long as never, 'h', 'b')).toThrow(new Error(`h: bad entry [1,2,"${'y'.repeat(74)}`));
    expect(() => checkStepEntries([null] as never, 'h', 'b')).toThrow('h: bad entry null');
  });
});
