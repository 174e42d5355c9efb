// Keeps the page live: long-polls `data/changes` and calls `onChange` when the data generation
// moves, so new points and runs appear within about a second. If the long-poll fails (older
// server, proxy timeouts, network), it falls back to calling `onChange` every reload interval and
// tries the long-poll again after each interval. UI thread only; `stop()` ends the loop.
import { HttpError, api } from '../api/client';

export interface LiveOptions {
  onChange: () => void;
  reloadSeconds: () => number;
  /** How long the server may hold one long-poll. */
  longPollMs?: number;
}

export function startLiveUpdates(options: LiveOptions): { stop: () => void } {
  const controller = new AbortController();
  const longPollMs = options.longPollMs ?? 25000;
  let stopped = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      controller.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  async function run(): Promise<void> {
    let generation: number | null = null;
    let longPollWorks = true;
    while (!stopped) {
      if (longPollWorks) {
        try {
          if (generation === null) {
            generation = (await api.status(controller.signal)).generation;
          }
          const next = await api.changes(generation, longPollMs, controller.signal);
          if (next.generation !== generation) {
            generation = next.generation;
            options.onChange();
          }
          continue;
        } catch (e) {
          if (stopped) return;
          // A missing route will not appear later; anything else may be transient.
          if (e instanceof HttpError && e.status === 404) longPollWorks = false;
          generation = null;
        }
      }
      await sleep(options.reloadSeconds() * 1000);
      if (stopped) return;
      options.onChange();
    }
  }
  void run();
  return {
    stop() {
      stopped = true;
      controller.abort();
    },
  };
}
