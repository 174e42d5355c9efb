// Settings of the Time Series grid kept in this browser (localStorage): which card kinds are shown,
// the cards' minimum width, and whether the step sliders of all cards move together; plus the
// linked step itself (not kept) and the pinned cards' copy that survives a reload without the URL.
// One store each for the page; UI thread only.
import { Store } from '../../state/store';
import type { CardKind } from './card_specs';

export interface TimeSeriesSettings {
  show: Record<CardKind, boolean>;
  /** Minimum card width in CSS pixels. */
  cardWidth: number;
  /** Moving one card's step slider moves every card's. */
  linkSteps: boolean;
}

export const DEFAULT_TIMESERIES_SETTINGS: TimeSeriesSettings = {
  show: { scalars: true, histograms: true, images: true },
  cardWidth: 420,
  linkSteps: false,
};
export const CARD_WIDTH_RANGE = { min: 280, max: 1200 } as const;

const SETTINGS_KEY = 'tbx.timeseries.settings';
const PINNED_KEY = 'tbx.timeseries.pinned';

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage unavailable: settings simply do not persist.
  }
}

export function loadTimeSeriesSettings(): TimeSeriesSettings {
  const raw = read<Partial<TimeSeriesSettings>>(SETTINGS_KEY) ?? {};
  const show = { ...DEFAULT_TIMESERIES_SETTINGS.show };
  for (const kind of Object.keys(show) as CardKind[]) {
    if (typeof raw.show?.[kind] === 'boolean') show[kind] = raw.show[kind];
  }
  const width = Number(raw.cardWidth);
  return {
    show,
    cardWidth:
      Number.isFinite(width) && width >= CARD_WIDTH_RANGE.min && width <= CARD_WIDTH_RANGE.max
        ? width
        : DEFAULT_TIMESERIES_SETTINGS.cardWidth,
    linkSteps: raw.linkSteps === true,
  };
}

export const timeSeriesSettings = new Store<TimeSeriesSettings>(loadTimeSeriesSettings());
timeSeriesSettings.subscribe((value) => write(SETTINGS_KEY, value));

/** The step every card shows while steps are linked (null until one is picked). */
export const linkedStep = new Store<{ step: number | null }>({ step: null });

export function loadPinned(): string[] {
  const raw = read<unknown>(PINNED_KEY);
  return Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string') : [];
}

export function savePinned(keys: readonly string[]): void {
  write(PINNED_KEY, keys);
}
