// The explorer's colour legend: for compute time and memory a gradient from 0 to the scale's upper
// end (with how many op stats matched the graph), for device and op type the colour of each name.
import { type ColorBy, NO_STATS_FILL, STATS_HIGH, STATS_LOW, type StatsScales, nameColor } from './draw';
import type { GraphSummary, StatsSummary } from './graphs_api';
import { formatBytes, formatMicros } from './stats_format';

interface Props {
  colorBy: ColorBy;
  scales?: StatsScales;
  stats?: StatsSummary;
  summary?: GraphSummary;
}

const rgb = (c: [number, number, number]) => `rgb(${c.join(', ')})`;

export function Legend({ colorBy, scales, stats, summary }: Props) {
  if (colorBy === 'compute' || colorBy === 'memory') {
    if (!scales || !stats) {
      return <div class="graphs-legend">Choose run metadata to colour by {colorBy === 'compute' ? 'compute time' : 'memory'}.</div>;
    }
    const max = colorBy === 'compute' ? formatMicros(scales.maxMicros) : formatBytes(scales.maxBytes);
    return (
      <div class="graphs-legend" aria-label="Legend" data-mode={colorBy}>
        <span>{colorBy === 'compute' ? 'Compute time' : 'Memory'}</span>
        <span>{colorBy === 'compute' ? formatMicros(0) : formatBytes(0)}</span>
        <span class="graphs-legend__ramp" style={{ background: `linear-gradient(to right, ${rgb(STATS_LOW)}, ${rgb(STATS_HIGH)})` }} />
        <span data-field="max">{max}</span>
        <span class="graphs-legend__swatch" style={{ background: NO_STATS_FILL }} />
        <span>no stats</span>
        <span class="graphs-legend__note">
          {stats.matched} op runs matched{stats.unmatched > 0 ? `, ${stats.unmatched} named no node of this graph` : ''}
        </span>
      </div>
    );
  }
  if (colorBy === 'device' || colorBy === 'op') {
    const names =
      colorBy === 'device'
        ? [...new Set([...(summary?.devices ?? []), ...(stats?.devices ?? [])])]
        : (summary?.ops ?? []).slice(0, 12).map(([op]) => op);
    if (names.length === 0) return <div class="graphs-legend">{colorBy === 'device' ? 'No op names a device.' : ''}</div>;
    return (
      <div class="graphs-legend" aria-label="Legend" data-mode={colorBy}>
        {names.map((name) => (
          <span class="graphs-legend__item">
            <span class="graphs-legend__swatch" style={{ background: nameColor(name) }} />
            {name}
          </span>
        ))}
      </div>
    );
  }
  return null;
}
