// A scrolling list of fixed-height rows that renders only the rows in view (plus a few either
// side), so a list of tens of thousands of entries costs the DOM and layout of a screenful.
// UI thread only.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Rows rendered beyond each edge of the visible window. */
const OVERSCAN = 8;

export interface VirtualListProps {
  count: number;
  /** Height of every row, in CSS pixels. */
  rowHeight: number;
  /** Renders row `index` (its content; the list positions it). */
  row: (index: number) => ComponentChildren;
  /** Stable key of row `index`. */
  rowKey: (index: number) => string;
  /** CSS length the list's height is capped at (it scrolls beyond). */
  maxHeight: string;
  class?: string;
  label?: string;
}

export function VirtualList({ count, rowHeight, row, rowKey, maxHeight, class: cls, label }: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // Until measured, assume a tall viewport; the CSS max-height bounds the real one.
  const [viewHeight, setViewHeight] = useState(800);

  const empty = count === 0;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => setViewHeight(el.clientHeight || 800);
    // Measured at once once it has rows (this forces a layout): leaving the first size to the
    // ResizeObserver made the run-selector browser test lose the list's end in clean-clone CI runs.
    // An empty list (the runs are still loading while the app mounts) has nothing to measure for:
    // measuring it would force the page's first layout, fonts included, into the mounting task.
    if (!empty) measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    return () => observer?.disconnect();
  }, [empty]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; ++i) {
    rows.push(
      <li key={rowKey(i)} style={{ position: 'absolute', top: `${i * rowHeight}px`, left: 0, right: 0, height: `${rowHeight}px` }}>
        {row(i)}
      </li>,
    );
  }
  return (
    <div
      ref={ref}
      class={cls}
      aria-label={label}
      style={{ height: `min(${count * rowHeight}px, ${maxHeight})` }}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
    >
      <ul style={{ position: 'relative', height: `${count * rowHeight}px`, margin: 0, padding: 0, listStyle: 'none' }}>
        {rows}
      </ul>
    </div>
  );
}
