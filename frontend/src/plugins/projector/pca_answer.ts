// The `pca` route's answer read into a PcaResult (layout in plugins/projector/http_api.md): float32
// coordinates viewed in place, float16 ones (`coords=float16`) decoded by a table of the 65,536
// float16 values and scaled by 2^-e. Pure functions; used by the tensor-loading worker.
import type { PcaResult } from './pca';

export type ServerPca = { rows: number; dims: number; pca: PcaResult & { sampledRows: number } };

let halfValues: Float32Array | null = null;

/** The value of every float16 (IEEE 754 binary16), by its bits. */
function halfTable(): Float32Array {
  if (halfValues) return halfValues;
  halfValues = new Float32Array(65536);
  for (let bits = 0; bits < 65536; bits++) {
    const exponent = (bits >> 10) & 0x1f;
    const mantissa = bits & 0x3ff;
    const magnitude =
      exponent === 31 ? (mantissa ? NaN : Infinity) : exponent === 0 ? mantissa * 2 ** -24 : (1024 + mantissa) * 2 ** (exponent - 25);
    halfValues[bits] = bits & 0x8000 ? -magnitude : magnitude;
  }
  return halfValues;
}

/** The `pca` route's answer (layout in plugins/projector/http_api.md), its coordinates float32 or
 * (`half`) float16 times 2^e. */
export function parsePca(buffer: ArrayBuffer, half: boolean): ServerPca {
  if (buffer.byteLength < 40) throw new Error('short PCA answer');
  const header = new DataView(buffer, 0, 40);
  const [rows, dims, components, projectedComponents, sampledRows] = [0, 1, 2, 3, 4].map((i) =>
    Number(header.getBigUint64(8 * i, true)),
  );
  const basisEnd = 40 + 8 * (2 * components + components * dims);
  const start = basisEnd + (half ? 8 : 0);
  const count = rows * projectedComponents;
  if (buffer.byteLength !== start + count * (half ? 2 : 4)) throw new Error('PCA answer of the wrong length');
  const explained = Array.from(new Float64Array(buffer, 40, components));
  const offsets = new Float64Array(buffer.slice(40 + 8 * components, 40 + 16 * components));
  const basis = new Float64Array(buffer.slice(40 + 16 * components, basisEnd));
  let projected: Float32Array;
  if (half) {
    const scale = 2 ** -Number(new DataView(buffer, basisEnd, 8).getBigInt64(0, true));
    const bits = new Uint16Array(buffer, start, count);
    const table = halfTable();
    projected = new Float32Array(count);
    for (let i = 0; i < count; i++) projected[i] = table[bits[i]] * scale;
  } else {
    // A view of the answer (8-byte aligned), transferred with it: no copy of the rows.
    projected = new Float32Array(buffer, start, count);
  }
  return { rows, dims, pca: { projected, projectedComponents, components, basis, offsets, explained, sampledRows } };
}
