import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { takeRebinned } from '../src/plugins/histograms/early_rebinned';

/** index.html's block that starts the first cards' re-binned data. */
const BLOCK = /<script id="tbx-early-histograms">([\s\S]*?)<\/script>/.exec(
  readFileSync(join(__dirname, '..', 'index.html'), 'utf8'),
)![1];

interface Started {
  run: string;
  tag: string;
  bins: number;
  body: Promise<ArrayBuffer>;
}

/**
 * Runs the block in a page `innerWidth` pixels wide whose Histograms listing answers `listing`
 * (none: the page did not open on the tab); resolves with the URLs it fetched and what it listed.
 */
async function runBlock(innerWidth: number, listing?: unknown): Promise<{ urls: string[]; started: Started[] }> {
  const urls: string[] = [];
  const window: Record<string, unknown> = { innerWidth };
  if (listing !== undefined) {
    const response = Promise.resolve(new Response(JSON.stringify(listing), { status: 200 }));
    window.__tbxEarly = { 'data/plugin/histograms/tags': { at: 0, response } };
  }
  const fetch = async (url: string) => {
    urls.push(url);
    return new Response(new Uint8Array([urls.length]), { status: url.includes('tag=broken') ? 500 : 200 });
  };
  runInNewContext(BLOCK, { window, fetch, URLSearchParams, performance });
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { urls, started: window.__tbxEarlyHistograms as Started[] };
}

const url = (run: string, tag: string, bins: number) =>
  `data/plugin/histograms/rebinned?run=${encodeURIComponent(run)}&tag=${encodeURIComponent(tag)}&bins=${bins}&format=binary`;

describe("index.html's early Histograms requests", () => {
  it('ask for the first row of cards in the dashboard order, at the estimated width', async () => {
    // Groups by name with digits as numbers (g2 before g10), tags by code point, runs as listed.
    const listing = { b: { 'g10/x': {}, 'g2/b': {} }, a: { 'g2/b': {}, 'g2/a': {} } };
    // 1400 px: 1400 - 301 - 32 = 1067 px, two 527.5 px columns, 505.5 px charts: 252 bins.
    const { urls, started } = await runBlock(1400, listing);
    expect(urls).toEqual([url('a', 'g2/a', 252), url('b', 'g2/b', 252)]);
    expect(started.map(({ run, tag, bins }) => ({ run, tag, bins }))).toEqual([
      { run: 'a', tag: 'g2/a', bins: 252 },
      { run: 'b', tag: 'g2/b', bins: 252 },
    ]);
    expect(new Uint8Array(await started[1].body)).toEqual(new Uint8Array([2]));
  });

  it('ask for at most three cards, and for one of the smallest width in a narrow window', async () => {
    const listing = { r: { a: {}, b: {}, c: {}, d: {} } };
    // 1920 px: 1587 px, three 521 px columns, 499 px charts.
    expect((await runBlock(1920, listing)).urls).toEqual([url('r', 'a', 249), url('r', 'b', 249), url('r', 'c', 249)]);
    // Narrower than one column: one card of 420 - 22 px.
    expect((await runBlock(500, listing)).urls).toEqual([url('r', 'a', 199)]);
  });

  it('ask for nothing when the page did not open on the tab or the listing is empty', async () => {
    expect(await runBlock(1400)).toEqual({ urls: [], started: [] });
    expect(await runBlock(1400, {})).toEqual({ urls: [], started: [] });
  });

  it('report a failed answer to the card that takes it', async () => {
    const { started } = await runBlock(900, { r: { broken: {} } });
    await expect(started[0].body).rejects.toThrow('500');
  });
});

describe('early re-binned answers', () => {
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  const startedByPage = (...entries: { run: string; tag: string; bins: number; value: number }[]) => {
    (globalThis as { window?: unknown }).window = {
      __tbxEarlyHistograms: entries.map(({ run, tag, bins, value }) => ({
        run,
        tag,
        bins,
        at: performance.now(),
        body: Promise.resolve(new Uint8Array([value]).buffer),
      })),
    };
  };

  it('serve one card whose bins are close to the early ones, once', async () => {
    startedByPage({ run: 'r', tag: 't/1', bins: 250, value: 7 });
    expect(takeRebinned('r', 'other', 250)).toBeNull();
    const body = takeRebinned('r', 't/1', 240);
    expect(body).not.toBeNull();
    expect(new Uint8Array(await body!)).toEqual(new Uint8Array([7]));
    // Taken: the next card (or a refresh) fetches its own.
    expect(takeRebinned('r', 't/1', 240)).toBeNull();
  });

  it('take requests the page started after the first card asked', async () => {
    startedByPage();
    expect(takeRebinned('r', 'late', 250)).toBeNull();
    (globalThis as { window: { __tbxEarlyHistograms: unknown[] } }).window.__tbxEarlyHistograms.push({
      run: 'r',
      tag: 'late',
      bins: 250,
      at: performance.now(),
      body: Promise.resolve(new Uint8Array([3]).buffer),
    });
    expect(new Uint8Array(await takeRebinned('r', 'late', 250)!)).toEqual(new Uint8Array([3]));
  });

  it('do not serve a card far wider or narrower', () => {
    startedByPage({ run: 'r', tag: 'wide', bins: 250, value: 1 }, { run: 'r', tag: 'narrow', bins: 250, value: 1 });
    expect(takeRebinned('r', 'wide', 400)).toBeNull();
    expect(takeRebinned('r', 'narrow', 150)).toBeNull();
  });
});
