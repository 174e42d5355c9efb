// The left-pane run list: a regex filter, "toggle all", and one checkbox per run with its colour.
// Selection lives in the view state (as the deselected set) so links restore it.
import type { AppServices } from '../app/services';
import { filteredRuns, toggleAll } from '../state/run_selection';
import { useStore } from '../state/store';
import { compileFilter } from '../state/view_state';

export function RunSelector({ app }: { app: AppServices }) {
  const runs = useStore(app.data, (d) => d.runs);
  const runFilter = useStore(app.view, (v) => v.runFilter);
  const deselected = useStore(app.view, (v) => v.deselected);
  const { error } = compileFilter(runFilter);
  const listed = filteredRuns(runs, runFilter);
  const off = new Set(deselected);
  const onCount = listed.filter((run) => !off.has(run)).length;

  const setRun = (run: string, on: boolean) => {
    const next = new Set(app.view.get().deselected);
    if (on) next.delete(run);
    else next.add(run);
    app.view.set({ deselected: [...next] });
  };

  return (
    <section class="run-selector" aria-label="Runs">
      <h2 class="pane-title">Runs</h2>
      <label class="field">
        <span class="field__label">Filter runs (regex)</span>
        <input
          type="search"
          class={error ? 'input input--invalid' : 'input'}
          value={runFilter}
          placeholder="Filter runs (regex)"
          onInput={(e) => app.view.set({ runFilter: (e.target as HTMLInputElement).value })}
        />
      </label>
      {error && <p class="field__error">Invalid regex: {error}</p>}
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
      <ul class="run-list">
        {listed.map((run) => (
          <li key={run}>
            <label class="run-row" title={run}>
              <input
                type="checkbox"
                checked={!off.has(run)}
                onChange={(e) => setRun(run, (e.target as HTMLInputElement).checked)}
                style={{ accentColor: app.colors.color(run) }}
              />
              <span class="swatch" style={{ background: app.colors.color(run) }} aria-hidden="true" />
              <span class="run-row__name">{run}</span>
            </label>
          </li>
        ))}
      </ul>
      {runs.length === 0 && <p class="empty">No runs yet.</p>}
    </section>
  );
}
