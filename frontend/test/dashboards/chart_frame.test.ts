// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { drawHoverRule, fillDot } from '../../src/charts/canvas_chart';
import { ChartFrame, MIN_CHART_WIDTH } from '../../src/charts/chart_frame';

function makeHost(width: number): HTMLElement {
  const host = document.createElement('div');
  Object.defineProperty(host, 'clientWidth', { value: width });
  document.body.appendChild(host);
  return host;
}

function recordingFrame(width = 400) {
  const calls: string[] = [];
  const host = makeHost(width);
  const frame = new ChartFrame(host, 'Histograms of loss for run train', {
    pointer: (x, y) => calls.push(`pointer ${x} ${y}`),
    leave: () => calls.push('leave'),
    key: (e) => calls.push(`key ${e.key}`),
  });
  return { host, frame, calls, element: host.firstElementChild as HTMLElement };
}

describe('ChartFrame', () => {
  it('builds a focusable, labelled frame with the base canvas, the hover canvas and a hidden tooltip', () => {
    const { element, frame } = recordingFrame();
    expect(element.className).toBe('hist-chart');
    expect(element.tabIndex).toBe(0);
    expect(element.getAttribute('role')).toBe('img');
    expect(element.getAttribute('aria-label')).toBe('Histograms of loss for run train');
    expect([...element.children].map((c) => c.className)).toEqual(['hist-chart__base', 'hist-chart__hover', 'hist-chart__tooltip']);
    expect(element.children[0]).toBe(frame.base);
    expect(element.children[1]).toBe(frame.hover);
    expect((element.children[2] as HTMLElement).hidden).toBe(true);
  });

  it('takes the host width, never less than the minimum, and reports width changes', () => {
    expect(recordingFrame(50).frame.width).toBe(MIN_CHART_WIDTH);
    const { frame } = recordingFrame(400);
    expect(frame.width).toBe(400);
    expect(frame.resize(400.7)).toBe(false);
    expect(frame.resize(512.3)).toBe(true);
    expect(frame.width).toBe(512);
    expect(frame.resize(10)).toBe(true);
    expect(frame.width).toBe(MIN_CHART_WIDTH);
    expect(frame.resize(150)).toBe(false);
  });

  it('forwards pointer moves relative to the base canvas, leaving, blur and keys', () => {
    const { element, frame, calls } = recordingFrame();
    frame.base.getBoundingClientRect = () => new DOMRect(100, 50, 400, 260);
    element.dispatchEvent(new MouseEvent('pointermove', { clientX: 130, clientY: 70 }));
    element.dispatchEvent(new MouseEvent('pointerleave'));
    element.dispatchEvent(new FocusEvent('blur'));
    element.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft' }));
    expect(calls).toEqual(['pointer 30 20', 'leave', 'leave', 'key ArrowLeft']);
  });

  it('shows the tooltip lines where `place` puts them, given its width, and hides it', () => {
    const { element, frame } = recordingFrame();
    const tooltip = element.children[2] as HTMLElement;
    Object.defineProperty(tooltip, 'offsetWidth', { value: 120 });
    let measured = -1;
    frame.showTooltip(['Step 3', 'max: 1'], (width) => {
      measured = width;
      return { left: 400 - width, top: 8 };
    });
    expect(measured).toBe(120);
    expect(tooltip.hidden).toBe(false);
    expect(tooltip.textContent).toBe('Step 3\nmax: 1');
    expect([tooltip.style.left, tooltip.style.top]).toEqual(['280px', '8px']);
    frame.hideTooltip();
    expect(tooltip.hidden).toBe(true);
  });

  it('leaves the page on destroy', () => {
    const { host, frame } = recordingFrame();
    frame.destroy();
    expect(host.children.length).toBe(0);
  });
});

/** Records the drawing calls and style settings made on a 2D context. */
function recordingContext(): { ctx: CanvasRenderingContext2D; log: string[] } {
  const log: string[] = [];
  const target = {
    setLineDash: (dash: number[]) => log.push(`dash ${dash.join(',')}`),
    beginPath: () => log.push('begin'),
    moveTo: (x: number, y: number) => log.push(`move ${x} ${y}`),
    lineTo: (x: number, y: number) => log.push(`line ${x} ${y}`),
    arc: (x: number, y: number, r: number, a0: number, a1: number) => log.push(`arc ${x} ${y} ${r} ${a0} ${a1.toFixed(4)}`),
    stroke: () => log.push('stroke'),
    fill: () => log.push('fill'),
  };
  const ctx = new Proxy(target, {
    set(object, name, value: unknown) {
      log.push(`${String(name)}=${String(value)}`);
      return Reflect.set(object, name, value);
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, log };
}

describe('hover marks', () => {
  it('draws the hover rule dashed, one pixel wide on the pixel grid, then stops dashing', () => {
    const { ctx, log } = recordingContext();
    drawHoverRule(ctx, 41.7, 8, 238, '#ff7043');
    expect(log).toEqual([
      'strokeStyle=#ff7043',
      'lineWidth=1',
      'dash 3,3',
      'begin',
      'move 42.5 8',
      'line 42.5 238',
      'stroke',
      'dash ',
    ]);
  });

  it('fills a full circle for a dot', () => {
    const { ctx, log } = recordingContext();
    fillDot(ctx, 10, 20, 3.5);
    expect(log).toEqual(['begin', 'arc 10 20 3.5 0 6.2832', 'fill']);
  });
});
