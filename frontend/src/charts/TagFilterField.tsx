// The tag regex filter of the dashboards' left pane; shared view state, so it is kept in the URL
// and carries over between dashboards as in TensorBoard.
import type { AppServices } from '../app/services';
import { useStore } from '../state/store';
import { compileFilter } from '../state/view_state';

export function TagFilterField({ app }: { app: AppServices }) {
  const tagFilter = useStore(app.view, (v) => v.tagFilter);
  const { error } = compileFilter(tagFilter);
  return (
    <label class="field">
      <span class="field__label">Filter tags (regex)</span>
      <input
        type="search"
        class={error ? 'input input--invalid' : 'input'}
        placeholder="Filter tags (regex)"
        value={tagFilter}
        onInput={(e) => app.view.set({ tagFilter: (e.target as HTMLInputElement).value })}
      />
    </label>
  );
}

/** The left pane of dashboards whose only control is the tag filter. */
export function TagFilterControls({ app }: { app: AppServices }) {
  return (
    <section class="controls" aria-label="Dashboard settings">
      <TagFilterField app={app} />
    </section>
  );
}
