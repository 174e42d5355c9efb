// A hook for cards that load their data while they are near the viewport: the first time they come
// near it, and again after each change of `deps` (the data refresh counter and the query), but
// only once they are near the viewport again — cards scrolled away do not refetch on every live
// update. Requests are at most one per `minIntervalMs`; a superseded request is aborted; the
// previous answer stays shown while the next one loads; failures are reported as text.
// The request leaves in the commit that finds the card visible (a layout effect, no timer when
// no wait is due): a passive effect ran only after the next painted frame, and a timer a task later.
// With `measureAtMount` (useVisibility's option) a card on screen is found visible in the commit
// that mounts it, so its request leaves then, not after the IntersectionObserver's first report.
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useVisibility } from '../shell/use_visible';

export interface CardData<T> {
  data: T | null;
  error: string | null;
}

export function useCardFetch<T>(
  ref: RefObject<Element | null>,
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
  minIntervalMs = 0,
  { measureAtMount = false }: { measureAtMount?: boolean } = {},
): CardData<T> {
  const { visible } = useVisibility(ref, undefined, { measureAtMount });
  const [state, setState] = useState<CardData<T>>({ data: null, error: null });
  const key = JSON.stringify(deps);
  /** The deps key of the last answer, and when the last request started. */
  const fetched = useRef<{ key: string | null; startedAt: number }>({ key: null, startedAt: -Infinity });
  useLayoutEffect(() => {
    if (!visible || fetched.current.key === key) return undefined;
    const controller = new AbortController();
    const delay = Math.max(0, fetched.current.startedAt + minIntervalMs - performance.now());
    const start = () => {
      fetched.current.startedAt = performance.now();
      load(controller.signal)
        .then((data) => {
          fetched.current.key = key;
          setState({ data, error: null });
        })
        .catch((e: unknown) => {
          if (!controller.signal.aborted) {
            setState((previous) => ({ data: previous.data, error: e instanceof Error ? e.message : String(e) }));
          }
        });
    };
    const timer = delay > 0 ? setTimeout(start, delay) : undefined;
    if (timer === undefined) start();
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `load` is rebuilt every render; `key` stands for everything it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible, key]);
  return state;
}
