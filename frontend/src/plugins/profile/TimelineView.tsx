// The trace timeline: processes' threads and devices' streams on one canvas, fetched from the
// range route for the visible window at the canvas's pixel width (the server merges events below
// a pixel), so the browser never holds the whole trace. Zoom and pan with W/S/A/D, the wheel or a
// drag; click an event for its details; launch → kernel flows are drawn as arrows.
import { useEffect, useRef, useState } from 'preact/hooks';
import { canvasFont } from '../../shell/ui_font';
import { type EventDetails, type Target, type TimelineData, fetchTool, formatNs } from './profile_api';
import {
  LABEL_WIDTH,
  ROW_HEIGHT,
  type Window,
  layoutTracks,
  nameColor,
  pan,
  trackLabel,
  zoom,
} from './timeline_view';

interface ProfileTimings {
  openedAt: number;
  firstPaintMs?: number;
  paints: number;
  lastFetchMs?: number;
}

declare global {
  interface Window {
    __tbxProfile?: ProfileTimings;
  }
}

type Rect = [x: number, y: number, w: number, h: number, event: number];

function draw(
  canvas: HTMLCanvasElement,
  data: TimelineData,
  view: Window,
  search: string,
  selected: number | null,
  rects: Rect[],
) {
  const { offsets, height } = layoutTracks(data);
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const cssHeight = Math.max(120, height + 4);
  canvas.style.height = `${cssHeight}px`;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(cssHeight * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(dpr, dpr);
  ctx.clearRect(0, 0, width, cssHeight);
  const plotW = width - LABEL_WIDTH;
  const span = view.end - view.start;
  const toX = (t: number) => LABEL_WIDTH + ((t - view.start) / span) * plotW;
  const query = search.trim().toLowerCase();
  rects.length = 0;
  ctx.font = canvasFont('11px');
  ctx.textBaseline = 'middle';
  data.tracks.forEach((track, ti) => {
    const y0 = offsets[ti];
    for (const [event, ts, dur, depth, nameIndex] of track.events) {
      const x = Math.max(LABEL_WIDTH, toX(ts));
      const x1 = Math.min(width, toX(ts + dur));
      const w = Math.max(1, x1 - x);
      const y = y0 + depth * ROW_HEIGHT;
      const name = nameIndex >= 0 ? data.names[nameIndex] : '';
      if (event < 0) {
        ctx.fillStyle = '#9aa0a6';
        ctx.fillRect(x, y + 1, w, ROW_HEIGHT - 2);
        continue;
      }
      const dim = query && !name.toLowerCase().includes(query);
      ctx.globalAlpha = dim ? 0.25 : 1;
      ctx.fillStyle = nameColor(name);
      ctx.fillRect(x, y + 1, w, ROW_HEIGHT - 2);
      if (event === selected) {
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 2;
        ctx.strokeRect(x, y + 1, w, ROW_HEIGHT - 2);
      }
      if (w > 40) {
        ctx.fillStyle = '#111';
        ctx.save();
        ctx.beginPath();
        ctx.rect(x, y, w, ROW_HEIGHT);
        ctx.clip();
        ctx.fillText(name, x + 3, y + ROW_HEIGHT / 2);
        ctx.restore();
      }
      ctx.globalAlpha = 1;
      rects.push([x, y, w, ROW_HEIGHT, event]);
    }
  });
  // Flows: launch -> device.
  ctx.strokeStyle = 'rgba(200, 60, 60, 0.7)';
  ctx.fillStyle = 'rgba(200, 60, 60, 0.7)';
  ctx.lineWidth = 1;
  const trackIndex = new Map(data.tracks.map((t, i) => [t.id, i] as const));
  for (const [, fromTrack, fromTs, fromDepth, , toTrack, toTs, toDepth] of data.flows) {
    const a = trackIndex.get(fromTrack);
    const b = trackIndex.get(toTrack);
    if (a === undefined || b === undefined) continue;
    const x0 = toX(fromTs);
    const y0 = offsets[a] + fromDepth * ROW_HEIGHT + ROW_HEIGHT / 2;
    const x1 = toX(toTs);
    const y1 = offsets[b] + toDepth * ROW_HEIGHT + ROW_HEIGHT / 2;
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x1, y1, 2.5, 0, Math.PI * 2);
    ctx.fill();
  }
  // Track labels over a blank column.
  ctx.fillStyle = getComputedStyle(canvas).backgroundColor || '#fff';
  ctx.clearRect(0, 0, LABEL_WIDTH, cssHeight);
  ctx.fillStyle = getComputedStyle(canvas).color;
  data.tracks.forEach((track, ti) => {
    ctx.fillText(trackLabel(track).slice(0, 30), 4, offsets[ti] + ROW_HEIGHT / 2);
    ctx.globalAlpha = 0.2;
    ctx.fillRect(0, offsets[ti] - 3, width, 1);
    ctx.globalAlpha = 1;
  });
}

