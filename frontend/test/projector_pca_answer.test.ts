// Unit tests of reading the `pca` route's answer (pca_answer.ts) from answers laid out here by hand
// (plugins/projector/http_api.md): the header and basis, float32 coordinates as they are, float16
// ones decoded (values by the float16 format's definition) and scaled by 2^-e, wrong lengths refused.
import { describe, expect, it } from 'vitest';
import { parsePca } from '../src/plugins/projector/pca_answer';

/** An answer for 2 rows of 2 columns, 2 components, both projected; `coords` follow the basis. */
function answer(coords: (view: DataView, at: number) => number): ArrayBuffer {
  const buffer = new ArrayBuffer(40 + 8 * (2 + 2 + 4) + 16);
  const view = new DataView(buffer);
  [2, 2, 2, 2, 2].forEach((v, i) => view.setBigUint64(8 * i, BigInt(v), true));
  [0.75, 0.25, 1.5, -0.5, 0.6, 0.8, -0.8, 0.6].forEach((v, i) => view.setFloat64(40 + 8 * i, v, true));
  const end = coords(view, 104);
  return buffer.slice(0, end);
}

describe('parsePca', () => {
  it('reads the basis and float32 coordinates', () => {
    const buffer = answer((view, at) => {
      [1, -2, 0.5, 3].forEach((v, i) => view.setFloat32(at + 4 * i, v, true));
      return at + 16;
    });
    const { rows, dims, pca } = parsePca(buffer, false);
    expect([rows, dims, pca.components, pca.projectedComponents, pca.sampledRows]).toEqual([2, 2, 2, 2, 2]);
    expect(pca.explained).toEqual([0.75, 0.25]);
    expect(Array.from(pca.offsets)).toEqual([1.5, -0.5]);
    expect(Array.from(pca.basis)).toEqual([0.6, 0.8, -0.8, 0.6]);
    expect(Array.from(pca.projected)).toEqual([1, -2, 0.5, 3]);
  });

  it('decodes float16 coordinates and scales them by 2^-e', () => {
    const buffer = answer((view, at) => {
      view.setBigInt64(at, 3n, true); // e = 3
      // 1, -2, the smallest subnormal (2^-24), the largest finite (65504).
      [0x3c00, 0xc000, 0x0001, 0x7bff].forEach((v, i) => view.setUint16(at + 8 + 2 * i, v, true));
      return at + 16;
    });
    const { pca } = parsePca(buffer, true);
    expect(Array.from(pca.projected)).toEqual([1 / 8, -2 / 8, 2 ** -27, 65504 / 8]);
    const negative = answer((view, at) => {
      view.setBigInt64(at, -2n, true);
      [0x3555, 0x8000, 0x0400, 0x2e66].forEach((v, i) => view.setUint16(at + 8 + 2 * i, v, true));
      return at + 16;
    });
    // 0x3555 = 1365/4096, 0x0400 = 2^-14, 0x2e66 = 1638/16384 (0.1 to float16).
    expect(Array.from(parsePca(negative, true).pca.projected)).toEqual([(1365 / 4096) * 4, -0, 2 ** -12, (1638 / 16384) * 4]);
  });

  it('refuses an answer of the wrong length', () => {
    const float32 = answer((_view, at) => at + 16);
    expect(() => parsePca(float32.slice(0, float32.byteLength - 2), false)).toThrow('wrong length');
    expect(() => parsePca(float32.slice(0, float32.byteLength - 2), true)).toThrow('wrong length');
    expect(() => parsePca(new ArrayBuffer(20), true)).toThrow('short');
  });
});
