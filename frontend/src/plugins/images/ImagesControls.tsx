// Left-pane controls of the images dashboard: tag filter, brightness, contrast (with a reset)
// and actual image size.
import { TagFilterField } from '../../charts/TagFilterField';
import { useStore } from '../../state/store';
import type { DashboardProps } from '../registry';
import { DEFAULT_IMAGE_SETTINGS, imageSettings } from './image_settings';

function FactorSlider({ label, value, max, onChange }: { label: string; value: number; max: number; onChange: (v: number) => void }) {
  return (
    <label class="field">
      <span class="field__label">
        {label}: {Math.round(value * 100)}%
      </span>
      <input
        type="range"
        class="slider"
        min={0}
        max={max}
        step={0.01}
        value={value}
        aria-label={label}
        onInput={(e) => onChange(Number((e.target as HTMLInputElement).value))}
      />
    </label>
  );
}

export function ImagesControls({ app, embedded }: DashboardProps) {
  const settings = useStore(imageSettings, (s) => s);
  const changed = settings.brightness !== 1 || settings.contrast !== 1;
  return (
    <section class="controls" aria-label="Image settings">
      {!embedded && <TagFilterField app={app} />}
      <FactorSlider label="Brightness" value={settings.brightness} max={2} onChange={(brightness) => imageSettings.set({ brightness })} />
      <FactorSlider label="Contrast" value={settings.contrast} max={3} onChange={(contrast) => imageSettings.set({ contrast })} />
      <button
        type="button"
        class="button image-controls__reset"
        disabled={!changed}
        onClick={() => imageSettings.set({ brightness: DEFAULT_IMAGE_SETTINGS.brightness, contrast: DEFAULT_IMAGE_SETTINGS.contrast })}
      >
        Reset brightness and contrast
      </button>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.actualSize}
          onChange={(e) => imageSettings.set({ actualSize: (e.target as HTMLInputElement).checked })}
        />
        Show actual image size
      </label>
    </section>
  );
}
