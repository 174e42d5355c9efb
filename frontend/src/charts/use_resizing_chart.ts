// A card's canvas chart follows its host's width and is destroyed with the card.
// UI-thread only; the chart itself is created lazily by the card (chartRef starts null).
import { useEffect } from 'preact/hooks';

export interface ResizableChart {
  resize(width: number): void;
  destroy(): void;
}

export function useResizingChart<C extends ResizableChart>(
  hostRef: { readonly current: HTMLElement | null },
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
