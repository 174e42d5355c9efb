// Left-pane controls of the histograms dashboard: tag filter, offset or overlay mode, and the time
// axis the offset mode stacks along. All view state, kept in the URL.
import { TagFilterField } from '../../charts/TagFilterField';
import { XAxisField } from '../../charts/XAxisField';
import { useStore } from '../../state/store';
import type { DashboardProps } from '../registry';

export function HistogramsControls({ app, embedded }: DashboardProps) {
  const mode = useStore(app.view, (v) => v.histogramMode);
  return (
    <section class="controls" aria-label="Histogram settings">
      {!embedded && <TagFilterField app={app} />}
      <fieldset class="field">
        <legend class="field__label">Histogram mode</legend>
        <label class="radio">
          <input type="radio" name="histogram-mode" checked={mode === 'offset'} onChange={() => app.view.set({ histogramMode: 'offset' })} />
          Offset
        </label>
        <label class="radio">
          <input type="radio" name="histogram-mode" checked={mode === 'overlay'} onChange={() => app.view.set({ histogramMode: 'overlay' })} />
          Overlay
        </label>
      </fieldset>
      {mode === 'offset' && !embedded && <XAxisField app={app} legend="Offset time axis" />}
    </section>
  );
}
