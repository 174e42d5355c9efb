// A hook that tracks whether an element is near the viewport, so cards fetch only once they have
// been seen and redraw only while they can be seen.
import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

export interface Visibility {
  /** Near the viewport now. */
  visible: boolean;
  /** Has been near the viewport at least once. */
  seen: boolean;
}

/** Whether a box (a DOMRect's edges, CSS pixels) lies at least partly inside a `width`×`height` viewport. */
export function onScreen(
  rect: { top: number; bottom: number; left: number; right: number },
  width: number,
  height: number,
): boolean {
  const empty = rect.bottom <= rect.top && rect.right <= rect.left;
  return !empty && rect.bottom > 0 && rect.top < height && rect.right > 0 && rect.left < width;
}

/**
 * `measureAtMount`: the caller already forces a layout when it mounts (it reads its size), so the
 * element's box is read too and, if it is on screen, `visible` and `seen` are true in the render
 * that follows the mount, before the first paint — rather than after the observer's first report,
 * which comes only once a frame has been laid out and painted. The Scalars cards use it so their
 * series requests leave in the task that mounted them.
 */
export function useVisibility(
  ref: RefObject<Element | null>,
  margin = '200px',
  { measureAtMount = false }: { measureAtMount?: boolean } = {},
): Visibility {
  const [state, setState] = useState<Visibility>({ visible: false, seen: false });
  // The observer's first report (in the next frame) says whether the element starts near the
  // viewport. Measuring here instead (getBoundingClientRect) would force a layout of the whole page
  // in every commit that mounts a card: with a thousand cells in the Time Series grid, that made
  // scrolling's main-thread tasks hundreds of milliseconds long — unless the caller forces that
  // layout anyway (measureAtMount).
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    if (typeof IntersectionObserver === 'undefined') {
      setState({ visible: true, seen: true });
      return undefined;
    }
    if (measureAtMount && onScreen(element.getBoundingClientRect(), window.innerWidth, window.innerHeight)) {
      setState({ visible: true, seen: true });
    }
    const observer = new IntersectionObserver(
      (entries) => {
        const visible = entries[entries.length - 1].isIntersecting;
        setState((old) => (old.visible === visible && (old.seen || !visible) ? old : { visible, seen: old.seen || visible }));
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, margin]);
  return state;
}
