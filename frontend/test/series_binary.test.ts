import { describe, expect, it } from 'vitest';
import { decodeSeriesBinary } from '../src/api/series_binary';

/**
 * Column encodings of a series header (http_api.md): float64, float32, int32, float64 base +
 * float32 offsets, int32 first number + int8 differences, the same + int16 differences.
 */
type Encoding = 0 | 1 | 2 | 3 | 4 | 5;

interface Encoded {
  run: string;
  tag: string;
  step: number[];
  wall: number[];
  value: number[];
  /** Of step, wall and value; float64 when absent. */
  encodings?: [Encoding, Encoding, Encoding];
}

/** Writes the layout of plugins/scalars/http_api.md by hand, field by field. */
function encode(series: Encoded[], version = 2): ArrayBuffer {
  const bytes: number[] = [];
  const u32 = (v: number) => bytes.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255);
  const f64 = (v: number) => bytes.push(...new Uint8Array(new Float64Array([v]).buffer));
  const f32 = (v: number) => bytes.push(...new Uint8Array(new Float32Array([v]).buffer));
  const i32 = (v: number) => bytes.push(...new Uint8Array(new Int32Array([v]).buffer));
  const pad = () => {
    while (bytes.length % 8) bytes.push(0);
  };
  bytes.push(...'TBXS'.split('').map((c) => c.charCodeAt(0)));
  u32(version);
  u32(series.length);
  u32(0);
  for (const s of series) {
    const run = new TextEncoder().encode(s.run);
    const tag = new TextEncoder().encode(s.tag);
    const encodings = s.encodings ?? [0, 0, 0];
    u32(run.length);
    u32(tag.length);
    u32(s.step.length);
    bytes.push(...encodings, 0);
    bytes.push(...run, ...tag);
    pad();
    [s.step, s.wall, s.value].forEach((column, c) => {
      const encoding = encodings[c];
      if (encoding === 0) column.forEach(f64);
      if (encoding === 1) column.forEach(f32);
      if (encoding === 2) column.forEach(i32);
      if (encoding === 3) {
        f64(column[0]);
        column.forEach((v) => f32(v - column[0]));
      }
      if ((encoding === 4 || encoding === 5) && column.length > 0) {
        i32(column[0]);
        for (let i = 1; i < column.length; i++) {
          const difference = column[i] - column[i - 1];
          if (encoding === 4) bytes.push(difference & 255);
          else bytes.push(difference & 255, (difference >> 8) & 255);
        }
      }
      pad();
    });
  }
  return new Uint8Array(bytes).buffer;
}

