// Which runs are shown: those matching the run filter and not switched off.
import type { ViewState } from './view_state';
import { compileFilter } from './view_state';

/** Runs listed in the selector: all runs matching the run regex (all runs if it is invalid). */
export function filteredRuns(runs: readonly string[], runFilter: string): string[] {
  const { regex } = compileFilter(runFilter);
  return regex ? runs.filter((run) => regex.test(run)) : [...runs];
}

/** Runs drawn in the dashboards, in server order. */
export function selectedRuns(runs: readonly string[], view: Pick<ViewState, 'runFilter' | 'deselected'>): string[] {
  const off = new Set(view.deselected);
  return filteredRuns(runs, view.runFilter).filter((run) => !off.has(run));
}

/**
 * The deselected list after "toggle all": if every listed run is on, switch them all off;
 * otherwise switch them all on. Runs hidden by the filter keep their state.
 */
export function toggleAll(listed: readonly string[], deselected: readonly string[]): string[] {
  const off = new Set(deselected);
  const allOn = listed.every((run) => !off.has(run));
  for (const run of listed) {
    if (allOn) off.add(run);
    else off.delete(run);
  }
  return [...off];
}
