// The render worker: owns the explorer's canvas (transferred with transferControlToOffscreen) and
// draws the latest scene and view in its own animation frames, so rasterising the graph, allocating
// the canvas's store and handing each frame to the compositor never run on the UI thread (with a
// software canvas each of those costs several milliseconds per frame). Draw requests that arrive
// within one frame are coalesced into the last one; each drawn frame is acknowledged by sequence
// number. Worker thread only.
import { FONT_GROUP, FONT_NOTE, FONT_OP, type Scene, drawScene } from './draw';
import type { Frame, FromRenderer, ToRenderer } from './render_protocol';

/** The fonts draw.ts uses: set up as the worker starts (the first text measured on a thread sets up
 * its font machinery, ≈ 100 ms of CPU on a 2-core machine), while the graph is still being fetched,
 * rather than when the canvas arrives or in the first frame. */
const FONTS = [FONT_GROUP, FONT_OP, FONT_NOTE];
const fontProbe = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
for (const font of fontProbe ? FONTS : []) {
  fontProbe!.font = font;
  fontProbe!.measureText('Mg');
}

let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
let scene: Scene = { placements: [], groups: [] };
let next: { seq: number; frame: Frame } | null = null;
let scheduled = false;
/** Whether a frame has been drawn: from then on only frames resize the canvas (a resize clears it). */
let drawn = false;

const reply = (message: FromRenderer) => self.postMessage(message);

/** Resizes the canvas (which clears it); returns whether it changed. */
function resize(width: number, height: number): boolean {
  if (!canvas || (canvas.width === width && canvas.height === height)) return false;
  canvas.width = width;
  canvas.height = height;
  return true;
}

function drawNow(): void {
  scheduled = false;
  const request = next;
  next = null;
  if (!request || !canvas || !ctx) return;
  const { frame } = request;
  resize(frame.width, frame.height);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const count = drawScene(ctx, scene, frame.transform, { width: canvas.width, height: canvas.height }, frame.options);
  drawn = true;
  reply({ type: 'drawn', seq: request.seq, drawn: count });
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(drawNow);
  else setTimeout(drawNow, 0);
}

self.onmessage = (event: MessageEvent<ToRenderer>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      canvas = message.canvas;
      ctx = canvas.getContext('2d');
      break;
    case 'size':
      // The first operation after a resize allocates the store: do it before the graph arrives.
      // Once a graph is shown the next frame resizes the canvas as it redraws it (no blank frame).
      if (!drawn && resize(message.width, message.height)) ctx?.clearRect(0, 0, 1, 1);
      break;
    case 'scene':
      scene = message.scene;
      break;
    case 'draw':
      next = { seq: message.seq, frame: message.frame };
      schedule();
      break;
    case 'png':
      if (!canvas) reply({ type: 'png', id: message.id, blob: null });
      else {
        canvas
          .convertToBlob({ type: 'image/png' })
          .then((blob) => reply({ type: 'png', id: message.id, blob }))
          .catch(() => reply({ type: 'png', id: message.id, blob: null }));
      }
      break;
    case 'pixel': {
      const data = ctx?.getImageData(message.x, message.y, 1, 1).data;
      reply({ type: 'pixel', id: message.id, rgb: data ? [data[0], data[1], data[2]] : [0, 0, 0] });
      break;
    }
  }
};
