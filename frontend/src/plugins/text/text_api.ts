// The text plugin's routes: the entries of one (run, tag). `text` is HTML the server rendered
// from Markdown and sanitized (or, with `markdown` false, the raw text HTML-escaped); the card
// sanitizes it again before inserting it.
import { apiUrl, getJson } from '../../api/client';

export interface TextEntry {
  wall_time: number;
  step: number;
  text: string;
}

export function fetchTextEntries(run: string, tag: string, markdown: boolean, signal?: AbortSignal): Promise<TextEntry[]> {
  return getJson<TextEntry[]>(apiUrl('data/plugin/text/text', { run, tag, markdown: markdown ? undefined : 'false' }), signal);
}
