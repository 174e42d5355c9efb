// The frame of a card with a step slider (image, audio and text cards): the card element with its
// data attributes (tag, run, and once loaded the number of steps, for tests and tools), the title
// row, the slider, then the card's own body, and the empty, error and loading messages.
//
// The card owns the root element's ref (its data hook watches it) and the body; this component
// only lays them out. UI thread only.
import type { ComponentChildren, RefObject } from 'preact';
import type { AppServices } from '../app/services';
import { CardHeader } from './CardHeader';
import type { RunTagCard } from './run_tag_index';
import { StepSlider, type StepSliderState } from './StepSlider';

interface StepCardProps {
  app: AppServices;
  card: RunTagCard;
  cardRef: RefObject<HTMLDivElement | null>;
  /** Classes of the card element besides `card`. */
  modifier?: string;
  slider: StepSliderState;
  /** Whether an answer has arrived (it may hold no steps). */
  loaded: boolean;
  error: string | null;
  /** Shown when the answer holds no steps ("No images."). */
  emptyText: string;
  /** Rendered between the slider and the messages. */
  children?: ComponentChildren;
}

export function StepCard({ app, card, cardRef, modifier, slider, loaded, error, emptyText, children }: StepCardProps) {
  const { run, tag } = card;
  const stepCount = slider.steps.length;
  return (
    <div ref={cardRef} class={modifier ? `card ${modifier}` : 'card'} data-tag={tag} data-run={run} data-steps={loaded ? stepCount : undefined}>
      <CardHeader tag={tag} run={run} color={app.colors.color(run)} description={card.info.description} />
      <StepSlider {...slider} label={`${tag}, ${run}`} />
      {children}
      {loaded && stepCount === 0 && <p class="card__empty">{emptyText}</p>}
      {error && <p class="card__error">{error}</p>}
      {!loaded && !error && <p class="card__empty">Loading…</p>}
    </div>
  );
}
