// How images are shown, shared by the image dashboard's controls and cards: brightness and
// contrast (CSS filters, 1 = unchanged) and whether images keep their actual size instead of
// fitting the card. One store for the page; UI thread only.
import { Store } from '../../state/store';

export interface ImageSettings {
  /** CSS brightness() factor in [0, 2]. */
  brightness: number;
  /** CSS contrast() factor in [0, 3]. */
  contrast: number;
  actualSize: boolean;
}

export const DEFAULT_IMAGE_SETTINGS: ImageSettings = { brightness: 1, contrast: 1, actualSize: false };

export const imageSettings = new Store<ImageSettings>({ ...DEFAULT_IMAGE_SETTINGS });

/** The CSS filter for the settings ('none' when unchanged). */
export function imageFilter(settings: Pick<ImageSettings, 'brightness' | 'contrast'>): string {
  if (settings.brightness === 1 && settings.contrast === 1) return 'none';
  return `brightness(${settings.brightness}) contrast(${settings.contrast})`;
}
