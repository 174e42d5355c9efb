// The answers of the histogram and distribution data routes: lists of [wall_time, step, payload]
// with one entry per step, the payload a list (buckets, basis points). Pure checks, no copies.

/** One step of a per-step answer. */
export type StepEntry<P> = [wallTime: number, step: number, payload: P[]];

/**
 * Throws a readable error unless `answer` is a list of [wall_time, step, list] entries. `route`
 * names the answer in the message ("histograms"), `payload` what each entry's list holds.
 */
export function checkStepEntries<P>(answer: readonly StepEntry<P>[], route: string, payload: string): void {
  if (!Array.isArray(answer)) throw new Error(`${route}: expected a list of [wall_time, step, ${payload}]`);
  for (const entry of answer) {
    if (!Array.isArray(entry) || entry.length !== 3 || !Array.isArray(entry[2])) {
      throw new Error(`${route}: bad entry ${JSON.stringify(entry)?.slice(0, 80)}`);
    }
  }
}
