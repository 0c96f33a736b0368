/**
 * A table section: column headers, rows and an optional totals row, tagged as Table > TR > TH/TD
 * (no THead/TBody/TFoot: those are PDF 1.5 types, not standard in PDF/A-1). The header row is
 * repeated (as an artifact) on every page the table continues on. Columns are sized from their text so that no
 * amount and no word is broken; a table too wide for a portrait page prints on landscape pages, one too wide even
 * for those row by row (pdf-columns.ts, pdf-records.ts, ADR 0040).
 */
import { type ColumnNeeds, type TableMode, columnNeeds, columnWidths, headerSize, numericColumns, sampleRows, tableMode } from './pdf-columns.ts';
import {
  COLORS,
  type Doc,
  type PageLayout,
  type StructElement,
  type TextRun,
  addStruct,
  bodyHeight,
  contentLeft,
  contentWidth,
  contentWidthOf,
  continuingIn,
  ensureSpace,
  fillBox,
  pageLayout,
  pageNumber,
  rule,
} from './pdf-layout.ts';
import { drawRecords, firstRecordHeight } from './pdf-records.ts';
import { type RowCell, type RowSpacing, measureRow, placeRow } from './pdf-rows.ts';
import type { PrintableTable } from './printable.ts';

export type TableContent = PrintableTable;

const SPACING: RowSpacing = { padding: 3 };

function fontSizeFor(columnCount: number): number {
  if (columnCount <= 4) return 9;
  if (columnCount <= 7) return 8;
  return 7;
}

/** A table measured and its way of printing chosen, before anything of it is written. */
export interface PlannedTable {
  table: TableContent;
  columnCount: number;
  size: number;
  numeric: boolean[];
  needs: ColumnNeeds;
  mode: TableMode;
}

export function planTable(doc: Doc, table: TableContent): PlannedTable | null {
  const columnCount = table.rows.reduce((max, row) => Math.max(max, row.length), Math.max(table.columns.length, table.totals?.length ?? 0));
  if (columnCount === 0) return null;
  const size = fontSizeFor(columnCount);
  const numeric = numericColumns(columnCount, sampleRows(table.rows));
  const needs = columnNeeds(doc, table, columnCount, size, SPACING.padding);
  const mode = tableMode(needs, { portrait: contentWidthOf(doc, 'portrait'), landscape: contentWidthOf(doc, 'landscape') });
  return { table, columnCount, size, numeric, needs, mode };
}

/** The orientation the table's first page must have (none: any page will do). */
export function tableLayout(planned: PlannedTable | null): PageLayout | undefined {
  return planned?.mode.kind === 'table' && planned.mode.layout === 'landscape' ? 'landscape' : undefined;
}

/** A table laid out on the current page's width: its cells, row by row. */
function layOut(doc: Doc, planned: PlannedTable) {
  const { table, size, numeric, needs } = planned;
  const left = contentLeft(doc);
  const widths = columnWidths(needs, contentWidth(doc));
  const xs = widths.map((_, c) => left + widths.slice(0, c).reduce((a, b) => a + b, 0));
  const align = (c: number) => (numeric[c] ? 'right' : 'left') as TextRun['align'];
  const headerSizes = widths.map((width, c) => headerSize(needs, c, width, size));
  const cellsOf = (texts: string[], pen: { bold?: boolean; header?: boolean }, tags?: StructElement[]): RowCell[] =>
    xs.map((x, c) => ({
      x,
      width: widths[c],
      runs: [{ text: texts[c] ?? '', size: pen.header ? headerSizes[c] : size, bold: pen.bold, align: align(c), tag: tags?.[c] }],
    }));
  const header = () => cellsOf(table.columns, { bold: true, header: true });
  return { left, widths, xs, cellsOf, header };
}

