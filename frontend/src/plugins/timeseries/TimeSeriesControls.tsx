// Left-pane settings of the Time Series grid: the tag filter, which card kinds are shown, card
// width and linked steps, then the Scalars, Histograms and Images dashboards' own settings
// (smoothing, x axis, outliers, tooltip order, histogram mode, image brightness, contrast and
// size), which every card of the grid follows. UI thread only.
import { TagFilterField } from '../../charts/TagFilterField';
import { useStore } from '../../state/store';
import { HistogramsControls } from '../histograms/HistogramsControls';
import { ImagesControls } from '../images/ImagesControls';
import type { DashboardProps } from '../registry';
import { ScalarsControls } from '../scalars/ScalarsControls';
import { CARD_KINDS, type CardKind } from './card_specs';
import { CARD_WIDTH_RANGE, linkedStep, timeSeriesSettings } from './timeseries_settings';

const KIND_LABELS: Record<CardKind, string> = { scalars: 'Scalars', histograms: 'Histograms', images: 'Images' };

export function TimeSeriesControls({ app }: DashboardProps) {
  const settings = useStore(timeSeriesSettings, (s) => s);
  return (
    <>
      <section class="controls" aria-label="Time Series settings">
        <TagFilterField app={app} />
        <fieldset class="field">
          <legend class="field__label">Card types</legend>
          {CARD_KINDS.map((kind) => (
            <label class="check" key={kind}>
              <input
                type="checkbox"
                checked={settings.show[kind]}
                onChange={(e) =>
                  timeSeriesSettings.set({ show: { ...settings.show, [kind]: (e.target as HTMLInputElement).checked } })
                }
              />
              {KIND_LABELS[kind]}
            </label>
          ))}
        </fieldset>
        <label class="field">
          <span class="field__label">Card width</span>
          <input
            type="range"
            class="slider"
            min={CARD_WIDTH_RANGE.min}
            max={CARD_WIDTH_RANGE.max}
            step={20}
            value={settings.cardWidth}
            aria-label="Card width"
            onInput={(e) => timeSeriesSettings.set({ cardWidth: Number((e.target as HTMLInputElement).value) })}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={settings.linkSteps}
            onChange={(e) => {
              const linkSteps = (e.target as HTMLInputElement).checked;
              timeSeriesSettings.set({ linkSteps });
              if (!linkSteps) linkedStep.set({ step: null });
            }}
          />
          Link step sliders across cards
        </label>
      </section>
      <ScalarsControls app={app} embedded />
      <HistogramsControls app={app} embedded />
      <ImagesControls app={app} embedded />
    </>
  );
}
