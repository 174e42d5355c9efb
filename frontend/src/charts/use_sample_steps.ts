// The data side of a card over a tag with several samples per step (image and audio cards): loads
// every sample's entries while the card is near the viewport (again on each data refresh, see
// card_fetch.ts), indexes them by step (sample_steps.ts) and keeps the step slider's position.
//
// The card owns its root element (`cardRef`) and renders the entries; this hook owns the loaded
// answer and the chosen step. UI thread only (a Preact hook).
import type { RefObject } from 'preact';
import { useMemo } from 'preact/hooks';
import type { AppServices } from '../app/services';
import { useStore } from '../state/store';
import { type StepLink, type StepSliderState, useStepSlider } from './StepSlider';
import { useCardFetch } from './card_fetch';
import type { RunTagCard } from './run_tag_index';
import { type SampleEntry, entriesAtStep, indexSamples } from './sample_steps';

/** Fetches the entries of one sample of a (run, tag), as the plugin's route lists them. */
export type FetchSample<E> = (run: string, tag: string, sample: number, signal: AbortSignal) => Promise<E[]>;

export interface SampleSteps<E extends SampleEntry> {
  /** Whether an answer has arrived (the previous one stays while the next loads). */
  loaded: boolean;
  error: string | null;
  slider: StepSliderState;
  /** The chosen step, undefined while there is none. */
  step: number | undefined;
  /** Every sample's entry at the chosen step (undefined where a sample lacks it); [] without a step. */
  atStep: (E | undefined)[];
}

export function useSampleSteps<E extends SampleEntry>(
  app: AppServices,
  card: RunTagCard,
  cardRef: RefObject<Element | null>,
  fetchSample: FetchSample<E>,
  link: StepLink = {},
): SampleSteps<E> {
  const { run, tag, info } = card;
  const refresh = useStore(app.data, (d) => d.refresh);
  const { data, error } = useCardFetch(
    cardRef,
    (signal) => Promise.all(Array.from({ length: info.samples }, (_, s) => fetchSample(run, tag, s, signal))),
    [run, tag, info.samples, refresh],
  );
  const indexed = useMemo(() => indexSamples(data ?? []), [data]);
  const slider = useStepSlider(indexed.steps, indexed.wallTimes, link);
  const step = slider.index >= 0 ? indexed.steps[slider.index] : undefined;
  const atStep = step === undefined ? [] : entriesAtStep(indexed, step);
  return { loaded: data !== null, error, slider, step, atStep };
}
