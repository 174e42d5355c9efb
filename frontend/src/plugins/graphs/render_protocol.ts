// The messages between the graph renderer (renderer.ts, UI thread) and its worker
// (render.worker.ts), which owns the explorer's canvas once it has been transferred there. Types
// only.
import type { DrawOptions, Scene, Transform } from './draw';

/** One frame to draw: the canvas's backing store size and the view, in device pixels. */
export interface Frame {
  width: number;
  height: number;
  transform: Transform;
  options: DrawOptions;
}

export type ToRenderer =
  | { type: 'init'; canvas: OffscreenCanvas }
  /** Size the canvas and allocate its store now (the graph is still loading). */
  | { type: 'size'; width: number; height: number }
  | { type: 'scene'; scene: Scene }
  | { type: 'draw'; seq: number; frame: Frame }
  | { type: 'png'; id: number }
  | { type: 'pixel'; id: number; x: number; y: number };

export type FromRenderer =
  /** Frame `seq` (and every earlier one) is drawn; `drawn` items were in view. */
  | { type: 'drawn'; seq: number; drawn: number }
  | { type: 'png'; id: number; blob: Blob | null }
  | { type: 'pixel'; id: number; rgb: [number, number, number] };
