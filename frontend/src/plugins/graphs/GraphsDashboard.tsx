// The graph explorer: run/tag/mode selectors, search, colour mode, fit and PNG download above a
// canvas that shows the graph's hierarchy (top level collapsed at first); a side panel shows the
// selected node. Double-click (or the panel's button) expands and collapses groups; drag pans,
// the wheel zooms. Layouts run in a worker (layout_client.ts) and so does drawing (renderer.ts:
// the canvas belongs to a render worker); the UI thread fetches, hit-tests and handles input.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { HttpError } from '../../api/client';
import { useStore } from '../../state/store';
import type { DashboardProps } from '../registry';
import type { ColorBy, StatsScales, Transform } from './draw';
import './graphs.css';
import { Legend } from './Legend';
import { GraphExplorer, type Placement } from './explorer';
import {
  type GraphSpec,
  type GraphsInfo,
  type NodeResponse,
  type SearchResponse,
  fetchGraphsInfo,
  fetchGroup,
  fetchNode,
  searchGraph,
  traceInputs,
} from './graphs_api';
import { firstGraph, graphSpec, tagOptions } from './first_graph';
import { LayoutClient } from './layout_client';
import { NodePanel } from './NodePanel';
import { type GraphRenderer, createRenderer } from './renderer';

/** Timings the browser benchmark reads (window.__tbxGraphs). */
interface GraphTimings {
  openedAt: number;
  /** From opening the graph to its first paint. */
  firstPaintMs?: number;
  /** performance.now() of the first paint (milliseconds since navigation start). */
  firstPaintAt?: number;
  /** From a double-click (or button) on a group to its new layout being painted. */
  lastExpandMs?: number;
  expandStartedAt?: number;
  /** Of the last expansion: waiting for the server, and for the layout worker. */
  lastExpandFetchMs?: number;
  lastExpandLayoutMs?: number;
  /** When dagre's layout of a large group last replaced its bands: from the expansion's start. */
  lastRefineMs?: number;
  /** performance.now() of the last paint after such a swap. */
  refinedAt?: number;
  refineStartedAt?: number;
  refinePending?: boolean;
  drawn: number;
  screenRectOf: (label: string) => { x: number; y: number; width: number; height: number } | undefined;
  /** The sequence number of the frame whose drawing completes the first paint. */
  firstPaintSeq?: number;
  /** The drawn colour at a client point (tests). */
  pixelAt?: (clientX: number, clientY: number) => Promise<[number, number, number]>;
}

declare global {
  interface Window {
    __tbxGraphs?: GraphTimings;
  }
}

