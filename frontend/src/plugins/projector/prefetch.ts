// The projector's first downloads, started when its tab is opened and before the dashboard's code
// (with three.js) has arrived: a projection worker asks for the run list, the first run's config
// and then the first embedding's PCA and tensor (the dashboard would pick that run and that tensor
// too). When the page opened on this tab, index.html has already asked for the PCA (of the
// embedding the server chooses the same way), the run list and the config
// (window.__tbxEarlyProjector): the dashboard and the worker are handed those answers instead.
// The dashboard takes each of them once instead of asking again, so the tensor download overlaps
// the chunk load. Holds no three.js and no dashboard code; UI thread only.
import { apiUrl } from '../../api/client';
import { isExported } from '../../api/export_mode';
import { type FirstLoadRequest, type JobReply, type LoadRequest, SERVER_PCA_MAX_DIMS } from './projection_messages';
import { type ServerPca, parsePca } from './pca_answer';
import { type ProjectorConfig, fetchRuns, pcaUrl, tensorUrl } from './projector_data';

/** The requests index.html sent when the page opened on this tab. */
interface EarlyProjector {
  /** The `pca` answer of the embedding the server chose (`first=true`, float16 coordinates; its
   * run and tensor in the headers X-Tbx-Run and X-Tbx-Tensor), from its headers on. */
  pca: Promise<Response>;
  runs: Promise<string[] | null>;
  /** The config of the first run; null without runs. */
  info: Promise<ProjectorConfig | null>;
  /** performance.now() when the `pca` request left. */
  pcaAt: number;
}

declare global {
  interface Window {
    __tbxEarlyProjector?: EarlyProjector;
  }
}

/** A tensor download (with its PCA) under way in a worker, waiting for the dashboard to adopt it. */
export interface PendingLoad {
  run: string;
  tensorName: string;
  worker: Worker;
  /** performance.now() when the download was requested. */
  requestedAt: number;
  /** Whether its `pca` request was index.html's, sent when the page opened. */
  askedByPage?: boolean;
  /** Routes the worker's replies (those already received first) to `handler`. */
  attach(handler: (reply: JobReply) => void): void;
}

/** A tensor-loading worker (its script starts loading now). */
export function newLoadWorker(): Worker {
  return new Worker(new URL('./tensor_load.worker.ts', import.meta.url), { type: 'module' });
}

/** Starts loading `run`'s tensor `tensorName` of `dims` columns in `worker` (a new one by default);
 * with `pcaAnswer`, once it is in, painted from that `pca` answer (asked for by the page, float16
 * coordinates) when it is one, the worker downloading the values only. */
export function startLoad(
  run: string,
  tensorName: string,
  dims: number,
  worker = newLoadWorker(),
  pcaAnswer?: Promise<ArrayBuffer | null>,
  requestedAt = performance.now(),
): PendingLoad {
  const replies = replyQueue();
  worker.onmessage = (event: MessageEvent<JobReply>) => replies.deliver(event.data);
  const request: LoadRequest = {
    kind: 'load',
    url: tensorUrl(run, tensorName),
    // A static export holds the tensors but not the server's PCA.
    pcaUrl: !isExported() && dims <= SERVER_PCA_MAX_DIMS ? pcaUrl(run, tensorName, 10, 3) : undefined,
    dims,
    components: 10,
    project: 3,
  };
  if (pcaAnswer) {
    // Decoded here (a few ms), not in the worker, whose start can take a second on a busy page: the
    // first paint does not wait for it. The worker then downloads the values only.
    void pcaAnswer.then((answer) => {
      let first: ServerPca | null = null;
      try {
        first = answer ? parsePca(answer, true) : null;
      } catch {
        first = null;
      }
      if (first && first.dims === dims) {
        replies.deliver({ kind: 'projected', rows: first.rows, dims, pca: first.pca, pcaMs: performance.now() - requestedAt });
        worker.postMessage({ ...request, pcaUrl: undefined, valuesOnly: { rows: first.rows } });
      } else {
        worker.postMessage(request);
      }
    });
  } else {
    worker.postMessage(request);
  }
  performance.mark('projector: tensor requested', { startTime: requestedAt });
  return {
    run,
    tensorName,
    worker,
    requestedAt,
    attach: replies.attach,
  };
}

