import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CardAnswer, type StartedByPage, takeRebinned } from '../src/plugins/histograms/early_rebinned';

/** index.html's first inline script, which starts the start-up requests. */
const FIRST_SCRIPT = /<script>([\s\S]*?)<\/script>/.exec(readFileSync(join(__dirname, '..', 'index.html'), 'utf8'))![1];

/** How many cards the fake server below has. */
let cardsOnServer = Infinity;

/**
 * A server that names card K "run K"/"tag/K" (percent-encoded), fails card 5, and answers 204 past
 * its last card, as tbx does.
 */
async function answer(url: string): Promise<Response> {
  const card = new URL(url, 'http://x/').searchParams.get('card');
  if (card === null) return new Response('{}');
  if (card === '5') return new Response('{"error": "broken"}', { status: 500 });
  if (Number(card) >= cardsOnServer) {
    return new Response(null, { status: 204, headers: { 'X-Tbx-Cards': String(cardsOnServer) } });
  }
  const headers = { 'X-Tbx-Run': `run%20${card}`, 'X-Tbx-Tag': `tag%2F${card}` };
  return new Response(new Uint8Array([Number(card)]), { headers });
}

/**
 * Runs the first script in a page `innerWidth` pixels wide opened at `hash`; returns the URLs it
 * fetched and the Histograms requests it listed.
 */
function runFirstScript(innerWidth: number, hash: string): { urls: string[]; started?: StartedByPage[] } {
  const urls: string[] = [];
  const context: Record<string, unknown> = {
    innerWidth,
    innerHeight: 1000,
    location: { pathname: '/', search: '', hash, replace: () => undefined },
    fetch: (url: string) => {
      urls.push(url);
      return answer(url);
    },
    URLSearchParams,
    performance,
  };
  context.window = context;
  runInNewContext(FIRST_SCRIPT, context);
  return { urls, started: context.__tbxEarlyHistograms as StartedByPage[] | undefined };
}

const rebinned = (urls: string[]) => urls.filter((url) => url.includes('histograms/rebinned'));
const byPosition = (card: number, bins: number) => `data/plugin/histograms/rebinned?card=${card}&bins=${bins}&format=binary`;

describe("index.html's early Histograms requests", () => {
  it('ask for the first row of cards by position at once, at the estimated width', async () => {
    // 1400 px: 1400 - 301 - 32 = 1067 px, two 527.5 px columns, 505.5 px charts: 252 bins.
    const { urls, started } = runFirstScript(1400, '#tab=histograms');
    expect(urls).toEqual(['data/runs', 'data/plugins_listing', 'data/plugin/histograms/tags', byPosition(0, 252), byPosition(1, 252)]);
    expect(started!.map(({ bins }) => bins)).toEqual([252, 252]);
    // Each answer names its card (headers decoded) and keeps its body.
    const cards = (await Promise.all(started!.map((s) => s.answer))) as CardAnswer[];
    expect(cards.map(({ run, tag }) => [run, tag])).toEqual([
      ['run 0', 'tag/0'],
      ['run 1', 'tag/1'],
    ]);
    expect(new Uint8Array(await cards[1].body)).toEqual(new Uint8Array([1]));
  });

  it('take a position past the last card (204) as no answer, which the cards then ask for themselves', async () => {
    cardsOnServer = 1;
    try {
      const { started } = runFirstScript(1400, '#tab=histograms');
      const cards = await Promise.all(started!.map((s) => s.answer));
      expect(cards.map((c) => (c ? [c.run, c.tag] : c))).toEqual([['run 0', 'tag/0'], null]);
    } finally {
      cardsOnServer = Infinity;
    }
  });

  it('ask for at most three cards, and for one of the smallest width in a narrow window', () => {
    // 1920 px: 1587 px, three 521 px columns, 499 px charts.
    expect(rebinned(runFirstScript(1920, '#tab=histograms').urls)).toEqual([0, 1, 2].map((k) => byPosition(k, 249)));
    expect(rebinned(runFirstScript(4000, '#histograms').urls)).toHaveLength(3);
    // Narrower than one column: one card of 420 - 22 px.
    expect(rebinned(runFirstScript(500, '#tab=histograms').urls)).toEqual([byPosition(0, 199)]);
  });

  it('ask for nothing on another tab or when runs or tags are filtered', () => {
    for (const hash of ['', '#tab=scalars', '#tab=histograms&runFilter=train', '#tab=histograms&tagFilter=w', '#tab=histograms&off=a']) {
      const { urls, started } = runFirstScript(1400, hash);
      expect(rebinned(urls), hash).toEqual([]);
      expect(started, hash).toBeUndefined();
    }
  });
});

