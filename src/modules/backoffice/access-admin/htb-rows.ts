import { foldAccents } from '../../shared/fold-accents.ts';
import type { StagedHtbRow } from '../../../db/types.ts';
import type { Language } from '../../../i18n/language.ts';
import type { ReferenceImportProblem } from '../../shared/domain.ts';
import { isValidKbo } from '../../shared/identifiers.ts';
import { normaliseKbo } from '../../reference-data/reference-rows.ts';
import type { Cell, SheetRow } from '../../reference-data/sheet.ts';
import { type PersonInput, personProblems, normaliseInsz, parseLanguage } from './person-input.ts';

/**
 * An HTB list (portal.md §3.8: "the same format as the merger list Flanders collected"): a header line, then one
 * OCMW per line — KBO number, INSZ, first name, last name, e-mail, optionally the language. Headers are recognised
 * in English, Dutch, French and German, case, accents and spacing ignored; a column of the OCMW's name may be
 * there for the reader and is ignored. Every problem is reported with its line and column.
 */

export type HtbColumn = 'kbo' | 'insz' | 'first_name' | 'last_name' | 'email' | 'language';
export const HTB_COLUMNS: HtbColumn[] = ['kbo', 'insz', 'first_name', 'last_name', 'email', 'language'];
/** What each column holds, in words (the upload page and the template's second sheet). */
export const HTB_COLUMN_KEYS: Record<HtbColumn, string> = {
  kbo: 'bo.access_admin.import.column.kbo',
  insz: 'bo.access_admin.import.column.insz',
  first_name: 'bo.access_admin.import.column.first_name',
  last_name: 'bo.access_admin.import.column.last_name',
  email: 'bo.access_admin.import.column.email',
  language: 'bo.access_admin.import.column.language',
};
const REQUIRED: HtbColumn[] = ['kbo', 'insz', 'first_name', 'last_name', 'email'];

const ALIASES: Record<string, HtbColumn | 'ignored'> = {
  kbo: 'kbo',
  kbonummer: 'kbo',
  kbonr: 'kbo',
  ondernemingsnummer: 'kbo',
  bce: 'kbo',
  numerobce: 'kbo',
  numerodentreprise: 'kbo',
  enterprisenumber: 'kbo',
  unternehmensnummer: 'kbo',
  insz: 'insz',
  inszhtb: 'insz',
  rijksregisternummer: 'insz',
  rrn: 'insz',
  niss: 'insz',
  numeronational: 'insz',
  numeroderegistrenational: 'insz',
  nationalnumber: 'insz',
  nationalregisternumber: 'insz',
  nationalregisternummer: 'insz',
  firstname: 'first_name',
  voornaam: 'first_name',
  prenom: 'first_name',
  vorname: 'first_name',
  lastname: 'last_name',
  achternaam: 'last_name',
  familienaam: 'last_name',
  naam: 'last_name',
  nom: 'last_name',
  nomdefamille: 'last_name',
  name: 'last_name',
  nachname: 'last_name',
  email: 'email',
  emailadres: 'email',
  mail: 'email',
  adresseemail: 'email',
  courriel: 'email',
  language: 'language',
  taal: 'language',
  langue: 'language',
  sprache: 'language',
  ocmw: 'ignored',
  ocmwnaam: 'ignored',
  naamocmw: 'ignored',
  cpas: 'ignored',
  nomcpas: 'ignored',
  oshz: 'ignored',
  organisation: 'ignored',
  organisatie: 'ignored',
};

