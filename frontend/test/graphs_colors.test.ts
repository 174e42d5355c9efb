// Tests of the graph explorer's colours under run metadata: the compute time / memory scale runs
// from TensorBoard's light end at 0 to its salmon end at the scale's maximum, items without stats
// are grey, the device recorded by the run metadata wins over the graph's placement; and the
// legend's number formats.
import { describe, expect, it } from 'vitest';
import { NO_STATS_FILL, fillFor, nameColor, statsColor } from '../src/plugins/graphs/draw';
import type { ItemSummary } from '../src/plugins/graphs/graphs_api';
import { formatBytes, formatMicros } from '../src/plugins/graphs/stats_format';

const op: ItemSummary = { id: 1, name: 'a/b', label: 'b', kind: 'op', op: 'MatMul', op_count: 1, ext_in: 0, ext_out: 0 };
const scales = { maxMicros: 200, maxBytes: 1000 };

describe('stats colours', () => {
  it('runs from #fff5f0 at zero to #fb6a4a at the maximum, clamped', () => {
    expect(statsColor(0, 200)).toBe('rgb(255, 245, 240)');
    expect(statsColor(200, 200)).toBe('rgb(251, 106, 74)');
    expect(statsColor(100, 200)).toBe('rgb(253, 176, 157)');
    expect(statsColor(500, 200)).toBe('rgb(251, 106, 74)');
    expect(statsColor(5, 0)).toBe('rgb(255, 245, 240)');
  });

  it('colours by compute time or memory, grey without stats', () => {
    const timed = { ...op, stats: { micros: 200, bytes: 0 } };
    expect(fillFor(timed, 'compute', scales)).toBe('rgb(251, 106, 74)');
    expect(fillFor(timed, 'memory', scales)).toBe('rgb(255, 245, 240)');
    expect(fillFor(op, 'compute', scales)).toBe(NO_STATS_FILL);
    expect(fillFor(timed, 'compute', undefined)).toBe(NO_STATS_FILL);
  });

  it('prefers the device the run metadata recorded', () => {
    const placed = { ...op, device: '/device:CPU:0' };
    expect(fillFor(placed, 'device')).toBe(nameColor('/device:CPU:0'));
    expect(fillFor({ ...placed, stats: { micros: 1, bytes: 1, device: '/device:GPU:0' } }, 'device')).toBe(
      nameColor('/device:GPU:0'),
    );
  });

  it('formats times and sizes', () => {
    expect(formatMicros(850)).toBe('850 µs');
    expect(formatMicros(201187)).toBe('201 ms');
    expect(formatMicros(2_500_000)).toBe('2.50 s');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(163840)).toBe('160 KB');
    expect(formatBytes(251003072)).toBe('239 MB');
  });
});
