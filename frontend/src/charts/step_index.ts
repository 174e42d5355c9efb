// Index math of the step sliders of the image, audio and text cards: which entry is shown, and
// where the slider goes when the list of steps changes on a data refresh.

/**
 * The index to show after the list of steps changed from `oldSteps` (showing `oldIndex`) to
 * `newSteps` (both ascending). A slider at the newest step follows new data; otherwise it keeps
 * showing the same step, or the nearest remaining one if that step is gone. -1 for no steps.
 */
export function indexAfterUpdate(oldSteps: readonly number[], oldIndex: number, newSteps: readonly number[]): number {
  const n = newSteps.length;
  if (n === 0) return -1;
  if (oldSteps.length === 0 || oldIndex < 0 || oldIndex >= oldSteps.length - 1) return n - 1;
  return nearestStepIndex(newSteps, oldSteps[oldIndex]);
}

/** Index of the ascending `steps` entry nearest to `step` (the earlier one on a tie); -1 if empty. */
export function nearestStepIndex(steps: readonly number[], step: number): number {
  if (steps.length === 0) return -1;
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < step) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && step - steps[lo - 1] <= steps[lo] - step) return lo - 1;
  return lo;
}
