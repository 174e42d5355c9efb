// @vitest-environment jsdom
import { type ComponentChild, h, render } from 'preact';
import { useRef } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanvasChartCard } from '../../src/charts/CanvasChartCard';
import { useCardChart } from '../../src/charts/use_card_chart';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
  vi.unstubAllGlobals();
});

async function show(vnode: ComponentChild): Promise<void> {
  await act(() => render(vnode, root));
}

const CARD = { run: 'train', tag: 'weights/dense', info: { description: 'Dense weights', samples: 1 } };

function Card(props: { error: string | null; loaded: boolean; extra?: string }) {
  const cardRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  return h(
    CanvasChartCard,
    { cardRef, hostRef, card: CARD, color: '#ff7043', error: props.error, loaded: props.loaded },
    props.extra ? h('p', { class: 'extra' }, props.extra) : null,
  );
}

describe('CanvasChartCard', () => {
  it('names the tag and run, and shows loading until the data arrives', async () => {
    await show(h(Card, { error: null, loaded: false }));
    const card = root.querySelector<HTMLElement>('.card')!;
    expect([card.dataset.tag, card.dataset.run]).toEqual(['weights/dense', 'train']);
    expect(card.querySelector('.card__title')!.textContent).toBe('weights/dense');
    expect(card.querySelector('.card__run-name')!.textContent).toBe('train');
    expect(card.querySelector('.card__loading')!.textContent).toBe('Loading…');
    expect(card.querySelector('.card__chart--canvas')).not.toBeNull();
  });

  it('shows an error instead of the loading notice, and further notices below the chart', async () => {
    await show(h(Card, { error: 'HTTP 500', loaded: false, extra: 'No histograms.' }));
    expect(root.querySelector('.card__error')!.textContent).toBe('HTTP 500');
    expect(root.querySelector('.card__loading')).toBeNull();
    expect(root.querySelector('.card__chart + .card__error + .extra')!.textContent).toBe('No histograms.');
    await show(h(Card, { error: null, loaded: true }));
    expect(root.querySelector('.card__error, .card__loading')).toBeNull();
  });

  it('enlarges and shrinks with its header button', async () => {
    await show(h(Card, { error: null, loaded: true }));
    const card = root.querySelector<HTMLElement>('.card')!;
    const button = card.querySelector<HTMLButtonElement>('.card__actions button')!;
    expect([card.className, button.getAttribute('aria-label'), button.getAttribute('aria-pressed')]).toEqual([
      'card',
      'Enlarge card',
      'false',
    ]);
    await act(() => button.click());
    expect([card.className, button.getAttribute('aria-label'), button.getAttribute('aria-pressed')]).toEqual([
      'card card--wide',
      'Shrink card',
      'true',
    ]);
    await act(() => button.click());
    expect(card.className).toBe('card');
  });
});

describe('useCardChart', () => {
  class FakeChart {
    static log: string[] = [];
    constructor(host: HTMLElement) {
      FakeChart.log.push(`create in ${host.id}`);
    }
    resize(width: number): void {
      FakeChart.log.push(`resize ${width}`);
    }
    destroy(): void {
      FakeChart.log.push('destroy');
    }
  }

  let observed: (() => void) | null = null;
  beforeEach(() => {
    FakeChart.log = [];
    observed = null;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: () => void) {
          observed = callback;
        }
        observe(): void {}
        disconnect(): void {
          FakeChart.log.push('disconnect');
        }
      },
    );
  });

  function Chart({ data, option }: { data: string | null; option: number }) {
    const hostRef = useRef<HTMLDivElement>(null);
    useCardChart(
      hostRef,
      (host) => new FakeChart(host),
      data,
      (_chart, shown) => FakeChart.log.push(`draw ${shown} ${option}`),
      [option],
    );
    return h('div', { id: 'host', ref: hostRef });
  }

  it('creates the chart only once data arrives, then redraws on data and option changes', async () => {
    await show(h(Chart, { data: null, option: 1 }));
    Object.defineProperty(root.querySelector('#host')!, 'clientWidth', { value: 480 });
    expect(FakeChart.log).toEqual([]);
    await show(h(Chart, { data: 'a', option: 1 }));
    expect(FakeChart.log).toEqual(['create in host', 'resize 480', 'draw a 1']);
    await show(h(Chart, { data: 'a', option: 2 }));
    await show(h(Chart, { data: 'b', option: 2 }));
    await show(h(Chart, { data: 'b', option: 2 }));
    expect(FakeChart.log.slice(3)).toEqual(['resize 480', 'draw a 2', 'resize 480', 'draw b 2']);
  });

  it('follows the host width and destroys the chart with the card', async () => {
    await show(h(Chart, { data: 'a', option: 1 }));
    Object.defineProperty(root.querySelector('#host')!, 'clientWidth', { value: 300 });
    observed!();
    await act(() => render(null, root));
    expect(FakeChart.log.slice(-3)).toEqual(['resize 300', 'disconnect', 'destroy']);
  });
});
