import { afterEach, describe, expect, it } from 'vitest';
import { estimateCards, firstCards, startRebinned, takeRebinned } from '../src/plugins/histograms/early_rebinned';

describe('the Histograms tab prefetch', () => {
  it('estimates the grid from the window as the page lays it out', () => {
    // 1400 - 301 (sidebar) - 32 (padding) = 1067 px: two 527.5 px columns, 505.5 px charts.
    expect(estimateCards(1400)).toEqual({ columns: 2, bins: 252 });
    // 1920: 1587 px, three 521 px columns, 499 px charts.
    expect(estimateCards(1920)).toEqual({ columns: 3, bins: 249 });
    // Narrower than one column: one card of the smallest width.
    expect(estimateCards(500)).toEqual({ columns: 1, bins: 199 });
  });

  it('takes the first cards in the dashboard order: groups, tags, runs', () => {
    const answer = { b: { 'z/w': {}, 'a/w': {} }, a: { 'a/w': {}, 'a/v': {} } };
    expect(firstCards(answer, 3)).toEqual([
      { run: 'a', tag: 'a/v' },
      { run: 'b', tag: 'a/w' },
      { run: 'a', tag: 'a/w' },
    ]);
    expect(firstCards({}, 3)).toEqual([]);
  });
});

describe('early re-binned answers', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('serve one card whose bins are close to the early ones, once', async () => {
    const calls: string[] = [];
    globalThis.fetch = (async (url: string) => {
      calls.push(url);
      return new Response(new Uint8Array([calls.length]), { status: 200 });
    }) as typeof fetch;
    startRebinned('r', 't/1', 250);
    expect(calls).toEqual(['data/plugin/histograms/rebinned?run=r&tag=t%2F1&bins=250&format=binary']);
    expect(takeRebinned('r', 'other', 250)).toBeNull();
    const body = takeRebinned('r', 't/1', 240);
    expect(body).not.toBeNull();
    expect(new Uint8Array(await body!)).toEqual(new Uint8Array([1]));
    // Taken: the next card (or a refresh) fetches its own.
    expect(takeRebinned('r', 't/1', 240)).toBeNull();
  });

  it('do not serve a card far wider or narrower', () => {
    globalThis.fetch = (async () => new Response(new Uint8Array(1))) as typeof fetch;
    startRebinned('r', 'wide', 250);
    expect(takeRebinned('r', 'wide', 400)).toBeNull();
    startRebinned('r', 'narrow', 250);
    expect(takeRebinned('r', 'narrow', 150)).toBeNull();
  });
});
