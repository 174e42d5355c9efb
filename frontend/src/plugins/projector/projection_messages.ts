// Messages between the projector dashboard and its workers (projection.worker.ts for PCA, t-SNE and
// UMAP; tensor_load.worker.ts for 'load' and 'first').
// One worker runs one job; the dashboard cancels a job by terminating its worker. A 'load' job
// downloads the tensor itself and runs PCA while the bytes arrive, then hands the values over
// (transferred, not copied) with the projection in one 'loaded' reply. With a `pcaUrl` it first
// fetches the PCA computed by the server (replied as 'projected', for the first paint), then the
// values alone ('loaded' without `pca`); should the server not decompose the tensor, it falls back
// to the PCA of its own.
import type { PcaResult } from './pca';


/** The most columns the server's `pca` route decomposes (plugins/projector/server_pca.h). */
export const SERVER_PCA_MAX_DIMS = 128;

/** A job of projection.worker.ts. */
export type JobRequest =
  | {
      kind: 'pca';
      values: Float32Array;
      rows: number;
      dims: number;
      /** Components found, and how many of them every row is projected onto. */
      components: number;
      project: number;
    }
  | {
      kind: 'tsne';
      values: Float32Array;
      rows: number;
      dims: number;
      perplexity: number;
      learningRate: number;
      iterations: number;
      labels?: Int32Array;
      supervision?: number;
    }
  | { kind: 'umap'; values: Float32Array; rows: number; dims: number; neighbours: number; components: number };

export interface LoadRequest {
  kind: 'load';
  /** Absolute URL of the /tensor route. */
  url: string;
  /** Absolute URL of the server's PCA of the same tensor (the `pca` route), when it offers one. */
  pcaUrl?: string;
  /** The PCA is already on show (the page decoded the `pca` answer index.html asked for): download
   * the values of these rows only, with no PCA. */
  valuesOnly?: { rows: number };
  dims: number;
  components: number;
  project: number;
}

/** Load the first tensor of the first run: the worker asks for the run list and that run's config
 * itself (so a busy UI thread does not delay the download), replies 'chosen', then loads as a
 * LoadRequest would. */
export interface FirstLoadRequest {
  kind: 'first';
  /** Absolute URL of the plugin's routes, ending in "/" (…/data/plugin/projector/). */
  base: string;
  /** Whether the server answers the `pca` route (not in a static export). */
  serverPca: boolean;
  components: number;
  project: number;
}

export type Control = { kind: 'pause' } | { kind: 'resume' };

export type JobReply =
  | { kind: 'progress'; phase: string; fraction: number }
  | {
      kind: 'positions';
      /** rows × components, row-major. */
      positions: Float32Array;
      components: number;
      iteration?: number;
      /** PCA: the components (explained variance, basis, offsets; `projected` is `positions`) and
       * how many rows the covariance was estimated on. */
      pca?: PcaResult & { sampledRows: number };
      msPerIteration?: number;
    }
  | {
      kind: 'loaded';
      /** rows × dims, row-major: the tensor, transferred to the dashboard. */
      values: Float32Array;
      rows: number;
      dims: number;
      /** Milliseconds from the request to the last byte, and from there to the projection. */
      downloadMs: number;
      pcaMs: number;
      /** Absent when the PCA came before, in a 'projected' reply. */
      pca?: PcaResult & { sampledRows: number };
    }
  | {
      kind: 'projected';
      /** The server's PCA of the tensor being downloaded, every row projected. */
      rows: number;
      dims: number;
      pca: PcaResult & { sampledRows: number };
      /** Milliseconds from the request to the PCA answer's last byte. */
      pcaMs: number;
    }
  | {
      kind: 'chosen';
      runs: string[];
      /** The run and tensor being loaded, and the run's config (no run: nothing is loaded). */
      run?: string;
      tensorName?: string;
      config?: unknown;
      /** When the tensor was requested (performance.timeOrigin + performance.now() in the worker). */
      requestedAt?: number;
    }
  | { kind: 'done' }
  | { kind: 'error'; message: string };