function errorText(error: unknown): string {
  if (error instanceof HttpError) {
    try {
      const parsed = JSON.parse(error.message) as { error?: string };
      if (parsed.error) return parsed.error;
    } catch {
      /* not JSON */
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** The run's tags holding run metadata (step stats), as options of the stats selector. */
function statsOptions(info: GraphsInfo, run: string): string[] {
  return Object.values(info[run]?.tags ?? {})
    .filter((t) => t.profile)
    .map((t) => t.tag);
}

export function GraphsDashboard({ app }: DashboardProps) {
  const refresh = useStore(app.data, (d) => d.refresh);
  const theme = useStore(app.settings, (s) => s.theme);
  const [info, setInfo] = useState<GraphsInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [run, setRun] = useState('');
  const [tag, setTag] = useState('');
  const [conceptual, setConceptual] = useState(false);
  const [statsTag, setStatsTag] = useState('');
  const [explorer, setExplorer] = useState<GraphExplorer | null>(null);
  const [graphError, setGraphError] = useState<string | null>(null);
  const [version, setVersion] = useState(0); // bumped when the explorer's layout changed
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [node, setNode] = useState<NodeResponse | null>(null);
  const [colorBy, setColorBy] = useState<ColorBy>('structure');
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResponse | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState<Set<number> | undefined>(undefined);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const statsSummary = explorer?.root?.stats;
  const scales: StatsScales | undefined = useMemo(
    () => (statsSummary ? { maxMicros: statsSummary.max_micros, maxBytes: statsSummary.max_bytes } : undefined),
    [statsSummary],
  );
  const transform = useRef<Transform>({ scale: 1, dx: 0, dy: 0 });
  const placements = useRef<Placement[]>([]);
  /** The canvas's box in CSS pixels (from the resize observer: reading it would force a layout). */
  const box = useRef({ width: 0, height: 0 });
  const renderer = useRef<GraphRenderer | null>(null);
  /** The explorer state whose scene the renderer holds. */
  const shown = useRef<{ explorer: GraphExplorer | null; revision: number }>({ explorer: null, revision: -1 });
  /** Timing updates waiting for a frame to be drawn, by the frame's sequence number. */
  const afterDraw = useRef(new Map<number, ((now: number) => void)[]>());
  /** The explorer whose top-level groups are prefetched once its first graph is drawn. */
  const prefetchAfterDraw = useRef<GraphExplorer | null>(null);
  /** The item search last centred on, until the user pans or zooms. */
  const focus = useRef<number | undefined>(undefined);
  // The layout worker starts with the dashboard (or already did with the page, graph_workers.ts),
  // so its script has loaded by the time the first group arrives.
  const client = useMemo(() => {
    const created = new LayoutClient();
    created.warm();
    return created;
  }, []);
  useEffect(() => () => client.dispose(), [client]);
  // The steps from the page's first render to the first frame (info → default graph → open → the
  // renderer → draw) are layout effects: each runs right after its render, where a passive effect
  // would wait for a painted frame first (a frame or more per step while the page loads).
  useLayoutEffect(() => {
    const controller = new AbortController();
    fetchGraphsInfo(controller.signal)
      .then((next) => {
        setInfo(next);
        setInfoError(null);
      })
      .catch((error) => {
        if (!controller.signal.aborted) setInfoError(errorText(error));
      });
    return () => controller.abort();
  }, [refresh]);

  // Default run and tag: the first run with a graph (the graph prefetchFirstGraph asked for).
  useLayoutEffect(() => {
    if (!info) return;
    if (!info[run] || tagOptions(info, run).length === 0) {
      const first = firstGraph(info);
      if (first) {
        setRun(first.run);
        setTag(first.tag);
      }
    }
  }, [info]);

  const tagInfo = info?.[run]?.tags[tag];
  const statsTags = info ? statsOptions(info, run) : [];
  const stats = statsTags.includes(statsTag) ? statsTag : undefined;
  const spec: GraphSpec | null = useMemo(
    () => (info ? graphSpec(info, run, tag, conceptual, stats) : null),
    [info, run, tag, conceptual, stats],
  );

  useLayoutEffect(() => {
    if (!spec) return;
    let live = true;
    const next = new GraphExplorer(spec, client, fetchGroup);
    next.onChange = () => {
      const timings = window.__tbxGraphs;
      if (timings) timings.refinePending = true;
      // A node just revealed by search stays in the middle when its group's layout is replaced.
      if (focus.current !== undefined) centreOn(next, focus.current, transform.current.scale);
      setVersion((v) => v + 1);
    };
    const openedAt = performance.now();
    window.__tbxGraphs = { openedAt, drawn: 0, screenRectOf: () => undefined };
    setGraphError(null);
    setSelected(undefined);
    setNode(null);
    setHighlighted(undefined);
    setResults(null);
    next
      .open()
      .then(() => {
        if (!live) return;
        setExplorer(next);
        fit(next);
        setVersion((v) => v + 1);
        // The top level's groups, once the first graph is drawn (below), so the first expansion
        // waits for neither server nor worker.
        prefetchAfterDraw.current = next;
      })
      .catch((error) => {
        if (!live) return;
        setExplorer(null);
        setGraphError(errorText(error));
      });
    return () => {
      live = false;
      next.dispose();
    };
  }, [spec?.run, spec?.tag, spec?.conceptual, spec?.stats]);

  const fit = (target = explorer) => {
    const canvas = canvasRef.current;
    if (!target || !canvas) return;
    // The observed box; until the observer's first report, the laid-out one.
    const { width, height } = box.current.width > 0 ? box.current : { width: canvas.clientWidth, height: canvas.clientHeight };
    focus.current = undefined;
    const bounds = target.bounds();
    const scale = Math.min(2, width / Math.max(1, bounds.width), height / Math.max(1, bounds.height));
    transform.current = {
      scale,
      dx: (width - bounds.width * scale) / 2,
      dy: (height - bounds.height * scale) / 2,
    };
    setVersion((v) => v + 1);
  };

  // The renderer owns the canvas from mount; the resize observer keeps its size (while the graph
  // loads, the render worker sizes the canvas and allocates its store ahead of the first frame).
  // Made in a task of its own after the dashboard's first render: handing the canvas to the render
  // worker costs the UI thread a few milliseconds, and the graph's first group is still on its way.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onDrawn = (seq: number, drawn: number) => {
      canvas.dataset.drawn = String(drawn);
      const timings = window.__tbxGraphs;
      if (timings) timings.drawn = drawn;
      const now = performance.now();
      for (const [key, updates] of afterDraw.current) {
        if (key > seq) continue;
        afterDraw.current.delete(key);
        for (const update of updates) update(now);
      }
    };
    let created: GraphRenderer | null = null;
    let observer: ResizeObserver | null = null;
    const start = setTimeout(() => {
      const made = createRenderer(canvas, onDrawn);
      created = made;
      renderer.current = made;
      observer = new ResizeObserver((entries) => {
        const { width, height } = entries[entries.length - 1].contentRect;
        box.current = { width, height };
        const ratio = window.devicePixelRatio || 1;
        made.size(Math.round(width * ratio), Math.round(height * ratio));
        setVersion((v) => v + 1);
      });
      observer.observe(canvas);
    }, 0);
    return () => {
      clearTimeout(start);
      observer?.disconnect();
      created?.dispose();
      renderer.current = null;
      shown.current = { explorer: null, revision: -1 };
    };
  }, []);

  // Draw on every change: the scene is sent when the explorer's layout changed, the view always.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const target = renderer.current;
    const { width, height } = box.current;
    if (!canvas || !target || !explorer || width === 0) return;
    if (shown.current.explorer !== explorer || shown.current.revision !== explorer.revision) {
      placements.current = explorer.placements();
      target.setScene(explorer.scene(placements.current));
      shown.current = { explorer, revision: explorer.revision };
    }
    const ratio = window.devicePixelRatio || 1;
    const t = transform.current;
    const seq = target.draw({
      width: Math.round(width * ratio),
      height: Math.round(height * ratio),
      transform: { scale: t.scale * ratio, dx: t.dx * ratio, dy: t.dy * ratio },
      options: { colorBy, scales, selected, highlighted, dark: theme === 'dark' },
    });
    const updates: ((now: number) => void)[] = [];
    if (prefetchAfterDraw.current === explorer) {
      prefetchAfterDraw.current = null;
      updates.push(() => explorer.prefetchChildren(0));
    }
    const timings = window.__tbxGraphs;
    if (!timings) {
      if (updates.length > 0) afterDraw.current.set(seq, updates);
      return;
    }
    if (timings.firstPaintSeq === undefined) {
      timings.firstPaintSeq = seq;
      updates.push((now) => {
        timings.firstPaintMs = now - timings.openedAt;
        timings.firstPaintAt = now;
      });
    }
    if (timings.expandStartedAt !== undefined) {
      const start = timings.expandStartedAt;
      timings.expandStartedAt = undefined;
      updates.push((now) => {
        timings.lastExpandMs = now - start;
        timings.refineStartedAt = start;
      });
    }
    if (timings.refinePending) {
      timings.refinePending = false;
      updates.push((now) => {
        timings.refinedAt = now;
        if (timings.refineStartedAt !== undefined) timings.lastRefineMs = now - timings.refineStartedAt;
      });
    }
    if (updates.length > 0) afterDraw.current.set(seq, updates);
    timings.screenRectOf = (label) => {
      const p = placements.current.find((q) => q.item.label === label || q.item.name === label);
      if (!p) return undefined;
      const rect = canvas.getBoundingClientRect();
      const s = transform.current;
      return {
        x: rect.left + p.rect.x * s.scale + s.dx,
        y: rect.top + p.rect.y * s.scale + s.dy,
        width: p.rect.width * s.scale,
        height: p.rect.height * s.scale,
      };
    };
    timings.pixelAt = (clientX, clientY) => {
      const rect = canvas.getBoundingClientRect();
      const r = window.devicePixelRatio || 1;
      return target.pixelAt(Math.round((clientX - rect.left) * r), Math.round((clientY - rect.top) * r));
    };
  }, [explorer, version, colorBy, scales, selected, highlighted, theme]);

  const select = (id: number | undefined) => {
    setSelected(id);
    setNode(null);
    if (id === undefined || !explorer) return;
    fetchNode(explorer.spec, id)
      .then(setNode)
      .catch((error) => setGraphError(errorText(error)));
  };

  const toggle = async (id: number) => {
    if (!explorer) return;
    const start = performance.now();
    await explorer.toggle(id);
    // The next paint completes the expansion (measured there).
    if (window.__tbxGraphs) {
      window.__tbxGraphs.expandStartedAt = start;
      window.__tbxGraphs.lastExpandFetchMs = explorer.lastFetchMs;
      window.__tbxGraphs.lastExpandLayoutMs = explorer.lastLayoutMs;
    }
    setVersion((v) => v + 1);
    if (explorer.isExpanded(id)) explorer.prefetchChildren(id);
  };

  /** Centres the view on an item of `target` at `scale`. */
  function centreOn(target: GraphExplorer, id: number, scale: number) {
    const placed = target.placements().find((p) => p.id === id);
    const { width, height } = box.current;
    if (!placed) return;
    transform.current = {
      scale,
      dx: width / 2 - (placed.rect.x + placed.rect.width / 2) * scale,
      dy: height / 2 - (placed.rect.y + placed.rect.height / 2) * scale,
    };
  }

  /** Expands a node's ancestors, selects it and centres it. */
  const reveal = async (id: number, ancestors?: number[]) => {
    if (!explorer) return;
    const chain = ancestors ?? (await fetchNode(explorer.spec, id)).ancestors;
    await explorer.reveal(chain);
    focus.current = id;
    centreOn(explorer, id, Math.max(transform.current.scale, 0.8));
    select(id);
    setVersion((v) => v + 1);
  };

  const toCanvas = (event: MouseEvent) => {
    const box = canvasRef.current!.getBoundingClientRect();
    const t = transform.current;
    return { x: (event.clientX - box.left - t.dx) / t.scale, y: (event.clientY - box.top - t.dy) / t.scale };
  };

  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const onMouseDown = (event: MouseEvent) => {
    drag.current = { x: event.clientX, y: event.clientY, moved: false };
  };
  const onMouseMove = (event: MouseEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = event.clientX - d.x;
    const dy = event.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 3) return;
    d.moved = true;
    focus.current = undefined;
    transform.current = { ...transform.current, dx: transform.current.dx + dx, dy: transform.current.dy + dy };
    d.x = event.clientX;
    d.y = event.clientY;
    setVersion((v) => v + 1);
  };
  const onMouseUp = (event: MouseEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved || !explorer) return;
    const point = toCanvas(event);
    select(explorer.hit(point.x, point.y, placements.current)?.id);
  };
  const onDoubleClick = (event: MouseEvent) => {
    if (!explorer) return;
    const point = toCanvas(event);
    const hit = explorer.hit(point.x, point.y, placements.current);
    if (hit && hit.item.kind !== 'op') void toggle(hit.id);
  };
  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    focus.current = undefined;
    const box = canvasRef.current!.getBoundingClientRect();
    const t = transform.current;
    const factor = Math.exp(-event.deltaY * 0.0015);
    const scale = Math.min(4, Math.max(0.02, t.scale * factor));
    const mx = event.clientX - box.left;
    const my = event.clientY - box.top;
    transform.current = { scale, dx: mx - ((mx - t.dx) * scale) / t.scale, dy: my - ((my - t.dy) * scale) / t.scale };
    setVersion((v) => v + 1);
  };

  const runSearch = (event: Event) => {
    event.preventDefault();
    if (!explorer || !query.trim()) return;
    setSearchError(null);
    searchGraph(explorer.spec, query.trim())
      .then((found) => {
        setResults(found);
        if (found.matches.length > 0) void reveal(found.matches[0].id, found.matches[0].ancestors);
      })
      .catch((error) => setSearchError(errorText(error)));
  };

  const trace = () => {
    if (!explorer || selected === undefined) return;
    traceInputs(explorer.spec, selected)
      .then((result) => setHighlighted(new Set(result.items)))
      .catch((error) => setGraphError(errorText(error)));
  };

  const downloadPng = () => {
    void renderer.current?.toBlob().then((blob) => {
      if (!blob) return;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `graph-${run || 'run'}${tag ? '-' + tag : ''}.png`.replace(/[^\w.-]+/g, '_');
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    });
  };

  if (infoError) return <div class="graphs__message graphs__message--error">Could not list graphs: {infoError}</div>;
  if (info && Object.keys(info).length === 0) {
    return <div class="graphs__message">No graph data: no run holds a graph, run metadata or Keras model.</div>;
  }
  const runs = info ? Object.keys(info) : [];
  const tags = info ? tagOptions(info, run) : [];
  const summary = explorer?.root?.graph;

  return (
    <div class="graphs">
      <div class="graphs__toolbar">
        <label>
          Run{' '}
          <select value={run} onChange={(e) => setRun((e.target as HTMLSelectElement).value)} aria-label="Run">
            {runs.map((r) => (
              <option value={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Graph{' '}
          <select value={tag} onChange={(e) => setTag((e.target as HTMLSelectElement).value)} aria-label="Tag">
            {tags.map((t) => (
              <option value={t.value}>{t.label}</option>
            ))}
          </select>
        </label>
        <label title="Keras conceptual graph (when the tag has one)">
          <input
            type="checkbox"
            checked={spec?.conceptual === true}
            disabled={!tagInfo?.conceptual_graph}
            onChange={(e) => setConceptual((e.target as HTMLInputElement).checked)}
          />{' '}
          Conceptual
        </label>
        <label title="Run metadata with step statistics: colours by compute time and memory">
          Stats{' '}
          <select
            value={stats ?? ''}
            aria-label="Run metadata"
            disabled={statsTags.length === 0 || spec?.conceptual === true}
            onChange={(e) => {
              const next = (e.target as HTMLSelectElement).value;
              setStatsTag(next);
              if (next && colorBy !== 'compute' && colorBy !== 'memory') setColorBy('compute');
              if (!next && (colorBy === 'compute' || colorBy === 'memory')) setColorBy('structure');
            }}
          >
            <option value="">{statsTags.length === 0 ? 'None recorded' : 'None'}</option>
            {statsTags.map((t) => (
              <option value={t}>{t}</option>
            ))}
          </select>
        </label>
        <form class="graphs__search" onSubmit={runSearch}>
          <input
            type="search"
            placeholder="Search name or op (regex)"
            aria-label="Search nodes"
            value={query}
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          />
        </form>
        <label>
          Colour{' '}
          <select value={colorBy} onChange={(e) => setColorBy((e.target as HTMLSelectElement).value as ColorBy)} aria-label="Colour by">
            <option value="structure">Structure</option>
            <option value="device">Device</option>
            <option value="op">Op type</option>
            <option value="compute" disabled={!spec?.stats}>
              Compute time
            </option>
            <option value="memory" disabled={!spec?.stats}>
              Memory
            </option>
          </select>
        </label>
        <button type="button" onClick={() => fit()}>
          Fit
        </button>
        <button type="button" onClick={downloadPng}>
          Download PNG
        </button>
      </div>
      <Legend colorBy={colorBy} scales={scales} stats={statsSummary} summary={summary} />
      {searchError && <div class="graphs__message graphs__message--error">{searchError}</div>}
      {results && (
        <div class="graphs__results" aria-label="Search results">
          {results.total === 0 ? 'No match.' : `${results.total} match${results.total === 1 ? '' : 'es'}: `}
          {results.matches.slice(0, 12).map((m) => (
            <button type="button" class="graphs__link" onClick={() => void reveal(m.id, m.ancestors)}>
              {m.name}
            </button>
          ))}
        </div>
      )}
      {graphError && <div class="graphs__message graphs__message--error" role="alert">{graphError}</div>}
      {summary && summary.problems.length > 0 && (
        <div class="graphs__message graphs__message--warning">{summary.problems.join(' · ')}</div>
      )}
      <div class="graphs__body">
        <canvas
          ref={canvasRef}
          class="graphs__canvas"
          aria-label="Graph"
          onMouseDown={onMouseDown}
          onMouseMove={onMouseMove}
          onMouseUp={onMouseUp}
          onMouseLeave={() => (drag.current = null)}
          onDblClick={onDoubleClick}
          onWheel={onWheel}
        />
        <NodePanel
          node={node}
          summary={summary}
          expanded={selected !== undefined && explorer?.isExpanded(selected) === true}
          onToggle={() => selected !== undefined && void toggle(selected)}
          onReveal={(id) => void reveal(id)}
          onTrace={trace}
          onClearTrace={highlighted ? () => setHighlighted(undefined) : undefined}
        />
      </div>
    </div>
  );
}
