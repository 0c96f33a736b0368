import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { requireAccess } from '../../../access/access.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { withTransaction } from '../../../db/database.ts';
import type { ReferenceImportProblem, StagedHtbRow } from '../../../db/types.ts';
import type { T } from '../../../i18n/i18n.ts';
import {
  discardStagedImport,
  fileFacts,
  lockForCommit,
  readUploadedTable,
  stagedImportFacts,
  stagedImportSummary,
} from '../../reference-data/staged-import.ts';
import { findStagedImport, markStagedImport } from '../../reference-data/staged-import.repository.ts';
import { NotFound } from '../../shared/errors.ts';
import {
  blockedMembers,
  currentHtbs,
  findOcmwNames,
  findPersonsByInsz,
  insertHtbImport,
  listHtbImports,
  listOrganisationsByKbo,
  lockOcmw,
} from './access-admin.repository.ts';
import type { HtbImportDetail, HtbImportSummary, UploadError } from './access-admin.model.ts';
import { HTB_COLUMNS, HTB_COLUMN_KEYS, type OrganisationByKbo, parseHtbTable, validateHtbLines } from './htb-rows.ts';
import { appointHtbInTx } from './htb.service.ts';
import { maskInsz } from './person-input.ts';

/**
 * POD MI appoints the HTBs of many OCMWs from a list (CSV or XLSX) — as the reference values (ADR 0015): the file
 * is read by the guarded reader (ADR 0023), validated and staged with its report; only a list without problems can
 * be committed, in one transaction, every line or none; every appointment is audited as one made by hand.
 */

const HISTORY_LIMIT = 50;
export const PREVIEW_LINES = 200;

export interface HtbUpload {
  file: { name: string; bytes: Buffer } | null;
  tooLarge: boolean;
  keepPrevious: boolean;
}

export async function htbImportOverview(ctx: ServiceContext): Promise<HtbImportSummary[]> {
  requireAccess(ctx.actor, 'AccessAdminister');
  return (await listHtbImports(ctx.db, HISTORY_LIMIT)).map(stagedImportSummary);
}

export type StageResult = { kind: 'staged'; importId: string } | { kind: 'invalid'; error: UploadError };

/** Reads, validates and stages a list. A file that cannot be read at all is refused and not staged. */
export async function stageHtbImport(ctx: ServiceContext, upload: HtbUpload): Promise<StageResult> {
  requireAccess(ctx.actor, 'AccessAdminister');
  if (upload.tooLarge) return { kind: 'invalid', error: { key: 'refdata.error.too_large' } };
  if (!upload.file) return { kind: 'invalid', error: { key: 'refdata.error.no_file' } };
  if (upload.file.bytes.length === 0) return { kind: 'invalid', error: { key: 'bo.access_admin.import.error_empty' } };
  const table = await readUploadedTable(upload.file);
  if (!table.ok) return { kind: 'invalid', error: table.error };
  const parsed = parseHtbTable(table.rows);
  let rows: StagedHtbRow[] = [];
  let problems: ReferenceImportProblem[] = parsed.problems;
  if (parsed.problems.length === 0) {
    const organisations = new Map<string, OrganisationByKbo>((await listOrganisationsByKbo(ctx.db)).map((o) => [o.kbo, o]));
    const inszs = [...new Set(parsed.lines.map((l) => l.person.insz.replace(/[\s.-]/g, '')).filter((i) => /^\d{11}$/.test(i)))];
    const known = await findPersonsByInsz(ctx.db, inszs);
    const pairs = parsed.lines.flatMap((l) => {
      const o = organisations.get(l.kbo);
      return o ? [{ organisationId: o.id, insz: l.person.insz.replace(/[\s.-]/g, '') }] : [];
    });
    const checked = validateHtbLines(
      parsed.lines,
      { organisations, knownInsz: new Set(known.map((p) => p.insz)), blocked: await blockedMembers(ctx.db, pairs, ctx.now) },
      parsed.columns,
    );
    problems = checked.problems;
    const htbs = new Map(
      (
        await currentHtbs(
          ctx.db,
          checked.valid.map((v) => v.organisationId),
          ctx.now,
        )
      ).map((h) => [h.organisation_id, h.grant_id]),
    );
    rows = checked.valid.map((v) => ({ ...v, previousGrantId: htbs.get(v.organisationId) ?? null }));
  }
  const importId = randomUUID();
  await insertHtbImport(ctx.db, {
    id: importId,
    ...fileFacts(upload.file),
    keepPrevious: upload.keepPrevious,
    uploadedBy: ctx.actor.personId,
    uploadedAt: ctx.now,
    rowCount: parsed.lines.length,
    rows,
    problems,
  });
  return { kind: 'staged', importId };
}

