import type ExcelJS from 'exceljs';
import { columnLetter } from './columns.ts';

/** Hidden sheet holding the choice lists (labels with commas cannot go in an inline list). */
export const LISTS_SHEET = 'Lists';

/** The choice lists of a workbook, one column each; identical lists share a column. */
export class ChoiceLists {
  private readonly lists: string[][] = [];
  private readonly ranges = new Map<string, string>();

  /** The range of a list of labels, for a list data validation. */
  range(labels: string[]): string {
    const key = JSON.stringify(labels);
    let range = this.ranges.get(key);
    if (!range) {
      this.lists.push(labels);
      const letter = columnLetter(this.lists.length);
      range = `${LISTS_SHEET}!$${letter}$1:$${letter}$${labels.length}`;
      this.ranges.set(key, range);
    }
    return range;
  }

  addSheet(workbook: ExcelJS.Workbook): void {
    const sheet = workbook.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
    this.lists.forEach((labels, i) => {
      labels.forEach((label, row) => {
        sheet.getCell(row + 1, i + 1).value = label;
      });
    });
  }
}
