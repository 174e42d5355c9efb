// A dashboard's tag listing: fetched when the dashboard opens and again on every data refresh
// (new runs and tags appear live). A superseded request is aborted; a failure is kept as text
// while the previous listing stays. Requests start in a layout effect, so they leave before the
// first paint of the dashboard.
//
// The calling dashboard owns the returned state. UI thread only.
import { useLayoutEffect, useState } from 'preact/hooks';
import type { AppServices } from '../app/services';
import { useStore } from '../state/store';

export interface TagListing<T> {
  /** The latest listing; null until the first one arrives. */
  listing: T | null;
  /** Why the latest request failed; null after a success. */
  error: string | null;
}

export function useTagListing<T>(app: AppServices, load: (signal: AbortSignal) => Promise<T>): TagListing<T> {
  const refresh = useStore(app.data, (d) => d.refresh);
  const [listing, setListing] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  useLayoutEffect(() => {
    const controller = new AbortController();
    load(controller.signal)
      .then((answer) => {
        setListing(answer);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
    // `load` is rebuilt every render; the refresh counter says when to call it again.
  }, [refresh]);

  return { listing, error };
}