/** One list with its report and, line by line, who is the HTB now and who becomes it. */
export async function getHtbImport(ctx: ServiceContext, importId: string): Promise<HtbImportDetail> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const row = await findStagedImport(ctx.db, 'htb_imports', importId);
  if (!row) throw new NotFound();
  const rows = row.rows as StagedHtbRow[];
  const shownRows = rows.slice(0, PREVIEW_LINES);
  const ids = shownRows.map((r) => r.organisationId);
  const [names, htbs, persons] = await Promise.all([
    findOcmwNames(ctx.db, ids),
    currentHtbs(ctx.db, ids, ctx.now),
    findPersonsByInsz(
      ctx.db,
      shownRows.map((r) => r.insz),
    ),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const htbOf = new Map(htbs.map((h) => [h.organisation_id, h]));
  const personOf = new Map(persons.map((p) => [p.insz, p]));
  const allHtbs = row.state === 'STAGED' ? await currentHtbs(ctx.db, [...new Set(rows.map((r) => r.organisationId))], ctx.now) : [];
  const allHtbOf = new Map(allHtbs.map((h) => [h.organisation_id, h]));
  const changes = row.state === 'STAGED' ? rows.filter((r) => allHtbOf.get(r.organisationId)?.insz !== r.insz).length : rows.length;
  return {
    ...stagedImportFacts(row),
    keepPrevious: row.keep_previous,
    preview: shownRows.map((r) => {
      const htb = htbOf.get(r.organisationId);
      const person = personOf.get(r.insz);
      return {
        line: r.line,
        ocmw: nameOf.get(r.organisationId) ?? null,
        current: htb ? { personId: htb.person_id, name: `${htb.first_name} ${htb.last_name}`, maskedInsz: maskInsz(htb.insz) } : null,
        next: {
          name: person ? `${person.first_name} ${person.last_name}` : `${r.firstName} ${r.lastName}`,
          maskedInsz: maskInsz(r.insz),
          known: person !== undefined,
          email: r.email,
          language: r.language,
        },
        unchanged: htb?.insz === r.insz,
      };
    }),
    changes,
  };
}

export type CommitResult = 'committed' | 'not_staged' | 'has_problems' | 'stale';

/**
 * Appoints every line's HTB in one transaction. The list is locked first (a double click commits once), then every
 * OCMW of the list in one order (a concurrent appointment by hand waits or is waited for, never both); a line whose
 * OCMW's HTB changed since the upload makes the whole list stale: nothing changes, upload it again.
 */
export async function commitHtbImport(ctx: ServiceContext, importId: string): Promise<CommitResult> {
  requireAccess(ctx.actor, 'AccessAdminister');
  return withTransaction(ctx.db, async (tx) => {
    const staged = await lockForCommit(tx, 'htb_imports', importId);
    if (typeof staged === 'string') return staged;
    const rows = [...(staged.rows as StagedHtbRow[])].sort((a, b) => a.organisationId.localeCompare(b.organisationId));
    for (const r of rows) await lockOcmw(tx, r.organisationId);
    for (const r of rows) {
      const result = await appointHtbInTx(tx, ctx, {
        organisationId: r.organisationId,
        insz: r.insz,
        firstName: r.firstName,
        lastName: r.lastName,
        email: r.email,
        language: r.language,
        keepPrevious: staged.keep_previous,
        expectedGrantId: r.previousGrantId,
        via: { kind: 'IMPORT', importId: staged.id, line: r.line },
      });
      if (result === 'unchanged') continue;
      // Anything else but an appointment: roll the whole list back (the transaction), then say so.
      if (result !== 'appointed') throw new StaleList();
    }
    await markStagedImport(tx, 'htb_imports', staged.id, 'COMMITTED', ctx.actor.personId, ctx.now);
    return 'committed' as const;
  }).catch((error: unknown) => {
    if (error instanceof StaleList) return 'stale' as const;
    throw error;
  });
}

class StaleList extends Error {}

export async function discardHtbImport(ctx: ServiceContext, importId: string): Promise<'discarded' | 'not_staged'> {
  requireAccess(ctx.actor, 'AccessAdminister');
  return discardStagedImport(ctx, 'htb_imports', importId);
}

/** The list's template: the header line in CSV (`;`, UTF-8 with BOM, as Belgian Excel saves it). */
export function htbTemplateCsv(ctx: ServiceContext): string {
  requireAccess(ctx.actor, 'AccessAdminister');
  return `\uFEFF${HTB_COLUMNS.join(';')}\r\n`;
}

/** The template as a workbook: the header on the first sheet (text cells, so KBO and INSZ keep their zeros), an explanation on the second. */
export async function htbTemplateXlsx(ctx: ServiceContext, t: T): Promise<Buffer> {
  requireAccess(ctx.actor, 'AccessAdminister');
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('HTB');
  sheet.columns = HTB_COLUMNS.map((key) => ({ header: key, key, width: key === 'email' ? 32 : 18, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  const help = wb.addWorksheet(t('bo.access_admin.import.template_help_sheet'));
  help.columns = [
    { header: t('bo.access_admin.import.col_column'), width: 14 },
    { header: t('bo.access_admin.import.col_meaning'), width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const key of HTB_COLUMNS) help.addRow([key, t(HTB_COLUMN_KEYS[key])]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
