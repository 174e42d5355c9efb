// The images plugin's routes: the entries of one (run, tag, sample) and the URL of one image.
// tbx lists every stored step (TensorBoard samples 10). URLs are relative.
import { apiUrl, getJson } from '../../api/client';
import { blobUrl } from '../../api/export_mode';

/** One step's image of a sample: `query` is the query string of `individualImage`. */
export interface ImageEntry {
  wall_time: number;
  step: number;
  query: string;
}

export function fetchImageEntries(run: string, tag: string, sample: number, signal?: AbortSignal): Promise<ImageEntry[]> {
  return getJson<ImageEntry[]>(apiUrl('data/plugin/images/images', { run, tag, sample }), signal);
}

export function imageUrl(entry: ImageEntry): string {
  return blobUrl(`data/plugin/images/individualImage?${entry.query}`);
}
