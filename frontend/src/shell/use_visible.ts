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

export function useVisibility(ref: RefObject<Element | null>, margin = '200px'): Visibility {
  const [state, setState] = useState<Visibility>({ visible: false, seen: false });
  // The observer's first report (in the next frame) says whether the element starts near the
  // viewport. Measuring here instead (getBoundingClientRect) would force a layout of the whole page
  // in every commit that mounts a card: with a thousand cells in the Time Series grid, that made
  // scrolling's main-thread tasks hundreds of milliseconds long.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    if (typeof IntersectionObserver === 'undefined') {
      setState({ visible: true, seen: true });
      return undefined;
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
