// The graph explorer's workers: the layout worker (layout.worker.ts) and the render worker
// (render.worker.ts), made here so they can be started before the explorer's code has arrived.
// When the page opens on the Graphs tab, prefetchFirstGraph (first_graph.ts, in the app's first
// script) starts one of each: their scripts load, their V8 set-up runs and the render worker sets
// up its fonts while `info` and the first group are fetched, instead of after them. They are made
// in a task of their own, after the one that evaluates the app's first script: making a worker
// costs the UI thread a few milliseconds of CPU, and that task is long enough already. The layout
// client and the renderer take those (once) or make new ones. UI thread only.

let layout: Worker | null = null;
let render: Worker | null = null;
/** Whether the explorer has taken a worker: one started later would be left unused. */
let taken = false;

/** A new layout worker (the layout client's second one is always new). */
export function newLayoutWorker(): Worker {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
}

function newRenderWorker(): Worker {
  return new Worker(new URL('./render.worker.ts', import.meta.url), { type: 'module' });
}

/** Whether this browser can hand the explorer's canvas to a render worker. */
export function canRenderInWorker(): boolean {
  return typeof Worker !== 'undefined' && typeof HTMLCanvasElement !== 'undefined' && 'transferControlToOffscreen' in HTMLCanvasElement.prototype;
}

/**
 * Starts a layout worker and (where canvases can be transferred) a render worker for later, in a
 * task of their own (unless the explorer has made its own by then).
 */
export function startGraphWorkers(): void {
  setTimeout(() => {
    if (taken || typeof Worker === 'undefined') return;
    layout ??= newLayoutWorker();
    if (canRenderInWorker()) render ??= newRenderWorker();
  }, 0);
}

/** A layout worker: the one started early, else a new one. */
export function takeLayoutWorker(): Worker {
  const worker = layout ?? newLayoutWorker();
  layout = null;
  taken = true;
  return worker;
}

/** A render worker: the one started early, else a new one. */
export function takeRenderWorker(): Worker {
  const worker = render ?? newRenderWorker();
  render = null;
  taken = true;
  return worker;
}
