// Parsing an embedding's metadata TSV as TensorBoard does: a first line holding a tab is a header
// naming the columns; otherwise there is one column, "label", and every line is a row. Empty
// trailing lines are ignored. Pure; any thread.

export interface Metadata {
  columns: string[];
  /** rows[i][c]: the value of column c for point i. */
  rows: string[][];
}

export function parseMetadata(text: string): Metadata {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return { columns: [], rows: [] };
  if (lines[0].includes('\t')) {
    const columns = lines[0].split('\t');
    return { columns, rows: lines.slice(1).map((line) => line.split('\t')) };
  }
  return { columns: ['label'], rows: lines.map((line) => [line]) };
}

/** The indices of rows whose `column` value matches `pattern` (a regular expression, case-insensitive). */
export function searchRows(metadata: Metadata, column: number, pattern: string): number[] {
  if (pattern === '') return [];
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'i');
  } catch {
    const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    regex = new RegExp(escaped, 'i');
  }
  const out: number[] = [];
  metadata.rows.forEach((row, i) => {
    if (regex.test(row[column] ?? '')) out.push(i);
  });
  return out;
}
