// Pure indexing of the answers of a card whose tag holds several samples per step (the images of
// an image summary, the clips of an audio summary): one list of entries per sample, each ascending
// by step. Sample 0 has an entry at every step that has any, so its steps are the slider's steps;
// later samples may lack a step (a summary written with fewer images then). The caller owns the
// lists; the index holds references to their entries, no copies. Pure, any thread.

/** What every per-sample entry has: its step and when it was written. */
export interface SampleEntry {
  step: number;
  wall_time: number;
}

export interface SampleIndex<E extends SampleEntry> {
  /** The steps of sample 0, ascending. */
  steps: number[];
  /** The wall time of each of `steps`. */
  wallTimes: number[];
  /** Per sample: step → its entry. */
  bySample: Map<number, E>[];
}

export function indexSamples<E extends SampleEntry>(samples: readonly (readonly E[])[]): SampleIndex<E> {
  const first = samples[0] ?? [];
  return {
    steps: first.map((e) => e.step),
    wallTimes: first.map((e) => e.wall_time),
    bySample: samples.map((entries) => new Map(entries.map((e) => [e.step, e]))),
  };
}

/** Every sample's entry at `step`, in sample order; undefined where a sample has none. */
export function entriesAtStep<E extends SampleEntry>(index: SampleIndex<E>, step: number): (E | undefined)[] {
  return index.bySample.map((entries) => entries.get(step));
}
