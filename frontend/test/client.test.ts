import { describe, expect, it } from 'vitest';
import { apiUrl, parseJsonWithNonFinite, scalarsDownloadUrl } from '../src/api/client';

describe('parseJsonWithNonFinite', () => {
  it('turns bare and quoted NaN/Infinity into numbers, leaving other strings alone', () => {
    const parsed = parseJsonWithNonFinite(
      '[[1.5, 2, NaN], [1, 3, -Infinity], [1, 4, "Infinity"], ["NaN in text", Infinity]]',
    ) as unknown[][];
    expect(parsed[0][2]).toBeNaN();
    expect(parsed[1][2]).toBe(-Infinity);
    expect(parsed[2][2]).toBe(Infinity);
    expect(parsed[3][0]).toBe('NaN in text');
    expect(parsed[3][1]).toBe(Infinity);
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
