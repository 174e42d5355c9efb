import { describe, expect, it } from 'vitest';
import { entriesAtStep, indexSamples } from '../../src/charts/sample_steps';

const entry = (step: number, wall_time: number, query: string) => ({ step, wall_time, query });

describe('per-sample step index', () => {
  it('takes the slider steps and times from sample 0', () => {
    const index = indexSamples([
      [entry(0, 100, 'a0'), entry(5, 105, 'a5'), entry(9, 109, 'a9')],
      [entry(5, 105, 'b5')],
    ]);
    expect(index.steps).toEqual([0, 5, 9]);
    expect(index.wallTimes).toEqual([100, 105, 109]);
  });

  it('gives every sample its entry at a step, or undefined where it has none', () => {
    const index = indexSamples([
      [entry(0, 100, 'a0'), entry(5, 105, 'a5')],
      [entry(5, 105, 'b5')],
      [],
    ]);
    expect(entriesAtStep(index, 5).map((e) => e?.query)).toEqual(['a5', 'b5', undefined]);
    expect(entriesAtStep(index, 0).map((e) => e?.query)).toEqual(['a0', undefined, undefined]);
  });

  it('has no steps without samples', () => {
    const index = indexSamples([]);
    expect(index.steps).toEqual([]);
    expect(entriesAtStep(index, 0)).toEqual([]);
  });
});
