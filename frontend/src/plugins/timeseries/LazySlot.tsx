// A grid cell that mounts its card only while the cell is near the viewport and unmounts it
// (releasing its data and chart) once it is far away, keeping the card's last height so the page
// does not jump. With a thousand tags only the few cards around the viewport exist at a time.
// UI thread only.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Cells closer than this to the viewport have their card mounted. */
const MOUNT_MARGIN_PX = 800;

/** The nearest ancestor that scrolls (the observer's root, so the margin applies there), or null. */
function scrollParent(element: Element): Element | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return node;
  }
  return null;
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
    const observer = new IntersectionObserver(
      (entries) => {
        const isNear = entries[entries.length - 1].isIntersecting;
        if (!isNear && element.offsetHeight > 0) height.current = element.offsetHeight;
        setNear(isNear);
      },
      { root: scrollParent(element), rootMargin: `${MOUNT_MARGIN_PX}px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} class="ts-slot" data-card-key={cardKey} data-mounted={near ? 'true' : 'false'} style={near ? undefined : { minHeight: `${height.current}px` }}>
      {near ? render() : null}
    </div>
  );
}
