import type { ReferenceImportProblem } from '../../shared/domain.ts';
import { foldAccents } from '../../shared/fold-accents.ts';
import type { Cell, SheetRow } from '../../reference-data/sheet.ts';
import { kboProblem, normaliseKboInput } from './registry-input.ts';
import type { StagedRegistryRow } from './registry.model.ts';

/**
 * A KBO/NIS list (issue 13, item 1): a header line, then one OCMW per line — its NIS code (current, or a former one
 * when no organisation holds it today: a disappearing OCMW) and its real KBO number. Headers are recognised in
 * English, Dutch, French and German ("NIS-code", "KBO-nummer", "Numéro BCE"…), case, accents and spacing ignored;
 * a column with the name is there for the reader and ignored. Every problem is reported with its line and column.
 */

export type RegistryColumn = 'nis' | 'kbo';
export const REGISTRY_COLUMNS: RegistryColumn[] = ['nis', 'kbo'];
export const REGISTRY_COLUMN_KEYS: Record<RegistryColumn, string> = {
  nis: 'bo.registry.import.column.nis',
  kbo: 'bo.registry.import.column.kbo',
};

const ALIASES: Record<string, RegistryColumn | 'ignored'> = {
  nis: 'nis',
  niscode: 'nis',
  nisnummer: 'nis',
  ins: 'nis',
  codeins: 'nis',
  inscode: 'nis',
  nisnr: 'nis',
  kbo: 'kbo',
  kbonummer: 'kbo',
  kbonr: 'kbo',
  ondernemingsnummer: 'kbo',
  bce: 'kbo',
  numerobce: 'kbo',
  numerodentreprise: 'kbo',
  enterprisenumber: 'kbo',
  unternehmensnummer: 'kbo',
  naam: 'ignored',
  name: 'ignored',
  nom: 'ignored',
  gemeente: 'ignored',
  commune: 'ignored',
  gemeinde: 'ignored',
  municipality: 'ignored',
  ocmw: 'ignored',
  cpas: 'ignored',
  oshz: 'ignored',
  organisatie: 'ignored',
  organisation: 'ignored',
};

