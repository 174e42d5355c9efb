// Static exports (`tbx export`): the page runs with no server. The exported index.html loads
// `data/manifest.js` first, which sets `window.__TBX_EXPORT_MANIFEST__`: for every API request
// the export answers, its canonical key (below) and the file holding the answer. JSON answers
// and binary ones (base64) are scripts under `data/` that call `window.__tbxExportData(id,
// payload[, 'b64'])`, loaded with <script> tags because browsers refuse fetch() from file://;
// images and audio are plain files under `blobs/`, used as the src of <img>/<audio>.
//
// The canonical key of a URL is its path, then '?' and its query pairs each form-encoded as
// `k=v` (URLSearchParams' encoding) and sorted as strings, joined by '&' — the same rule as
// `CanonicalKey` in src/export/export_paths.cc. UI thread only.
import { HttpError } from './client';

export interface ExportManifest {
  version: number;
  /** Canonical request key → file path relative to index.html. */
  files: Record<string, string>;
}

type Payload = unknown;

declare global {
  interface Window {
    __TBX_EXPORT_MANIFEST__?: ExportManifest;
    __tbxExportData?: (id: string, payload: Payload, encoding?: string) => void;
  }
}

/** The manifest of the exported page, or null when served by tbx. */
export function exportManifest(): ExportManifest | null {
  return typeof window !== 'undefined' ? (window.__TBX_EXPORT_MANIFEST__ ?? null) : null;
}

/** Whether this page is a static export (no server, no live updates). */
export function isExported(): boolean {
  return exportManifest() !== null;
}

/** The canonical key of a relative API URL (`data/runs`, `data/plugin/x/y?b=2&a=1`). */
export function canonicalKey(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (q < 0) return path;
  const pairs: string[] = [];
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
    const one = new URLSearchParams();
    one.append(k, v);
    pairs.push(one.toString());
  }
  pairs.sort();
  return pairs.length ? `${path}?${pairs.join('&')}` : path;
}

/** The exported file answering `url`, or null when the export holds no answer for it. */
export function exportedFile(url: string): string | null {
  const manifest = exportManifest();
  if (!manifest) return null;
  const key = canonicalKey(url);
  return Object.prototype.hasOwnProperty.call(manifest.files, key) ? manifest.files[key] : null;
}

/** The URL to use for an image or audio clip: its exported file, or `url` itself when served. */
export function blobUrl(url: string): string {
  return exportedFile(url) ?? url;
}

function base64ToBuffer(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

interface Waiter {
  resolve: (payload: Payload) => void;
  reject: (error: Error) => void;
}
const waiting = new Map<string, Waiter[]>();

function installCallback(): void {
  if (window.__tbxExportData) return;
  window.__tbxExportData = (id, payload, encoding) => {
    const waiters = waiting.get(id);
    waiting.delete(id);
    const value = encoding === 'b64' && typeof payload === 'string' ? base64ToBuffer(payload) : payload;
    for (const w of waiters ?? []) w.resolve(value);
  };
}

/** The id a data file passes to the callback: its name without folder and extension. */
export function fileId(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.js$/, '');
}

function loadScript(file: string): Promise<Payload> {
  installCallback();
  const id = fileId(file);
  return new Promise((resolve, reject) => {
    const waiters = waiting.get(id);
    if (waiters) {
      waiters.push({ resolve, reject });
      return;
    }
    waiting.set(id, [{ resolve, reject }]);
    const script = document.createElement('script');
    script.src = file;
    // Rejects whoever still waits once the script has run or failed to load.
    const rejectLeft = (status: number, message: string) => {
      script.remove();
      const left = waiting.get(id);
      waiting.delete(id);
      for (const w of left ?? []) w.reject(new HttpError(status, `${file}: ${message}`));
    };
    // A file that did not call back (truncated or foreign) must not hang the card.
    script.onload = () => rejectLeft(500, 'the exported file holds no data');
    script.onerror = () => rejectLeft(404, 'missing from the exported folder');
    document.head.appendChild(script);
  });
}

/**
 * The exported answer to `url`: parsed JSON, or an ArrayBuffer for binary answers. Rejects with
 * HttpError 404 when the export holds no answer for it (as a server would for unknown data).
 */
export async function loadExported(url: string, signal?: AbortSignal): Promise<Payload> {
  const file = exportedFile(url);
  if (file === null) throw new HttpError(404, `${url}: 404 not part of this export`);
  return loadExportedFile(file, signal);
}

/** The answer held by `file`, a data file `exportedFile` named. */
export async function loadExportedFile(file: string, signal?: AbortSignal): Promise<Payload> {
  const payload = await loadScript(file);
  if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
  return payload;
}
