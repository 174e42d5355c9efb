// Decodes the binary columnar answer of data/plugin/scalars/series?format=binary (layout in
// plugins/scalars/http_api.md): each series' step, wall_time and value columns become
// Float64Array views on the response's buffer, with no parsing and no copy. Pure; any thread.
import type { ScalarSeries } from './types';

export const SERIES_BINARY_CONTENT_TYPE = 'application/vnd.tbx.series';

const HEADER_BYTES = 16;
const SERIES_HEADER_BYTES = 16;

/** The series in `buffer`; throws on a malformed or truncated body. */
export function decodeSeriesBinary(buffer: ArrayBuffer): ScalarSeries[] {
  const view = new DataView(buffer);
  if (buffer.byteLength < HEADER_BYTES) throw new Error('series: truncated header');
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== 'TBXS') throw new Error(`series: bad magic ${JSON.stringify(magic)}`);
  const version = view.getUint32(4, true);
  if (version !== 1) throw new Error(`series: unsupported version ${version}`);
  const count = view.getUint32(8, true);
  const utf8 = new TextDecoder();
  const out: ScalarSeries[] = [];
  let at = HEADER_BYTES;
  for (let k = 0; k < count; ++k) {
    if (at + SERIES_HEADER_BYTES > buffer.byteLength) throw new Error('series: truncated');
    const runLength = view.getUint32(at, true);
    const tagLength = view.getUint32(at + 4, true);
    const n = view.getUint32(at + 8, true);
    at += SERIES_HEADER_BYTES;
    const run = utf8.decode(new Uint8Array(buffer, at, runLength));
    const tag = utf8.decode(new Uint8Array(buffer, at + runLength, tagLength));
    at = Math.ceil((at + runLength + tagLength) / 8) * 8;
    if (at + 24 * n > buffer.byteLength) throw new Error('series: truncated columns');
    const step = new Float64Array(buffer, at, n);
    const wall_time = new Float64Array(buffer, at + 8 * n, n);
    const value = new Float64Array(buffer, at + 16 * n, n);
    at += 24 * n;
    out.push({ run, tag, step, wall_time, value });
  }
  return out;
}
