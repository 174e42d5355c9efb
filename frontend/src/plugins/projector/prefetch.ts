// The projector's first downloads, started when its tab is opened and before the dashboard's code
// (with three.js) has arrived: the run list, the first run's config and, in a loading worker, the
// first embedding's tensor (the dashboard would pick that run and that tensor too). The dashboard
// takes each of them once instead of asking again, so the tensor download overlaps the chunk
// load. Holds no three.js and no dashboard code; UI thread only.
import type { JobReply, LoadRequest } from './projection_messages';
import { type ProjectorConfig, fetchInfo, fetchRuns, tensorUrl } from './projector_data';

/** A tensor download (with its PCA) under way in a worker, waiting for the dashboard to adopt it. */
export interface PendingLoad {
  run: string;
  tensorName: string;
  worker: Worker;
  /** performance.now() when the download was requested. */
  requestedAt: number;
  /** Routes the worker's replies (those already received first) to `handler`. */
  attach(handler: (reply: JobReply) => void): void;
}

/** A projection worker (its script starts loading now). */
export function newProjectionWorker(): Worker {
  return new Worker(new URL('./projection.worker.ts', import.meta.url), { type: 'module' });
}

/** Starts loading `run`'s tensor `tensorName` of `dims` columns in `worker` (a new one by default). */
export function startLoad(run: string, tensorName: string, dims: number, worker = newProjectionWorker()): PendingLoad {
  const early: JobReply[] = [];
  let handler: ((reply: JobReply) => void) | null = null;
  worker.onmessage = (event: MessageEvent<JobReply>) => (handler ? handler(event.data) : early.push(event.data));
  const request: LoadRequest = { kind: 'load', url: tensorUrl(run, tensorName), dims, components: 10, project: 3 };
  worker.postMessage(request);
  performance.mark('projector: tensor requested');
  return {
    run,
    tensorName,
    worker,
    requestedAt: performance.now(),
    attach(next) {
      handler = next;
      for (const reply of early.splice(0)) next(reply);
    },
  };
}

let runs: Promise<string[]> | null = null;
const infos = new Map<string, Promise<ProjectorConfig>>();
let pending: PendingLoad | null = null;
let started = false;

/** Starts the downloads (once per page; later calls do nothing). */
export function startPrefetch(): void {
  if (started) return;
  started = true;
  // The worker's script loads while the run list and the config are asked for.
  const worker = newProjectionWorker();
  let used = false;
  runs = fetchRuns();
  runs
    .then((names) => {
      const run = names[0];
      if (!run) return undefined;
      const info = fetchInfo(run);
      infos.set(run, info);
      return info.then((config) => {
        const first = config.embeddings?.[0];
        if (!first) return;
        pending = startLoad(run, first.tensorName, first.tensorShape?.[1] ?? 1, worker);
        used = true;
      });
    })
    .catch(() => undefined) // the dashboard asks again and reports the error
    .finally(() => used || worker.terminate());
}

/** The prefetched run list, once; null when there is none (then fetch it). */
export function takeRuns(): Promise<string[]> | null {
  const taken = runs;
  runs = null;
  return taken;
}

/** The prefetched config of `run`, once; null when there is none. */
export function takeInfo(run: string): Promise<ProjectorConfig> | null {
  const taken = infos.get(run) ?? null;
  infos.delete(run);
  return taken;
}

/** The prefetched download of `run`'s `tensorName`, once; null when there is none. A download of
 * another tensor is cancelled. */
export function takeLoad(run: string, tensorName: string): PendingLoad | null {
  const taken = pending;
  pending = null;
  if (taken && (taken.run !== run || taken.tensorName !== tensorName)) {
    taken.worker.terminate();
    return null;
  }
  return taken;
}
