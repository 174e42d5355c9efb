// The frame of a (tag, run) card drawn by a canvas chart (histograms, distributions): the header
// with the tag, the run and an enlarge toggle, the element the chart draws into, and the error or
// loading notice. Further notices (children) go below the chart.
//
// The card component owns `cardRef` and `hostRef` (its chart draws into hostRef); this component
// owns only whether the card is enlarged. UI thread only.
import type { ComponentChildren, RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { CardHeader } from './CardHeader';
import { EnlargeButton } from './EnlargeButton';
import type { RunTagCard } from './run_tag_index';

interface CanvasChartCardProps {
  cardRef: RefObject<HTMLDivElement | null>;
  hostRef: RefObject<HTMLDivElement | null>;
  card: RunTagCard;
  /** The run's colour, for the header's swatch. */
  color: string;
  error: string | null;
  /** The data has arrived: until then (and without an error) a loading notice is shown. */
  loaded: boolean;
  children?: ComponentChildren;
}

export function CanvasChartCard({ cardRef, hostRef, card, color, error, loaded, children }: CanvasChartCardProps) {
  const { run, tag } = card;
  const [wide, setWide] = useState(false);
  return (
    <div ref={cardRef} class={wide ? 'card card--wide' : 'card'} data-tag={tag} data-run={run}>
      <CardHeader tag={tag} run={run} color={color} description={card.info.description}>
        <EnlargeButton wide={wide} onToggle={() => setWide(!wide)} />
      </CardHeader>
      <div class="card__chart card__chart--canvas" ref={hostRef} />
      {error && <p class="card__error">{error}</p>}
      {!loaded && !error && <p class="card__loading">Loading…</p>}
      {children}
    </div>
  );
}
