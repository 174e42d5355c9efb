// Per-browser settings (reload interval, theme), remembered in localStorage.
import type { AppServices } from '../app/services';
import { useStore } from '../state/store';

export function SettingsPanel({ app, onClose }: { app: AppServices; onClose: () => void }) {
  const settings = useStore(app.settings, (s) => s);
  return (
    <div class="settings" role="dialog" aria-label="Settings">
      <h2 class="pane-title">Settings</h2>
      <label class="field">
        <span class="field__label">Reload interval (seconds, used when live updates are unavailable)</span>
        <input
          type="number"
          class="input"
          min={5}
          step={5}
          value={settings.reloadSeconds}
          onChange={(e) => {
            const seconds = Number((e.target as HTMLInputElement).value);
            if (Number.isFinite(seconds) && seconds >= 5) app.settings.set({ reloadSeconds: seconds });
          }}
        />
      </label>
      <fieldset class="field">
        <legend class="field__label">Theme</legend>
        {(['light', 'dark'] as const).map((theme) => (
          <label class="radio" key={theme}>
            <input
              type="radio"
              name="theme"
              checked={settings.theme === theme}
              onChange={() => app.settings.set({ theme })}
            />
            {theme === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
      </fieldset>
      <button type="button" class="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
