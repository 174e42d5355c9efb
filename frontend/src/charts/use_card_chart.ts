// The canvas chart of a histogram or distribution card: created on the host element when the
// card's data first arrives, sized to the host and redrawn whenever the data or `deps` change,
// resized with the host (ResizeObserver), and destroyed with the card.
//
// The card owns the host element; this hook owns the chart (created lazily, so cards that never
// load draw nothing). UI thread only.
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/** What the hook needs of a chart besides drawing. */
export interface CardChart {
  /** Follows the host's new width in CSS pixels. */
  resize(width: number): void;
  /** Removes the chart's elements from the page. */
  destroy(): void;
}

/**
 * Resizes the chart in `chartRef` with the host element and destroys it (clearing the ref) when
 * the card unmounts. For cards that create and draw their chart themselves.
 */
export function useChartLifetime<C extends CardChart>(
  hostRef: RefObject<HTMLElement | null>,
  chartRef: { current: C | null },
): void {
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const observer = new ResizeObserver(() => chartRef.current?.resize(host.clientWidth));
    observer.observe(host);
    return () => {
      observer.disconnect();
      chartRef.current?.destroy();
      chartRef.current = null;
    };
  }, []);
}

/**
 * Draws `data` with `draw` on a chart made by `create(host)` once `data` is not null. `draw` is
 * called again when `data` or any of `deps` (the view options it reads) change. Returns the ref
 * holding the chart (null until the data first arrives), for marks drawn outside `draw`.
 */
export function useCardChart<C extends CardChart, D>(
  hostRef: RefObject<HTMLElement | null>,
  create: (host: HTMLElement) => C,
  data: D | null,
  draw: (chart: C, data: D) => void,
  deps: readonly unknown[],
): RefObject<C | null> {
  const chartRef = useRef<C | null>(null);
  useChartLifetime(hostRef, chartRef);

  // A layout effect: the chart is drawn in the commit that brings its data, and painted in the
  // frame that follows, not a frame later.
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host || data === null) return;
    chartRef.current ??= create(host);
    chartRef.current.resize(host.clientWidth);
    draw(chartRef.current, data);
    // `create` and `draw` are rebuilt every render; `data` and `deps` stand for what they read.
  }, [data, ...deps]);
  return chartRef;
}
