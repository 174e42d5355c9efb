// The enlarge / shrink toggle in a card's header. The card owns the state: an enlarged card takes
// the full width of the grid (class `card--wide`).
import { Icon } from './icons';

interface EnlargeButtonProps {
  wide: boolean;
  onToggle: () => void;
}

export function EnlargeButton({ wide, onToggle }: EnlargeButtonProps) {
  const label = wide ? 'Shrink card' : 'Enlarge card';
  return (
    <button type="button" class="icon-button" title={label} aria-label={label} aria-pressed={wide} onClick={onToggle}>
      <Icon name={wide ? 'shrink' : 'enlarge'} />
    </button>
  );
}