export function TimelineView({ target, durationNs }: { target: Target; durationNs: number }) {
  const limit = Math.max(1, durationNs);
  const [view, setView] = useState<Window>({ start: 0, end: limit });
  const [data, setData] = useState<TimelineData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [details, setDetails] = useState<EventDetails | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const rects = useRef<Rect[]>([]);
  const drag = useRef<{ x: number; view: Window } | null>(null);
  const mouseT = useRef<number | null>(null);

  useEffect(() => {
    window.__tbxProfile = { openedAt: performance.now(), paints: 0 };
    setView({ start: 0, end: limit });
    setDetails(null);
  }, [target.run, target.host, limit]);

  // Fetch the visible window (debounced, the previous request aborted).
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const width = Math.max(100, (canvas.current?.clientWidth ?? 1000) - LABEL_WIDTH);
      const started = performance.now();
      fetchTool<TimelineData>(
        target,
        'trace_viewer',
        { start_ns: Math.floor(view.start), end_ns: Math.ceil(view.end), width: Math.round(width) },
        controller.signal,
      )
        .then((d) => {
          if (window.__tbxProfile) window.__tbxProfile.lastFetchMs = performance.now() - started;
          setData(d);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted) setError(String(e));
        });
    }, 60);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [target.run, target.host, view.start, view.end]);

  useEffect(() => {
    if (!canvas.current || !data) return;
    // The data's own window, so a pending fetch still shows where things are.
    draw(canvas.current, data, { start: data.start_ns, end: data.end_ns }, search, details?.event ?? null, rects.current);
    const timings = window.__tbxProfile;
    if (timings) {
      timings.paints++;
      if (timings.firstPaintMs === undefined) timings.firstPaintMs = performance.now() - timings.openedAt;
    }
  }, [data, search, details]);

  const timeAt = (clientX: number): number => {
    const el = canvas.current;
    if (!el) return (view.start + view.end) / 2;
    const r = el.getBoundingClientRect();
    const f = (clientX - r.left - LABEL_WIDTH) / Math.max(1, r.width - LABEL_WIDTH);
    return view.start + Math.min(1, Math.max(0, f)) * (view.end - view.start);
  };

  const onKey = (e: KeyboardEvent) => {
    const at = mouseT.current ?? (view.start + view.end) / 2;
    const key = e.key.toLowerCase();
    if (key === 'w') setView((v) => zoom(v, 0.5, at, limit));
    else if (key === 's') setView((v) => zoom(v, 2, at, limit));
    else if (key === 'a') setView((v) => pan(v, -0.25, limit));
    else if (key === 'd') setView((v) => pan(v, 0.25, limit));
    else if (key === '0') setView({ start: 0, end: limit });
    else return;
    e.preventDefault();
  };

  const onClick = (e: MouseEvent) => {
    const el = canvas.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const hit = rects.current.find(([rx, ry, rw, rh]) => x >= rx - 1 && x <= rx + rw + 1 && y >= ry && y <= ry + rh);
    if (!hit) {
      setDetails(null);
      return;
    }
    fetchTool<EventDetails>(target, 'trace_viewer', { event: hit[4] })
      .then(setDetails)
      .catch((err: unknown) => setError(String(err)));
  };

  return (
    <div class="profile-timeline">
      <div class="profile-table-bar">
        <input
          type="search"
          placeholder="Highlight events by name"
          value={search}
          onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
        />
        <span class="profile-muted">
          {formatNs(view.start)} – {formatNs(view.end)} ({formatNs(view.end - view.start)})
          {data ? ` · ${formatNs(data.resolution_ns)} per pixel` : ''} · W/S zoom, A/D pan, 0 reset, drag to pan
        </span>
        <button type="button" onClick={() => setView({ start: 0, end: limit })}>
          Reset zoom
        </button>
      </div>
      {error ? <div class="profile-warning">{error}</div> : null}
      <div class="profile-timeline-body">
        <canvas
          ref={canvas}
          class="profile-timeline-canvas"
          tabIndex={0}
          aria-label="Trace timeline"
          onKeyDown={onKey}
          onMouseMove={(e) => {
            mouseT.current = timeAt(e.clientX);
            if (drag.current && canvas.current) {
              const dx = e.clientX - drag.current.x;
              const w = Math.max(1, canvas.current.clientWidth - LABEL_WIDTH);
              const frac = -dx / w;
              setView(pan(drag.current.view, frac, limit));
            }
          }}
          onMouseDown={(e) => {
            drag.current = { x: e.clientX, view };
            canvas.current?.focus();
          }}
          onMouseUp={(e) => {
            const moved = drag.current ? Math.abs(e.clientX - drag.current.x) : 0;
            drag.current = null;
            if (moved < 3) onClick(e);
          }}
          onMouseLeave={() => {
            drag.current = null;
            mouseT.current = null;
          }}
          onWheel={(e) => {
            e.preventDefault();
            const at = timeAt(e.clientX);
            setView((v) => zoom(v, e.deltaY < 0 ? 0.8 : 1.25, at, limit));
          }}
        />
        {details ? (
          <aside class="profile-details" aria-label="Event details">
            <h4>{details.name}</h4>
            <table>
              <tbody>
                {Object.entries(details)
                  .filter(([k]) => k !== 'name')
                  .map(([k, v]) => (
                    <tr key={k}>
                      <th>{k}</th>
                      <td>
                        {k.endsWith('_ns') && typeof v === 'number'
                          ? formatNs(v)
                          : typeof v === 'object'
                            ? JSON.stringify(v)
                            : String(v)}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </aside>
        ) : null}
      </div>
    </div>
  );
}
