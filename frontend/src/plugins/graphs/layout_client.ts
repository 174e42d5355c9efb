// Runs group layouts in Web Workers and caches the results by request key (a group and the sizes
// of its expanded children), so collapsing and re-expanding is instant. Two workers: `layout` (the
// quick layout of every opened group) and `refine` (dagre's full layout of a large group, which can
// take seconds), so a slow refinement never delays the next expansion. Not even small groups are
// laid out on the UI thread: evaluating dagre's chunk there is a task of 50 ms or more (measured
// 2026-12-07), more than a worker's round trip saves. UI thread only. Where workers are unavailable
// (unit tests) the layouts run on the calling thread, dagre loaded on demand so the UI thread's
// chunk never holds it.
import { newLayoutWorker, takeLayoutWorker } from './graph_workers';
import type { LayoutRequest, LayoutResult } from './layout';

type Reply = { ok: true; result: LayoutResult } | { ok: false; key: string; error: string };
type Waiter = { resolve: (r: LayoutResult) => void; reject: (e: Error) => void };

/** The cache key of a request's full (dagre) layout. */
export function fullKey(key: string): string {
  return `${key}\u0002full`;
}

class LayoutWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<string, Waiter[]>();

  constructor(
    private readonly onResult: (result: LayoutResult) => void,
    private readonly create: () => Worker,
  ) {}

  run(request: LayoutRequest): Promise<LayoutResult> {
    if (typeof Worker === 'undefined') {
      return import('./layout_dagre').then(({ computeLayout }) => {
        const result = computeLayout(request);
        this.onResult(result);
        return result;
      });
    }
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(request.key);
      if (waiters) {
        waiters.push({ resolve, reject });
        return;
      }
      this.pending.set(request.key, [{ resolve, reject }]);
      this.start().postMessage(request);
    });
  }

  /** Starts the worker now (its script loads and compiles while the first group is fetched). */
  warm(): void {
    if (typeof Worker !== 'undefined') this.start();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const waiters of this.pending.values()) for (const w of waiters) w.reject(new Error('layout cancelled'));
    this.pending.clear();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = this.create();
    worker.addEventListener('message', (event: MessageEvent<Reply>) => {
      const reply = event.data;
      const key = reply.ok ? reply.result.key : reply.key;
      const waiters = this.pending.get(key) ?? [];
      this.pending.delete(key);
      if (reply.ok) this.onResult(reply.result);
      for (const waiter of waiters) {
        if (reply.ok) waiter.resolve(reply.result);
        else waiter.reject(new Error(reply.error));
      }
    });
    this.worker = worker;
    return worker;
  }
}

export class LayoutClient {
  private readonly cache = new Map<string, LayoutResult>();
  // The quick worker may be the one started with the page (graph_workers.ts).
  private readonly quick = new LayoutWorker((r) => this.remember(r), takeLayoutWorker);
  private readonly slow = new LayoutWorker((r) => this.remember(r), newLayoutWorker);

  /** Starts the quick layout worker ahead of the first layout. */
  warm(): void {
    this.quick.warm();
  }

  cached(key: string): LayoutResult | undefined {
    return this.cache.get(key);
  }

  /** The group's layout: dagre for small groups, banded layers for large ones. */
  layout(request: LayoutRequest): Promise<LayoutResult> {
    const hit = this.cache.get(request.key);
    return hit ? Promise.resolve(hit) : this.quick.run({ ...request, full: false });
  }

  /** dagre's layout of a (large) group, keyed fullKey(request.key). */
  refine(request: LayoutRequest): Promise<LayoutResult> {
    const key = fullKey(request.key);
    const hit = this.cache.get(key);
    return hit ? Promise.resolve(hit) : this.slow.run({ ...request, key, full: true });
  }

  dispose(): void {
    this.quick.dispose();
    this.slow.dispose();
  }

  private remember(result: LayoutResult): void {
    this.cache.set(result.key, result);
    if (this.cache.size > 2000) this.cache.delete(this.cache.keys().next().value as string);
  }
}
