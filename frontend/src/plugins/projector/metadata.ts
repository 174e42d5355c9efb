// Parsing an embedding's metadata TSV as TensorBoard does: a first line holding a tab is a header
// naming the columns; otherwise there is one column, "label", and every line is a row. Empty
// trailing lines are ignored. Parsing only indexes where lines start (a million rows take one
// pass and no per-row objects); a column's values are cut out when first asked for and kept.
// Pure; any thread.

export interface Metadata {
  columns: string[];
  rowCount: number;
  /** The value of `column` for point `row` ('' when the row has fewer fields). */
  value(row: number, column: number): string;
  /** Every row's value of `column`, cached. */
  column(column: number): string[];
}

export function parseMetadata(text: string): Metadata {
  // Line starts, then the end of the text (without trailing empty lines).
  const starts: number[] = [];
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  if (end > 0) {
    starts.push(0);
    for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  }
  const lineEnd = (k: number) => {
    let e = k + 1 < starts.length ? starts[k + 1] - 1 : end;
    if (e > starts[k] && text.charCodeAt(e - 1) === 13) e--;
    return e;
  };
  const firstLine = starts.length > 0 ? text.slice(0, lineEnd(0)) : '';
  const header = firstLine.includes('\t');
  const columns = starts.length === 0 ? [] : header ? firstLine.split('\t') : ['label'];
  const skip = header ? 1 : 0;
  const rowCount = Math.max(starts.length - skip, 0);
  const cache = new Map<number, string[]>();
  const value = (row: number, column: number): string => {
    if (row < 0 || row >= rowCount) return '';
    const k = row + skip;
    const stop = lineEnd(k);
    let from = starts[k];
    if (!header) return column === 0 ? text.slice(from, stop) : '';
    for (let c = 0; c < column; c++) {
      const tab = text.indexOf('\t', from);
      if (tab < 0 || tab >= stop) return '';
      from = tab + 1;
    }
    const tab = text.indexOf('\t', from);
    return text.slice(from, tab < 0 || tab >= stop ? stop : tab);
  };
  const column = (c: number): string[] => {
    let values = cache.get(c);
    if (!values) {
      values = new Array<string>(rowCount);
      for (let r = 0; r < rowCount; r++) values[r] = value(r, c);
      cache.set(c, values);
    }
    return values;
  };
  return { columns, rowCount, value, column };
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
  metadata.column(column).forEach((v, i) => {
    if (regex.test(v)) out.push(i);
  });
  return out;
}
