// The projector dashboard: pick a run and a tensor; the rows are projected in a worker (PCA by
// default, t-SNE or UMAP on demand, with progress, pause/resume and cancel), or onto axes defined
// by searches (custom), and drawn by a ScatterView in 2D or 3D; points are coloured and labelled
// by a metadata column; a regular expression over a column, a click, a rectangle or a lasso
// selects points; the selection can be isolated (projections then run on those rows only) and
// cleared; the nearest neighbours of the selected point are listed; a view can be saved to and
// loaded from a bookmarks file. Selections are kept as tensor row numbers; with an isolated
// subset the view's point i is row ids[i]. Timings and state are published
// as data-* attributes for the browser tests and benchmarks. UI thread.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DashboardProps } from '../registry';
import { useStore } from '../../state/store';
import { type Legend, colorPoints } from './colors';
import { customProjection } from './custom_projection';
import { type Metadata, parseMetadata, searchRows } from './metadata';
import { type Metric, type Neighbour, nearestNeighbours } from './neighbours';
import type { JobReply, JobRequest } from './projection_messages';
import {
  type EmbeddingInfo,
  type ProjectorConfig,
  type Tensor,
  fetchInfo,
  fetchRuns,
  fetchText,
  spriteUrl,
} from './projector_data';
import { type PendingLoad, startLoad, takeInfo, takeLoad, takeRuns } from './prefetch';
import { type PcaResult, projectComponent } from './pca';
import { type DragMode, ScatterView } from './scatter_view';
import './projector.css';

type Method = 'pca' | 'tsne' | 'umap' | 'custom';

interface CustomQueries {
  left: string;
  right: string;
  up: string;
  down: string;
}

interface Projection {
  positions: Float32Array;
  components: number;
}

