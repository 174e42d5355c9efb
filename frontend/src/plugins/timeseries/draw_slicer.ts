// Runs the pieces of the Time Series grid's chart drawing (a card's axes, then its lines a few
// runs at a time) in later tasks, packing pieces into one task only while it stays under a time
// budget, so drawing the cards that scroll into view never makes a long task: a scalar card's
// first draw (uPlot's axes plus 50 runs of lines) took 50–100 ms as one task.
// A piece runs at least alone in its task; pieces run in the order they were deferred.
// One slicer serves the whole grid (`gridDrawSlicer`). UI thread only.
import { postMacrotask } from './post_macrotask';

/** Runs `task` in a later task of its own. */
export type PostTask = (task: () => void) => void;

export class DrawSlicer {
  private queue: (() => void)[] = [];
  private scheduled = false;
  /** How many tasks have run pieces (for tests and tools). */
  tasks = 0;

  /**
   * @param budgetMs a task takes no further piece once this much time has passed in it
   * @param now the clock (milliseconds)
   * @param post how a later task is asked for
   */
  constructor(
    private readonly budgetMs = 8,
    private readonly now: () => number = () => performance.now(),
    private readonly post: PostTask = postMacrotask,
  ) {}

  /** Runs `piece` in a later task, after the pieces deferred before it. */
  readonly defer = (piece: () => void): void => {
    this.queue.push(piece);
    if (!this.scheduled) {
      this.scheduled = true;
      this.post(() => this.runTask());
    }
  };

  /** Pieces waiting to run. */
  get pending(): number {
    return this.queue.length;
  }

  private runTask(): void {
    this.tasks++;
    const started = this.now();
    try {
      do {
        this.queue.shift()!();
      } while (this.queue.length > 0 && this.now() - started < this.budgetMs);
    } finally {
      // A piece that threw still lets the others run.
      if (this.queue.length > 0) this.post(() => this.runTask());
      else this.scheduled = false;
    }
  }
}

/** The slicer of the Time Series grid's charts. */
export const gridDrawSlicer = new DrawSlicer();
