// The step slider of the image, audio and text cards: a range input over the indices of every
// step the card has (keyboard: arrows, Page Up/Down, Home/End), with the chosen step and its time.
// `useStepSlider` keeps the chosen index sensible when the steps change on a data refresh. The
// card owns the steps; the hook owns the chosen index. UI thread only.
import { useCallback, useRef, useState } from 'preact/hooks';
import { formatWallTime } from './format';
import { indexAfterUpdate, nearestStepIndex } from './step_index';

/** Steps shared across cards (linked steps): a step chosen outside, and where to report picks. */
export interface StepLink {
  /** Move to the step nearest this one whenever it changes (null/undefined: free). */
  linkedStep?: number | null;
  onStepPicked?: (step: number) => void;
}

/** What a step slider shows and how it moves. */
export interface StepSliderState {
  /** Ascending; the same array until the steps change (compared by identity). */
  steps: readonly number[];
  /** The wall time of each of `steps`, in seconds. */
  wallTimes: readonly number[];
  /** The shown index into `steps`; -1 when there are none. */
  index: number;
  onChange: (index: number) => void;
}

/** The slider over `steps`, showing the newest step unless the user picked another. */
export function useStepSlider(
  steps: readonly number[],
  wallTimes: readonly number[],
  link: StepLink = {},
): StepSliderState {
  // Derived from the previous steps and index on every change of `steps`, so kept in a ref.
  const shown = useRef<{ steps: readonly number[]; index: number }>({ steps, index: steps.length - 1 });
  const [, rerender] = useState(0);
  const followed = useRef<{ linked: number | null | undefined; steps: readonly number[] | null }>({
    linked: undefined,
    steps: null,
  });
  if (shown.current.steps !== steps) {
    shown.current = { steps, index: indexAfterUpdate(shown.current.steps, shown.current.index, steps) };
  }
  // Follow the linked step when it (or the steps) change; the user's own picks stay until then.
  const { linkedStep, onStepPicked } = link;
  if (linkedStep != null && (followed.current.linked !== linkedStep || followed.current.steps !== steps)) {
    followed.current = { linked: linkedStep, steps };
    if (steps.length > 0) shown.current = { steps, index: nearestStepIndex(steps, linkedStep) };
  }
  const picked = useRef(onStepPicked);
  picked.current = onStepPicked;
  const onChange = useCallback((index: number) => {
    shown.current = { steps: shown.current.steps, index };
    rerender((n) => n + 1);
    const step = shown.current.steps[index];
    if (step !== undefined) picked.current?.(step);
  }, []);
  return { steps, wallTimes, index: shown.current.index, onChange };
}

interface StepSliderProps extends StepSliderState {
  /** Names what the slider moves through, for screen readers (e.g. the run and tag). */
  label: string;
}

export function StepSlider({ steps, wallTimes, index, onChange, label }: StepSliderProps) {
  if (steps.length === 0 || index < 0) return null;
  const step = steps[index];
  return (
    <div class="step-slider">
      <span class="step-slider__step">
        Step <strong>{step}</strong>
      </span>
      <input
        type="range"
        class="slider step-slider__input"
        min={0}
        max={Math.max(0, steps.length - 1)}
        step={1}
        value={index}
        disabled={steps.length < 2}
        aria-label={`Step of ${label}`}
        aria-valuetext={`step ${step} (${index + 1} of ${steps.length})`}
        onInput={(e) => onChange(Number((e.target as HTMLInputElement).value))}
      />
      <span class="step-slider__time" title={`${index + 1} of ${steps.length} steps`}>
        {formatWallTime(wallTimes[index])}
      </span>
    </div>
  );
}
