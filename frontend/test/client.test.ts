import { describe, expect, it, vi } from 'vitest';
import { apiUrl, getJson, numberColumn, parseLenientJson, prefetch, scalarsDownloadUrl } from '../src/api/client';

describe('lenient JSON and numeric columns', () => {
  it('accepts bare NaN/Infinity tokens without touching strings', () => {
    const parsed = parseLenientJson('[[1.5, NaN], [-Infinity, "NaN in text", "Infinity"]]') as unknown[][];
    expect(parsed).toEqual([
      [1.5, 'NaN'],
      ['-Infinity', 'NaN in text', 'Infinity'],
    ]);
    expect(parseLenientJson('["NaN", "Infinity"]')).toEqual(['NaN', 'Infinity']);
  });

  it('turns the non-finite strings of a value column into numbers', () => {
    const column = numberColumn([0.5, 'NaN', 'Infinity', '-Infinity']);
    expect(column[0]).toBe(0.5);
    expect(column[1]).toBeNaN();
    expect(column[2]).toBe(Infinity);
    expect(column[3]).toBe(-Infinity);
  });
});

describe('apiUrl', () => {
  it('builds relative URLs with repeated keys and escaping', () => {
    expect(apiUrl('data/plugin/scalars/series', { tag: ['a/b', 'c d'], run: ['x&y'], points: 0 })).toBe(
      'data/plugin/scalars/series?tag=a%2Fb&tag=c+d&run=x%26y&points=0',
    );
    expect(() => apiUrl('/data/runs')).toThrow(/relative/);
    expect(scalarsDownloadUrl('r', 't', 'csv')).toBe('data/plugin/scalars/scalars?run=r&tag=t&format=csv');
  });
});

describe('prefetch', () => {
  it('hands an early answer to the first getJson of its URL only', async () => {
    const calls: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      calls.push(url);
      return new Response(JSON.stringify({ n: calls.length }), { status: 200 });
    }) as typeof fetch;
    try {
      prefetch('data/plugin/x/tags');
      prefetch('data/plugin/x/tags');
      expect(calls).toEqual(['data/plugin/x/tags']);
      expect(await getJson('data/plugin/x/tags')).toEqual({ n: 1 });
      // Used once: the next call (a refresh) asks the server again.
      expect(await getJson('data/plugin/x/tags')).toEqual({ n: 2 });
      expect(calls).toHaveLength(2);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('takes the answer of a request index.html started, once, with its HTTP errors', async () => {
    const calls: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      calls.push(url);
      return new Response(JSON.stringify({ from: 'app' }), { status: 200 });
    }) as typeof fetch;
    const page = {
      __tbxEarly: {
        'data/plugin/z/tags': { at: 0, response: Promise.resolve(new Response('{"from": "page"}', { status: 200 })) },
        'data/plugin/z/runs': { at: 0, response: Promise.resolve(new Response('{"error": "gone"}', { status: 500 })) },
      } as Record<string, { at: number; response: Promise<Response> }>,
    };
    vi.stubGlobal('window', page);
    try {
      prefetch('data/plugin/z/tags');
      prefetch('data/plugin/z/runs');
      expect(calls).toEqual([]);
      expect(page.__tbxEarly).toEqual({});
      expect(await getJson('data/plugin/z/tags')).toEqual({ from: 'page' });
      await expect(getJson('data/plugin/z/runs')).rejects.toThrow(/500 gone/);
      // Taken once: the next call asks the server.
      expect(await getJson('data/plugin/z/tags')).toEqual({ from: 'app' });
      expect(calls).toEqual(['data/plugin/z/tags']);
    } finally {
      vi.unstubAllGlobals();
      globalThis.fetch = realFetch;
    }
  });

  it("takes the text index.html read of an answer it started, a failure's too", async () => {
    // index.html reads a JSON answer's body as it arrives; reading the Response again would throw.
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => new Response('{"from": "app"}', { status: 200 })) as typeof fetch;
    const started = (body: string, status: number) => {
      const response = Promise.resolve(new Response(body, { status }));
      return { at: 0, response, text: response.then((r) => r.text()) };
    };
    const page = {
      __tbxEarly: {
        'data/plugin/w/tags': started('{"from": "page"}', 200),
        'data/plugin/w/runs': started('{"error": "gone"}', 500),
      },
    };
    vi.stubGlobal('window', page);
    try {
      prefetch('data/plugin/w/tags');
      prefetch('data/plugin/w/runs');
      expect(await getJson('data/plugin/w/tags')).toEqual({ from: 'page' });
      await expect(getJson('data/plugin/w/runs')).rejects.toThrow(/500 gone/);
    } finally {
      vi.unstubAllGlobals();
      globalThis.fetch = realFetch;
    }
  });

  it('still ends the wait of a caller that aborts', async () => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = (() => new Promise<Response>(() => undefined)) as typeof fetch;
    try {
      prefetch('data/plugin/y/tags');
      const controller = new AbortController();
      const answer = getJson('data/plugin/y/tags', controller.signal);
      controller.abort();
      await expect(answer).rejects.toThrow(/Abort/);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