describe('early re-binned answers', () => {
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  /** A page whose inline script started `cards` (resolving when `named` does), each of `bins` bins. */
  const startedByPage = (bins: number, ...cards: (CardAnswer | null | Promise<CardAnswer | null>)[]) => {
    const started: StartedByPage[] = cards.map((card) => ({ bins, at: performance.now(), answer: Promise.resolve(card) }));
    (globalThis as { window?: unknown }).window = { __tbxEarlyHistograms: started };
    return started;
  };
  const card = (run: string, tag: string, value: number): CardAnswer => ({
    run,
    tag,
    body: Promise.resolve(new Uint8Array([value]).buffer),
  });
  const bytes = async (body: Promise<ArrayBuffer | null> | null) => {
    const buffer = await body;
    return buffer ? [...new Uint8Array(buffer)] : buffer;
  };

  it('serve the card an answer names, once, when its bins are close', async () => {
    startedByPage(250, card('r', 't/1', 7), null);
    // Asked before the headers are in: the card waits for them, then takes its answer.
    expect(await bytes(takeRebinned('r', 't/1', 240))).toEqual([7]);
    // Taken: the next card (or a refresh) fetches its own.
    expect(takeRebinned('r', 't/1', 240)).toBeNull();
    expect(takeRebinned('r', 'other', 250)).toBeNull();
  });

  it('answer null for a card no early answer names, once the headers are in', async () => {
    let name: (card: CardAnswer) => void = () => undefined;
    startedByPage(250, new Promise<CardAnswer>((resolve) => (name = resolve)));
    const waiting = takeRebinned('r', 'mine', 250);
    expect(waiting).not.toBeNull();
    name(card('r', 'someone else', 1));
    expect(await waiting).toBeNull();
    // The other card still finds its answer.
    expect(await bytes(takeRebinned('r', 'someone else', 250))).toEqual([1]);
  });

  it('serve a card as soon as its answer is named, while another is still on its way', async () => {
    // The second request never answers (waiting for a connection): the first card does not wait for it.
    let answerLate: (card: CardAnswer | null) => void = () => undefined;
    startedByPage(250, card('r', 'first', 3), new Promise<CardAnswer | null>((resolve) => (answerLate = resolve)));
    expect(await bytes(takeRebinned('r', 'first', 250))).toEqual([3]);
    answerLate(null);
  });

  it('do not serve a card far wider or narrower', async () => {
    startedByPage(250, card('r', 'wide', 1), card('r', 'narrow', 1));
    expect(await takeRebinned('r', 'wide', 400)).toBeNull();
    expect(await takeRebinned('r', 'narrow', 150)).toBeNull();
  });

  it('let the caller stop waiting', async () => {
    startedByPage(250, new Promise<CardAnswer>(() => undefined));
    const controller = new AbortController();
    const waiting = takeRebinned('r', 't', 250, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow('Aborted');
  });
});

describe('the first card named early', () => {
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  /** A fresh copy of the module (it keeps the first card's name) on a page that started `cards`. */
  const pageStarting = async (...cards: Promise<CardAnswer | null>[] | []) => {
    vi.resetModules();
    const early = await import('../src/plugins/histograms/early_rebinned');
    const started: StartedByPage[] = cards.map((answer) => ({ bins: 250, at: performance.now(), answer }));
    (globalThis as { window?: unknown }).window = cards.length > 0 ? { __tbxEarlyHistograms: started } : {};
    return early;
  };
  const named = (run: string, tag: string): CardAnswer => ({ run, tag, body: Promise.resolve(new ArrayBuffer(1)) });

  it('is card 0 of the page, known at once once its headers are in, even after the cards took theirs', async () => {
    const early = await pageStarting(Promise.resolve(named('r', 't/0')), Promise.resolve(named('r', 't/1')));
    expect(early.firstEarlyCardNow()).toBeUndefined();
    expect(early.takeRebinned('r', 't/0', 250)).not.toBeNull();
    expect(await early.firstEarlyCard()).toEqual({ run: 'r', tag: 't/0' });
    expect(early.firstEarlyCardNow()).toEqual({ run: 'r', tag: 't/0' });
  });

  it('is null when the page asked for none, or the answer was no card', async () => {
    expect((await pageStarting()).firstEarlyCard()).toBeNull();
    const early = await pageStarting(Promise.resolve(null));
    expect(await early.firstEarlyCard()).toBeNull();
    expect(early.firstEarlyCardNow()).toBeNull();
    // A failed request (index.html handles its rejection).
    const failed = Promise.reject(new Error('offline'));
    failed.catch(() => undefined);
    expect(await (await pageStarting(failed)).firstEarlyCard()).toBeNull();
  });

  it('lets the app render once both the code and the name are in, or after the longest wait', async () => {
    expect((await pageStarting()).firstCardReady(Promise.resolve())).toBeNull();

    let name: (card: CardAnswer) => void = () => undefined;
    let load: () => void = () => undefined;
    let early = await pageStarting(new Promise<CardAnswer>((resolve) => (name = resolve)));
    let ready = false;
    void early.firstCardReady(new Promise<void>((resolve) => (load = resolve)), 10_000)!.then(() => (ready = true));
    name(named('r', 't'));
    await new Promise((r) => setTimeout(r, 5));
    expect(ready).toBe(false);
    load();
    await new Promise((r) => setTimeout(r, 5));
    expect(ready).toBe(true);

    // A name that never comes: ready after the wait.
    early = await pageStarting(new Promise<CardAnswer>(() => undefined));
    ready = false;
    void early.firstCardReady(Promise.resolve(), 20)!.then(() => (ready = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(ready).toBe(false);
    await new Promise((r) => setTimeout(r, 40));
    expect(ready).toBe(true);
  });
});
