// The "reset zoom" button in a chart card's header, shown while the card's chart is zoomed in.
import { Icon } from './icons';

export function ResetZoomButton({ onReset }: { onReset: () => void }) {
  return (
    <button type="button" class="icon-button" title="Reset zoom" aria-label="Reset zoom" onClick={onReset}>
      <Icon name="reset" />
    </button>
  );
}