/** A header as compared: accents, case, spaces, dashes, dots and underscores left out (`E-mail` = `email`). */
function headerKey(cell: Cell): string {
  return foldAccents(String(cell ?? '')).replace(/[\s._'’-]/g, '');
}

export interface ParsedHtbLine {
  line: number;
  kbo: string;
  person: PersonInput;
}

export interface OrganisationByKbo {
  id: string;
  type: string;
  language: Language;
}

export interface HtbTableContext {
  organisations: Map<string, OrganisationByKbo>;
  /** persons already in the registry, by INSZ */
  knownInsz: Set<string>;
  /** "organisationId|insz" of persons blocked in that OCMW */
  blocked: Set<string>;
}

/** A line without problems: the OCMW and the person (staged with the HTB grant it replaces, StagedHtbRow). */
export type ValidHtbLine = Omit<StagedHtbRow, 'previousGrantId'>;

function shown(cell: Cell | undefined): string {
  const text = String(cell ?? '');
  // Shortened by characters, not UTF-16 units: half an emoji is a lone surrogate, which PostgreSQL refuses in jsonb.
  const chars = [...text];
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : text;
}

function textOf(cell: Cell | undefined): string {
  return typeof cell === 'number' ? String(cell) : String(cell ?? '').trim();
}

function isEmptyRow(row: SheetRow): boolean {
  return row.cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

/** First step: the header and the lines as text. Header problems make the lines unreadable (none returned). */
export function parseHtbTable(rows: SheetRow[]): { lines: ParsedHtbLine[]; problems: ReferenceImportProblem[]; columns: Map<HtbColumn, string> } {
  const problems: ReferenceImportProblem[] = [];
  const filled = rows.filter((r) => !isEmptyRow(r));
  const columns = new Map<HtbColumn, string>();
  if (filled.length === 0) return { lines: [], problems: [{ line: null, column: null, code: 'empty_file' }], columns };
  const [header, ...data] = filled;
  const index = new Map<HtbColumn, number>();
  header.cells.forEach((cell, i) => {
    const name = String(cell ?? '').trim();
    if (name === '') {
      if (data.some((r) => textOf(r.cells[i]) !== ''))
        problems.push({ line: header.line, column: `#${i + 1}`, code: 'unknown_column', value: '', params: { allowed: HTB_COLUMNS.join(', ') } });
      return;
    }
    const role = ALIASES[headerKey(cell)];
    if (role === 'ignored') return;
    if (!role) {
      problems.push({ line: header.line, column: name, code: 'unknown_column', value: shown(name), params: { allowed: HTB_COLUMNS.join(', ') } });
      return;
    }
    if (index.has(role)) {
      problems.push({ line: header.line, column: name, code: 'duplicate_column', value: shown(name) });
      return;
    }
    index.set(role, i);
    columns.set(role, name);
  });
  for (const column of REQUIRED) if (!index.has(column)) problems.push({ line: header.line, column, code: 'missing_column', params: { column } });
  if (problems.length > 0) return { lines: [], problems, columns };
  if (data.length === 0) return { lines: [], problems: [{ line: null, column: null, code: 'no_lines' }], columns };
  const at = (row: SheetRow, column: HtbColumn) => {
    const i = index.get(column);
    return i === undefined ? undefined : row.cells[i];
  };
  const lines = data.map((row) => {
    const insz = at(row, 'insz');
    return {
      line: row.line,
      kbo: normaliseKbo(at(row, 'kbo') ?? null),
      person: {
        insz: typeof insz === 'number' ? normaliseInsz(insz) : textOf(insz),
        firstName: textOf(at(row, 'first_name')),
        lastName: textOf(at(row, 'last_name')),
        email: textOf(at(row, 'email')),
        language: textOf(at(row, 'language')),
      },
    };
  });
  return { lines, problems, columns };
}

const FIELD_COLUMN: Record<keyof PersonInput, HtbColumn> = {
  insz: 'insz',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  language: 'language',
};

/** Second step: each line against the registry (KBO of an OCMW, INSZ known or not, blocked) and the file (a KBO twice). */
export function validateHtbLines(lines: ParsedHtbLine[], context: HtbTableContext, columns: Map<HtbColumn, string>) {
  const problems: ReferenceImportProblem[] = [];
  const valid: ValidHtbLine[] = [];
  const firstLineOfKbo = new Map<string, number>();
  const col = (c: HtbColumn) => columns.get(c) ?? c;
  for (const l of lines) {
    const before = problems.length;
    let organisation: OrganisationByKbo | undefined;
    if (l.kbo === '') problems.push({ line: l.line, column: col('kbo'), code: 'kbo_required' });
    else if (!/^\d{10}$/.test(l.kbo)) problems.push({ line: l.line, column: col('kbo'), code: 'kbo_format', value: shown(l.kbo) });
    else if (!isValidKbo(l.kbo)) problems.push({ line: l.line, column: col('kbo'), code: 'kbo_checksum', value: shown(l.kbo) });
    else {
      organisation = context.organisations.get(l.kbo);
      const first = firstLineOfKbo.get(l.kbo);
      if (!organisation) problems.push({ line: l.line, column: col('kbo'), code: 'kbo_unknown', value: l.kbo });
      else if (organisation.type !== 'OCMW') problems.push({ line: l.line, column: col('kbo'), code: 'kbo_not_ocmw', value: l.kbo });
      else if (first !== undefined) problems.push({ line: l.line, column: col('kbo'), code: 'kbo_twice', value: l.kbo, params: { first } });
      if (first === undefined) firstLineOfKbo.set(l.kbo, l.line);
    }
    const insz = normaliseInsz(l.person.insz);
    const fallback = organisation?.language ?? 'nl';
    const personIssues = personProblems(l.person, context.knownInsz.has(insz), fallback);
    for (const [field, code] of Object.entries(personIssues) as Array<[keyof PersonInput, string]>) {
      problems.push({ line: l.line, column: col(FIELD_COLUMN[field]), code, value: shown(l.person[field]) });
    }
    if (!personIssues.insz && organisation && context.blocked.has(`${organisation.id}|${insz}`)) {
      problems.push({ line: l.line, column: col('insz'), code: 'blocked_in_ocmw', value: shown(l.person.insz) });
    }
    if (problems.length > before || !organisation) continue;
    valid.push({
      line: l.line,
      organisationId: organisation.id,
      insz,
      firstName: l.person.firstName,
      lastName: l.person.lastName,
      email: l.person.email,
      language: parseLanguage(l.person.language, fallback) ?? fallback,
    });
  }
  return { valid, problems };
}
