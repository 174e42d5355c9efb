// The application's shared state, created once at start-up and handed to every dashboard.
//
// - `view`: the shareable view (tab, filters, run selection, chart options), mirrored in the URL
//   hash both ways.
// - `data`: what the server told us (runs, plugins, loading status) and `refresh`, a counter bumped
//   whenever the data may have changed; dashboards refetch what they show when it changes.
// - `settings`: per-browser preferences kept in localStorage.
// All of it lives on the UI thread.
import type { DataStatus, PluginsListing } from '../api/types';
import { RunColors, localSlotStorage } from '../state/run_colors';
import { Store } from '../state/store';
import { type ViewState, decodeViewState, encodeViewState } from '../state/view_state';

export interface DataState {
  runs: string[];
  plugins: PluginsListing | null;
  status: DataStatus | null;
  /** Bumped when the server's data changed or the user asked to reload. */
  refresh: number;
  /** Why the last core request failed, if it did. */
  error: string | null;
}

export type Theme = 'light' | 'dark';

export interface Settings {
  reloadSeconds: number;
  theme: Theme;
}

export interface AppServices {
  view: Store<ViewState>;
  data: Store<DataState>;
  settings: Store<Settings>;
  colors: RunColors;
}

const SETTINGS_KEY = 'tbx.settings';
export const DEFAULT_SETTINGS: Settings = { reloadSeconds: 30, theme: 'light' };

export function loadSettings(): Settings {
  try {
    const raw = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Partial<Settings>;
    const reloadSeconds = Number(raw.reloadSeconds);
    return {
      reloadSeconds:
        Number.isFinite(reloadSeconds) && reloadSeconds >= 5 ? reloadSeconds : DEFAULT_SETTINGS.reloadSeconds,
      theme: raw.theme === 'dark' ? 'dark' : 'light',
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function createServices(): AppServices {
  const view = new Store<ViewState>(decodeViewState(window.location.hash));
  const data = new Store<DataState>({ runs: [], plugins: null, status: null, refresh: 0, error: null });
  const settings = new Store<Settings>(loadSettings());

  // View → URL: a single change is written at once; during bursts (slider drags) at most every
  // 150 ms, as browsers throttle history updates. replaceState, so typing in a filter does not
  // flood the history.
  const writeUrl = () => {
    const hash = encodeViewState(view.get());
    if ((hash ? '#' + hash : '') === window.location.hash) return;
    window.history.replaceState(null, '', hash ? `#${hash}` : window.location.pathname + window.location.search);
  };
  let lastWrite = 0;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  view.subscribe(() => {
    const wait = lastWrite + 150 - Date.now();
    if (wait <= 0 && trailing === undefined) {
      lastWrite = Date.now();
      writeUrl();
    } else if (trailing === undefined) {
      trailing = setTimeout(() => {
        trailing = undefined;
        lastWrite = Date.now();
        writeUrl();
      }, Math.max(wait, 0));
    }
  });
  // URL → view (a pasted link or the back button).
  window.addEventListener('hashchange', () => view.set(decodeViewState(window.location.hash)));

  settings.subscribe((value) => {
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(value));
    } catch {
      // Preferences simply do not persist.
    }
  });

  return { view, data, settings, colors: new RunColors(localSlotStorage()) };
}
