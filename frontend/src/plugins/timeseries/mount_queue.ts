// Spreads the mounting of the Time Series grid's cells over tasks: when a scroll brings a screen
// of cells near the viewport at once, their IntersectionObserver report would mount every card in
// one commit (each card's DOM, style, charts and requests: one long task). The queue lets at most
// `perTask` cells mount in each task, in the order they came near — a further one only while the
// task has taken less than `budgetMs` — and forgets a cell that leaves before its turn. Leaving
// (unmounting) is not queued. One queue serves the grid (`gridMountQueue`). UI thread only.
import type { PostTask } from './draw_slicer';
import { postMacrotask } from './post_macrotask';

export class MountQueue {
  /** Cells waiting to mount, in order, each with its mount callback. */
  private readonly waiting = new Map<object, () => void>();
  private scheduled = false;
  /** How many tasks have mounted cells (for tests and tools). */
  tasks = 0;

  /**
   * @param perTask cells mounted at most in one task
   * @param post how a later task is asked for
   * @param budgetMs a task mounts no further cell once this much time has passed in it
   * @param now the clock (milliseconds)
   */
  constructor(
    private readonly perTask = 2,
    private readonly post: PostTask = postMacrotask,
    private readonly budgetMs = 8,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Mounts `cell` (calls `mount`) in a later task, after the cells queued before it. */
  enqueue(cell: object, mount: () => void): void {
    this.waiting.set(cell, mount);
    if (!this.scheduled) {
      this.scheduled = true;
      this.post(() => this.runTask());
    }
  }

  /** Forgets `cell` if it has not mounted yet. */
  cancel(cell: object): void {
    this.waiting.delete(cell);
  }

  /** Cells waiting to mount. */
  get pending(): number {
    return this.waiting.size;
  }

  private runTask(): void {
    this.tasks++;
    const started = this.now();
    try {
      for (let i = 0; i < this.perTask && this.waiting.size > 0 && (i === 0 || this.now() - started < this.budgetMs); i++) {
        const [cell, mount] = this.waiting.entries().next().value!;
        this.waiting.delete(cell);
        mount();
      }
    } finally {
      if (this.waiting.size > 0) this.post(() => this.runTask());
      else this.scheduled = false;
    }
  }
}

/** The queue of the Time Series grid's cells. */
export const gridMountQueue = new MountQueue();
