// Tests of the hovered step's original buckets: parsing the histograms/step answer, finding the
// bucket holding a value, and the cache that loads each step once and aborts a step left behind.
import { describe, expect, it } from 'vitest';
import { StepBucketsCache, type StepBuckets, originalBucketAt, toStepBuckets } from '../src/plugins/histograms/step_buckets';

describe('toStepBuckets', () => {
  it('reads [wall_time, step, buckets]', () => {
    const b = toStepBuckets([7.0, 3, [[0, 1, 2], [1, 3, 4]]]);
    expect(b.step).toBe(3);
    expect([...b.left]).toEqual([0, 1]);
    expect([...b.right]).toEqual([1, 3]);
    expect([...b.count]).toEqual([2, 4]);
  });
  it('rejects other shapes', () => {
    expect(() => toStepBuckets({ step: 3 })).toThrow(/not shaped/);
    expect(() => toStepBuckets([7.0, 3, [[0, 1]]])).toThrow(/not \[left, right, count\]/);
  });
});

describe('originalBucketAt', () => {
  const b = toStepBuckets([0, 0, [[0, 1, 2], [1, 3, 4]]]);
  it('finds the bucket with left <= x < right, the last one closed', () => {
    expect(originalBucketAt(b, 0)).toBe(0);
    expect(originalBucketAt(b, 1)).toBe(1);
    expect(originalBucketAt(b, 3)).toBe(1);
    expect(originalBucketAt(b, 3.5)).toBe(-1);
    expect(originalBucketAt(b, -0.1)).toBe(-1);
  });
});

describe('StepBucketsCache', () => {
  const buckets = (step: number): StepBuckets => toStepBuckets([0, step, [[0, 1, step]]]);
  it('loads a step once, keeps it, and aborts a step the hover left', async () => {
    const asked: number[] = [];
    const aborted: number[] = [];
    const arrived: number[] = [];
    const cache = new StepBucketsCache(
      (step, signal) =>
        new Promise((resolve, reject) => {
          asked.push(step);
          signal.addEventListener('abort', () => {
            aborted.push(step);
            reject(new Error('aborted'));
          });
          setTimeout(() => resolve(buckets(step)), 5);
        }),
      (b) => arrived.push(b.step),
    );
    expect(cache.get(1)).toBeNull();
    expect(cache.get(1)).toBeNull();
    expect(cache.get(2)).toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual([1, 2]);
    expect(aborted).toEqual([1]);
    expect(arrived).toEqual([2]);
    expect(cache.get(2)?.count[0]).toBe(2);
    expect(asked).toEqual([1, 2]);
  });
  it('does not ask again for a step that failed', async () => {
    let asks = 0;
    const cache = new StepBucketsCache(
      () => {
        asks++;
        return Promise.reject(new Error('404'));
      },
      () => undefined,
    );
    cache.get(5);
    await new Promise((r) => setTimeout(r, 0));
    cache.get(5);
    expect(asks).toBe(1);
  });
});