/** Replies held until a handler is attached, then handed to it in order, and later ones at once. */
function replyQueue(): { deliver(reply: JobReply): void; attached(): boolean; attach(handler: (reply: JobReply) => void): void } {
  const early: JobReply[] = [];
  let handler: ((reply: JobReply) => void) | null = null;
  return {
    deliver: (reply) => (handler ? handler(reply) : early.push(reply)),
    attached: () => handler !== null,
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

/** Starts the downloads (once per page; later calls do nothing). The worker asks for the run list
 * and the config itself, so a UI thread busy with the dashboard's code does not hold them up. */
export function startPrefetch(): void {
  if (started || isExported()) return;
  started = true;
  const page = typeof window !== 'undefined' ? window : undefined;
  const fromPage = page?.__tbxEarlyProjector;
  if (fromPage) {
    delete page!.__tbxEarlyProjector;
    adoptPageRequests(fromPage);
    return;
  }
  const worker = newLoadWorker();
  const replies = replyQueue();
  let answered: (names: string[] | null) => void = () => undefined;
  // Without an answer from the worker, the dashboard's own request reports what is wrong.
  runs = new Promise<string[] | null>((resolve) => (answered = resolve)).then((names) => names ?? fetchRuns());
  worker.onmessage = (event: MessageEvent<JobReply>) => {
    const reply = event.data;
    if (reply.kind === 'chosen') {
      if (reply.run !== undefined && reply.config) infos.set(reply.run, Promise.resolve(reply.config as ProjectorConfig));
      if (reply.run !== undefined && reply.tensorName !== undefined) {
        pending = {
          run: reply.run,
          tensorName: reply.tensorName,
          worker,
          requestedAt: (reply.requestedAt ?? performance.timeOrigin + performance.now()) - performance.timeOrigin,
          attach: replies.attach,
        };
        performance.mark('projector: tensor requested', { startTime: pending.requestedAt });
      } else {
        worker.terminate();
      }
      answered(reply.runs);
    } else if (reply.kind === 'error' && !pending && !replies.attached()) {
      worker.terminate();
      answered(null);
    } else {
      replies.deliver(reply);
    }
  };
  const request: FirstLoadRequest = {
    kind: 'first',
    base: new URL(apiUrl('data/plugin/projector/'), location.href).href,
    serverPca: true,
    components: 10,
    project: 3,
  };
  worker.postMessage(request);
}

/** Takes the answers of the requests index.html sent: the worker (its script loading now) is handed
 * the `pca` answer once it is in (when it is of the run and tensor the dashboard opens on), then
 * downloads the tensor. */
function adoptPageRequests(early: EarlyProjector): void {
  const worker = newLoadWorker();
  const pca = early.pca.catch(() => null);
  runs = Promise.all([early.runs, early.info, pca]).then(
    ([names, config, answer]) => {
      // Without an answer, the dashboard's own request reports what is wrong.
      if (!names) {
        worker.terminate();
        return fetchRuns();
      }
      const run = names[0];
      const first = config?.embeddings?.[0];
      if (run !== undefined && config) infos.set(run, Promise.resolve(config));
      if (run !== undefined && first) {
        const header = (name: string) => decodeURIComponent(answer?.headers.get(name) ?? '');
        const fits = !!answer?.ok && header('X-Tbx-Run') === run && header('X-Tbx-Tensor') === first.tensorName;
        const body = fits ? answer!.arrayBuffer().catch(() => null) : Promise.resolve(null);
        pending = startLoad(run, first.tensorName, first.tensorShape?.[1] ?? 1, worker, body, early.pcaAt);
        pending.askedByPage = fits;
      } else {
        worker.terminate();
      }
      return names;
    },
    () => {
      worker.terminate();
      return fetchRuns();
    },
  );
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
