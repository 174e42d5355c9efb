// Runs group layouts in a Web Worker and caches the results by request key (a group and the sizes
// of its expanded children), so collapsing and re-expanding is instant. UI thread only. Falls back
// to laying out on the UI thread where workers are unavailable (tests).
import { computeLayout, type LayoutRequest, type LayoutResult } from './layout';

type Reply = { ok: true; result: LayoutResult } | { ok: false; key: string; error: string };

export class LayoutClient {
  private readonly worker: Worker | null;
  private readonly pending = new Map<string, { resolve: (r: LayoutResult) => void; reject: (e: Error) => void }[]>();
  private readonly cache = new Map<string, LayoutResult>();

  constructor() {
    this.worker =
      typeof Worker === 'undefined' ? null : new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    this.worker?.addEventListener('message', (event: MessageEvent<Reply>) => {
      const reply = event.data;
      const key = reply.ok ? reply.result.key : reply.key;
      const waiters = this.pending.get(key) ?? [];
      this.pending.delete(key);
      if (reply.ok) this.remember(reply.result);
      for (const waiter of waiters) {
        if (reply.ok) waiter.resolve(reply.result);
        else waiter.reject(new Error(reply.error));
      }
    });
  }

  cached(key: string): LayoutResult | undefined {
    return this.cache.get(key);
  }

  layout(request: LayoutRequest): Promise<LayoutResult> {
    const hit = this.cache.get(request.key);
    if (hit) return Promise.resolve(hit);
    if (!this.worker) {
      const result = computeLayout(request);
      this.remember(result);
      return Promise.resolve(result);
    }
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(request.key);
      if (waiters) {
        waiters.push({ resolve, reject });
        return;
      }
      this.pending.set(request.key, [{ resolve, reject }]);
      this.worker!.postMessage(request);
    });
  }

  dispose(): void {
    this.worker?.terminate();
  }

  private remember(result: LayoutResult): void {
    this.cache.set(result.key, result);
    if (this.cache.size > 2000) this.cache.delete(this.cache.keys().next().value as string);
  }
}
