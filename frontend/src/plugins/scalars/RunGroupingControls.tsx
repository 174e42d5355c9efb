// Left-pane control of run grouping in the Scalars dashboard: off, by a regex capture on the run
// name, or by an hparam; and the band drawn around each group's mean. Kept in the URL.
// The hparam names (two requests to the hparams plugin, for the "by hparam" choice) are loaded once
// the page has settled (an idle moment a while after mount), or as soon as the pointer or the focus
// reaches the control, not while the first screen of charts is being fetched and drawn.
import { useEffect, useState } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { type RunGrouping, encodeRunGrouping } from './run_groups';
import { useRunGrouping, useRunHParams } from './use_run_grouping';

/** How long after mount the hparam names wait for (unless the control is reached first). */
const SETTLE_MS = 1500;

export function RunGroupingControls({ app }: { app: AppServices }) {
  const grouping = useRunGrouping(app);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (wanted) return undefined;
    let idle = 0;
    const timer = window.setTimeout(() => {
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(() => setWanted(true), { timeout: 2000 });
      else setWanted(true);
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      if (idle) cancelIdleCallback(idle);
    };
  }, [wanted]);
  const { names } = useRunHParams(app, wanted || grouping?.by === 'hparam');
  const set = (g: RunGrouping | null) => app.view.set({ groupRuns: encodeRunGrouping(g) });
  const by = grouping?.by ?? 'none';
  const band = grouping?.band ?? 'minmax';
  return (
    <fieldset class="run-grouping" onPointerEnter={() => setWanted(true)} onFocusIn={() => setWanted(true)}>
      <label class="field">
        <span class="field__label">Group runs</span>
        <select class="input" aria-label="Group runs" value={by}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            if (v === 'none') set(null);
            else if (v === 'regex') set({ by: 'regex', key: '^(.*?)[/_-]?seed[_=]?\\d+', band });
            else if (names.length) set({ by: 'hparam', key: names[0], band });
          }}>
          <option value="none">no</option>
          <option value="regex">by run name (regex capture)</option>
          <option value="hparam" disabled={!names.length}>by hparam</option>
        </select>
      </label>
      {grouping?.by === 'regex' && (
        <input class="input" aria-label="Group regex" value={grouping.key}
          onChange={(e) => set({ ...grouping, key: (e.target as HTMLInputElement).value || '.*' })} />
      )}
      {grouping?.by === 'hparam' && (
        <select class="input" aria-label="Group hparam" value={grouping.key}
          onChange={(e) => set({ ...grouping, key: (e.target as HTMLSelectElement).value })}>
          {names.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      )}
      {grouping && (
        <select class="input" aria-label="Group band" value={band}
          onChange={(e) => set({ ...grouping, band: (e.target as HTMLSelectElement).value as RunGrouping['band'] })}>
          <option value="minmax">band: min – max</option>
          <option value="std">band: ±1 std</option>
        </select>
      )}
    </fieldset>
  );
}
