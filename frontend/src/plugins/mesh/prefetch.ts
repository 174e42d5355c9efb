// The Mesh dashboard's first downloads, started when its tab opens and before its code (with
// three.js) has arrived: the tag listing, then for the card the grid shows first (the first tag in
// name order, of the first run that has it) the step listing and the arrays of the step its slider
// starts on (the last), sample 0, led by its coarse preview for a large mesh. The dashboard's own requests take these answers (client.ts,
// early_arrays.ts), so a large mesh's transfer overlaps loading and starting the 3D code. When the
// first card is another one (its run is deselected), the early arrays go unused and are dropped
// after 10 s. Holds no three.js; UI thread only.
import { apiUrl, prefetch } from '../../api/client';
import { isExported } from '../../api/export_mode';
import { fetchEarly } from './early_arrays';
import { COLOR, FACE, type MeshEntry, VERTEX, componentUrl, groupSteps, meshesUrl, previewUrl, stepProblem, wantsPreview } from './mesh_data';

let started = false;

/** The (run, tag) of the first card, from the tags answer (runs in the server's run order). */
function firstCard(tags: Record<string, Record<string, unknown>>): { run: string; tag: string } | null {
  let best: { run: string; tag: string } | null = null;
  for (const [run, byTag] of Object.entries(tags)) {
    for (const tag of Object.keys(byTag)) {
      if (!best || tag < best.tag) best = { run, tag };
    }
  }
  return best;
}

async function prefetchFirstMesh(): Promise<void> {
  const tags = prefetch(apiUrl('data/plugin/mesh/tags'));
  if (!tags) return;
  const first = firstCard((await tags) as Record<string, Record<string, unknown>>);
  if (!first) return;
  const entries = prefetch(meshesUrl(first.run, first.tag));
  if (!entries) return;
  const steps = groupSteps((await entries) as MeshEntry[]);
  const last = steps[steps.length - 1];
  if (!last || stepProblem(last)) return;
  // The preview first: it is small, and the card draws it while the rest arrives.
  if (wantsPreview(last)) fetchEarly(previewUrl(first.run, first.tag, last.step, 0));
  for (const type of [VERTEX, FACE, COLOR]) {
    if (last.present.has(type)) fetchEarly(componentUrl(first.run, first.tag, last.step, 0, type));
  }
}

/** Starts the downloads (once per page; later calls do nothing). */
export function startPrefetch(): void {
  if (started || isExported()) return;
  started = true;
  prefetchFirstMesh().catch(() => undefined);
}
