/**
 * A row of side-by-side cells, each a stack of text runs: measured first, then drawn on one page.
 * A row taller than a whole page cannot be kept together; it is then "flowed": every cell's
 * runs are written one below the other at full width and may continue on the following pages.
 */
import { type Doc, type LaidOut, type TextRun, bodyHeight, contentLeft, contentWidth, drawRun, ensureSpace, flowRun, layoutRun } from './pdf-layout.ts';

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

/** Every run of every cell laid out, and the height of the whole row. */
export interface RowMeasure {
  height: number;
  laid: LaidOut[][];
}

function textWidth(cell: RowCell, spacing: RowSpacing): number {
  return Math.max(1, cell.width - 2 * spacing.padding);
}

export function measureRow(doc: Doc, cells: RowCell[], spacing: RowSpacing): RowMeasure {
  const gap = spacing.runGap ?? 0;
  let height = 0;
  const laid = cells.map((cell) => {
    const runs = cell.runs.map((run) => layoutRun(doc, run, textWidth(cell, spacing)));
    const cellHeight = runs.reduce((sum, r) => sum + r.height, 0) + gap * Math.max(0, runs.length - 1);
    height = Math.max(height, cellHeight + 2 * spacing.padding);
    return runs;
  });
  return { height, laid };
}

/** Draws measured cells at doc.y, each run inside its measured box; moves doc.y below the row. */
export function drawRow(doc: Doc, cells: RowCell[], measure: RowMeasure, spacing: RowSpacing): void {
  const top = doc.y;
  cells.forEach((cell, c) => {
    let y = top + spacing.padding;
    cell.runs.forEach((run, r) => {
      const laid = measure.laid[c][r];
      drawRun(doc, run, cell.x + spacing.padding, y, textWidth(cell, spacing), laid);
      y += laid.height + (spacing.runGap ?? 0);
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
    flowRun(doc, run, x, width);
    doc.y += spacing.runGap ?? 0;
  }
  doc.x = contentLeft(doc);
  doc.y += spacing.padding;
}

/** Cells laid out on a page of another width, moved and sized in proportion. */
function rescale(cells: RowCell[], left: number, ratio: number): RowCell[] {
  return cells.map((cell) => ({ ...cell, x: left + (cell.x - left) * ratio, width: cell.width * ratio }));
}

export interface RowHooks {
  onNewPage?: () => void;
  /** height that must follow this row on its page (the last rows of a form keep the signatures company) */
  keepWith?: number;
  decorate?: (top: number, height: number, cells: RowCell[]) => void;
  flowCells?: () => RowCell[];
}

/**
 * Places a row below doc.y: on this page if it fits, else on a new page (calling `onNewPage`,
 * e.g. to repeat a table header), or flowed when it does not fit on a page of its own. With `keepWith`, the row
 * goes to a new page also when that much does not fit below it.
 * `decorate(top, height)` draws backgrounds and rules before the text (not for flowed rows);
 * `flowCells()` may supply other cells for the flowed form (e.g. values prefixed by their column name).
 */
export function placeRow(doc: Doc, laidOutCells: RowCell[], spacing: RowSpacing, hooks: RowHooks = {}): void {
  let cells = laidOutCells;
  let measure = measureRow(doc, cells, spacing);
  const withNext = measure.height + (hooks.keepWith ?? 0);
  // what follows is kept with the row only when both fit on one page (with room for a repeated table header)
  const needed = withNext <= bodyHeight(doc) * 0.8 ? withNext : measure.height;
  const width = contentWidth(doc);
  if (measure.height <= bodyHeight(doc) && ensureSpace(doc, needed)) {
    if (contentWidth(doc) !== width) {
      // the new page has another orientation: the row keeps its proportions
      cells = rescale(cells, contentLeft(doc), contentWidth(doc) / width);
      measure = measureRow(doc, cells, spacing);
    }
    hooks.onNewPage?.();
  }
  if (doc.y + measure.height > doc.page.maxY() + 0.01) {
    flowRow(doc, hooks.flowCells?.() ?? cells, spacing);
    return;
  }
  hooks.decorate?.(doc.y, measure.height, cells);
  drawRow(doc, cells, measure, spacing);
}
