// Which runs are shown: those matching the run filter (a regex, or a fuzzy pattern) and not
// switched off. Pure functions; UI thread.
import type { ViewState } from './view_state';
import { compileFilter } from './view_state';

/**
 * True when the letters of `pattern` appear in `text` in order, ignoring case and spaces
 * ("rn12" matches "run_12", "lr3 adam" matches "lr=3e-4,opt=adam").
 */
export function fuzzyMatch(pattern: string, text: string): boolean {
  let i = 0;
  const p = pattern.toLowerCase().replace(/\s+/g, '');
  if (!p) return true;
  const t = text.toLowerCase();
  for (let j = 0; j < t.length && i < p.length; ++j) {
    if (t.charCodeAt(j) === p.charCodeAt(i)) ++i;
  }
  return i === p.length;
}

/**
 * Runs listed in the selector: all runs matching the run filter, in server order (all runs if the
 * regex is invalid).
 */
export function filteredRuns(runs: readonly string[], runFilter: string, fuzzy = false): string[] {
  if (fuzzy) return runFilter.trim() ? runs.filter((run) => fuzzyMatch(runFilter, run)) : [...runs];
  const { regex } = compileFilter(runFilter);
  return regex ? runs.filter((run) => regex.test(run)) : [...runs];
}

/** Runs drawn in the dashboards, in server order. */
export function selectedRuns(
  runs: readonly string[],
  view: Pick<ViewState, 'runFilter' | 'deselected'> & Partial<Pick<ViewState, 'runFuzzy'>>,
): string[] {
  const off = new Set(view.deselected);
  return filteredRuns(runs, view.runFilter, view.runFuzzy ?? false).filter((run) => !off.has(run));
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

/**
 * The deselected list after "select only these" (select by filter): every listed run on, every
 * other run off, so the choice survives clearing the filter.
 */
export function selectOnly(runs: readonly string[], listed: readonly string[]): string[] {
  const on = new Set(listed);
  return runs.filter((run) => !on.has(run));
}
