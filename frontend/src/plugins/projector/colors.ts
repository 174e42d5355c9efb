// Colouring points by a metadata column: a categorical palette when the column has at most 20
// distinct values (the rest grey), else a continuous blue→red scale when its values are numbers
// (a column whose first 1,000 values hold no number is text), else uniform. Returns rows × 3 colour bytes (0–255) and the legend. Pure; any thread.
import type { Metadata } from './metadata';

const PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#393b79', '#e6550d', '#31a354', '#843c39', '#7b4173', '#3182bd', '#fd8d3c', '#74c476', '#9e9ac8', '#636363',
];
const UNIFORM = '#546e7a';

export interface Legend {
  kind: 'none' | 'categorical' | 'continuous';
  entries: { label: string; color: string; count?: number }[];
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const PALETTE_RGB = PALETTE.map(rgb);

function uniform(colors: Uint8Array): { colors: Uint8Array; legend: Legend } {
  const [r, g, b] = rgb(UNIFORM);
  for (let i = 0; i < colors.length; i += 3) {
    colors[i] = r;
    colors[i + 1] = g;
    colors[i + 2] = b;
  }
  return { colors, legend: { kind: 'none', entries: [] } };
}

/** `indices`, when given, maps point i to its metadata row (an isolated subset). */
export function colorPoints(
  rows: number,
  metadata: Metadata | null,
  column: number,
  indices?: ArrayLike<number>,
): { colors: Uint8Array; legend: Legend } {
  const colors = new Uint8Array(rows * 3);
  const fill = (i: number, c: readonly number[]) => {
    colors[3 * i] = c[0];
    colors[3 * i + 1] = c[1];
    colors[3 * i + 2] = c[2];
  };
  if (!metadata || column < 0 || column >= metadata.columns.length) return uniform(colors);
  const value = indices ? (i: number) => metadata.value(indices[i], column) : (i: number) => metadata.value(i, column);
  const counts = new Map<string, number>();
  for (let i = 0; i < rows; i++) {
    const v = value(i);
    counts.set(v, (counts.get(v) ?? 0) + 1);
    if (counts.size > PALETTE.length) break;
  }
  if (counts.size <= PALETTE.length) {
    const order = [...counts.keys()].sort();
    const index = new Map(order.map((v, k) => [v, k]));
    for (let i = 0; i < rows; i++) fill(i, PALETTE_RGB[index.get(value(i)) ?? 0]);
    return {
      colors,
      legend: { kind: 'categorical', entries: order.map((v, k) => ({ label: v, color: PALETTE[k], count: counts.get(v) })) },
    };
  }
  const numbers = new Float64Array(rows);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rows; i++) {
    const n = Number(value(i));
    numbers[i] = n;
    if (Number.isFinite(n)) {
      min = Math.min(min, n);
      max = Math.max(max, n);
    }
    // A text column (say a million distinct labels): stop once its first rows hold no number.
    if (i === 999 && min === Infinity) break;
  }
  if (min === Infinity) return uniform(colors);
  const span = max > min ? max - min : 1;
  for (let i = 0; i < rows; i++) {
    const t = Number.isFinite(numbers[i]) ? (numbers[i] - min) / span : 0;
    fill(i, [Math.round(255 * (0.15 + 0.8 * t)), 77, Math.round(255 * (0.95 - 0.8 * t))]);
  }
  return {
    colors,
    legend: {
      kind: 'continuous',
      entries: [
        { label: String(min), color: '#264df2' },
        { label: String(max), color: '#f24d33' },
      ],
    },
  };
}
