// Draws the explorer's scene on its canvas. Where the browser can hand a canvas to a worker
// (transferControlToOffscreen), the canvas belongs to the render worker (render.worker.ts) and the
// UI thread only posts the scene when it changes and the view on every pan, zoom or restyle;
// otherwise the same drawing runs on the UI thread in an animation frame. Either way `onDrawn` is
// called with the sequence number `draw` returned, once that frame is drawn. UI thread only.
import { type Scene, drawScene } from './draw';
import { canRenderInWorker, takeRenderWorker } from './graph_workers';
import type { Frame, FromRenderer, ToRenderer } from './render_protocol';

export type { Frame } from './render_protocol';

export interface GraphRenderer {
  /** Sizes the canvas (device pixels) ahead of the first frame. */
  size(width: number, height: number): void;
  setScene(scene: Scene): void;
  /** Draws `frame` of the current scene soon; returns its sequence number. */
  draw(frame: Frame): number;
  /** The canvas as a PNG. */
  toBlob(): Promise<Blob | null>;
  /** The colour of a canvas pixel (device pixels), for tests. */
  pixelAt(x: number, y: number): Promise<[number, number, number]>;
  dispose(): void;
}

export type DrawnCallback = (seq: number, drawn: number) => void;

class WorkerRenderer implements GraphRenderer {
  private readonly worker = takeRenderWorker();
  private seq = 0;
  private nextId = 0;
  private readonly waiting = new Map<number, (message: FromRenderer) => void>();

  constructor(canvas: HTMLCanvasElement, onDrawn: DrawnCallback) {
    const offscreen = canvas.transferControlToOffscreen();
    this.post({ type: 'init', canvas: offscreen }, [offscreen]);
    this.worker.addEventListener('message', (event: MessageEvent<FromRenderer>) => {
      const message = event.data;
      if (message.type === 'drawn') onDrawn(message.seq, message.drawn);
      else {
        this.waiting.get(message.id)?.(message);
        this.waiting.delete(message.id);
      }
    });
  }

  size(width: number, height: number): void {
    this.post({ type: 'size', width, height });
  }

  setScene(scene: Scene): void {
    this.post({ type: 'scene', scene });
  }

  draw(frame: Frame): number {
    this.post({ type: 'draw', seq: ++this.seq, frame });
    return this.seq;
  }

  toBlob(): Promise<Blob | null> {
    return this.ask({ type: 'png', id: ++this.nextId }).then((m) => (m.type === 'png' ? m.blob : null));
  }

  pixelAt(x: number, y: number): Promise<[number, number, number]> {
    return this.ask({ type: 'pixel', id: ++this.nextId, x, y }).then((m) => (m.type === 'pixel' ? m.rgb : [0, 0, 0]));
  }

  dispose(): void {
    this.worker.terminate();
  }

  private ask(message: ToRenderer & { id: number }): Promise<FromRenderer> {
    return new Promise((resolve) => {
      this.waiting.set(message.id, resolve);
      this.post(message);
    });
  }

  private post(message: ToRenderer, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }
}

/** The fallback: the same drawing on the UI thread, one frame per animation frame. */
class InlineRenderer implements GraphRenderer {
  private scene: Scene = { placements: [], groups: [] };
  private seq = 0;
  private pending: Frame | null = null;
  private frameId = 0;
  private drawn = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly onDrawn: DrawnCallback,
  ) {}

  size(width: number, height: number): void {
    // Once a graph is shown the next frame resizes the canvas as it redraws it (no blank frame).
    if (!this.drawn) this.resize(width, height);
  }

  setScene(scene: Scene): void {
    this.scene = scene;
  }

  draw(frame: Frame): number {
    this.pending = frame;
    const seq = ++this.seq;
    cancelAnimationFrame(this.frameId);
    this.frameId = requestAnimationFrame(() => {
      const next = this.pending;
      const ctx = this.canvas.getContext('2d');
      if (!next || !ctx) return;
      this.resize(next.width, next.height);
      this.drawn = true;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      this.onDrawn(seq, drawScene(ctx, this.scene, next.transform, next, next.options));
    });
    return seq;
  }

  toBlob(): Promise<Blob | null> {
    return new Promise((resolve) => this.canvas.toBlob(resolve, 'image/png'));
  }

  pixelAt(x: number, y: number): Promise<[number, number, number]> {
    const data = this.canvas.getContext('2d')?.getImageData(x, y, 1, 1).data;
    return Promise.resolve(data ? [data[0], data[1], data[2]] : [0, 0, 0]);
  }

  dispose(): void {
    cancelAnimationFrame(this.frameId);
  }

  private resize(width: number, height: number): void {
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
  }
}

/** A renderer for `canvas`: the worker one where canvases can be transferred. */
export function createRenderer(canvas: HTMLCanvasElement, onDrawn: DrawnCallback): GraphRenderer {
  return canRenderInWorker() ? new WorkerRenderer(canvas, onDrawn) : new InlineRenderer(canvas, onDrawn);
}

