// Mesh component arrays fetched before the card that shows them exists (prefetch.ts), by URL. Each
// is handed once to the first fetch of its URL within EARLY_MS and then forgotten, as the API
// client does with early JSON answers. UI thread only.

const EARLY_MS = 10_000;
const early = new Map<string, { at: number; body: Promise<ArrayBuffer> }>();

/** Starts fetching the binary answer of `url` (once). */
export function fetchEarly(url: string): void {
  if (early.has(url)) return;
  const body = fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.arrayBuffer();
  });
  body.catch(() => undefined);
  early.set(url, { at: performance.now(), body });
}

/** The early answer of `url`, if one was started recently; the caller fetches again when it fails. */
export function takeEarly(url: string): Promise<ArrayBuffer> | null {
  const entry = early.get(url);
  if (!entry) return null;
  early.delete(url);
  return performance.now() - entry.at > EARLY_MS ? null : entry.body;
}
