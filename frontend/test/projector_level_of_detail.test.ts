// Unit tests of the projector's level of detail while the view moves (level_of_detail.ts): the
// random order is a stable permutation whose prefixes are unbiased samples, a moving frame's subset
// always holds the pinned (selected, hovered) points within its budget, and the frame budget
// settles on the count that takes the budget and ignores noise.
import { describe, expect, it } from 'vitest';
import { MotionBudget, motionPrefix, randomOrder } from '../src/plugins/projector/level_of_detail';

/** The points a moving frame draws, as a set. */
function drawn(order: Int32Array, budget: number, pinned: number[]): Set<number> {
  return new Set([...pinned, ...order.subarray(0, motionPrefix(order.length, budget, pinned.length))]);
}

describe('randomOrder', () => {
  it('is the same for the same arguments, and a longer order extends a shorter one', () => {
    expect(randomOrder(10000, 500)).toEqual(randomOrder(10000, 500));
    expect(Array.from(randomOrder(10000, 2000).subarray(0, 500))).toEqual(Array.from(randomOrder(10000, 500)));
    expect(randomOrder(10000, 500, 7)).not.toEqual(randomOrder(10000, 500));
  });
  it('holds distinct points, every one of them when asked for all', () => {
    const all = randomOrder(1000, 5000);
    expect(all.length).toBe(1000);
    expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(new Set(randomOrder(100000, 20000)).size).toBe(20000);
    expect(randomOrder(0, 10).length).toBe(0);
  });
  it('takes a prefix evenly from the whole index range (no region left out)', () => {
    // 100,000 points in 10 blocks of 10,000 (a layout stores clusters as runs of rows): a 10,000
    // prefix takes about 1,000 of each; a biased order (say the first rows) would take one block.
    const prefix = randomOrder(100000, 10000);
    const perBlock = new Array(10).fill(0);
    for (const p of prefix) perBlock[Math.floor(p / 10000)]++;
    for (const n of perBlock) expect(Math.abs(n - 1000)).toBeLessThan(150);
    // And its mean index is the middle's.
    const mean = prefix.reduce((s, p) => s + p, 0) / prefix.length;
    expect(Math.abs(mean - 50000)).toBeLessThan(1500);
  });
});

describe('motionPrefix', () => {
  const order = randomOrder(50000, 50000);
  it('draws the budget: the pinned points and a prefix of the order', () => {
    expect(motionPrefix(order.length, 3000, 3)).toBe(2997);
    expect(drawn(order, 3000, []).size).toBe(3000);
  });
  it('always draws the pinned points, even ones past the prefix or beyond the budget', () => {
    const rank = new Int32Array(order.length);
    order.forEach((p, r) => (rank[p] = r));
    const late = [order[49999], order[40000], order[30000]];
    const points = drawn(order, 1000, late);
    for (const p of late) expect(points.has(p)).toBe(true);
    expect(rank[late[0]]).toBeGreaterThan(1000);
    // More pinned points than the budget: all of them, and no prefix.
    const many = Array.from({ length: 1500 }, (_, i) => i * 7);
    expect(motionPrefix(order.length, 1000, many.length)).toBe(0);
    for (const p of many) expect(drawn(order, 1000, many).has(p)).toBe(true);
  });
  it('is stable between frames: the same budget draws the same points', () => {
    expect([...drawn(order, 4000, [5])]).toEqual([...drawn(order, 4000, [5])]);
    // A larger budget draws a superset (points appear, none flicker away).
    const small = drawn(order, 4000, [5]);
    const large = drawn(order, 6000, [5]);
    for (const p of small) expect(large.has(p)).toBe(true);
  });
});

describe('MotionBudget', () => {
  /** A frame of n points costs fixed + perPoint × n ms. */
  const settle = (budget: MotionBudget, fixed: number, perPoint: number, frames = 30) => {
    for (let i = 0; i < frames; i++) budget.observe(budget.count, fixed + perPoint * budget.count);
    return budget.count;
  };
  it('settles where a frame takes the budget, from above and from below', () => {
    // 0.7 µs a point and 4 ms a frame (this machine's software rasteriser): (33 - 4) / 0.0007.
    const expected = (33 - 4) / 0.0007;
    const fromAbove = settle(new MotionBudget(33, 400000), 4, 0.0007);
    const fromBelow = settle(new MotionBudget(33, 2000), 4, 0.0007);
    for (const n of [fromAbove, fromBelow]) {
      expect(n).toBeGreaterThan(expected * 0.75);
      expect(n).toBeLessThan(expected * 1.1);
      expect(4 + 0.0007 * n).toBeLessThanOrEqual(33 * 1.1);
    }
  });
  it('learns from a full frame of every point', () => {
    const budget = new MotionBudget(33, 60000);
    budget.observe(1000000, 730);
    expect(budget.count).toBe(Math.round((1000000 * 33) / 730));
  });
  it('keeps its count through small changes, grows at most twofold, halves at most, and has a floor', () => {
    const budget = new MotionBudget(33, 40000, 2000);
    budget.observe(40000, 36);
    budget.observe(40000, 27);
    expect(budget.count).toBe(40000);
    budget.observe(40000, 1);
    expect(budget.count).toBe(80000);
    // One very slow frame (another process) halves the count; slow frames after it go on halving.
    budget.observe(80000, 100000);
    expect(budget.count).toBe(40000);
    for (let i = 0; i < 10; i++) budget.observe(budget.count, 100000);
    expect(budget.count).toBe(2000);
    budget.observe(2000, NaN);
    budget.observe(0, 10);
    expect(budget.count).toBe(2000);
  });
  it('does not grow from fast frames that drew fewer points than it allows', () => {
    const budget = new MotionBudget(33, 50000);
    budget.observe(1000, 2);
    expect(budget.count).toBe(50000);
  });
});