interface Bookmark {
  label: string;
  method: Method;
  dimensions: 2 | 3;
  selected: number[];
  colorBy: number;
  pcaAxes?: number[];
  positions?: number[];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The rows `ids` of `tensor` as a tensor of their own. */
function subsetOf(tensor: Tensor, ids: Int32Array): Tensor {
  const values = new Float32Array(ids.length * tensor.dims);
  ids.forEach((row, i) => values.set(tensor.values.subarray(row * tensor.dims, (row + 1) * tensor.dims), i * tensor.dims));
  return { rows: ids.length, dims: tensor.dims, values };
}

/** The chosen PCA axes of a 10-component projection, as a rows × 3 (or × 2) array. */
function pickAxes(p: Projection, rows: number, axes: number[]): Projection {
  const count = axes.length;
  if (count === p.components && axes.every((axis, i) => axis === i)) return p;
  const out = new Float32Array(rows * count);
  const from: Float32Array = p.positions;
  const stride = p.components;
  for (let a = 0; a < count; a++) {
    const axis = axes[a];
    if (axis >= stride) continue;
    for (let r = 0, i = axis, o = a; r < rows; r++, i += stride, o += count) out[o] = from[i];
  }
  return { positions: out, components: count };
}

export function ProjectorDashboard({ app }: DashboardProps) {
  const refresh = useStore(app.data, (d) => d.refresh);
  const dark = useStore(app.settings, (s) => s.theme === 'dark');
  const rootRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<ScatterView | null>(null);
  const workerRef = useRef<Worker | null>(null);
  const loadStarted = useRef(0);
  const painted = useRef(false);
  const pcaPainted = useRef(false);
  /** The projection the view shows. */
  const paintedProjection = useRef<Projection | null>(null);
  /** Started once the first projection is drawn (the metadata download). */
  const afterFirstPaint = useRef<(() => void) | null>(null);
  /** The tensor whose PCA came with it from the loading worker (no second PCA job for it). */
  const pcaReady = useRef<Tensor | null>(null);

  const [runs, setRuns] = useState<string[] | null>(null);
  const [run, setRun] = useState('');
  const [config, setConfig] = useState<ProjectorConfig | null>(null);
  const [tensorName, setTensorName] = useState('');
  const [tensor, setTensor] = useState<Tensor | null>(null);
  /** Rows of the tensor whose values are still downloading, painted from the server's PCA. */
  const [previewRows, setPreviewRows] = useState(0);
  const [metadata, setMetadata] = useState<Metadata | null>(null);
  const [sprite, setSprite] = useState<HTMLImageElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [method, setMethod] = useState<Method>('pca');
  const [dimensions, setDimensions] = useState<2 | 3>(3);
  /** The PCA on show: its projection onto the first components, and the worker's result. */
  const [pca, setPca] = useState<{ projection: Projection; result: PcaResult & { sampledRows: number } } | null>(null);
  const [axes, setAxes] = useState([0, 1, 2]);
  const [projection, setProjection] = useState<Projection | null>(null);
  const [progress, setProgress] = useState<string>('');
  const [running, setRunning] = useState(false);
  const [paused, setPaused] = useState(false);
  const [perplexity, setPerplexity] = useState(30);
  const [learningRate, setLearningRate] = useState(200);
  const [iterations, setIterations] = useState(1000);
  const [supervise, setSupervise] = useState(0);
  const [umapNeighbours, setUmapNeighbours] = useState(15);
  const [colorBy, setColorBy] = useState(0);
  const [labelBy, setLabelBy] = useState(0);
  const [searchColumn, setSearchColumn] = useState(0);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<number[]>([]);
  const [metric, setMetric] = useState<Metric>('cosine');
  const [k, setK] = useState(10);
  const [useSprites, setUseSprites] = useState(true);
  const [bookmarks, setBookmarks] = useState<Bookmark[]>([]);
  const [isolated, setIsolated] = useState<Int32Array | null>(null);
  const [dragMode, setDragMode] = useState<DragMode>('camera');
  const [custom, setCustom] = useState<CustomQueries>({ left: '', right: '', up: '', down: '' });
  const [customNote, setCustomNote] = useState('');

  // The rows on show: every row, or the isolated subset; `ids` maps a view index to its row.
  const active: Tensor | null = useMemo(() => (tensor && isolated ? subsetOf(tensor, isolated) : tensor), [tensor, isolated]);
  /** The rows on show: the active tensor's, or those painted from the server's PCA before it. */
  const shownRows = active?.rows ?? previewRows;
  const toView = useMemo(() => {
    if (!tensor || !isolated) return null;
    const map = new Int32Array(tensor.rows).fill(-1);
    isolated.forEach((row, i) => (map[row] = i));
    return map;
  }, [tensor, isolated]);
  const rowOf = (i: number) => (isolated ? isolated[i] : i);
  const viewOf = (row: number) => (toView ? toView[row] : row);

  const embedding: EmbeddingInfo | undefined = config?.embeddings?.find((e) => e.tensorName === tensorName);

  useEffect(() => {
    const controller = new AbortController();
    (takeRuns() ?? fetchRuns(controller.signal))
      .then((r) => {
        if (controller.signal.aborted) return;
        setRuns(r);
        setRun((current) => (r.includes(current) ? current : (r[0] ?? '')));
      })
      .catch((e) => !controller.signal.aborted && setError(message(e)));
    return () => controller.abort();
  }, [refresh]);

  useEffect(() => {
    if (!run) return undefined;
    const controller = new AbortController();
    (takeInfo(run) ?? fetchInfo(run, controller.signal))
      .then((c) => {
        if (controller.signal.aborted) return;
        setConfig(c);
        const names = (c.embeddings ?? []).map((e) => e.tensorName);
        setTensorName((current) => (names.includes(current) ? current : (names[0] ?? '')));
      })
      .catch((e) => !controller.signal.aborted && setError(message(e)));
    return () => controller.abort();
  }, [run, refresh]);

  // Load the tensor (a worker downloads it and runs PCA as the bytes arrive; the download may have
  // been started by prefetch.ts while this code loaded), then its metadata, sprites and bookmarks.
  useEffect(() => {
    if (!run || !embedding) return undefined;
    const controller = new AbortController();
    painted.current = false;
    pcaPainted.current = false;
    setTensor(null);
    setPreviewRows(0);
    setProjection(null);
    setPca(null);
    setSelected([]);
    setIsolated(null);
    setMetadata(null);
    setSprite(null);
    setError(null);
    rootRef.current?.setAttribute('data-state', 'loading');
    rootRef.current?.removeAttribute('data-ready-ms');
    const load: PendingLoad =
      takeLoad(run, embedding.tensorName) ?? startLoad(run, embedding.tensorName, embedding.tensorShape?.[1] ?? 1);
    loadStarted.current = load.requestedAt;
    // Published for the benchmark: when the tensor was requested, in ms from page open.
    rootRef.current?.setAttribute('data-tensor-requested-at', load.requestedAt.toFixed(0));
    // For the tests: whether the PCA was asked for by index.html when the page opened.
    rootRef.current?.setAttribute('data-pca-asked-by', load.askedByPage ? 'page' : 'worker');
    const loader = load.worker;
    // The metadata (for a million rows, megabytes of TSV parsed here) waits for the tensor, so the
    // download and the first paint do not compete with it.
    const fetchAssets = () => {
      if (controller.signal.aborted) return;
      if (embedding.metadataPath) {
        fetchText('metadata', run, embedding.tensorName, controller.signal)
          .then((text) => !controller.signal.aborted && setMetadata(parseMetadata(text)))
          .catch(() => undefined);
      }
    };
    load.attach((reply) => {
      const root = rootRef.current;
      if (reply.kind === 'error') {
        setError(`tensor ${embedding.tensorName}: ${reply.message}`);
        loader.terminate();
        fetchAssets();
      } else if (reply.kind === 'projected' || (reply.kind === 'loaded' && reply.pca)) {
        // The PCA: the server's before the values (painted from it while they download), or the
        // worker's own with them.
        const result = reply.pca!;
        performance.mark(reply.kind === 'projected' ? 'projector: server PCA received' : 'projector: tensor and PCA received');
        const now = performance.now() - loadStarted.current;
        root?.setAttribute('data-pca-ms', reply.pcaMs.toFixed(0));
        root?.setAttribute('data-pca-done-ms', now.toFixed(0));
        root?.setAttribute('data-pca-source', reply.kind === 'projected' ? 'server' : 'browser');
        if (reply.kind === 'loaded') {
          root?.setAttribute('data-load-ms', (now - reply.pcaMs).toFixed(0));
          const loaded: Tensor = { rows: reply.rows, dims: reply.dims, values: reply.values };
          pcaReady.current = loaded;
          setTensor(loaded);
        } else {
          setPreviewRows(reply.rows);
        }
        setMethod('pca');
        setPca({ projection: { positions: result.projected, components: result.projectedComponents }, result });
        afterFirstPaint.current = fetchAssets;
        // Should nothing be drawn (no view), the metadata still comes.
        setTimeout(() => afterFirstPaint.current === fetchAssets && ((afterFirstPaint.current = null), fetchAssets()), 2000);
      } else if (reply.kind === 'loaded') {
        // The values of the tensor painted from the server's PCA (which stays on show).
        performance.mark('projector: tensor received');
        root?.setAttribute('data-load-ms', (performance.now() - loadStarted.current).toFixed(0));
        const loaded: Tensor = { rows: reply.rows, dims: reply.dims, values: reply.values };
        pcaReady.current = loaded;
        setTensor(loaded);
      } else if (reply.kind === 'done') {
        loader.terminate();
      }
    });
    if (embedding.sprite?.imagePath) {
      const image = new Image();
      image.onload = () => !controller.signal.aborted && setSprite(image);
      image.src = spriteUrl(run, embedding.tensorName);
    }
    if (embedding.bookmarksPath) {
      fetchText('bookmarks', run, embedding.tensorName, controller.signal)
        .then((text) => setBookmarks(JSON.parse(text) as Bookmark[]))
        .catch(() => undefined);
    }
    return () => {
      controller.abort();
      loader.terminate();
    };
  }, [run, embedding?.tensorName, refresh]);

  const stopJob = () => {
    workerRef.current?.terminate();
    workerRef.current = null;
    setRunning(false);
    setPaused(false);
  };

  const startJob = (request: JobRequest, onPositions: (reply: Extract<JobReply, { kind: 'positions' }>) => void) => {
    stopJob();
    const worker = new Worker(new URL('./projection.worker.ts', import.meta.url), { type: 'module' });
    workerRef.current = worker;
    setRunning(true);
    setProgress('starting…');
    worker.onmessage = (event: MessageEvent<JobReply>) => {
      if (workerRef.current !== worker) return;
      const reply = event.data;
      if (reply.kind === 'progress') setProgress(`${reply.phase} ${(reply.fraction * 100).toFixed(0)}%`);
      else if (reply.kind === 'positions') onPositions(reply);
      else if (reply.kind === 'error') {
        setError(reply.message);
        stopJob();
      } else {
        setRunning(false);
        worker.terminate();
        if (workerRef.current === worker) workerRef.current = null;
      }
    };
    worker.postMessage(request);
  };

  // PCA whenever the rows change (but not for a tensor that arrived with its PCA); until it is done
  // the first three raw dimensions are shown.
  useEffect(() => {
    const tensor = active;
    if (!tensor) return;
    if (pcaReady.current === tensor) {
      pcaReady.current = null;
      return;
    }
    const started = performance.now();
    const raw = Math.min(3, tensor.dims);
    setProjection(pickAxes({ positions: tensor.values, components: tensor.dims }, tensor.rows, [0, 1, 2].slice(0, raw)));
    const job = { kind: 'pca', values: tensor.values, rows: tensor.rows, dims: tensor.dims, components: 10, project: 3 } as const;
    startJob(job, (reply) => {
      rootRef.current?.setAttribute('data-pca-ms', (performance.now() - started).toFixed(0));
      rootRef.current?.setAttribute('data-pca-done-ms', (performance.now() - loadStarted.current).toFixed(0));
      setPca({
        projection: { positions: reply.positions, components: reply.components },
        result: reply.pca!,
      });
      setProgress('');
    });
    setMethod('pca');
    setPca(null);
    return stopJob;
  }, [active]);

  useEffect(() => {
    const rows = active?.rows ?? previewRows;
    if (method !== 'pca' || !pca || !rows) return;
    const wanted = axes.slice(0, dimensions).map((a) => Math.min(a, pca.result.components - 1));
    if (wanted.every((a) => a < pca.projection.components)) {
      setProjection(pickAxes(pca.projection, rows, wanted));
      return;
    }
    // The other components need the values (the PCA menu waits for them).
    if (!active) return;
    // A component past the projected ones: its coordinates are computed here (rows × dims).
    const out = new Float32Array(active.rows * wanted.length);
    wanted.forEach((axis, a) => {
      const column =
        axis < pca.projection.components
          ? pickAxes(pca.projection, active.rows, [axis]).positions
          : projectComponent(active.values, active.rows, active.dims, pca.result, axis);
      for (let r = 0; r < active.rows; r++) out[r * wanted.length + a] = column[r];
    });
    setProjection({ positions: out, components: wanted.length });
  }, [pca, axes, dimensions, method, previewRows]);

  // Custom projection: X from the "left" rows' centroid to the "right" rows', Y from "down" to "up".
  useEffect(() => {
    if (method !== 'custom' || !active) return;
    const matches = (pattern: string) =>
      metadata && pattern ? searchRows(metadata, searchColumn, pattern).map(viewOf).filter((i) => i >= 0) : [];
    const x = { negative: matches(custom.left), positive: matches(custom.right) };
    const y = { negative: matches(custom.down), positive: matches(custom.up) };
    const result = customProjection(active.values, active.rows, active.dims, x, y);
    const describe = (name: string, axis: typeof x, defined: boolean) =>
      `${name}: ${axis.negative.length} ↔ ${axis.positive.length} points${defined ? '' : ' (undefined: 0)'}`;
    setCustomNote(`${describe('X', x, result.defined[0])}; ${describe('Y', y, result.defined[1])}`);
    setProjection({ positions: result.positions, components: 2 });
  }, [method, active, metadata, searchColumn, custom]);

  const runCustom = () => {
    stopJob();
    setMethod('custom');
  };

  const runTsne = () => {
    const tensor = active;
    if (!tensor) return;
    setMethod('tsne');
    setDimensions(2);
    let labels: Int32Array | undefined;
    if (supervise > 0 && metadata) {
      const ids = new Map<string, number>();
      const column = metadata.column(colorBy);
      labels = new Int32Array(tensor.rows).map((_, i) => {
        const v = column[rowOf(i)] ?? '';
        if (!ids.has(v)) ids.set(v, ids.size);
        return ids.get(v)!;
      });
    }
    startJob(
      {
        kind: 'tsne',
        values: tensor.values,
        rows: tensor.rows,
        dims: tensor.dims,
        perplexity,
        learningRate,
        iterations,
        labels,
        supervision: supervise,
      },
      (reply) => {
        setProjection({ positions: reply.positions, components: 2 });
        setProgress(`iteration ${reply.iteration} (${reply.msPerIteration?.toFixed(1)} ms each)`);
        rootRef.current?.setAttribute('data-iteration', String(reply.iteration));
        rootRef.current?.setAttribute('data-ms-per-iteration', String(reply.msPerIteration?.toFixed(2)));
      },
    );
  };

  const runUmap = () => {
    const tensor = active;
    if (!tensor) return;
    setMethod('umap');
    startJob(
      { kind: 'umap', values: tensor.values, rows: tensor.rows, dims: tensor.dims, neighbours: umapNeighbours, components: dimensions },
      (reply) => {
        setProjection({ positions: reply.positions, components: reply.components });
        rootRef.current?.setAttribute('data-iteration', String(reply.iteration));
      },
    );
  };

  const togglePause = () => {
    workerRef.current?.postMessage({ kind: paused ? 'resume' : 'pause' });
    setPaused(!paused);
  };

  // The view.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const view = new ScatterView(host, {
      hover: () => undefined,
      select: (indices, additive) => selectFromView.current(indices, additive),
    });
    viewRef.current = view;
    const observer = new ResizeObserver(() => view.resize());
    observer.observe(host);
    (host as HTMLElement & { scatter?: ScatterView }).scatter = view;
    return () => {
      observer.disconnect();
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  // View indices → rows (the view is created once; this follows the isolated subset).
  const selectFromView = useRef((_indices: number[], _additive: boolean) => undefined as void);
  selectFromView.current = (indices, additive) => {
    const rows = indices.map(rowOf);
    setSelected((current) => (additive ? [...new Set([...current, ...rows])] : rows));
  };

  useEffect(() => viewRef.current?.setBackground(dark), [dark]);
  // In the commit that presses the mode's button, not after the next paint: a drag begun right
  // after the click must already act in the new mode.
  useLayoutEffect(() => viewRef.current?.setDragMode(dragMode), [dragMode]);
  const flat = method === 'tsne' || method === 'custom';
  useEffect(() => viewRef.current?.setDimensions(flat ? 2 : dimensions), [dimensions, method]);

  useEffect(() => {
    const view = viewRef.current;
    const rows = active?.rows ?? previewRows;
    if (!view || !projection || !rows || projection.positions.length !== rows * projection.components) return;
    const root = rootRef.current!;
    // The values arriving under the server's PCA already on show: nothing to draw again.
    const drawn = paintedProjection.current === projection && root.dataset.state === 'preview';
    paintedProjection.current = projection;
    if (!drawn) {
      view.setSpriteIndices(isolated);
      view.setPositions(projection.positions, rows, projection.components);
      view.setColors(colors);
      view.setSelection(selected.map(viewOf).filter((i) => i >= 0));
      // A layout that animates (t-SNE, UMAP) draws the view's level of detail until it stops.
      if (running && (method === 'tsne' || method === 'umap')) view.moveNow();
      view.renderNow();
    }
    root.dataset.points = String(rows);
    root.dataset.isolated = isolated ? String(isolated.length) : '';
    root.dataset.method = method;
    // 'preview': painted from the server's PCA, the values still downloading (t-SNE, UMAP, custom
    // projections, neighbours and other PCA components wait for them).
    root.dataset.state = !active ? 'preview' : pca || method !== 'pca' ? 'ready' : 'raw';
    if (root.dataset.state === 'ready' && !root.dataset.readyMs) root.dataset.readyMs = (performance.now() - loadStarted.current).toFixed(0);
    if (!painted.current) {
      performance.mark('projector: first paint');
      painted.current = true;
      root.dataset.firstPaintMs = (performance.now() - loadStarted.current).toFixed(0);
      root.dataset.firstPaintAt = performance.now().toFixed(0);
      const next = afterFirstPaint.current;
      afterFirstPaint.current = null;
      // Past this frame: the metadata and its parsing come after the points are on screen.
      if (next) setTimeout(next, 0);
    }
    if (pca && method === 'pca' && !pcaPainted.current) {
      pcaPainted.current = true;
      root.dataset.pcaPaintMs = (performance.now() - loadStarted.current).toFixed(0);
    }
  }, [projection, active]);

  const { legend, colors } = useMemo(() => {
    if (!shownRows) return { legend: { kind: 'none', entries: [] } as Legend, colors: new Uint8Array(0) };
    return colorPoints(shownRows, metadata, metadata ? colorBy : -1, isolated ?? undefined);
    // By row count, not by tensor: the values arriving under the server's PCA change no colour
    // (and new colours would draw the points again).
  }, [shownRows, isolated, metadata, colorBy]);
  useEffect(() => viewRef.current?.setColors(colors), [colors]);

  const labelOf = (row: number) => (metadata && row < metadata.rowCount ? metadata.value(row, labelBy) : String(row));
  useEffect(() => {
    viewRef.current?.setLabeler((i) => labelOf(rowOf(i)));
  }, [metadata, labelBy, isolated]);

  useEffect(() => {
    const dim = embedding?.sprite?.singleImageDim;
    viewRef.current?.setSprites(useSprites ? sprite : null, dim && dim.length === 2 ? [dim[0], dim[1]] : null);
    rootRef.current?.setAttribute('data-sprites', useSprites && sprite ? 'true' : 'false');
  }, [sprite, useSprites, tensor]);

  useEffect(() => {
    viewRef.current?.setSelection(selected.map(viewOf).filter((i) => i >= 0));
    rootRef.current?.setAttribute('data-selected', String(selected.length));
  }, [selected, toView]);

  const search = (text: string) => {
    setQuery(text);
    if (!metadata) return;
    const rows = searchRows(metadata, searchColumn, text);
    setSelected(toView ? rows.filter((r) => toView[r] >= 0) : rows);
  };

  const isolate = () => {
    if (selected.length === 0) return;
    stopJob();
    setIsolated(Int32Array.from(new Set(selected)).sort());
    setSelected([]);
    setQuery('');
  };

  const showAll = () => {
    stopJob();
    setIsolated(null);
  };

  // Neighbours among the rows on show, reported as rows.
  const neighbours: Neighbour[] = useMemo(() => {
    if (!active || selected.length !== 1 || viewOf(selected[0]) < 0) return [];
    return nearestNeighbours(active.values, active.rows, active.dims, viewOf(selected[0]), k, metric).map((n) => ({
      index: rowOf(n.index),
      distance: n.distance,
    }));
  }, [active, selected, k, metric]);

  const saveBookmark = () => {
    const bookmark: Bookmark = {
      label: `${method} ${new Date().toISOString()}`,
      method,
      dimensions,
      selected,
      colorBy,
      pcaAxes: axes,
      positions: method === 'pca' || !projection ? undefined : Array.from(projection.positions),
    };
    const all = [...bookmarks, bookmark];
    setBookmarks(all);
    const blob = new Blob([JSON.stringify(all)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'bookmarks.json';
    link.click();
  };

  const applyBookmark = (b: Bookmark) => {
    stopJob();
    setDimensions(b.dimensions ?? 3);
    setColorBy(b.colorBy ?? 0);
    if (b.pcaAxes) setAxes(b.pcaAxes);
    setSelected(b.selected ?? []);
    if (b.positions && active && b.positions.length % active.rows === 0) {
      setMethod(b.method);
      setProjection({ positions: Float32Array.from(b.positions), components: b.positions.length / active.rows });
    } else {
      setMethod('pca');
    }
  };

  const loadBookmarkFile = async (file: File) => {
    try {
      setBookmarks(JSON.parse(await file.text()) as Bookmark[]);
    } catch (e) {
      setError(`bookmarks: ${message(e)}`);
    }
  };

  const columns = metadata?.columns ?? [];
  const columnSelect = (value: number, set: (v: number) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(e) => set(Number((e.target as HTMLSelectElement).value))}>
      {columns.map((c, i) => (
        <option value={i}>{c}</option>
      ))}
    </select>
  );

  return (
    <div class="projector" ref={rootRef} data-state="loading">
      <div class="projector__toolbar">
        <label>
          Run{' '}
          <select aria-label="Run" value={run} onChange={(e) => setRun((e.target as HTMLSelectElement).value)}>
            {(runs ?? []).map((r) => (
              <option value={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Tensor{' '}
          <select aria-label="Tensor" value={tensorName} onChange={(e) => setTensorName((e.target as HTMLSelectElement).value)}>
            {(config?.embeddings ?? []).map((e) => (
              <option value={e.tensorName}>
                {e.tensorName} {e.tensorShape ? `(${e.tensorShape.join('×')})` : ''}
              </option>
            ))}
          </select>
        </label>
        <span class="projector__dims">
          <label>
            <input type="radio" name="dims" checked={dimensions === 2} onChange={() => setDimensions(2)} /> 2D
          </label>
          <label>
            <input type="radio" name="dims" checked={dimensions === 3} onChange={() => setDimensions(3)} disabled={flat} /> 3D
          </label>
        </span>
        <span class="projector__buttons" role="group" aria-label="Drag to">
          {(
            [
              ['camera', 'Orbit'],
              ['box', 'Box select'],
              ['lasso', 'Lasso select'],
            ] as const
          ).map(([mode, text]) => (
            <button type="button" aria-pressed={dragMode === mode} onClick={() => setDragMode(mode)}>
              {text}
            </button>
          ))}
        </span>
        {running && <span class="projector__progress" aria-live="polite">{progress}</span>}
      </div>
      {runs !== null && runs.length === 0 && <div class="projector__message">No run has embeddings.</div>}
      {error && <div class="projector__message projector__message--error">{error}</div>}
      <div class="projector__body">
        <div class="projector__panel">
          <section>
            <h3>Projection</h3>
            <div class="projector__buttons">
              <button type="button" aria-pressed={method === 'pca'} onClick={() => (stopJob(), setMethod('pca'))} disabled={!pca}>
                PCA
              </button>
              <button type="button" aria-pressed={method === 'tsne'} onClick={runTsne} disabled={!tensor}>
                t-SNE
              </button>
              <button type="button" aria-pressed={method === 'umap'} onClick={runUmap} disabled={!tensor}>
                UMAP
              </button>
              <button type="button" aria-pressed={method === 'custom'} onClick={runCustom} disabled={!tensor || !metadata}>
                Custom
              </button>
            </div>
            {method === 'pca' && pca && (
              <div class="projector__pca">
                {['X', 'Y', 'Z'].slice(0, dimensions).map((name, a) => (
                  <label>
                    {name}{' '}
                    <select
                      aria-label={`PCA component ${name}`}
                      value={axes[a]}
                      onChange={(e) => {
                        const next = [...axes];
                        next[a] = Number((e.target as HTMLSelectElement).value);
                        setAxes(next);
                      }}
                    >
                      {pca.result.explained.map((v, c) => (
                        <option value={c} disabled={!tensor && c >= pca.projection.components}>
                          PC{c + 1} ({(v * 100).toFixed(1)}%)
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
                <div class="projector__note">
                  Variance explained: {(axes.slice(0, dimensions).reduce((s, a) => s + (pca.result.explained[a] ?? 0), 0) * 100).toFixed(1)}%
                  {pca.result.sampledRows < (active?.rows ?? 0) &&
                    ` (covariance from a random ${pca.result.sampledRows.toLocaleString()} of ${(active?.rows ?? 0).toLocaleString()} rows; every row projected)`}
                </div>
              </div>
            )}
            {method === 'tsne' && (
              <div class="projector__params">
                <label>
                  Perplexity <input type="number" min={2} max={100} value={perplexity} onChange={(e) => setPerplexity(Number((e.target as HTMLInputElement).value))} />
                </label>
                <label>
                  Learning rate <input type="number" min={1} max={10000} value={learningRate} onChange={(e) => setLearningRate(Number((e.target as HTMLInputElement).value))} />
                </label>
                <label>
                  Iterations <input type="number" min={10} max={100000} value={iterations} onChange={(e) => setIterations(Number((e.target as HTMLInputElement).value))} />
                </label>
                <label>
                  Supervise <input type="range" min={0} max={0.9} step={0.1} value={supervise} onInput={(e) => setSupervise(Number((e.target as HTMLInputElement).value))} />{' '}
                  {supervise > 0 ? `by ${columns[colorBy] ?? '—'}` : 'off'}
                </label>
              </div>
            )}
            {method === 'custom' && (
              <div class="projector__params projector__custom">
                {(
                  [
                    ['left', 'Left'],
                    ['right', 'Right'],
                    ['up', 'Up'],
                    ['down', 'Down'],
                  ] as const
                ).map(([key, name]) => (
                  <label>
                    {name}{' '}
                    <input
                      type="search"
                      aria-label={`Custom ${name}`}
                      placeholder="regex"
                      value={custom[key]}
                      onInput={(e) => setCustom({ ...custom, [key]: (e.target as HTMLInputElement).value })}
                    />
                  </label>
                ))}
                <div class="projector__note">
                  Searches over {columns[searchColumn] ?? '—'}. {customNote}
                </div>
              </div>
            )}
            {method === 'umap' && (
              <label>
                Neighbours <input type="number" min={2} max={200} value={umapNeighbours} onChange={(e) => setUmapNeighbours(Number((e.target as HTMLInputElement).value))} />
              </label>
            )}
            {running && method !== 'pca' && (
              <div class="projector__buttons">
                {method === 'tsne' && (
                  <button type="button" onClick={togglePause}>
                    {paused ? 'Resume' : 'Pause'}
                  </button>
                )}
                <button type="button" onClick={stopJob}>
                  Stop
                </button>
              </div>
            )}
          </section>
          {columns.length > 0 && (
            <section>
              <h3>Metadata</h3>
              <label>Colour by {columnSelect(colorBy, setColorBy, 'Colour by')}</label>
              <label>Label by {columnSelect(labelBy, setLabelBy, 'Label by')}</label>
              <div class="projector__legend" aria-label="Legend">
                {legend.entries.map((entry) => (
                  <span class="projector__legend-entry">
                    <i style={{ background: entry.color }} />
                    {entry.label}
                    {entry.count !== undefined ? ` (${entry.count})` : ''}
                  </span>
                ))}
              </div>
              <label>
                Search {columnSelect(searchColumn, setSearchColumn, 'Search column')}{' '}
                <input type="search" aria-label="Search" placeholder="regex" value={query} onInput={(e) => search((e.target as HTMLInputElement).value)} />
              </label>
            </section>
          )}
          {sprite && (
            <label>
              <input type="checkbox" checked={useSprites} onChange={(e) => setUseSprites((e.target as HTMLInputElement).checked)} /> Show images
            </label>
          )}
          <section>
            <h3>Selection ({selected.length})</h3>
            <div class="projector__buttons">
              <button type="button" onClick={() => setSelected([])} disabled={selected.length === 0}>
                Clear selection
              </button>
              <button type="button" onClick={isolate} disabled={selected.length === 0}>
                Isolate {selected.length} {selected.length === 1 ? 'point' : 'points'}
              </button>
              {isolated && (
                <button type="button" onClick={showAll}>
                  Show all data
                </button>
              )}
              <button
                type="button"
                disabled={neighbours.length === 0}
                onClick={() => setSelected([selected[0], ...neighbours.map((n) => n.index)])}
              >
                Select neighbours
              </button>
            </div>
            <label>
              Neighbours{' '}
              <select aria-label="Distance" value={metric} onChange={(e) => setMetric((e.target as HTMLSelectElement).value as Metric)}>
                <option value="cosine">cosine</option>
                <option value="euclidean">euclidean</option>
              </select>{' '}
              k <input type="range" aria-label="k" min={1} max={100} value={k} onInput={(e) => setK(Number((e.target as HTMLInputElement).value))} /> {k}
            </label>
            {selected.length === 1 && (
              <ol class="projector__neighbours" aria-label="Nearest neighbours">
                {neighbours.map((n) => (
                  <li>
                    <a href="#" onClick={(e) => (e.preventDefault(), setSelected([n.index]))}>
                      {labelOf(n.index)}
                    </a>{' '}
                    <span class="projector__note">{n.distance.toFixed(3)}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section>
            <h3>Bookmarks</h3>
            <div class="projector__buttons">
              <button type="button" onClick={saveBookmark} disabled={!projection}>
                Save view
              </button>
              <label class="projector__file">
                Load <input type="file" accept=".json,application/json" onChange={(e) => {
                  const file = (e.target as HTMLInputElement).files?.[0];
                  if (file) void loadBookmarkFile(file);
                }} />
              </label>
            </div>
            <ul class="projector__bookmarks">
              {bookmarks.map((b) => (
                <li>
                  <a href="#" onClick={(e) => (e.preventDefault(), applyBookmark(b))}>
                    {b.label || 'bookmark'}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div class="projector-view" ref={hostRef} aria-label="Projection" />
      </div>
    </div>
  );
}
