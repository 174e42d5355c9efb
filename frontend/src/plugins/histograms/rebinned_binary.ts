// Decodes tbx's binary form of data/plugin/histograms/rebinned (`format=binary`, layout in
// plugins/histograms/http_api.md): a 32-byte header, then the steps and wall times as float64
// columns and the counts as one float32 column, all viewed in place on the response's buffer
// (no JSON to parse, no copy). Pure; any thread.
import type { RebinnedAnswer } from './histogram_data';

const HEADER_BYTES = 32;

/** The answer held in `buffer`; throws on a malformed or truncated body. */
export function decodeRebinnedBinary(buffer: ArrayBuffer): RebinnedAnswer {
  if (buffer.byteLength < HEADER_BYTES) throw new Error('histograms/rebinned: truncated header');
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== 'TBXH') throw new Error(`histograms/rebinned: bad magic ${JSON.stringify(magic)}`);
  const version = view.getUint32(4, true);
  if (version !== 1) throw new Error(`histograms/rebinned: unsupported version ${version}`);
  const n = view.getUint32(8, true);
  const bins = view.getUint32(12, true);
  const expected = HEADER_BYTES + 16 * n + 4 * n * bins;
  if (buffer.byteLength !== expected) {
    throw new Error(`histograms/rebinned: ${buffer.byteLength} bytes where ${n} steps of ${bins} bins take ${expected}`);
  }
  return {
    x0: view.getFloat64(16, true),
    x1: view.getFloat64(24, true),
    bins,
    step: new Float64Array(buffer, HEADER_BYTES, n),
    wall_time: new Float64Array(buffer, HEADER_BYTES + 8 * n, n),
    counts: new Float32Array(buffer, HEADER_BYTES + 16 * n, n * bins),
  };
}
