// The runs a dashboard draws: every run matching the run filter (regex or fuzzy) and not switched off in the run
// selector, in server order, recomputed only when the runs or that view state change.
// UI thread only.
import { useMemo } from 'preact/hooks';
import type { AppServices } from '../app/services';
import { selectedRuns } from '../state/run_selection';
import { useStore } from '../state/store';

export interface RunSelection {
  /** Every run, in server order. */
  runs: readonly string[];
  /** The runs drawn, in server order. */
  selected: readonly string[];
}

export function useSelectedRuns(app: AppServices): RunSelection {
  const runs = useStore(app.data, (d) => d.runs);
  const runFilter = useStore(app.view, (v) => v.runFilter);
  const runFuzzy = useStore(app.view, (v) => v.runFuzzy);
  const deselected = useStore(app.view, (v) => v.deselected);
  const selected = useMemo(
    () => selectedRuns(runs, { runFilter, runFuzzy, deselected }),
    [runs, runFilter, runFuzzy, deselected],
  );
  return { runs, selected };
}
