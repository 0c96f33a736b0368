/**
 * A row of side-by-side cells, each a stack of text runs: measured first, then drawn on one page.
 * A row taller than a whole page cannot be kept together; it is then "flowed": every cell's
 * runs are written one below the other at full width and may continue on the following pages.
 */
import { type Doc, type TextRun, bodyHeight, contentLeft, contentWidth, drawRun, ensureSpace, measureRun } from './pdf-layout.ts';

export interface RowCell {
  x: number;
  width: number;
  runs: TextRun[];
}

/** Space between a cell's border and its text, and between runs of one cell. */
export interface RowSpacing {
  padding: number;
  runGap?: number;
}

/** Height of every run of every cell, and of the whole row. */
export interface RowMeasure {
  height: number;
  runHeights: number[][];
}

function textWidth(cell: RowCell, spacing: RowSpacing): number {
  return Math.max(1, cell.width - 2 * spacing.padding);
}

export function measureRow(doc: Doc, cells: RowCell[], spacing: RowSpacing): RowMeasure {
  const gap = spacing.runGap ?? 0;
  let height = 0;
  const runHeights = cells.map((cell) => {
    const heights = cell.runs.map((run) => measureRun(doc, run, textWidth(cell, spacing)));
    const cellHeight = heights.reduce((sum, h) => sum + h, 0) + gap * Math.max(0, heights.length - 1);
    height = Math.max(height, cellHeight + 2 * spacing.padding);
    return heights;
  });
  return { height, runHeights };
}

/** Draws measured cells at doc.y, each run inside its measured box; moves doc.y below the row. */
export function drawRow(doc: Doc, cells: RowCell[], measure: RowMeasure, spacing: RowSpacing): void {
  const top = doc.y;
  cells.forEach((cell, c) => {
    let y = top + spacing.padding;
    cell.runs.forEach((run, r) => {
      const runHeight = measure.runHeights[c][r];
      drawRun(doc, run, cell.x + spacing.padding, y, textWidth(cell, spacing), runHeight);
      y += runHeight + (spacing.runGap ?? 0);
    });
  });
  doc.x = contentLeft(doc);
  doc.y = top + measure.height;
}

/** Writes every run of every cell below each other at full width, breaking pages as needed. */
export function flowRow(doc: Doc, cells: RowCell[], spacing: RowSpacing): void {
  const x = contentLeft(doc) + spacing.padding;
  const width = contentWidth(doc) - 2 * spacing.padding;
  doc.y += spacing.padding;
  for (const run of cells.flatMap((cell) => cell.runs)) {
    ensureSpace(doc, measureRun(doc, { ...run, text: 'X' }, width));
    drawRun(doc, run, x, doc.y, width);
    doc.y += spacing.runGap ?? 0;
  }
  doc.x = contentLeft(doc);
  doc.y += spacing.padding;
}

export interface RowHooks {
  onNewPage?: () => void;
  decorate?: (top: number, height: number) => void;
  flowCells?: () => RowCell[];
}

/**
 * Places a row below doc.y: on this page if it fits, else on a new page (calling `onNewPage`,
 * e.g. to repeat a table header), or flowed when it does not fit on a page of its own.
 * `decorate(top, height)` draws backgrounds and rules before the text (not for flowed rows);
 * `flowCells()` may supply other cells for the flowed form (e.g. values prefixed by their column name).
 */
export function placeRow(doc: Doc, cells: RowCell[], spacing: RowSpacing, hooks: RowHooks = {}): void {
  const measure = measureRow(doc, cells, spacing);
  if (measure.height <= bodyHeight(doc) && ensureSpace(doc, measure.height)) hooks.onNewPage?.();
  if (doc.y + measure.height > doc.page.maxY() + 0.01) {
    flowRow(doc, hooks.flowCells?.() ?? cells, spacing);
    return;
  }
  hooks.decorate?.(doc.y, measure.height);
  drawRow(doc, cells, measure, spacing);
}
