import type { FormDefinition } from '../forms/definition.ts';

/** A problem with an uploaded workbook: `code` is an i18n key, `params` fill its placeholders. */
export interface WorkbookError {
  code: string;
  params: Record<string, string | number>;
}

/** What the application expects of an upload: the measure, year and template version of the form. */
export interface WorkbookExpectation {
  definition: FormDefinition;
  measure: string;
  reportYear: number;
  templateVersion: number;
  /** the KBO number of the OCMW whose form it is: a workbook downloaded for another OCMW is refused */
  kbo: string;
  /** campaign parameters (the year's enum lists) */
  params: Record<string, unknown>;
}

export type WorkbookReadResult =
  | {
      ok: true;
      /** raw rows per table, exactly as manual entry produces them */
      tables: Record<string, Array<Record<string, string>>>;
      /** per table, the Excel row number of each parsed row */
      rowNumbers: Record<string, number[]>;
    }
  | { ok: false; errors: WorkbookError[] };

export function workbookError(code: string, params: Record<string, string | number> = {}): WorkbookError {
  return { code, params };
}
