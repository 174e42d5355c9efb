// @vitest-environment jsdom
import { h, render } from 'preact';
import { useRef } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Visibility, onScreen, useVisibility } from '../src/shell/use_visible';

const box = (left: number, top: number, width: number, height: number) => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
});

describe('onScreen', () => {
  it('is true for a box inside or partly inside the viewport', () => {
    expect(onScreen(box(10, 10, 400, 300), 1400, 1000)).toBe(true);
    // Straddling the bottom edge, and the top edge after scrolling.
    expect(onScreen(box(10, 900, 400, 300), 1400, 1000)).toBe(true);
    expect(onScreen(box(10, -250, 400, 300), 1400, 1000)).toBe(true);
  });

  it('is false for a box wholly below, above or beside the viewport', () => {
    expect(onScreen(box(10, 1000, 400, 300), 1400, 1000)).toBe(false);
    expect(onScreen(box(10, 1500, 400, 300), 1400, 1000)).toBe(false);
    expect(onScreen(box(10, -300, 400, 300), 1400, 1000)).toBe(false);
    expect(onScreen(box(1400, 10, 400, 300), 1400, 1000)).toBe(false);
    expect(onScreen(box(-400, 10, 400, 300), 1400, 1000)).toBe(false);
  });

  it('is false for an element with no box (display: none reads as all zeros)', () => {
    expect(onScreen(box(0, 0, 0, 0), 1400, 1000)).toBe(false);
  });
});

describe('useVisibility', () => {
  // An observer that reports only when the test says so, as a browser reports a frame later.
  let observers: { callback: IntersectionObserverCallback; element: Element | null }[] = [];
  const original = globalThis.IntersectionObserver;
  beforeEach(() => {
    observers = [];
    globalThis.IntersectionObserver = class {
      private readonly entry: { callback: IntersectionObserverCallback; element: Element | null };
      constructor(callback: IntersectionObserverCallback) {
        this.entry = { callback, element: null };
        observers.push(this.entry);
      }
      observe(element: Element) {
        this.entry.element = element;
      }
      disconnect() {}
    } as unknown as typeof IntersectionObserver;
  });
  let root: HTMLElement;
  afterEach(() => {
    act(() => render(null, root));
    root.remove();
    globalThis.IntersectionObserver = original;
  });

  /** Mounts an element at `rect` using the hook; returns the latest state it reported. */
  function mount(rect: ReturnType<typeof box>, measureAtMount: boolean): { state: Visibility } {
    const seen = { state: { visible: false, seen: false } as Visibility };
    function Probe() {
      const ref = useRef<HTMLDivElement>(null);
      seen.state = useVisibility(ref, '200px', { measureAtMount });
      return h('div', {
        ref: (el: HTMLDivElement | null) => {
          ref.current = el;
          if (el) el.getBoundingClientRect = () => ({ ...rect, x: rect.left, y: rect.top, width: rect.right - rect.left, height: rect.bottom - rect.top, toJSON: () => ({}) });
        },
      });
    }
    root = document.createElement('div');
    document.body.appendChild(root);
    act(() => render(h(Probe, null), root));
    return seen;
  }

  const report = (isIntersecting: boolean) =>
    act(() => {
      for (const o of observers) o.callback([{ isIntersecting } as IntersectionObserverEntry], {} as IntersectionObserver);
    });

  it('measured at mount, an element on screen is visible before the observer reports', () => {
    const probe = mount(box(0, 100, 400, 300), true);
    expect(probe.state).toEqual({ visible: true, seen: true });
    report(false);
    expect(probe.state).toEqual({ visible: false, seen: true });
  });

  it('measured at mount, an element off screen waits for the observer', () => {
    const probe = mount(box(0, window.innerHeight + 500, 400, 300), true);
    expect(probe.state).toEqual({ visible: false, seen: false });
    report(true);
    expect(probe.state).toEqual({ visible: true, seen: true });
  });

  it('without measuring, even an element on screen waits for the observer', () => {
    const probe = mount(box(0, 100, 400, 300), false);
    expect(probe.state).toEqual({ visible: false, seen: false });
    report(true);
    expect(probe.state).toEqual({ visible: true, seen: true });
  });
});
