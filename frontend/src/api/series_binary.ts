// Decodes the binary columnar answer of data/plugin/scalars/series?format=binary (layout in
// plugins/scalars/http_api.md): each series' step, wall_time and value columns become
// Float64Array views on the response's buffer, with no parsing and no copy. Names are decoded
// without a TextDecoder call per series where they allow it (a chart of 5,000 runs has 5,000
// series, and a decoder call each was most of decoding): a tag equal byte for byte to the previous
// series' tag is the same string, a run name equal byte for byte to the name at the same position
// among the previous tag's series is that string (an answer of several tags lists the same runs
// for each: at 4 tags × 5,000 runs, three names in four; fewer strings to make, and the charts'
// lookups by run name, such as its colour, hash each string once), and a short ASCII name is read
// from its bytes. Pure; any thread.
import type { ScalarSeries } from './types';

export const SERIES_BINARY_CONTENT_TYPE = 'application/vnd.tbx.series';

const HEADER_BYTES = 16;
const SERIES_HEADER_BYTES = 16;

/** Names at most this long and all ASCII are read byte by byte; others go to the TextDecoder. */
const SHORT_NAME = 64;

/** Whether bytes [at, at + length) of `bytes` equal bytes [other, other + length). */
function sameBytes(bytes: Uint8Array, at: number, other: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (bytes[at + i] !== bytes[other + i]) return false;
  return true;
}

/** The UTF-8 text of bytes [at, at + length) of `bytes`. */
function decodeName(bytes: Uint8Array, at: number, length: number, utf8: TextDecoder): string {
  if (length <= SHORT_NAME) {
    let ascii = true;
    for (let i = 0; i < length; i++) {
      if (bytes[at + i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, bytes.subarray(at, at + length) as unknown as number[]);
  }
  return utf8.decode(bytes.subarray(at, at + length));
}

/** Run names in the order of a tag's series: their bytes' offsets and lengths, and their text. */
class RunNames {
  readonly at: number[] = [];
  readonly length: number[] = [];
  readonly text: string[] = [];

  add(at: number, length: number, text: string): void {
    this.at.push(at);
    this.length.push(length);
    this.text.push(text);
  }

  /** The name at `position` when bytes [at, at + length) of `bytes` are its bytes, else null. */
  same(bytes: Uint8Array, position: number, at: number, length: number): string | null {
    if (position >= this.at.length || this.length[position] !== length) return null;
    return sameBytes(bytes, at, this.at[position], length) ? this.text[position] : null;
  }
}

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
  const bytes = new Uint8Array(buffer);
  const out: ScalarSeries[] = [];
  let at = HEADER_BYTES;
  // The previous series' tag: its bytes' offset and length, and its text.
  let tag = '';
  let tagAt = -1;
  let tagLength = -1;
  // The run names of the previous tag's series and of this tag's so far, by position.
  let previousRuns = new RunNames();
  let runs = new RunNames();
  for (let k = 0; k < count; ++k) {
    if (at + SERIES_HEADER_BYTES > buffer.byteLength) throw new Error('series: truncated');
    const runLength = view.getUint32(at, true);
    const nextTagLength = view.getUint32(at + 4, true);
    const n = view.getUint32(at + 8, true);
    at += SERIES_HEADER_BYTES;
    if (at + runLength + nextTagLength > buffer.byteLength) throw new Error('series: truncated names');
    const nextTagAt = at + runLength;
    if (nextTagLength !== tagLength || !sameBytes(bytes, nextTagAt, tagAt, tagLength)) {
      tag = decodeName(bytes, nextTagAt, nextTagLength, utf8);
      if (k > 0) {
        previousRuns = runs;
        runs = new RunNames();
      }
    }
    const run = previousRuns.same(bytes, runs.text.length, at, runLength) ?? decodeName(bytes, at, runLength, utf8);
    runs.add(at, runLength, run);
    tagAt = nextTagAt;
    tagLength = nextTagLength;
    at = Math.ceil((at + runLength + nextTagLength) / 8) * 8;
    if (at + 24 * n > buffer.byteLength) throw new Error('series: truncated columns');
    const step = new Float64Array(buffer, at, n);
    const wall_time = new Float64Array(buffer, at + 8 * n, n);
    const value = new Float64Array(buffer, at + 16 * n, n);
    at += 24 * n;
    out.push({ run, tag, step, wall_time, value });
  }
  return out;
}
