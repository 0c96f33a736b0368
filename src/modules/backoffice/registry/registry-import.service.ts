import { randomUUID } from 'node:crypto';
import { requireAccess } from '../../../access/access.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { withTransaction } from '../../../db/database.ts';
import type { ReferenceImportProblem } from '../../../db/types.ts';
import { holdersOf, recordRegistryEvent } from '../../organisations/registry.repository.ts';
import { fileFacts, readUploadedTable, stagedImportFacts, stagedImportSummary } from '../../reference-data/staged-import.ts';
import { brusselsDay } from '../../shared/brussels-time.ts';
import { NotFound } from '../../shared/errors.ts';
import {
  allIdentifiers,
  currentKbos,
  findRegistryImport,
  insertRegistryImport,
  listRegistryImports,
  lockOrganisationRow,
  lockRegistryImport,
  markRegistryImport,
  organisationRefs,
  problemsOf,
  replaceKbo,
} from './registry-admin.repository.ts';
import { REGISTRY_COLUMNS, type RegistryContext, parseRegistryTable, validateRegistryLines } from './registry-rows.ts';
import type { RegistryImportDetail, RegistryImportSummary, StagedRegistryRow, UploadError } from './registry.model.ts';

/**
 * POD MI gives the OCMWs their real KBO numbers from a list (CSV or XLSX; issue 13, item 1), staged like the
 * reference values and the HTB lists (ADR 0015, 0032): the file is read by the guarded reader (ADR 0023), each line
 * validated and the report kept; only a list without problems can be committed, in one transaction, every line or
 * none; each line is one ORGANISATION_CHANGED entry of the registry's log.
 *
 * A line REPLACES the organisation's KBO number in place (registry-admin.repository replaceKbo) rather than giving
 * it a new period from the commit day: an organisation has one KBO number for its whole life (ADR 0035), the
 * generated one only stood in for it and never was an identifier anyone used outside this application. The old
 * number stays in the log.
 */

const HISTORY_LIMIT = 50;
const PREVIEW_LINES = 1000;

export interface RegistryUpload {
  file: { name: string; bytes: Buffer } | null;
  tooLarge: boolean;
}

export async function registryImportOverview(ctx: ServiceContext): Promise<RegistryImportSummary[]> {
  requireAccess(ctx.actor, 'RegistryEdit');
  return (await listRegistryImports(ctx.db, HISTORY_LIMIT)).map(stagedImportSummary);
}

/** The registry as a list's lines are checked against it, on the day. */
async function registryContext(ctx: ServiceContext): Promise<RegistryContext> {
  const day = brusselsDay(ctx.now);
  const [identifiers, organisations] = await Promise.all([allIdentifiers(ctx.db), currentKbos(ctx.db)]);
  const nisToday = new Map<string, string>();
  const former = new Map<string, { id: string; to: string }>();
  const kboHolders = new Map<string, Set<string>>();
  const hold = (kbo: string, id: string) => kboHolders.set(kbo, (kboHolders.get(kbo) ?? new Set()).add(id));
  for (const i of identifiers) {
    if (i.scheme === 'KBO') hold(i.value, i.organisation_id);
    else if (i.valid_from <= day && (i.valid_to === null || i.valid_to >= day)) nisToday.set(i.value, i.organisation_id);
    else if (i.valid_to !== null && i.valid_to < day && (former.get(i.value)?.to ?? '') < i.valid_to)
      former.set(i.value, { id: i.organisation_id, to: i.valid_to });
  }
  for (const o of organisations) hold(o.kbo, o.id);
  const nisFormer = new Map([...former].filter(([nis]) => !nisToday.has(nis)).map(([nis, f]) => [nis, f.id]));
  return {
    nisToday,
    nisFormer,
    kboHolders,
    organisations: new Map(organisations.map((o) => [o.id, { kbo: o.kbo, kboFictitious: o.kbo_fictitious }])),
  };
}

export type StageResult = { kind: 'staged'; importId: string } | { kind: 'invalid'; error: UploadError };

/** Reads, validates and stages a list. A file that cannot be read at all is refused and not staged. */
export async function stageRegistryImport(ctx: ServiceContext, upload: RegistryUpload): Promise<StageResult> {
  requireAccess(ctx.actor, 'RegistryEdit');
  if (upload.tooLarge) return { kind: 'invalid', error: { key: 'refdata.error.too_large' } };
  if (!upload.file) return { kind: 'invalid', error: { key: 'refdata.error.no_file' } };
  if (upload.file.bytes.length === 0) return { kind: 'invalid', error: { key: 'bo.registry.import.error_empty' } };
  const table = await readUploadedTable(upload.file);
  if (!table.ok) return { kind: 'invalid', error: table.error };
  const parsed = parseRegistryTable(table.rows);
  let rows: StagedRegistryRow[] = [];
  let problems: ReferenceImportProblem[] = parsed.problems;
  if (parsed.problems.length === 0) {
    const checked = validateRegistryLines(parsed.lines, await registryContext(ctx), parsed.columns);
    rows = checked.valid;
    problems = checked.problems;
  }
  const importId = randomUUID();
  await insertRegistryImport(ctx.db, {
    id: importId,
    ...fileFacts(upload.file),
    uploadedBy: ctx.actor.personId,
    uploadedAt: ctx.now,
    rowCount: parsed.lines.length,
    rows,
    problems,
  });
  return { kind: 'staged', importId };
}

