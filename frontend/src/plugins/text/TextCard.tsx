// One text card: the text of one tag of one run at the step chosen with the slider, rendered from
// the server's HTML after sanitizing it again. Run and tag names are text nodes only. The view's
// Markdown setting chooses rendered Markdown or the raw text.
import { useMemo, useRef } from 'preact/hooks';
import type { AppServices } from '../../app/services';
import { StepCard } from '../../charts/StepCard';
import { useStepSlider } from '../../charts/StepSlider';
import { useCardFetch } from '../../charts/card_fetch';
import type { RunTagCard } from '../../charts/run_tag_index';
import { useStore } from '../../state/store';
import { sanitizeTextHtml } from './sanitize';
import { fetchTextEntries } from './text_api';

export function TextCard({ app, card }: { app: AppServices; card: RunTagCard }) {
  const { run, tag } = card;
  const cardRef = useRef<HTMLDivElement>(null);
  const refresh = useStore(app.data, (d) => d.refresh);
  const markdown = useStore(app.view, (v) => v.textMarkdown);
  // The answer remembers its mode: the previous one stays shown while the next loads.
  const { data: answer, error } = useCardFetch(
    cardRef,
    async (signal) => ({ markdown, entries: await fetchTextEntries(run, tag, markdown, signal) }),
    [run, tag, markdown, refresh],
  );
  const data = answer?.entries;
  const steps = useMemo(() => (data ?? []).map((e) => e.step), [data]);
  const wallTimes = useMemo(() => (data ?? []).map((e) => e.wall_time), [data]);
  const slider = useStepSlider(steps, wallTimes);
  const entry = data && slider.index >= 0 ? data[slider.index] : undefined;
  const html = useMemo(() => (entry ? sanitizeTextHtml(entry.text) : ''), [entry]);

  return (
    <StepCard app={app} card={card} cardRef={cardRef} modifier="card--text" slider={slider} loaded={!!data} error={error} emptyText="No text.">
      {answer && entry && (
        <div
          class={answer.markdown ? 'text-body' : 'text-body text-body--raw'}
          data-step={entry.step}
          data-markdown={String(answer.markdown)}
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
    </StepCard>
  );
}
