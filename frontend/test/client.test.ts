import { describe, expect, it } from 'vitest';
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
