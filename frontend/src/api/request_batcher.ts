// Gathers the requests that the cards of a dashboard make in one task (the cards that come into
// view together) into few HTTP requests, instead of one per card. A browser opens at most six
// connections to a server and the live-update long poll holds one, so seven cards asking at once
// waited for a second round; fewer, larger answers also mean fewer renders before a screen is drawn.
//
// The dashboard decides which requests may share a batch (`fits`) and how a batch is sent (`send`,
// which answers each request in order, or with an Error for one that failed). A caller that aborts
// is answered with an AbortError and left out of a batch not yet sent; a batch whose callers all
// aborted is aborted. Answers reach their callers directly, or one per task through `deliver`.
// Owned by one dashboard; UI thread only.

/** Sends one batch; answers each request in order, or with an Error for one that failed. */
export type SendBatch<R, A> = (requests: readonly R[], signal: AbortSignal) => Promise<(A | Error | undefined)[]>;

/** Whether `request` may join `batch` (never empty). */
export type BatchFits<R> = (batch: readonly R[], request: R) => boolean;

/** Runs callbacks later, e.g. one per task (TimeSeries' TaskQueue). */
export interface Deliverer {
  run(callback: () => void): void;
}

interface Pending<R, A> {
  request: R;
  resolve: (answer: A) => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
}

const abortError = () => new DOMException('Aborted', 'AbortError');

const immediately: Deliverer = { run: (callback) => callback() };

export class RequestBatcher<R, A> {
  /** Batches sent, for tests and tools. */
  sent = 0;
  private pending: Pending<R, A>[] = [];
  private scheduled = false;

  constructor(
    private readonly send: SendBatch<R, A>,
    private readonly fits: BatchFits<R>,
    private readonly deliver: Deliverer = immediately,
  ) {}

  /** The answer to `request`, sent with the others asked for in the same task. */
  request(request: R, signal?: AbortSignal): Promise<A> {
    return new Promise<A>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      this.pending.push({ request, resolve, reject, signal });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the task: every card mounted or shown by it has asked by then.
        setTimeout(() => this.flush(), 0);
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batches: Pending<R, A>[][] = [];
    for (const p of this.pending) {
      if (p.signal?.aborted) {
        p.reject(abortError());
        continue;
      }
      const batch = batches.find((b) =>
        this.fits(
          b.map((q) => q.request),
          p.request,
        ),
      );
      if (batch) batch.push(p);
      else batches.push([p]);
    }
    this.pending = [];
    for (const batch of batches) this.sendBatch(batch);
  }

  private sendBatch(batch: Pending<R, A>[]): void {
    const controller = new AbortController();
    let waiting = batch.length;
    for (const p of batch) {
      p.signal?.addEventListener(
        'abort',
        () => {
          p.reject(abortError());
          if (--waiting === 0) controller.abort();
        },
        { once: true },
      );
    }
    this.sent++;
    this.send(
      batch.map((p) => p.request),
      controller.signal,
    ).then(
      (answers) =>
        batch.forEach((p, i) => {
          const answer = answers[i];
          this.deliver.run(() => {
            if (answer === undefined) p.reject(new Error('The server answered fewer requests than asked for'));
            else if (answer instanceof Error) p.reject(answer);
            else p.resolve(answer);
          });
        }),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  }
}
