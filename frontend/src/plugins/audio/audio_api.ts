// The audio plugin's routes: the entries of one (run, tag, sample) and the URL of one clip.
// tbx lists every stored step (TensorBoard samples 10). URLs are relative.
import { apiUrl, getJson } from '../../api/client';
import { blobUrl } from '../../api/export_mode';

export interface AudioEntry {
  wall_time: number;
  step: number;
  /** The clip's label (TensorBoard always sends ''). */
  label: string;
  contentType: string;
  /** Query string of `individualAudio`, content type included. */
  query: string;
}

export function fetchAudioEntries(run: string, tag: string, sample: number, signal?: AbortSignal): Promise<AudioEntry[]> {
  return getJson<AudioEntry[]>(apiUrl('data/plugin/audio/audio', { run, tag, sample }), signal);
}

export function audioUrl(entry: AudioEntry): string {
  return blobUrl(`data/plugin/audio/individualAudio?${entry.query}`);
}
