import { describe, expect, it } from 'vitest';
import { apiUrl, numberColumn, parseLenientJson, scalarsDownloadUrl } from '../src/api/client';

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