/** A header as compared: accents, case, spaces, dashes, dots and underscores left out (`NIS-code` = `niscode`). */
function headerKey(cell: Cell): string {
  return foldAccents(String(cell ?? '')).replace(/[\s._'’-]/g, '');
}

function shown(cell: Cell | undefined): string {
  const chars = [...String(cell ?? '')];
  // by characters: half an emoji is a lone surrogate, which PostgreSQL refuses in jsonb
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : chars.join('');
}

function isEmptyRow(row: SheetRow): boolean {
  return row.cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/** A NIS cell as text: a number cell of a workbook (11001) as its five digits. */
function nisText(cell: Cell | undefined): string {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 ? String(cell).padStart(5, '0') : String(cell);
  return String(cell ?? '').replace(/\s/g, '');
}

/** A KBO cell as text: a number cell (212000154) as ten digits, dots, spaces and a `BE` prefix left out. */
function kboText(cell: Cell | undefined): string {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 ? String(cell).padStart(10, '0') : String(cell);
  return normaliseKboInput(String(cell ?? ''));
}

export interface ParsedRegistryLine {
  line: number;
  nis: string;
  kbo: string;
  /** the cells as typed, for the report */
  rawNis: string;
  rawKbo: string;
}

/** First step: the header and the lines as text. Header problems make the lines unreadable (none returned). */
export function parseRegistryTable(rows: SheetRow[]): {
  lines: ParsedRegistryLine[];
  problems: ReferenceImportProblem[];
  columns: Map<RegistryColumn, string>;
} {
  const problems: ReferenceImportProblem[] = [];
  const columns = new Map<RegistryColumn, string>();
  const filled = rows.filter((r) => !isEmptyRow(r));
  if (filled.length === 0) return { lines: [], problems: [{ line: null, column: null, code: 'empty_file' }], columns };
  const [header, ...data] = filled;
  const index = new Map<RegistryColumn, number>();
  const allowed = { allowed: REGISTRY_COLUMNS.join(', ') };
  header.cells.forEach((cell, i) => {
    const name = String(cell ?? '').trim();
    if (name === '') {
      if (data.some((r) => String(r.cells[i] ?? '').trim() !== ''))
        problems.push({ line: header.line, column: `#${i + 1}`, code: 'unknown_column', value: '', params: allowed });
      return;
    }
    const role = ALIASES[headerKey(cell)];
    if (role === 'ignored') return;
    if (!role) {
      problems.push({ line: header.line, column: name, code: 'unknown_column', value: shown(name), params: allowed });
      return;
    }
    if (index.has(role)) {
      problems.push({ line: header.line, column: name, code: 'duplicate_column', value: shown(name) });
      return;
    }
    index.set(role, i);
    columns.set(role, name);
  });
  for (const column of REGISTRY_COLUMNS) if (!index.has(column)) problems.push({ line: header.line, column, code: 'missing_column', params: { column } });
  if (problems.length > 0) return { lines: [], problems, columns };
  if (data.length === 0) return { lines: [], problems: [{ line: null, column: null, code: 'no_lines' }], columns };
  const at = (row: SheetRow, column: RegistryColumn) => row.cells[index.get(column) as number];
  const lines = data.map((row) => ({
    line: row.line,
    nis: nisText(at(row, 'nis')),
    kbo: kboText(at(row, 'kbo')),
    rawNis: shown(at(row, 'nis')),
    rawKbo: shown(at(row, 'kbo')),
  }));
  return { lines, problems, columns };
}

/** What a list's lines are checked against: the registry as it stands. */
export interface RegistryContext {
  /** NIS code → the organisation holding it today */
  nisToday: Map<string, string>;
  /** NIS code → the organisation that held it last (no one holds it today) */
  nisFormer: Map<string, string>;
  /** KBO number → every organisation that holds or held it */
  kboHolders: Map<string, Set<string>>;
  /** organisation id → its current KBO number and whether it is a generated one */
  organisations: Map<string, { kbo: string; kboFictitious: boolean }>;
}

/** Second step: each line against the registry (NIS known, KBO nobody else's) and the file (a NIS, a KBO, an organisation twice). */
export function validateRegistryLines(lines: ParsedRegistryLine[], context: RegistryContext, columns: Map<RegistryColumn, string>) {
  const problems: ReferenceImportProblem[] = [];
  const valid: StagedRegistryRow[] = [];
  const col = (c: RegistryColumn) => columns.get(c) ?? c;
  const firstOfNis = new Map<string, number>();
  const firstOfKbo = new Map<string, number>();
  const firstOfOrganisation = new Map<string, number>();
  for (const l of lines) {
    const before = problems.length;
    let organisationId: string | undefined;
    let formerNis = false;
    if (l.nis === '') problems.push({ line: l.line, column: col('nis'), code: 'nis_required' });
    else if (!/^\d{5}$/.test(l.nis)) problems.push({ line: l.line, column: col('nis'), code: 'nis_format', value: l.rawNis });
    else {
      const first = firstOfNis.get(l.nis);
      organisationId = context.nisToday.get(l.nis);
      if (!organisationId) {
        organisationId = context.nisFormer.get(l.nis);
        formerNis = organisationId !== undefined;
      }
      if (!organisationId) problems.push({ line: l.line, column: col('nis'), code: 'nis_unknown', value: l.nis });
      else if (first !== undefined) problems.push({ line: l.line, column: col('nis'), code: 'nis_twice', value: l.nis, params: { first } });
      else {
        const firstOrg = firstOfOrganisation.get(organisationId);
        if (firstOrg !== undefined) problems.push({ line: l.line, column: col('nis'), code: 'organisation_twice', value: l.nis, params: { first: firstOrg } });
        else firstOfOrganisation.set(organisationId, l.line);
      }
      if (first === undefined) firstOfNis.set(l.nis, l.line);
    }
    const issue = kboProblem(l.kbo);
    if (issue) problems.push({ line: l.line, column: col('kbo'), code: issue, ...(issue === 'kbo_required' ? {} : { value: l.rawKbo }) });
    else {
      const first = firstOfKbo.get(l.kbo);
      if (first !== undefined) problems.push({ line: l.line, column: col('kbo'), code: 'kbo_twice', value: l.kbo, params: { first } });
      else firstOfKbo.set(l.kbo, l.line);
      const holders = [...(context.kboHolders.get(l.kbo) ?? [])];
      if (organisationId && holders.some((h) => h !== organisationId)) problems.push({ line: l.line, column: col('kbo'), code: 'kbo_taken', value: l.kbo });
      else if (!organisationId && holders.length > 0) problems.push({ line: l.line, column: col('kbo'), code: 'kbo_taken', value: l.kbo });
    }
    if (problems.length > before || !organisationId) continue;
    const org = context.organisations.get(organisationId);
    if (!org) continue;
    valid.push({ line: l.line, organisationId, nis: l.nis, formerNis, kboBefore: org.kbo, kboBeforeFictitious: org.kboFictitious, kbo: l.kbo });
  }
  return { valid, problems };
}
