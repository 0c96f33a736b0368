/**
 * Column widths and alignment for printed tables, derived from the (sampled) text they hold.
 */
import { type Doc, useFont } from './pdf-layout.ts';

/** Rows looked at to size and align columns; enough for a stable layout, cheap for huge tables. */
const SAMPLE_ROWS = 300;
const MIN_COLUMN = 24;

const AMOUNT = /^[-+\u2212(]?\s*(€\s*)?\d[\d.,\s\u00A0\u202F']*(\s*[€%])?\)?$/;

export function sampleRows(rows: string[][]): string[][] {
  return rows.length <= SAMPLE_ROWS ? rows : rows.slice(0, SAMPLE_ROWS);
}

/** A column is right-aligned when every non-empty sampled cell looks like a number or amount. */
export function numericColumns(columnCount: number, rows: string[][]): boolean[] {
  return Array.from({ length: columnCount }, (_, c) => {
    const values = rows.map((row) => (row[c] ?? '').trim()).filter((v) => v !== '');
    return values.length > 0 && values.every((v) => v.length < 40 && AMOUNT.test(v));
  });
}

function longestWord(doc: Doc, text: string): number {
  let widest = 0;
  for (const word of text.split(/\s+/)) widest = Math.max(widest, doc.widthOfString(word));
  return widest;
}

/**
 * Splits `total` over the columns like an HTML table does: every column first gets its minimum
 * (its widest unbreakable word; whole amounts in numeric columns), the space left is shared in
 * proportion to how much more each column would need to print its cells on one line. When even
 * the minimums do not fit, narrow columns keep theirs and the wide ones share the rest.
 */
export function columnWidths(
  doc: Doc,
  input: { columns: string[]; rows: string[][]; totals?: string[]; numeric: boolean[] },
  total: number,
  fontSize: number,
  padding: number,
): number[] {
  const count = input.numeric.length;
  const mins = new Array<number>(count).fill(0);
  const maxs = new Array<number>(count).fill(0);
  const widestWord = total * 0.4;
  useFont(doc, { size: fontSize, bold: true });
  input.columns.forEach((title, c) => {
    if (c < count) mins[c] = maxs[c] = Math.min(longestWord(doc, title), widestWord);
  });
  useFont(doc, { size: fontSize });
  const measure = (row: string[], widenMin: boolean) => {
    for (let c = 0; c < count; c++) {
      const text = row[c] ?? '';
      if (text === '') continue;
      const full = Math.min(doc.widthOfString(text), total);
      maxs[c] = Math.max(maxs[c], full);
      if (widenMin) mins[c] = Math.max(mins[c], Math.min(input.numeric[c] ? full : longestWord(doc, text), widestWord));
    }
  };
  for (const row of sampleRows(input.rows)) measure(row, true);
  // a single totals row may wrap rather than squeeze every other column
  if (input.totals) measure(input.totals, false);
  const pad = (w: number) => Math.max(MIN_COLUMN, w + 2 * padding + 1);
  return share(mins.map(pad), maxs.map(pad), total);
}

function share(mins: number[], maxs: number[], total: number): number[] {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const sumMin = sum(mins);
  const sumMax = sum(maxs);
  if (sumMax <= total) return maxs.map((w) => (w * total) / sumMax);
  if (sumMin >= total) return fairShares(mins, total);
  const spare = (total - sumMin) / (sumMax - sumMin);
  return mins.map((min, c) => min + (maxs[c] - min) * spare);
}

/** Max-min fair split: columns needing less than an equal share keep their width. */
function fairShares(wanted: number[], total: number): number[] {
  const widths = new Array<number>(wanted.length).fill(0);
  const order = wanted.map((w, i) => ({ w, i })).sort((a, b) => a.w - b.w);
  let left = total;
  order.forEach(({ w, i }, k) => {
    widths[i] = Math.min(w, left / (order.length - k));
    left -= widths[i];
  });
  return widths;
}
