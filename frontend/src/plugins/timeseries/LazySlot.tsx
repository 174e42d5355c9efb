// A grid cell that mounts its card only while the cell is near the viewport and unmounts it
// (releasing its data and chart) once it is far away, keeping the card's last height so the page
// does not jump. With a thousand tags only the few cards around the viewport exist at a time.
// Every cell of one scrolling container shares one IntersectionObserver (a thousand observers,
// each set up in the commit that builds the grid, cost more than the cells themselves). Cells
// that come near together mount a few per task (gridMountQueue), not a screen of cards in one.
// UI thread only.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { gridMountQueue } from './mount_queue';

/** Cells closer than this to the viewport have their card mounted (half a screen: every cell
 * mounted adds its card's DOM to the commit that shows the first screen). */
const MOUNT_MARGIN_PX = 400;

/** The nearest ancestor that scrolls (the observer's root, so the margin applies there), or null. */
function scrollParent(element: Element): Element | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return node;
  }
  return null;
}

type NearListener = (near: boolean) => void;

/** One observer per scroll root, and the listener of each observed cell. */
interface SharedObserver {
  observer: IntersectionObserver;
  listeners: Map<Element, NearListener>;
}
const observers = new Map<Element | null, SharedObserver>();
/** The scroll root of each grid (a cell's parent), found once per grid. */
const rootOfGrid = new WeakMap<Element, Element | null>();

/** Calls `listener` whenever `element` comes near the viewport or leaves it; returns the undo. */
function observeNear(element: Element, listener: NearListener): () => void {
  const grid = element.parentElement;
  let root = grid ? rootOfGrid.get(grid) : undefined;
  if (root === undefined) {
    root = scrollParent(element);
    if (grid) rootOfGrid.set(grid, root);
  }
  let shared = observers.get(root);
  if (!shared) {
    const listeners = new Map<Element, NearListener>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
      },
      { root, rootMargin: `${MOUNT_MARGIN_PX}px 0px` },
    );
    shared = { observer, listeners };
    observers.set(root, shared);
  }
  const { observer, listeners } = shared;
  listeners.set(element, listener);
  observer.observe(element);
  return () => {
    observer.unobserve(element);
    listeners.delete(element);
    if (listeners.size === 0) {
      observer.disconnect();
      observers.delete(root);
    }
  };
}

interface LazySlotProps {
  /** The height to reserve before the card has ever been measured. */
  estimate: number;
  /** Published on the cell for tests and tools. */
  cardKey: string;
  /**
   * Renders the card. A function rather than children, so a released cell holds no element of
   * the card (a kept child element would keep the unmounted card and its chart reachable).
   */
  render: () => ComponentChildren;
}

export function LazySlot({ estimate, cardKey, render }: LazySlotProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const height = useRef(estimate);
  useLayoutEffect(() => {
    const element = ref.current!;
    // No getBoundingClientRect here: the observer's first report (next frame) says whether the
    // cell starts near the viewport, without forcing a layout of the whole grid in this commit.
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return undefined;
    }
    const stop = observeNear(element, (isNear) => {
      if (isNear) {
        gridMountQueue.enqueue(element, () => setNear(true));
        return;
      }
      gridMountQueue.cancel(element);
      if (element.offsetHeight > 0) height.current = element.offsetHeight;
      setNear(false);
    });
    return () => {
      stop();
      gridMountQueue.cancel(element);
    };
  }, []);
  return (
    <div ref={ref} class="ts-slot" data-card-key={cardKey} data-mounted={near ? 'true' : 'false'} style={near ? undefined : { minHeight: `${height.current}px` }}>
      {near ? render() : null}
    </div>
  );
}
