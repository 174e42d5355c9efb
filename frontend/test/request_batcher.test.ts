import { describe, expect, it } from 'vitest';
import { RequestBatcher } from '../src/api/request_batcher';

describe('RequestBatcher', () => {
  it('batches by the policy and answers each caller, an Error rejecting only its own caller', async () => {
    const sent: number[][] = [];
    const batcher = new RequestBatcher<number, string>(
      async (requests) => {
        sent.push([...requests]);
        return requests.map((r) => (r === 3 ? new Error('no 3') : `answer ${r}`));
      },
      // Odd and even numbers never share a batch; at most two a batch.
      (batch, r) => batch.length < 2 && batch[0] % 2 === r % 2,
    );
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((r) => batcher.request(r)));
    expect(sent).toEqual([[1, 3], [2, 4], [5]]);
    expect(batcher.sent).toBe(3);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'answer 1',
      'answer 2',
      'no 3',
      'answer 4',
      'answer 5',
    ]);
  });

  it('rejects callers the server left unanswered', async () => {
    const batcher = new RequestBatcher<number, number>(
      async () => [10],
      () => true,
    );
    const [first, second] = await Promise.allSettled([batcher.request(1), batcher.request(2)]);
    expect(first).toEqual({ status: 'fulfilled', value: 10 });
    expect(second.status).toBe('rejected');
  });

  it('hands answers to the deliverer, which decides when callers hear of them', async () => {
    const queued: (() => void)[] = [];
    const batcher = new RequestBatcher<number, number>(
      async (requests) => requests.map((r) => r * 2),
      () => true,
      { run: (callback) => queued.push(callback) },
    );
    const heard: number[] = [];
    const answers = [1, 2].map((r) => batcher.request(r).then((a) => heard.push(a)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(queued).toHaveLength(2);
    expect(heard).toEqual([]);
    queued.forEach((callback) => callback());
    await Promise.all(answers);
    expect(heard).toEqual([2, 4]);
  });

  it('aborts a sent batch only when every caller in it gave up', async () => {
    const signals: AbortSignal[] = [];
    const batcher = new RequestBatcher<number, number>(
      (_requests, signal) => {
        signals.push(signal);
        return new Promise(() => {});
      },
      () => true,
    );
    const a = new AbortController();
    const b = new AbortController();
    const first = batcher.request(1, a.signal);
    const second = batcher.request(2, b.signal);
    await new Promise((resolve) => setTimeout(resolve, 10));
    a.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(signals[0].aborted).toBe(false);
    b.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect(signals[0].aborted).toBe(true);
  });
});
