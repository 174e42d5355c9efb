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
  // A layout effect measuring once synchronously, so cards already in view start fetching
  // without waiting for the observer's first (asynchronous) report.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const rect = element.getBoundingClientRect();
    if (rect.bottom > -200 && rect.top < window.innerHeight + 200) setState({ visible: true, seen: true });
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
