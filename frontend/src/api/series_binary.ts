// Decodes the binary columnar answer of data/plugin/scalars/series?format=binary (layout in
// plugins/scalars/http_api.md): each series' step, wall_time and value columns become typed
// arrays. A column the server sent as float64, float32 or int32 is a Float64Array, Float32Array or
// Int32Array view on the response's buffer, with no parsing and no copy (the charts read every
// kind: `Column`). A column sent as an int32 first number plus 8- or 16-bit differences (steps and
// whole-second wall times, a quarter to a half of the bytes that reach the page) is summed into one
// Int32Array shared by all such columns of the answer, and one sent as a float64 base plus float32
// offsets is widened into one Float64Array likewise; either way every number is the server's bit
// for bit. Names are decoded
// without a TextDecoder call per series where they allow it (a chart of 5,000 runs has 5,000
// series, and a decoder call each was most of decoding): a tag equal byte for byte to the previous
// series' tag is the same string, a run name equal byte for byte to the name at the same position
// among the previous tag's series is that string (an answer of several tags lists the same runs
// for each: at 4 tags × 5,000 runs, three names in four; fewer strings to make, and the charts'
// lookups by run name, such as its colour, hash each string once), and a short ASCII name is read
// from its bytes. Pure; any thread.
import type { Column, ScalarSeries } from './types';

export const SERIES_BINARY_CONTENT_TYPE = 'application/vnd.tbx.series';

const HEADER_BYTES = 16;
const SERIES_HEADER_BYTES = 16;

/** Column encodings: the byte of each column in a series header (version 2). */
const FLOAT64 = 0;
const FLOAT32 = 1;
const INT32 = 2;
const FLOAT32_OFFSET = 3;
const INT32_DELTA8 = 4;
const INT32_DELTA16 = 5;

/** `bytes` rounded up to a multiple of 8. */
function padded(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/** Bytes of a column of `n` numbers in `encoding` (padded to 8), or -1 for an unknown encoding. */
function columnBytes(encoding: number, n: number): number {
  switch (encoding) {
    case FLOAT64:
      return 8 * n;
    case FLOAT32:
    case INT32:
      return padded(4 * n);
    case FLOAT32_OFFSET:
      return 8 + padded(4 * n);
    case INT32_DELTA8:
      return n === 0 ? 0 : padded(4 + (n - 1));
    case INT32_DELTA16:
      return n === 0 ? 0 : padded(4 + 2 * (n - 1));
    default:
      return -1;
  }
}

/** The column keys of a series, in the order of their encoding bytes and of the body. */
const KEYS = ['step', 'wall_time', 'value'] as const;

/** A placeholder for a column until it is read. */
const EMPTY = new Float64Array(0);

/** A column of `n` numbers at byte `at` of `buffer`, in float64, float32 or int32. */
function columnView(buffer: ArrayBuffer, at: number, n: number, encoding: number): Column {
  if (encoding === FLOAT32) return new Float32Array(buffer, at, n);
  if (encoding === INT32) return new Int32Array(buffer, at, n);
  return new Float64Array(buffer, at, n);
}

/** A column sent as float32 offsets from a float64 base, or as int32 differences: where it is. */
interface PackedColumn {
  series: ScalarSeries;
  key: (typeof KEYS)[number];
  at: number;
  n: number;
  encoding: number;
}

/**
 * Unpacks `columns` into one typed array for all of them (`Arena`), `unpack` filling each column's
 * part, and sets each part on its series. One backing store per answer, not one per column:
 * hundreds of small buffers cost more in allocation and collection than their bytes.
 */
function unpackInto<T extends Float64Array | Int32Array>(
  Arena: new (length: number) => T,
  columns: readonly PackedColumn[],
  unpack: (out: T, column: PackedColumn) => void,
): void {
  if (columns.length === 0) return;
  let total = 0;
  for (const c of columns) total += c.n;
  const arena = new Arena(total);
  let to = 0;
  for (const column of columns) {
    const out = arena.subarray(to, (to += column.n)) as T;
    unpack(out, column);
    column.series[column.key] = out;
  }
}

/** Base + offset each (exactly the server's number), from a float64 base then float32 offsets. */
function widenOffsets(buffer: ArrayBuffer, out: Float64Array, { at, n }: PackedColumn): void {
  const base = new Float64Array(buffer, at, 1)[0];
  const offsets = new Float32Array(buffer, at + 8, n);
  for (let i = 0; i < n; i++) out[i] = base + offsets[i];
}

/**
 * The running sums of an int32 first number then int8 or int16 differences. They are the server's
 * int32 numbers (it sends differences only for columns of int32 numbers), so none overflows.
 */
function sumDifferences(buffer: ArrayBuffer, out: Int32Array, { at, n, encoding }: PackedColumn): void {
  if (n === 0) return;
  const differences =
    encoding === INT32_DELTA8 ? new Int8Array(buffer, at + 4, n - 1) : new Int16Array(buffer, at + 4, n - 1);
  let v = new Int32Array(buffer, at, 1)[0];
  out[0] = v;
  for (let i = 1; i < n; i++) out[i] = v += differences[i - 1];
}

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
  // Version 1 is version 2 with every column float64 (its encoding bytes were reserved zeros).
  if (version !== 1 && version !== 2) throw new Error(`series: unsupported version ${version}`);
  const count = view.getUint32(8, true);
  const utf8 = new TextDecoder();
  const bytes = new Uint8Array(buffer);
  const out: ScalarSeries[] = [];
  const offsetColumns: PackedColumn[] = [];
  const differenceColumns: PackedColumn[] = [];
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
    const encodings = [view.getUint8(at + 12), view.getUint8(at + 13), view.getUint8(at + 14)];
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
    const series: ScalarSeries = { run, tag, step: EMPTY, wall_time: EMPTY, value: EMPTY };
    for (let c = 0; c < 3; c++) {
      const encoding = encodings[c];
      const size = columnBytes(encoding, n);
      if (size < 0) throw new Error(`series: unknown column encoding ${encoding}`);
      if (at + size > buffer.byteLength) throw new Error('series: truncated columns');
      if (encoding === FLOAT32_OFFSET) offsetColumns.push({ series, key: KEYS[c], at, n, encoding });
      else if (encoding === INT32_DELTA8 || encoding === INT32_DELTA16)
        differenceColumns.push({ series, key: KEYS[c], at, n, encoding });
      else series[KEYS[c]] = columnView(buffer, at, n, encoding);
      at += size;
    }
    out.push(series);
  }
  unpackInto(Float64Array, offsetColumns, (out, column) => widenOffsets(buffer, out, column));
  unpackInto(Int32Array, differenceColumns, (out, column) => sumDifferences(buffer, out, column));
  return out;
}