/** Height of the table's start — header and first row, or first block — on the page it starts on. */
export function tableStartHeight(doc: Doc, planned: PlannedTable | null): number {
  if (!planned) return 0;
  if (planned.mode.kind === 'records') return firstRecordHeight(doc, planned.table);
  const { cellsOf, header } = layOut(doc, planned);
  const first = planned.table.rows[0] ?? planned.table.totals;
  return measureRow(doc, header(), SPACING).height + (first ? measureRow(doc, cellsOf(first, {}), SPACING).height : 0);
}

/** Prints a planned table below doc.y; its last rows keep `keepWith` points after them on their page. */
export function drawTable(doc: Doc, parent: StructElement, planned: PlannedTable | null, options: { keepWith?: number } = {}): void {
  if (!planned) return;
  if (planned.mode.kind === 'records') {
    drawRecords(doc, parent, planned.table, options);
    return;
  }
  const layout = tableLayout(planned);
  if (layout) ensureSpace(doc, 0, layout);
  // the table continues in the orientation of its first page: its columns were sized for that width
  continuingIn(doc, pageLayout(doc), () => drawRows(doc, parent, planned, options.keepWith ?? 0));
}

function drawRows(doc: Doc, parent: StructElement, planned: PlannedTable, keepWith: number): void {
  const { table } = planned;
  const { left, widths, xs, cellsOf, header } = layOut(doc, planned);
  const tableTag = addStruct(doc, parent, 'Table');
  let headerPage = 0;
  const drawHeader = (tagged: boolean) => {
    let tags: StructElement[] | undefined;
    if (tagged) {
      const tr = addStruct(doc, tableTag, 'TR');
      tags = xs.map(() => addStruct(doc, tr, 'TH', 'Column'));
    }
    const cells = header().map((cell, c) => ({ ...cell, runs: cell.runs.map((run) => ({ ...run, tag: tags?.[c] })) }));
    placeRow(doc, cells, SPACING, {
      decorate: (top, height) => fillBox(doc, left, top, contentWidth(doc), height, COLORS.headerFill),
    });
    headerPage = pageNumber(doc);
  };

  // keep the header together with the first row
  const headerHeight = measureRow(doc, header(), SPACING).height;
  const firstRow = table.rows[0] ?? table.totals;
  const firstHeight = firstRow ? measureRow(doc, cellsOf(firstRow, {}), SPACING).height : 0;
  ensureSpace(doc, headerHeight + (firstHeight <= bodyHeight(doc) - headerHeight ? firstHeight : 0));
  drawHeader(true);

  const totalsHeight = table.totals ? measureRow(doc, cellsOf(table.totals, { bold: true }), SPACING).height : 0;
  const placeBodyRow = (texts: string[], bold: boolean, follow: number, fill?: string) => {
    if (pageNumber(doc) !== headerPage) drawHeader(false);
    const tr = addStruct(doc, tableTag, 'TR');
    const tags = xs.map(() => addStruct(doc, tr, 'TD'));
    placeRow(doc, cellsOf(texts, { bold }, tags), SPACING, {
      onNewPage: () => drawHeader(false),
      keepWith: follow,
      decorate: (top, height) => {
        if (fill) fillBox(doc, left, top, contentWidth(doc), height, fill);
        else rule(doc, left, top + height, contentWidth(doc), 0.4);
      },
      flowCells: () =>
        xs.map((x, c) => ({
          x,
          width: widths[c],
          runs: [
            { text: table.columns[c] ?? '', size: planned.size, bold: true },
            { text: texts[c] ?? '', size: planned.size, bold, tag: tags[c] },
          ],
        })),
    });
    tr.end();
  };

  const lastRow = table.rows.length - 1;
  table.rows.forEach((row, i) => {
    // the totals never stand alone: the last row goes with them, and with what must follow the table (the signatures)
    placeBodyRow(row, false, i === lastRow ? totalsHeight + keepWith : 0);
  });
  if (table.totals) placeBodyRow(table.totals, true, keepWith, COLORS.totalsFill);
  tableTag.end();
}
