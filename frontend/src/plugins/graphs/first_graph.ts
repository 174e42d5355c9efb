// Which graph the explorer opens first, and its requests started at start-up. The dashboard picks
// the first run that has a graph and that run's first graph (tagOptions, firstGraph, graphSpec);
// when the page opens on the Graphs tab, prefetchFirstGraph (the registry's prefetch, in the app's
// first script) asks for `info` (index.html's inline script may have started it already) and, as
// soon as it answers, for that graph's top-level group, while the dashboard's code still loads. The
// dashboard's own requests take both answers (api.prefetch / getJson), and its layout and render
// workers start then too (graph_workers.ts). Holds no dashboard code; UI thread only.
import { prefetch } from '../../api/client';
import { isExported } from '../../api/export_mode';
import { startGraphWorkers } from './graph_workers';
import { type GraphSpec, type GraphsInfo, groupUrl, INFO_URL } from './graphs_api';

/** The graphs a run offers, as selector options ('' is the run graph). */
export function tagOptions(info: GraphsInfo, run: string): { value: string; label: string }[] {
  const entry = info[run];
  if (!entry) return [];
  const options = entry.run_graph ? [{ value: '', label: 'Default (run graph)' }] : [];
  for (const tag of Object.values(entry.tags)) {
    if (tag.op_graph || tag.conceptual_graph) options.push({ value: tag.tag, label: tag.tag });
  }
  return options;
}

/** The graph shown first: the first run with a graph, and its first graph. */
export function firstGraph(info: GraphsInfo): { run: string; tag: string } | null {
  const run = Object.keys(info).find((r) => tagOptions(info, r).length > 0);
  return run === undefined ? null : { run, tag: tagOptions(info, run)[0]?.value ?? '' };
}

/**
 * The graph to fetch for the selectors' state: `tag` '' is the run graph; `conceptual` asks for
 * the tag's Keras model when it has one (and a tag with only a model gets it anyway); `stats` (a
 * run metadata tag) colours an op graph only.
 */
export function graphSpec(info: GraphsInfo, run: string, tag: string, conceptual: boolean, stats: string | undefined): GraphSpec | null {
  if (!info[run]) return null;
  const tagInfo = info[run].tags[tag];
  const wantConceptual = conceptual && tagInfo?.conceptual_graph === true;
  const opGraph = tag === '' ? info[run].run_graph : tagInfo?.op_graph === true;
  if (!wantConceptual && !opGraph && tagInfo?.conceptual_graph) return { run, tag, conceptual: true };
  // Step stats name the ops of an op graph, not the layers of a conceptual one.
  return { run, tag: tag || undefined, conceptual: wantConceptual, stats: wantConceptual ? undefined : stats };
}

let started = false;

/** Starts `info` and then the first graph's top-level group, and the explorer's workers (once per
 * page). */
export function prefetchFirstGraph(): void {
  if (started || isExported()) return;
  started = true;
  const info = prefetch(INFO_URL);
  startGraphWorkers();
  info
    ?.then((answer) => {
      const first = firstGraph(answer as GraphsInfo);
      const spec = first && graphSpec(answer as GraphsInfo, first.run, first.tag, false, undefined);
      if (spec) prefetch(groupUrl(spec, 0));
    })
    .catch(() => undefined);
}
