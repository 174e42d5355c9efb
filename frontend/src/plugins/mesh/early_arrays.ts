// Mesh component arrays fetched before the card that shows them exists (prefetch.ts), by URL,
// each handed once to the first fetch of its URL within 10 s (api/early_answers.ts). UI thread only.
import { getArrayBuffer } from '../../api/client';
import { EarlyAnswers } from '../../api/early_answers';

const early = new EarlyAnswers<ArrayBuffer>();

/** Starts fetching the binary answer of `url` (once). */
export function fetchEarly(url: string): void {
  if (!early.peek(url)) early.put(url, getArrayBuffer(url), undefined);
}

/** The early answer of `url`, if one was started recently; the caller fetches again when it fails. */
export function takeEarly(url: string): Promise<ArrayBuffer> | null {
  return early.take(url, undefined);
}
