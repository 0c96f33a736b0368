/**
 * Column widths and alignment for printed tables, derived from the text they hold.
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
 * Splits `total` over the columns: each column wants the width of its widest sampled cell
 * (headers may wrap at spaces); narrow columns get what they want and the others share the rest.
 */
export function columnWidths(
  doc: Doc,
  input: { columns: string[]; rows: string[][]; totals?: string[]; columnCount: number },
  total: number,
  fontSize: number,
  padding: number,
): number[] {
  const { columnCount } = input;
  const wants = new Array<number>(columnCount).fill(0);
  useFont(doc, { size: fontSize, bold: true });
  input.columns.forEach((title, c) => {
    if (c < columnCount) wants[c] = longestWord(doc, title);
  });
  const bodyRows = input.totals ? [...sampleRows(input.rows), input.totals] : sampleRows(input.rows);
  useFont(doc, { size: fontSize });
  for (const row of bodyRows) {
    for (let c = 0; c < columnCount; c++) {
      const text = row[c] ?? '';
      if (text !== '') wants[c] = Math.max(wants[c], Math.min(doc.widthOfString(text), total));
    }
  }
  const wanted = wants.map((w) => Math.max(MIN_COLUMN, w + 2 * padding + 1));
  const sum = wanted.reduce((a, b) => a + b, 0);
  if (sum <= total) return wanted.map((w) => (w * total) / sum);
  return fairShares(wanted, total);
}

/** Max-min fair split: columns wanting less than an equal share keep their width. */
function fairShares(wanted: number[], total: number): number[] {
  const widths = new Array<number>(wanted.length).fill(0);
  const order = wanted.map((w, i) => ({ w, i })).sort((a, b) => a.w - b.w);
  let left = total;
  order.forEach(({ w, i }, k) => {
    const share = left / (order.length - k);
    widths[i] = Math.min(w, share);
    left -= widths[i];
  });
  return widths;
}
