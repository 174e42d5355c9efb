// A hook for cards that load their data once they have come near the viewport and again on each
// data refresh: aborts a superseded request, keeps showing the previous answer while the next
// one loads, and reports failures as text.
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useVisibility } from '../shell/use_visible';

export interface CardData<T> {
  data: T | null;
  error: string | null;
}

/**
 * Calls `load` when the element of `ref` has been seen and whenever one of `deps` changes after
 * that (put the data refresh counter and every query parameter in `deps`).
 */
export function useCardFetch<T>(
  ref: RefObject<Element | null>,
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): CardData<T> {
  const { seen } = useVisibility(ref);
  const [state, setState] = useState<CardData<T>>({ data: null, error: null });
  useEffect(() => {
    if (!seen) return undefined;
    const controller = new AbortController();
    load(controller.signal)
      .then((data) => setState({ data, error: null }))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) {
          setState((previous) => ({ data: previous.data, error: e instanceof Error ? e.message : String(e) }));
        }
      });
    return () => controller.abort();
    // `load` is rebuilt every render; `deps` names what it depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seen, ...deps]);
  return state;
}