describe('binary series', () => {
  it('decodes names and columns, non-finite values and -0 included', () => {
    const buffer = encode([
      { run: 'lr=0.1/é', tag: 'loss', step: [0, 5, 2 ** 40], wall: [1.7e9, 1.7e9 + 0.25, 1.8e9], value: [NaN, -0, -Infinity] },
      { run: 'b', tag: 'acc/top1', step: [], wall: [], value: [] },
      { run: 'c', tag: 'x', step: [7], wall: [1], value: [Infinity] },
    ]);
    const [a, b, c] = decodeSeriesBinary(buffer);
    expect(a.run).toBe('lr=0.1/é');
    expect(a.tag).toBe('loss');
    expect([...a.step]).toEqual([0, 5, 2 ** 40]);
    expect([...a.wall_time]).toEqual([1.7e9, 1.7e9 + 0.25, 1.8e9]);
    expect(Number.isNaN(a.value[0])).toBe(true);
    expect(Object.is(a.value[1], -0)).toBe(true);
    expect(a.value[2]).toBe(-Infinity);
    expect(b.step.length).toBe(0);
    expect(b.tag).toBe('acc/top1');
    expect(c.value[0]).toBe(Infinity);
    expect(a.step).toBeInstanceOf(Float64Array);
  });

  it('decodes repeated, changing, long and non-ASCII names of consecutive series', () => {
    const long = `run_${'x'.repeat(100)}`;
    const names = [
      { run: 'a', tag: 'loss' },
      { run: 'b', tag: 'loss' },
      // Same length as the previous tag, other bytes.
      { run: 'c', tag: 'lost' },
      { run: long, tag: 'lost' },
      { run: 'd', tag: 'lo' },
      { run: 'é/ß', tag: 'ü' },
      { run: '', tag: 'ü' },
      { run: 'e', tag: `t${'ç'.repeat(70)}` },
    ];
    const decoded = decodeSeriesBinary(encode(names.map((n) => ({ ...n, step: [1], wall: [2], value: [3] }))));
    expect(decoded.map(({ run, tag }) => ({ run, tag }))).toEqual(names);
  });

  it("decodes each tag's run names when tags list other runs, in other orders, or fewer", () => {
    const names = [
      ...['run_1', 'run_2', 'run_3', 'é'].map((run) => ({ run, tag: 'a' })),
      // Same runs, one replaced by a name of the same length, one by a non-ASCII one.
      ...['run_1', 'run_9', 'run_3', 'ü'].map((run) => ({ run, tag: 'b' })),
      // Other order, one run fewer, one longer name.
      ...['run_3', 'run_1', 'run_10'].map((run) => ({ run, tag: 'c' })),
      // More runs than the tag before.
      ...['run_3', 'run_1', 'run_10', 'run_2', 'run_4'].map((run) => ({ run, tag: 'd' })),
      ...['run_3', '', 'run_10'].map((run) => ({ run, tag: 'e' })),
    ];
    const decoded = decodeSeriesBinary(encode(names.map((n) => ({ ...n, step: [1], wall: [2], value: [3] }))));
    expect(decoded.map(({ run, tag }) => ({ run, tag }))).toEqual(names);
  });

  it('reads float32 and int32 columns in place as their kind, widens base + float32 offsets, all exact', () => {
    const f = Math.fround;
    const buffer = encode([
      {
        run: 'r',
        tag: 't',
        step: [0, -7, 2 ** 31 - 1, -(2 ** 31)],
        wall: [1.7e9 + 0.5, 1.7e9 + 1.25, Infinity, NaN],
        value: [f(0.1), -0, NaN, -Infinity],
        encodings: [2, 3, 1],
      },
      // Float32 denormals and extremes; float32 steps; an odd count leaves 4 bytes of padding.
      {
        run: 'r',
        tag: 'u',
        step: [2 ** 40, 3 * 2 ** 40, 16],
        wall: [2, 4, 8],
        value: [f(1.4e-45), f(3.4028234663852886e38), f(-1e-40)],
        encodings: [1, 2, 1],
      },
    ]);
    const [a, b] = decodeSeriesBinary(buffer);
    // Narrow columns are views on the answer's buffer, in the kind they were sent as (no copy);
    // only offset columns are widened, into a buffer of their own.
    expect(a.step).toBeInstanceOf(Int32Array);
    expect(a.wall_time).toBeInstanceOf(Float64Array);
    expect(a.value).toBeInstanceOf(Float32Array);
    expect(b.step).toBeInstanceOf(Float32Array);
    expect(b.wall_time).toBeInstanceOf(Int32Array);
    expect(b.value).toBeInstanceOf(Float32Array);
    for (const column of [a.step, a.value, b.step, b.wall_time, b.value]) expect((column as Int32Array).buffer).toBe(buffer);
    expect((a.wall_time as Float64Array).buffer).not.toBe(buffer);
    expect([...a.step]).toEqual([0, -7, 2 ** 31 - 1, -(2 ** 31)]);
    expect([...a.wall_time]).toEqual([1.7e9 + 0.5, 1.7e9 + 1.25, Infinity, NaN]);
    expect(a.value[0]).toBe(f(0.1));
    expect(Object.is(a.value[1], -0)).toBe(true);
    expect(Number.isNaN(a.value[2])).toBe(true);
    expect(a.value[3]).toBe(-Infinity);
    expect([...b.step]).toEqual([2 ** 40, 3 * 2 ** 40, 16]);
    expect([...b.wall_time]).toEqual([2, 4, 8]);
    expect([...b.value]).toEqual([f(1.4e-45), f(3.4028234663852886e38), f(-1e-40)]);
    expect(b.value[0]).toBeGreaterThan(0);
  });

  it('sums int32 differences of 8 and 16 bits into one Int32Array, exact to the limits', () => {
    const max = 2 ** 31 - 1;
    const min = -(2 ** 31);
    const body = encode([
      {
        run: 'r',
        tag: 't',
        // Differences at int8's limits, both signs, from int32's smallest number.
        step: [min + 1, min + 128, min, min + 127],
        // At int16's limits, up to int32's largest number.
        wall: [max - 32767, max, max - 32768, max - 32768 + 5],
        value: [0.5, 1, 2, 3],
        encodings: [4, 5, 1],
      },
      // One number (no differences), an empty series, and an odd count of 16-bit differences.
      { run: 'r', tag: 'u', step: [42], wall: [-7], value: [1], encodings: [4, 5, 1] },
      { run: 'r', tag: 'v', step: [], wall: [], value: [], encodings: [4, 5, 4] },
      { run: 'r', tag: 'w', step: [9, -300, 300], wall: [0, 1, 2], value: [1, 2, 3], encodings: [5, 4, 4] },
    ]);
    const [a, b, c, d] = decodeSeriesBinary(body);
    expect([...a.step]).toEqual([min + 1, min + 128, min, min + 127]);
    expect([...a.wall_time]).toEqual([max - 32767, max, max - 32768, max - 32768 + 5]);
    expect([...a.value]).toEqual([0.5, 1, 2, 3]);
    expect([...b.step]).toEqual([42]);
    expect([...b.wall_time]).toEqual([-7]);
    expect(c.step.length + c.wall_time.length + c.value.length).toBe(0);
    expect([...d.step]).toEqual([9, -300, 300]);
    expect([...d.wall_time]).toEqual([0, 1, 2]);
    expect([...d.value]).toEqual([1, 2, 3]);
    // Summed into Int32Arrays sharing one buffer of their own, not views on the answer.
    for (const column of [a.step, a.wall_time, b.step, b.wall_time, d.step, d.wall_time, d.value]) {
      expect(column).toBeInstanceOf(Int32Array);
      expect((column as Int32Array).buffer).not.toBe(body);
      expect((column as Int32Array).buffer).toBe((a.step as Int32Array).buffer);
    }
    expect(a.value).toBeInstanceOf(Float32Array);
  });

  it('rejects difference columns cut short', () => {
    const body = encode([{ run: 'r', tag: 't', step: [1, 2, 3], wall: [5, 6, 7], value: [1, 2, 3], encodings: [4, 4, 5] }]);
    expect(() => decodeSeriesBinary(body.slice(0, body.byteLength - 8))).toThrow(/truncated columns/);
  });

  it('reads version 1 bodies, every column float64', () => {
    const [a] = decodeSeriesBinary(encode([{ run: 'r', tag: 't', step: [1, 2], wall: [0.1, 0.2], value: [0.3, -0] }], 1));
    expect([...a.step, ...a.wall_time, ...a.value]).toEqual([1, 2, 0.1, 0.2, 0.3, -0]);
  });

  it('rejects an unknown column encoding, an unknown version, and narrow columns cut short', () => {
    const unknown = new Uint8Array(encode([{ run: 'r', tag: 't', step: [1], wall: [1], value: [1] }]));
    unknown[16 + 13] = 9;
    expect(() => decodeSeriesBinary(unknown.buffer)).toThrow(/unknown column encoding 9/);
    expect(() => decodeSeriesBinary(encode([], 3))).toThrow(/unsupported version 3/);
    const offsets = encode([{ run: 'r', tag: 't', step: [1, 2, 3], wall: [5, 6, 7], value: [1, 2, 3], encodings: [2, 3, 1] }]);
    expect(() => decodeSeriesBinary(offsets.slice(0, offsets.byteLength - 8))).toThrow(/truncated columns/);
  });

  it('rejects a series whose names run past the body', () => {
    const good = new Uint8Array(encode([{ run: 'r', tag: 't', step: [], wall: [], value: [] }]));
    // The run name's length (the series header's first field) made larger than the body.
    good[16] = 200;
    expect(() => decodeSeriesBinary(good.buffer)).toThrow(/truncated/);
  });

  it('rejects a wrong magic and a truncated body', () => {
    const good = encode([{ run: 'r', tag: 't', step: [1, 2], wall: [1, 2], value: [1, 2] }]);
    const bad = new Uint8Array(good.slice(0));
    bad[0] = 88;
    expect(() => decodeSeriesBinary(bad.buffer)).toThrow(/magic/);
    expect(() => decodeSeriesBinary(good.slice(0, good.byteLength - 8))).toThrow(/truncated/);
  });
});