/** One list with its report and, line by line, which organisation gets which KBO number instead of which. */
export async function getRegistryImport(ctx: ServiceContext, importId: string): Promise<RegistryImportDetail> {
  requireAccess(ctx.actor, 'RegistryEdit');
  const row = await findRegistryImport(ctx.db, importId);
  if (!row) throw new NotFound();
  const rows = row.rows as StagedRegistryRow[];
  const shown = rows.slice(0, PREVIEW_LINES);
  const refs = new Map((await organisationRefs(ctx.db, [...new Set(shown.map((r) => r.organisationId))])).map((o) => [o.id, o]));
  return {
    ...stagedImportFacts({ ...row, problems: problemsOf(row.problems) }),
    preview: shown.map((r) => ({
      line: r.line,
      organisation: refs.get(r.organisationId) ?? null,
      nis: r.nis,
      formerNis: r.formerNis,
      kboBefore: r.kboBefore,
      kboBeforeFictitious: r.kboBeforeFictitious,
      kbo: r.kbo,
      unchanged: r.kbo === r.kboBefore && !r.kboBeforeFictitious,
    })),
    changes: rows.filter((r) => r.kbo !== r.kboBefore || r.kboBeforeFictitious).length,
  };
}

export type CommitResult = 'committed' | 'not_staged' | 'has_problems' | 'stale';

class StaleList extends Error {}

/**
 * Gives every line's organisation its KBO number in one transaction. The list is locked first (a double click
 * commits once), then every organisation of the list in one order; a line whose organisation's KBO number changed
 * since the upload, or whose number another organisation got meanwhile, makes the whole list stale: nothing changes.
 */
export async function commitRegistryImport(ctx: ServiceContext, importId: string): Promise<CommitResult> {
  requireAccess(ctx.actor, 'RegistryEdit');
  return withTransaction(ctx.db, async (tx): Promise<CommitResult> => {
    const staged = await lockRegistryImport(tx, importId);
    if (!staged) throw new NotFound();
    if (staged.state !== 'STAGED') return 'not_staged';
    if (problemsOf(staged.problems).length > 0) return 'has_problems';
    const rows = [...(staged.rows as StagedRegistryRow[])].sort((a, b) => a.organisationId.localeCompare(b.organisationId));
    const current = new Map<string, { kbo: string; kbo_fictitious: boolean }>();
    for (const r of rows) {
      const org = await lockOrganisationRow(tx, r.organisationId);
      if (!org || org.kbo !== r.kboBefore) throw new StaleList();
      current.set(r.organisationId, org);
    }
    let changed = 0;
    for (const r of [...rows].sort((a, b) => a.line - b.line)) {
      const org = current.get(r.organisationId) as { kbo: string; kbo_fictitious: boolean };
      if (r.kbo === org.kbo && !org.kbo_fictitious) continue;
      if ((await holdersOf(tx, 'KBO', r.kbo)).some((h) => h.organisation_id !== r.organisationId)) throw new StaleList();
      await replaceKbo(tx, r.organisationId, org.kbo, r.kbo, ctx.now);
      await recordRegistryEvent(tx, {
        at: ctx.now,
        actorPersonId: ctx.actor.personId,
        organisationId: r.organisationId,
        type: 'ORGANISATION_CHANGED',
        payload: {
          changes: r.kbo === org.kbo ? [] : [{ field: 'kbo', before: org.kbo, after: r.kbo }],
          kboWasFictitious: org.kbo_fictitious,
          via: { kind: 'IMPORT', importId: staged.id, line: r.line },
        },
      });
      changed++;
    }
    await recordRegistryEvent(tx, {
      at: ctx.now,
      actorPersonId: ctx.actor.personId,
      type: 'REGISTRY_IMPORT_COMMITTED',
      payload: { importId: staged.id, fileName: staged.file_name, lines: rows.length, changed },
    });
    await markRegistryImport(tx, staged.id, 'COMMITTED', ctx.actor.personId, ctx.now);
    return 'committed';
  }).catch((error: unknown) => {
    // a number given meanwhile (the KBO column's UNIQUE or the identifiers' trigger): the list is stale too
    if (error instanceof StaleList || (error as { code?: unknown } | null)?.code === '23505') return 'stale' as const;
    throw error;
  });
}

/** Discards a staged list: nothing is loaded; it stays in the history with who discarded it. */
export async function discardRegistryImport(ctx: ServiceContext, importId: string): Promise<'discarded' | 'not_staged'> {
  requireAccess(ctx.actor, 'RegistryEdit');
  return withTransaction(ctx.db, async (tx) => {
    const staged = await lockRegistryImport(tx, importId);
    if (!staged) throw new NotFound();
    if (staged.state !== 'STAGED') return 'not_staged' as const;
    await markRegistryImport(tx, staged.id, 'DISCARDED', ctx.actor.personId, ctx.now);
    return 'discarded' as const;
  });
}

/** The list's template: the header line in CSV (`;`, UTF-8 with BOM, as Belgian Excel saves it). */
export function registryTemplateCsv(ctx: ServiceContext): string {
  requireAccess(ctx.actor, 'RegistryEdit');
  return `\uFEFF${REGISTRY_COLUMNS.join(';')}\r\n`;
}
