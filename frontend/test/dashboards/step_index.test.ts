import { describe, expect, it } from 'vitest';
import { indexAfterUpdate, nearestStepIndex } from '../../src/charts/step_index';

describe('step slider index', () => {
  it('starts at the newest step and follows new steps while there', () => {
    expect(indexAfterUpdate([], -1, [0, 10, 20])).toBe(2);
    expect(indexAfterUpdate([0, 10, 20], 2, [0, 10, 20, 30])).toBe(3);
  });

  it('keeps showing the chosen step when steps are added', () => {
    expect(indexAfterUpdate([0, 10, 20], 1, [0, 5, 10, 20, 30])).toBe(2);
  });

  it('moves to the nearest step when the chosen one is gone', () => {
    // Step 10 vanished (a restarted job): 8 is nearer than 15.
    expect(indexAfterUpdate([0, 10, 20], 1, [0, 8, 15, 20])).toBe(1);
    expect(indexAfterUpdate([0, 10, 20], 0, [])).toBe(-1);
  });

  it('finds the nearest step, the earlier on a tie', () => {
    expect(nearestStepIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestStepIndex([0, 10, 20], 16)).toBe(2);
    expect(nearestStepIndex([0, 10, 20], 15)).toBe(1);
    expect(nearestStepIndex([0, 10, 20], 99)).toBe(2);
    expect(nearestStepIndex([], 1)).toBe(-1);
  });
});
