import type { ReferenceImportProblem, StagedReferenceRow } from '../../db/types.ts';
import type { RefField } from '../forms/definition.ts';
import { parseReferenceValue } from './reference-value.ts';
import type { Cell, SheetRow } from './sheet.ts';

/**
 * Validates a table of reference values against a campaign: the header names `nis` and/or `kbo`, optionally
 * `report_year`, and reference keys of the campaign's form definition (case-insensitive); every other line is
 * one OCMW. Every problem is reported with its line and column; only a table without problems may be loaded.
 */

export type ProblemCode =
  | 'empty_file'
  | 'missing_identifier_column'
  | 'no_value_columns'
  | 'unknown_column'
  | 'duplicate_column'
  | 'missing_identifier'
  | 'unknown_ocmw'
  | 'identifier_mismatch'
  | 'duplicate_ocmw'
  | 'wrong_year'
  | 'negative'
  | 'malformed_money'
  | 'malformed_count'
  | 'malformed_decimal'
  | 'too_large'
  | 'above_100';

export interface OrganisationKey {
  id: string;
  nis: string;
  kbo: string;
}

export interface ReferenceTableInput {
  rows: SheetRow[];
  fields: RefField[];
  organisations: OrganisationKey[];
  reportYear: number;
}

export interface ReferenceTableResult {
  /** the lines naming a known OCMW, with the values of the file (empty cells left out) */
  rows: StagedReferenceRow[];
  /** data lines of the file (blank lines not counted) */
  lineCount: number;
  problems: ReferenceImportProblem[];
}

type Column = { index: number; name: string } & ({ role: 'nis' | 'kbo' | 'report_year' } | { role: 'value'; field: RefField });

/** A problem's value as the user typed it, shortened for the report. */
function shown(cell: Cell): string {
  const text = String(cell ?? '');
  // Shortened by characters, not UTF-16 units: half an emoji is a lone surrogate, which PostgreSQL refuses in jsonb.
  const chars = [...text];
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : text;
}

