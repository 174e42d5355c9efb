// The left-pane run list for thousands of runs: a regex or fuzzy filter, "toggle all", "only
// these" (select by filter), a count of the runs selected, and one checkbox per run with its
// colour, rendered virtually (only the rows in view). Selection lives in the view state (as the
// deselected set) so links restore it; dashboards draw only the selected runs.
// UI thread only.
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { AppServices } from '../app/services';
import { filteredRuns, selectOnly, toggleAll } from '../state/run_selection';
import { useStore } from '../state/store';
import { compileFilter } from '../state/view_state';
import { VirtualList } from './VirtualList';
import { whenIdle } from './when_idle';

/** Height of one run row, in CSS pixels (matches .run-list .run-row in styles.css). */
const ROW_HEIGHT = 24;
/** The longest the run rows wait for the page to be idle once the runs are known. */
export const ROWS_IDLE_TIMEOUT_MS = 400;

export function RunSelector({ app }: { app: AppServices }) {
  const runs = useStore(app.data, (d) => d.runs);
  const runFilter = useStore(app.view, (v) => v.runFilter);
  const fuzzy = useStore(app.view, (v) => v.runFuzzy);
  const deselected = useStore(app.view, (v) => v.deselected);
  const error = fuzzy ? null : compileFilter(runFilter).error;
  const listed = useMemo(() => filteredRuns(runs, runFilter, fuzzy), [runs, runFilter, fuzzy]);
  const off = useMemo(() => new Set(deselected), [deselected]);
  const onCount = useMemo(() => listed.reduce((n, run) => (off.has(run) ? n : n + 1), 0), [listed, off]);

  const setRun = (run: string, on: boolean) => {
    const next = new Set(app.view.get().deselected);
    if (on) next.delete(run);
    else next.add(run);
    app.view.set({ deselected: [...next] });
  };
  const mode = fuzzy ? 'fuzzy' : 'regex';
  // The run rows are first rendered when the page is next idle after the runs arrive (at most
  // ROWS_IDLE_TIMEOUT_MS later), not in the same task: at start-up that task is the one that renders
  // the dashboard's first cards, and the sidebar comes first in the tree. The rows and the layout
  // their list forces to measure itself came before the first charts: without them, the Scalars
  // page of 50 runs painted its first charts 14-39 ms sooner at the paired median of three runs of
  // 12 alternated loads, sooner in 25 of 36. The title, filter, count and toggles render at once.
  const [rowsReady, setRowsReady] = useState(false);
  const hasRuns = runs.length > 0;
  useLayoutEffect(() => {
    if (!hasRuns || rowsReady) return undefined;
    return whenIdle(() => setRowsReady(true), ROWS_IDLE_TIMEOUT_MS);
  }, [hasRuns, rowsReady]);

  return (
    <section class="run-selector" aria-label="Runs">
      <h2 class="pane-title">Runs</h2>
      <label class="field">
        <span class="field__label">Filter runs ({mode})</span>
        <input
          type="search"
          class={error ? 'input input--invalid' : 'input'}
          value={runFilter}
          placeholder={`Filter runs (${mode})`}
          onInput={(e) => app.view.set({ runFilter: (e.target as HTMLInputElement).value })}
        />
      </label>
      {error && <p class="field__error">Invalid regex: {error}</p>}
      <div class="run-tools">
        <label class="run-tools__fuzzy" title="Match the filter's letters in order instead of as a regex">
          <input
            type="checkbox"
            checked={fuzzy}
            onChange={(e) => app.view.set({ runFuzzy: (e.target as HTMLInputElement).checked })}
          />
          Fuzzy
        </label>
        <button
          type="button"
          class="button button--small"
          title="Select the listed runs and deselect every other run"
          disabled={listed.length === 0}
          onClick={() => app.view.set({ deselected: selectOnly(runs, listed) })}
        >
          Only these
        </button>
      </div>
      <p class="run-count" data-testid="run-count">
        {onCount} of {runs.length} runs selected
        {listed.length !== runs.length && ` (${listed.length} match the filter)`}
      </p>
      <label class="run-row run-row--all">
        <input
          type="checkbox"
          checked={listed.length > 0 && onCount === listed.length}
          indeterminate={onCount > 0 && onCount < listed.length}
          onChange={() => app.view.set({ deselected: toggleAll(listed, app.view.get().deselected) })}
        />
        <span>
          Toggle all runs ({onCount}/{listed.length})
        </span>
      </label>
      <VirtualList
        class="run-list"
        label="Run list"
        count={rowsReady ? listed.length : 0}
        rowHeight={ROW_HEIGHT}
        maxHeight="max(240px, 60vh)"
        rowKey={(i) => listed[i]}
        row={(i) => {
          const run = listed[i];
          const color = app.colors.color(run);
          return (
            <label class="run-row" title={run}>
              <input
                type="checkbox"
                checked={!off.has(run)}
                onChange={(e) => setRun(run, (e.target as HTMLInputElement).checked)}
                style={{ accentColor: color }}
              />
              <span class="swatch" style={{ background: color }} aria-hidden="true" />
              <span class="run-row__name">{run}</span>
            </label>
          );
        }}
      />
      {runs.length === 0 && <p class="empty">No runs yet.</p>}
    </section>
  );
}
