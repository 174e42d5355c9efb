import { afterEach, describe, expect, it, vi } from 'vitest';
import { EarlyAnswers } from '../src/api/early_answers';

describe('EarlyAnswers', () => {
  afterEach(() => vi.useRealTimers());

  it('hands an answer over once, to the key it was kept under', async () => {
    const store = new EarlyAnswers<string>();
    store.put('a', Promise.resolve('body of a'), undefined);
    expect(store.take('b', undefined)).toBeNull();
    expect(store.peek('a')).toBeDefined();
    await expect(store.take('a', undefined)).resolves.toBe('body of a');
    expect(store.take('a', undefined)).toBeNull();
    expect(store.peek('a')).toBeUndefined();
  });

  it('forgets an answer older than its age limit', () => {
    vi.useFakeTimers();
    const store = new EarlyAnswers<string>({ maxAgeMs: 1000 });
    store.put('old', Promise.resolve('x'), undefined);
    store.put('young', Promise.resolve('y'), undefined);
    vi.advanceTimersByTime(1001);
    expect(store.take('old', undefined)).toBeNull();
    store.put('fresh', Promise.resolve('z'), undefined);
    expect(store.take('fresh', undefined)).not.toBeNull();
  });

  it('serves only a caller whose wish the started answer accepts, and drops it otherwise', () => {
    const store = new EarlyAnswers<string, number>({ accepts: (started, wanted) => Math.abs(started - wanted) <= 10 });
    store.put('k', Promise.resolve('at 100'), 100);
    expect(store.take('k', 200)).toBeNull();
    // Not served, and not kept for a later caller either: it would be as far off.
    expect(store.take('k', 100)).toBeNull();
    store.put('k', Promise.resolve('at 100'), 100);
    expect(store.take('k', 95)).not.toBeNull();
  });

  it("ends the caller's wait when its signal aborts, though the answer has not come", async () => {
    const store = new EarlyAnswers<string>();
    store.put('slow', new Promise<string>(() => undefined), undefined);
    const controller = new AbortController();
    const taken = store.take('slow', undefined, controller.signal)!;
    controller.abort();
    await expect(taken).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('passes a failure to the taker, and reports none when nobody takes it', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const store = new EarlyAnswers<string>();
    store.put('never taken', Promise.reject(new Error('gone')), undefined);
    store.put('taken', Promise.reject(new Error('503')), undefined);
    await expect(store.take('taken', undefined)).rejects.toThrow('503');
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});
