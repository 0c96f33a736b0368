/**
 * A table section: column headers, rows and an optional totals row, tagged as Table > TR > TH/TD
 * (no THead/TBody/TFoot: those are PDF 1.5 types, not standard in PDF/A-1). The header row is
 * repeated (as an artifact) on every page the table continues on.
 */
import { columnWidths, numericColumns, sampleRows } from './pdf-columns.ts';
import {
  COLORS,
  type Doc,
  type StructElement,
  type TextRun,
  addStruct,
  bodyHeight,
  contentLeft,
  contentWidth,
  ensureSpace,
  fillBox,
  pageNumber,
  rule,
} from './pdf-layout.ts';
import { type RowCell, type RowSpacing, measureRow, placeRow } from './pdf-rows.ts';

export interface TableContent {
  columns: string[];
  rows: string[][];
  totals?: string[];
}

const SPACING: RowSpacing = { padding: 3 };

function fontSizeFor(columnCount: number): number {
  if (columnCount <= 4) return 9;
  if (columnCount <= 7) return 8;
  return 7;
}

export function drawTable(doc: Doc, parent: StructElement, table: TableContent): void {
  const columnCount = table.rows.reduce((max, row) => Math.max(max, row.length), Math.max(table.columns.length, table.totals?.length ?? 0));
  if (columnCount === 0) return;

  const size = fontSizeFor(columnCount);
  const left = contentLeft(doc);
  const numeric = numericColumns(columnCount, sampleRows(table.rows));
  const widths = columnWidths(doc, { ...table, numeric }, contentWidth(doc), size, SPACING.padding);
  const xs = widths.map((_, c) => left + widths.slice(0, c).reduce((a, b) => a + b, 0));
  const align = (c: number) => (numeric[c] ? 'right' : 'left') as TextRun['align'];

  const cellsOf = (texts: string[], pen: { bold?: boolean }, tags?: StructElement[]): RowCell[] =>
    xs.map((x, c) => ({
      x,
      width: widths[c],
      runs: [{ text: texts[c] ?? '', size, bold: pen.bold, align: align(c), tag: tags?.[c] }],
    }));

  const tableTag = addStruct(doc, parent, 'Table');
  let headerPage = 0;
  const drawHeader = (tagged: boolean) => {
    let tags: StructElement[] | undefined;
    if (tagged) {
      const tr = addStruct(doc, tableTag, 'TR');
      tags = xs.map(() => addStruct(doc, tr, 'TH', 'Column'));
    }
    placeRow(doc, cellsOf(table.columns, { bold: true }, tags), SPACING, {
      decorate: (top, height) => fillBox(doc, left, top, contentWidth(doc), height, COLORS.headerFill),
    });
    headerPage = pageNumber(doc);
  };

  // keep the header together with the first row
  const headerHeight = measureRow(doc, cellsOf(table.columns, { bold: true }), SPACING).height;
  const firstRow = table.rows[0] ?? table.totals;
  const firstHeight = firstRow ? measureRow(doc, cellsOf(firstRow, {}), SPACING).height : 0;
  ensureSpace(doc, headerHeight + (firstHeight <= bodyHeight(doc) - headerHeight ? firstHeight : 0));
  drawHeader(true);

  const placeBodyRow = (texts: string[], bold: boolean, fill?: string) => {
    if (pageNumber(doc) !== headerPage) drawHeader(false);
    const tr = addStruct(doc, tableTag, 'TR');
    const tags = xs.map(() => addStruct(doc, tr, 'TD'));
    placeRow(doc, cellsOf(texts, { bold }, tags), SPACING, {
      onNewPage: () => drawHeader(false),
      decorate: (top, height) => {
        if (fill) fillBox(doc, left, top, contentWidth(doc), height, fill);
        else rule(doc, left, top + height, contentWidth(doc), 0.4);
      },
      flowCells: () =>
        xs.map((x, c) => ({
          x,
          width: widths[c],
          runs: [
            { text: table.columns[c] ?? '', size, bold: true },
            { text: texts[c] ?? '', size, bold, tag: tags[c] },
          ],
        })),
    });
    tr.end();
  };

  for (const row of table.rows) placeBodyRow(row, false);
  if (table.totals) placeBodyRow(table.totals, true, COLORS.totalsFill);
  tableTag.end();
}
