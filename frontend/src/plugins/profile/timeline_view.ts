// Pure geometry of the trace timeline: the visible time window, zooming and panning it (WASD as
// chrome://tracing: W/S zoom about a point, A/D pan), and track layout (rows by depth).
import type { TimelineData } from './profile_api';

export interface Window {
  start: number;
  end: number;
}

export const ROW_HEIGHT = 18;
export const TRACK_GAP = 6;
export const LABEL_WIDTH = 180;
/** The narrowest window: 1 µs. */
const MIN_SPAN = 1000;

/** Zooms by `factor` (< 1 zooms in) keeping time `at` at the same place, clamped to [0, limit]. */
export function zoom(w: Window, factor: number, at: number, limit: number): Window {
  const span = Math.min(limit, Math.max(MIN_SPAN, (w.end - w.start) * factor));
  const ratio = w.end > w.start ? (at - w.start) / (w.end - w.start) : 0.5;
  let start = at - span * ratio;
  start = Math.max(0, Math.min(start, limit - span));
  return { start, end: start + span };
}

/** Moves by `fraction` of the span (negative: earlier), clamped to [0, limit]. */
export function pan(w: Window, fraction: number, limit: number): Window {
  const span = w.end - w.start;
  const start = Math.max(0, Math.min(w.start + span * fraction, limit - span));
  return { start, end: start + span };
}

/** The y offset of each track (by position in `data.tracks`) and the total height. */
export function layoutTracks(data: TimelineData): { offsets: number[]; height: number } {
  const offsets: number[] = [];
  let y = 0;
  for (const track of data.tracks) {
    offsets.push(y);
    y += Math.max(1, track.depth) * ROW_HEIGHT + TRACK_GAP;
  }
  return { offsets, height: y };
}

export function trackLabel(track: TimelineData['tracks'][number]): string {
  const process = track.process || `pid ${track.pid}`;
  const thread = track.thread || (track.device ? `stream ${track.tid}` : `thread ${track.tid}`);
  return `${process} · ${thread}`;
}

/** A stable colour per name. */
export function nameColor(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return `hsl(${Math.abs(h) % 360}, 55%, 62%)`;
}
