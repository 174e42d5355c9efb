// The element tree of a canvas chart with a hover layer, as the histogram and distribution charts
// use it: a focusable frame (role "img", labelled for screen readers) holding the base canvas the
// chart draws on, a transparent canvas on top for hover marks, and a tooltip. It keeps the chart's
// width (at least MIN_CHART_WIDTH pixels) and forwards pointer, leave and key events.
//
// Created and owned by one chart, which calls destroy() when it is destroyed; the chart owns what
// is drawn and when. UI thread only.

/** Charts are never drawn narrower than this many CSS pixels. */
export const MIN_CHART_WIDTH = 200;

export interface ChartFrameEvents {
  /** The pointer moved to (x, y), in CSS pixels from the top left of the base canvas. */
  pointer(x: number, y: number): void;
  /** The pointer left the frame, or the frame lost focus. */
  leave(): void;
  /** A key was pressed while the frame had focus. */
  key(event: KeyboardEvent): void;
  /** The frame was clicked at (x, y), as for `pointer`. */
  click?(x: number, y: number): void;
}

/** Where the tooltip goes, in CSS pixels from the frame's top left. */
export interface TooltipPlace {
  left: number;
  top: number;
}

export class ChartFrame {
  /** The canvas the chart draws on (and tests and screenshots read). */
  readonly base: HTMLCanvasElement;
  /** The canvas above it for hover marks, redrawn without touching the base. */
  readonly hover: HTMLCanvasElement;
  private readonly element: HTMLDivElement;
  private readonly tooltip: HTMLDivElement;
  private currentWidth: number;

  /** Appends the frame to `host`; `ariaLabel` says what the chart shows and which keys work. */
  constructor(host: HTMLElement, ariaLabel: string, events: ChartFrameEvents) {
    this.currentWidth = Math.max(MIN_CHART_WIDTH, host.clientWidth);
    this.element = document.createElement('div');
    this.element.className = 'hist-chart';
    this.element.tabIndex = 0;
    this.element.setAttribute('role', 'img');
    this.element.setAttribute('aria-label', ariaLabel);
    this.base = document.createElement('canvas');
    this.base.className = 'hist-chart__base';
    this.hover = document.createElement('canvas');
    this.hover.className = 'hist-chart__hover';
    this.tooltip = document.createElement('div');
    this.tooltip.className = 'hist-chart__tooltip';
    this.tooltip.setAttribute('aria-live', 'polite');
    this.tooltip.hidden = true;
    this.element.append(this.base, this.hover, this.tooltip);
    host.appendChild(this.element);
    this.element.addEventListener('pointermove', (e) => {
      const box = this.base.getBoundingClientRect();
      events.pointer(e.clientX - box.left, e.clientY - box.top);
    });
    this.element.addEventListener('pointerleave', () => events.leave());
    this.element.addEventListener('blur', () => events.leave());
    this.element.addEventListener('keydown', (e) => events.key(e));
    if (events.click) {
      const click = events.click;
      this.element.addEventListener('click', (e) => {
        const box = this.base.getBoundingClientRect();
        click(e.clientX - box.left, e.clientY - box.top);
      });
    }
  }

  /** The chart's width in CSS pixels. */
  get width(): number {
    return this.currentWidth;
  }

  /** Follows the host's new width; false when the chart's width stays the same. */
  resize(width: number): boolean {
    const next = Math.max(MIN_CHART_WIDTH, Math.floor(width));
    if (next === this.currentWidth) return false;
    this.currentWidth = next;
    return true;
  }

  /** Shows `lines` in the tooltip, placed by `place` from the tooltip's rendered width. */
  showTooltip(lines: readonly string[], place: (tooltipWidth: number) => TooltipPlace): void {
    this.tooltip.textContent = lines.join('\n');
    this.tooltip.hidden = false;
    const { left, top } = place(this.tooltip.offsetWidth);
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${top}px`;
  }

  hideTooltip(): void {
    this.tooltip.hidden = true;
  }

  destroy(): void {
    this.element.remove();
  }
}
