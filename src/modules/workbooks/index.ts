/** The Excel route of a measure (forms.md §2.7): the template to download, the upload to read, issue locations. */
export { buildWorkbook, type WorkbookTemplateInput } from './template.ts';
export { readWorkbook } from './read.ts';
export { describeLocation, locateIssue, type WorkbookLocation } from './locate.ts';
export type { WorkbookError, WorkbookExpectation, WorkbookReadResult } from './types.ts';
export { keptWorkbookRefusal } from './zip-guard.ts';
