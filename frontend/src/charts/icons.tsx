// The card headers' icons (enlarge, shrink, download, reset zoom) as inline SVG strokes in the
// text colour. They were arrow characters (⤢ ⤡ ⤓ ⤺) that common UI fonts lack: each one sent the
// browser down the font list for a fallback, a synchronous font lookup per missing family in the
// first layout of every dashboard with cards, and drew in whatever font it found. Stateless; main
// thread.

/** The paths of each icon, on a 16 × 16 grid. */
const PATHS = {
  // Two arrows pointing out to opposite corners.
  enlarge: 'M9.5 2.5h4v4M13.5 2.5 9 7M6.5 13.5h-4v-4M2.5 13.5 7 9',
  // Two arrows pointing in from opposite corners.
  shrink: 'M13.5 2.5 9.5 6.5M9.5 3v3.5H13M2.5 13.5l4-4M6.5 13V9.5H3',
  // An arrow down onto a tray.
  download: 'M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 13.5h11',
  // A counter-clockwise arc ending in an arrow head.
  reset: 'M4.2 9.8A4.5 4.5 0 1 0 5 4.4M5 1.6v2.8h-2.8',
} as const;

export type IconName = keyof typeof PATHS;

/** A 16 px icon; hidden from assistive technology (its button carries the label). */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" data-icon={name} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