function isEmpty(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** NIS codes have five digits; a numeric workbook cell loses nothing (NIS codes do not start with 0). */
export function normaliseNis(cell: Cell): string {
  return typeof cell === 'number' ? String(cell) : String(cell ?? '').replace(/\s/g, '');
}

/** KBO numbers with or without dots and spaces; a numeric workbook cell has lost its leading zero. */
export function normaliseKbo(cell: Cell): string {
  const digits = typeof cell === 'number' ? String(cell) : String(cell ?? '').replace(/[\s.]/g, '');
  return /^\d{9}$/.test(digits) ? `0${digits}` : digits;
}

function readHeader(header: SheetRow, dataRows: SheetRow[], fields: RefField[], problems: ReferenceImportProblem[]): Column[] {
  const byName = new Map(fields.map((f) => [f.key.toLowerCase(), f]));
  const allowed = { allowed: ['nis', 'kbo', 'report_year', ...fields.map((f) => f.key)].join(', ') };
  const seen = new Set<string>();
  const columns: Column[] = [];
  header.cells.forEach((cell, index) => {
    const name = String(cell ?? '').trim();
    const lower = name.toLowerCase();
    if (name === '') {
      // Trailing separators leave nameless empty columns: only a nameless column with data is a problem.
      if (dataRows.some((r) => !isEmpty(r.cells[index])))
        problems.push({ line: header.line, column: `#${index + 1}`, code: 'unknown_column', value: '', params: allowed });
      return;
    }
    if (seen.has(lower)) {
      problems.push({ line: header.line, column: name, code: 'duplicate_column', value: name });
      return;
    }
    seen.add(lower);
    if (lower === 'nis' || lower === 'kbo' || lower === 'report_year') columns.push({ index, name, role: lower });
    else if (byName.has(lower)) columns.push({ index, name, role: 'value', field: byName.get(lower) as RefField });
    else problems.push({ line: header.line, column: name, code: 'unknown_column', value: name, params: allowed });
  });
  if (!columns.some((c) => c.role === 'nis' || c.role === 'kbo')) problems.push({ line: header.line, column: null, code: 'missing_identifier_column' });
  if (!columns.some((c) => c.role === 'value')) problems.push({ line: header.line, column: null, code: 'no_value_columns', params: allowed });
  return columns;
}

interface Identification {
  organisationId?: string;
  issues: Array<{ column: Column | undefined; code: ProblemCode; cell?: Cell }>;
}

/** Which OCMW a line is about: by NIS, by KBO, or by both when they name the same one. */
function identify(
  row: SheetRow,
  nisColumn: Column | undefined,
  kboColumn: Column | undefined,
  byNis: Map<string, string>,
  byKbo: Map<string, string>,
): Identification {
  if (!nisColumn && !kboColumn) return { issues: [] };
  const nisCell = nisColumn ? (row.cells[nisColumn.index] ?? null) : null;
  const kboCell = kboColumn ? (row.cells[kboColumn.index] ?? null) : null;
  const byNisId = isEmpty(nisCell) ? undefined : byNis.get(normaliseNis(nisCell));
  const byKboId = isEmpty(kboCell) ? undefined : byKbo.get(normaliseKbo(kboCell));
  const issues: Identification['issues'] = [];
  if (isEmpty(nisCell) && isEmpty(kboCell)) issues.push({ column: nisColumn ?? kboColumn, code: 'missing_identifier' });
  if (!isEmpty(nisCell) && !byNisId) issues.push({ column: nisColumn, code: 'unknown_ocmw', cell: nisCell });
  if (!isEmpty(kboCell) && !byKboId) issues.push({ column: kboColumn, code: 'unknown_ocmw', cell: kboCell });
  if (byNisId && byKboId && byNisId !== byKboId) issues.push({ column: kboColumn, code: 'identifier_mismatch', cell: kboCell });
  return issues.length > 0 ? { issues } : { organisationId: byNisId ?? byKboId, issues };
}

export function validateReferenceTable(input: ReferenceTableInput): ReferenceTableResult {
  const lines = input.rows.filter((r) => r.cells.some((c) => !isEmpty(c)));
  if (lines.length < 2) return { rows: [], lineCount: 0, problems: [{ line: null, column: null, code: 'empty_file' }] };
  const [header, ...dataRows] = lines;
  const problems: ReferenceImportProblem[] = [];
  const columns = readHeader(header, dataRows, input.fields, problems);
  const nisColumn = columns.find((c) => c.role === 'nis');
  const kboColumn = columns.find((c) => c.role === 'kbo');
  const yearColumn = columns.find((c) => c.role === 'report_year');
  const valueColumns = columns.filter((c): c is Column & { role: 'value'; field: RefField } => c.role === 'value');
  const byNis = new Map(input.organisations.map((o) => [o.nis, o.id]));
  const byKbo = new Map(input.organisations.map((o) => [o.kbo.replace(/\D/g, ''), o.id]));
  const firstLineOf = new Map<string, number>();
  const rows: StagedReferenceRow[] = [];

  for (const row of dataRows) {
    const problem = (column: Column | undefined, code: ProblemCode, cell?: Cell, params?: Record<string, string | number>) =>
      problems.push({
        line: row.line,
        column: column?.name ?? null,
        code,
        ...(cell !== undefined ? { value: shown(cell) } : {}),
        ...(params ? { params } : {}),
      });

    const identified = identify(row, nisColumn, kboColumn, byNis, byKbo);
    for (const issue of identified.issues) problem(issue.column, issue.code, issue.cell);
    let organisationId = identified.organisationId;
    if (organisationId) {
      const first = firstLineOf.get(organisationId);
      if (first !== undefined) {
        problem(nisColumn ?? kboColumn, 'duplicate_ocmw', undefined, { first });
        organisationId = undefined;
      } else {
        firstLineOf.set(organisationId, row.line);
      }
    }

    const yearCell = yearColumn ? (row.cells[yearColumn.index] ?? null) : null;
    if (!isEmpty(yearCell) && String(yearCell).trim() !== String(input.reportYear)) {
      problem(yearColumn, 'wrong_year', yearCell, { expected: input.reportYear });
    }

    const values: Record<string, number> = {};
    for (const column of valueColumns) {
      const cell = row.cells[column.index] ?? null;
      if (isEmpty(cell)) continue;
      const parsed = parseReferenceValue(column.field.type, cell as string | number);
      if (parsed.ok) values[column.field.key] = parsed.value;
      else problem(column, parsed.problem, cell);
    }
    if (organisationId) rows.push({ line: row.line, organisationId, values });
  }
  return { rows, lineCount: dataRows.length, problems };
}
