/**
 * A table too wide even for a landscape page, printed row by row (ADR 0040): one block per row — a staff member —
 * titled with the row's name, its other columns as label/value pairs in a grid, each block kept on one page. The
 * totals row closes the list as a block of its own.
 */
import { COLORS, type Doc, type StructElement, addStruct, bodyHeight, contentLeft, contentWidth, ensureSpace, isAmount, rule } from './pdf-layout.ts';
import { type RowCell, type RowSpacing, drawRow, measureRow, placeRow } from './pdf-rows.ts';
import type { PrintableTable } from './printable.ts';

const TITLE_SIZE = 9;
const LABEL_SIZE = 7;
const VALUE_SIZE = 8.5;
/** Narrowest label/value pair: three to a portrait line, four to a landscape one. */
const PAIR_WIDTH = 150;
const GUTTER = 12;
const TITLE: RowSpacing = { padding: 2 };
const PAIR: RowSpacing = { padding: 2, runGap: 1 };
const NO_VALUE = new Set(['', '—', '-']);

interface Line {
  cells: RowCell[];
  spacing: RowSpacing;
}

/** The lines of one block: its title, then its pairs, `perLine` to a line; structure elements made on demand. */
function blockLines(doc: Doc, title: string, pairs: Array<{ label: string; value: string }>, tags?: { block: StructElement }): Line[] {
  const left = contentLeft(doc);
  const width = contentWidth(doc);
  const perLine = Math.max(1, Math.floor((width + GUTTER) / (PAIR_WIDTH + GUTTER)));
  const pairWidth = (width - GUTTER * (perLine - 1)) / perLine;
  const tag = (type: string) => (tags ? addStruct(doc, tags.block, type) : undefined);
  const lines: Line[] = [];
  if (title !== '') lines.push({ cells: [{ x: left, width, runs: [{ text: title, size: TITLE_SIZE, bold: true, tag: tag('H4') }] }], spacing: TITLE });
  for (let i = 0; i < pairs.length; i += perLine) {
    const cells = pairs.slice(i, i + perLine).map((pair, k) => ({
      x: left + k * (pairWidth + GUTTER),
      width: pairWidth,
      runs: [
        { text: pair.label, size: LABEL_SIZE, bold: true, color: COLORS.muted, tag: tag('P') },
        { text: pair.value, size: VALUE_SIZE, tag: tag('P') },
      ],
    }));
    lines.push({ cells, spacing: PAIR });
  }
  return lines;
}

function rowBlock(table: PrintableTable, row: string[], index: number) {
  const titleColumns = Math.max(0, Math.min(table.titleColumns ?? 1, table.columns.length));
  const name = row
    .slice(0, titleColumns)
    .filter((v) => !NO_VALUE.has(v.trim()))
    .join(' ');
  const title = `${index + 1}. ${name}`.trim();
  const pairs = table.columns.slice(titleColumns).map((label, k) => ({ label, value: row[titleColumns + k] ?? '' }));
  return { title, pairs };
}

function totalsBlock(table: PrintableTable, totals: string[]) {
  // the first cell names the row ("Totaal") when nothing is totalled there
  const label = totals[0] ?? '';
  const named = label !== '' && !isAmount(label);
  const pairs = table.columns.map((column, c) => ({ label: column, value: totals[c] ?? '' })).filter((pair, c) => pair.value !== '' && !(named && c === 0));
  return { title: named ? label : '', pairs };
}

function linesHeight(doc: Doc, lines: Line[]): number {
  return lines.reduce((sum, line) => sum + measureRow(doc, line.cells, line.spacing).height, 0);
}

/** Height of the first block: what must follow a heading on its page. */
export function firstRecordHeight(doc: Doc, table: PrintableTable): number {
  const first = table.rows[0] ? rowBlock(table, table.rows[0], 0) : table.totals ? totalsBlock(table, table.totals) : null;
  return first ? linesHeight(doc, blockLines(doc, first.title, first.pairs)) + 4 : 0;
}

/** Prints the table as blocks; the last block keeps `keepWith` points after it on its page. */
export function drawRecords(doc: Doc, parent: StructElement, table: PrintableTable, options: { keepWith?: number } = {}): void {
  const list = addStruct(doc, parent, 'Div');
  const blocks = table.rows.map((row, i) => rowBlock(table, row, i));
  if (table.totals) blocks.push(totalsBlock(table, table.totals));
  const heights = blocks.map((block) => linesHeight(doc, blockLines(doc, block.title, block.pairs)) + 4);
  const last = blocks.length - 1;
  const keepWith = options.keepWith ?? 0;
  blocks.forEach((block, i) => {
    const height = heights[i];
    // the totals never stand alone: the last person goes with them, and they with what follows (the signatures)
    const follow = i === last ? keepWith : i === last - 1 && table.totals ? heights[last] + keepWith : 0;
    const withNext = height + follow;
    if (height <= bodyHeight(doc)) ensureSpace(doc, withNext <= bodyHeight(doc) ? withNext : height);
    // laid out on the page it lands on (a new page may be narrower)
    const div = addStruct(doc, list, 'Div');
    const lines = blockLines(doc, block.title, block.pairs, { block: div });
    const fits = doc.y + linesHeight(doc, lines) <= doc.page.maxY() + 0.01;
    for (const line of lines) {
      if (fits) drawRow(doc, line.cells, measureRow(doc, line.cells, line.spacing), line.spacing);
      else placeRow(doc, line.cells, line.spacing);
    }
    doc.y += 2;
    rule(doc, contentLeft(doc), doc.y, contentWidth(doc), 0.4);
    doc.y += 2;
    div.end();
  });
  list.end();
}
