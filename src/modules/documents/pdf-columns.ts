/**
 * Column widths, alignment and page orientation of printed tables, measured from the text they hold (ADR 0040):
 * every column is at least as wide as its widest word — an amount counts whole, it is never wrapped — and its
 * header's widest word (a header wraps between words only, and may print a little smaller to fit). A table whose
 * columns do not fit a portrait page is printed on landscape pages; one too wide even for those, row by row as
 * label/value blocks (pdf-records.ts).
 */
import { type Doc, type PageLayout, isAmount, lineWidth, widestWord } from './pdf-layout.ts';

/** Rows measured whole to size and align columns; enough for a stable layout, cheap for huge tables. */
const SAMPLE_ROWS = 300;
const MIN_COLUMN = 24;
/** A header word may print this much smaller than the table's text to keep its column narrow. */
export const HEADER_SHRINK = 0.8;
/** Tables of more columns go landscape rather than wrap every cell of a portrait page. */
const PORTRAIT_COLUMNS = 8;
/** A word this wide (in points) cannot set a column's width: it is split where it must (an address, a code…). */
const WIDEST_WORD = 200;
/** What a cell holds that is not a value: it does not make a column textual. */
const NO_VALUE = new Set(['', '—', '-']);

export function sampleRows(rows: string[][]): string[][] {
  return rows.length <= SAMPLE_ROWS ? rows : rows.slice(0, SAMPLE_ROWS);
}

/** A column is right-aligned when every sampled cell that holds a value looks like a number or an amount. */
export function numericColumns(columnCount: number, rows: string[][]): boolean[] {
  return Array.from({ length: columnCount }, (_, c) => {
    const values = rows.map((row) => (row[c] ?? '').trim()).filter((v) => !NO_VALUE.has(v));
    return values.length > 0 && values.every(isAmount);
  });
}

/** What each column needs, in points with its padding: its narrowest width, its width on one line, its header's word. */
export interface ColumnNeeds {
  /** narrowest width that breaks no word and no amount of the body or totals */
  min: number[];
  /** width that prints every cell and the header's widest word on one line */
  max: number[];
  /** widest word of the header at the table's size, without padding */
  headerWord: number[];
  padding: number;
}

export interface TableText {
  columns: string[];
  rows: string[][];
  totals?: string[];
}

export function columnNeeds(doc: Doc, table: TableText, columnCount: number, size: number, padding: number): ColumnNeeds {
  const pad = 2 * padding + 1;
  const min = new Array<number>(columnCount).fill(0);
  const max = new Array<number>(columnCount).fill(0);
  const headerWord = Array.from({ length: columnCount }, (_, c) => widestWord(doc, { size, bold: true }, table.columns[c] ?? ''));
  const longest = new Array<number>(columnCount).fill(0);
  const measure = (row: string[], bold: boolean) => {
    const pen = { size, bold };
    for (let c = 0; c < columnCount; c++) {
      const text = row[c] ?? '';
      if (text === '') continue;
      const word = widestWord(doc, pen, text);
      min[c] = Math.max(min[c], isAmount(text) ? word : Math.min(word, WIDEST_WORD));
      max[c] = Math.max(max[c], lineWidth(doc, pen, text));
      longest[c] = Math.max(longest[c], text.length);
    }
  };
  const sampled = sampleRows(table.rows);
  for (const row of sampled) measure(row, false);
  // beyond the sample only the amounts can widen a column (digits are all as wide): those longer than any seen
  for (let r = sampled.length; r < table.rows.length; r++) {
    const row = table.rows[r];
    for (let c = 0; c < columnCount; c++) {
      const text = row[c] ?? '';
      if (text.length > longest[c] && isAmount(text))
        measure(
          Array.from({ length: columnCount }, (_, k) => (k === c ? text : '')),
          false,
        );
    }
  }
  if (table.totals) measure(table.totals, true);
  return {
    min: min.map((m) => Math.max(MIN_COLUMN, m + pad)),
    max: max.map((m, c) => Math.max(MIN_COLUMN, m + pad, min[c] + pad, headerWord[c] + pad)),
    headerWord,
    padding,
  };
}

/** Narrowest width of each column, its header allowed to shrink a little. */
function narrowest(needs: ColumnNeeds): number[] {
  const pad = 2 * needs.padding + 1;
  return needs.min.map((m, c) => Math.max(m, needs.headerWord[c] * HEADER_SHRINK + pad));
}

export type TableMode = { kind: 'table'; layout: PageLayout } | { kind: 'records' };

/**
 * How a table prints: on the page as it is when everything fits on one line there or it has few columns that fit;
 * on landscape pages when its columns fit only there; else as one label/value block per row.
 */
export function tableMode(needs: ColumnNeeds, widths: { portrait: number; landscape: number }): TableMode {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const sumMin = sum(narrowest(needs));
  const sumMax = sum(needs.max);
  if (sumMax <= widths.portrait || (sumMin <= widths.portrait && needs.min.length <= PORTRAIT_COLUMNS)) return { kind: 'table', layout: 'portrait' };
  if (sumMin <= widths.landscape) return { kind: 'table', layout: 'landscape' };
  return { kind: 'records' };
}

/**
 * Splits `total` over the columns like an HTML table does: every column first gets its narrowest width, the space
 * left is shared in proportion to how much more each column would need to print its cells on one line. When even
 * the narrowest widths do not fit (only a table that could not print otherwise), narrow columns keep theirs and the
 * wide ones share the rest.
 */
export function columnWidths(needs: ColumnNeeds, total: number): number[] {
  return share(narrowest(needs), needs.max, total);
}

/** Size of a column's header: the table's, or smaller (down to HEADER_SHRINK) until its widest word fits. */
export function headerSize(needs: ColumnNeeds, column: number, width: number, size: number): number {
  const room = width - 2 * needs.padding - 0.5;
  const word = needs.headerWord[column];
  if (word <= room) return size;
  return size * Math.max(HEADER_SHRINK, room / word);
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
