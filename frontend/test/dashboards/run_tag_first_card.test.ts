// @vitest-environment jsdom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../src/app/services';
import { RunTagDashboard } from '../../src/charts/RunTagDashboard';
import type { RunTagCard } from '../../src/charts/run_tag_index';
import { makeApp } from './test_app';

const TestCard = ({ card }: { app: AppServices; card: RunTagCard }) =>
  h('div', { class: 'test-card', 'data-key': `${card.run}/${card.tag}` });

let root: HTMLElement;
afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
  vi.unstubAllGlobals();
});

/**
 * Mounts a Histograms RunTagDashboard showing `first` early; returns its services and a function
 * that answers its tag listing request.
 */
function mount(first?: RunTagCard) {
  let answer: (listing: unknown) => void = () => undefined;
  const listing = new Promise<unknown>((resolve) => (answer = resolve));
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(await listing), { headers: { 'Content-Type': 'application/json' } })),
  );
  const app = makeApp();
  root = document.createElement('div');
  document.body.appendChild(root);
  act(() => render(h(RunTagDashboard, { app, plugin: 'histograms', noun: 'histogram', Card: TestCard, first }), root));
  const answerListing = (value: unknown) =>
    act(async () => {
      answer(value);
      await new Promise((r) => setTimeout(r, 10));
    });
  return { app, answerListing };
}

const cards = () => [...root.querySelectorAll<HTMLElement>('.test-card')];
const keys = () => cards().map((e) => e.dataset.key);

describe('RunTagDashboard with a first card known early', () => {
  const first: RunTagCard = { run: 'b', tag: 'a/1', info: { description: '', samples: 1 } };
  const listing = { a: { 'a/1': {}, 'z/0': {} }, b: { 'a/1': {}, 'a/2': {} } };

  it('shows it before the listing and the runs, then the same element among the others', async () => {
    const { app, answerListing } = mount(first);
    expect(keys()).toEqual(['b/a/1']);
    const element = cards()[0];

    // The listing alone: the runs are not known yet, the first card stays alone.
    await answerListing(listing);
    expect(keys()).toEqual(['b/a/1']);

    // Run b comes first in the server's order, so its a/1 is the dashboard's first card.
    await act(() => app.data.set({ runs: ['b', 'a'] }));
    expect(keys()).toEqual(['b/a/1', 'a/a/1', 'b/a/2', 'a/z/0']);
    expect(cards()[0]).toBe(element);
  });

  it('gives way to the listing once both are in, even where it does not show that card', async () => {
    const { app, answerListing } = mount(first);
    await act(() => app.data.set({ runs: ['a'] }));
    await answerListing(listing);
    expect(keys()).toEqual(['a/a/1', 'a/z/0']);
  });

  it('shows the loading notice without one', () => {
    mount();
    expect(root.textContent).toBe('Loading tags…');
  });
});
