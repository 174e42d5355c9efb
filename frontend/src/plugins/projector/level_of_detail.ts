// Level of detail for the projector's scatter plot while its view moves (a drag, the wheel, a
// t-SNE layout updating): which points a moving frame draws and how many fit a frame's time
// budget. A moving frame draws the pinned points (the selection and the hovered point) and a prefix
// of one fixed random order of the points, so the subset is a uniform sample, and the same from one
// frame to the next (no flicker). The budget adapts to the measured frame times. Pure; any thread;
// the ScatterView owns one MotionBudget and one order per point count.
import { mulberry32 } from './random';

/** The first `count` entries of a uniformly random permutation of 0 … rows − 1: the same for the
 * same arguments, and each prefix of it a uniform random subset (a partial Fisher–Yates shuffle). */
export function randomOrder(rows: number, count: number, seed = 0x51ced): Int32Array {
  const n = Math.max(0, Math.floor(rows));
  const k = Math.min(n, Math.max(0, Math.floor(count)));
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const random = mulberry32(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, k);
}

/** How many points of the order a moving frame draws besides its `pinnedCount` pinned points (which
 * it always draws): the first ones of the order, `budget` points in all when the pinned ones leave
 * room, none when they fill it. */
export function motionPrefix(orderLength: number, budget: number, pinnedCount: number): number {
  return Math.max(0, Math.min(orderLength, Math.floor(budget) - pinnedCount));
}

/**
 * How many points a moving frame may draw to take about `budgetMs`. Each measured frame (the time
 * from its render call to the next animation frame, so the browser's rasterising and presenting
 * of it count) scales the count by budget / time: with a cost of fixed + perPoint × n a frame, the
 * count settles where a frame takes the budget. A count shrinks when a frame is over the budget by
 * more than 10% (by half at most a frame), grows when one is under it by more than 20% (twofold at
 * most a frame), and otherwise stays, so the subset does not flicker from noise.
 */
export class MotionBudget {
  private points: number;

  constructor(
    readonly budgetMs = 33,
    initial = 50000,
    readonly minPoints = 2000,
  ) {
    this.points = Math.max(minPoints, initial);
  }

  /** Points to draw in the next moving frame. */
  get count(): number {
    return this.points;
  }

  /** A frame that drew `points` points took `ms`. */
  observe(points: number, ms: number): void {
    if (!(ms > 0) || !(points > 0)) return;
    if (ms > this.budgetMs * 1.1) {
      // At most halved by one frame: a single slow one (another process, a garbage collection)
      // is not the cost of the points.
      const target = Math.max(this.minPoints, this.points / 2, Math.round((points * this.budgetMs) / ms));
      if (target < this.points) this.points = Math.round(target);
    } else if (ms * 1.25 < this.budgetMs && points >= this.points * 0.8) {
      // A fast frame that drew well under the allowance (a small data set) says nothing about more.
      this.points = Math.max(this.points, Math.round(points * Math.min(2, this.budgetMs / ms)));
    }
  }
}
