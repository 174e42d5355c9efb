// Answers started before their caller exists: at start-up, requests leave while the app's code is
// still loading (the shell's core routes, the first tab's listing, a histograms card's re-binned
// data, a mesh's arrays), and the code that needs them takes them when it runs instead of asking
// again. One store per kind of answer; each answer is kept under a string key with a description
// `M` of what was asked, and handed over at most once, within `maxAgeMs` of its start and only to
// a caller whose own wish `accepts` it (by default: any); after that it is forgotten, so a later
// caller (or a refresh) asks afresh. UI thread only.

export interface EarlyAnswersOptions<M> {
  /** An answer older than this is not handed over (default 10 s). */
  maxAgeMs?: number;
  /** Whether an answer started as `started` serves a caller wanting `wanted` (default: always). */
  accepts?: (started: M, wanted: M) => boolean;
}

interface Entry<T, M> {
  at: number;
  meta: M;
  body: Promise<T>;
}

export class EarlyAnswers<T, M = undefined> {
  private readonly entries = new Map<string, Entry<T, M>>();
  private readonly maxAgeMs: number;
  private readonly accepts: (started: M, wanted: M) => boolean;

  constructor(options: EarlyAnswersOptions<M> = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 10_000;
    this.accepts = options.accepts ?? (() => true);
  }

  /**
   * Keeps `body` for `key`, replacing an earlier one, as started at `at` (default now). Its
   * failure is the taker's to see: an answer nobody takes never reports an unhandled rejection.
   */
  put(key: string, body: Promise<T>, meta: M, at = performance.now()): Promise<T> {
    body.catch(() => undefined);
    this.entries.set(key, { at, meta, body });
    return body;
  }

  /** The answer kept for `key`, without taking it (to share one start among several starters). */
  peek(key: string): Promise<T> | undefined {
    return this.entries.get(key)?.body;
  }

  /**
   * The answer kept for `key`, once: null when there is none, it is too old, or it does not serve
   * `wanted`. With `signal`, the caller's abort ends its wait as it would end its own fetch.
   */
  take(key: string, wanted: M, signal?: AbortSignal): Promise<T> | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    if (performance.now() - entry.at > this.maxAgeMs || !this.accepts(entry.meta, wanted)) return null;
    return signal ? abortable(entry.body, signal) : entry.body;
  }
}

/** `promise`, or an AbortError as soon as `signal` aborts. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const aborted = () => reject(new DOMException('Aborted', 'AbortError'));
    if (signal.aborted) aborted();
    signal.addEventListener('abort', aborted, { once: true });
    promise.then(resolve, reject);
  });
}
