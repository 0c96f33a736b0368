import { createHash } from 'node:crypto';
import { requireAccess } from '../../access/access.ts';
import type { EntryMode, Language } from '../../db/types.ts';
import type { T } from '../../i18n/i18n.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { evaluate } from '../forms/evaluate.ts';
import { buildWorkbook, keptWorkbookRefusal, locateIssue, readWorkbook } from '../workbooks/index.ts';
import { withWorkbookRows, workbookRowCount, workbookTables } from './form-input.ts';
import { KEPT_FILES, KeptFilesQuotaExceeded } from './kept-files.ts';
import { countUpload } from './kept-files.repository.ts';
import { findAttachment } from './reports.repository.ts';
import { NotFound } from '../shared/errors.ts';
import type { UploadProblem } from './form.model.ts';

export type { UploadProblem } from './form.model.ts';
import { type SaveResult, type UploadedFile, changeContent, formDefinitionFor, loadForm } from './reports.service.ts';

/**
 * The Excel route of forms.md §2.7: a measure with a workbook is justified either by typing in the
 * application or by uploading the workbook — the whole measure one way. The uploaded file is parsed into the
 * rows manual entry produces and validated by the same rules; the uploaded files are kept with the form as
 * the retention of kept-files.ts says (ADR "Retention of kept files").
 */

/** Why an upload was refused: the file itself, or a row that breaks a rule of the form (located in the file). */

/** A refusal answers 422, or 429 when the person uploaded too often (the rate limit of kept-files.ts). */
export type UploadResult = SaveResult | { kind: 'rejected'; problems: UploadProblem[]; status?: number };

/** The official workbook of the form's measure and year, prefilled with the rows the form holds now. */
export async function workbookTemplate(ctx: ServiceContext, campaignId: string, lang: Language, t: T) {
  const form = await loadForm(ctx, campaignId);
  const template = form.definition.workbook;
  if (!template) throw new NotFound();
  const content = await buildWorkbook({
    definition: form.definition,
    measure: form.campaign.measure,
    reportYear: form.campaign.report_year,
    templateVersion: template.templateVersion,
    kbo: form.organisation.kbo,
    params: form.campaign.params as Record<string, unknown>,
    lang,
    t,
    rows: form.raw.tables,
  });
  return { fileName: `${form.campaign.measure.toLowerCase()}-${form.campaign.report_year}-${form.organisation.nis}.xlsx`, content };
}

/** The workbook kept with the form (the one its rows come from). */
export async function keptWorkbook(ctx: ServiceContext, campaignId: string) {
  const form = await loadForm(ctx, campaignId);
  if (!form.workbook) throw new NotFound();
  const file = await findAttachment(ctx.db, currentOrganisationId(ctx), campaignId, form.workbook.id);
  // The form's workbook is never pruned (the database refuses it); a record without bytes is not served.
  if (!file?.content) throw new NotFound();
  // PGlite reads bytea as a Uint8Array: a Buffer over the same memory, as the type says.
  const bytes: Uint8Array = file.content;
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A file kept before hostile parts were refused at upload (macros, external links, OLE, ActiveX) is never served.
  if (await keptWorkbookRefusal(content)) throw new NotFound();
  return { ...file, content };
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Reads an uploaded workbook and, when it is the right template and its rows pass the form's rules, saves
 * them as the form's rows (WORKBOOK mode). Anything wrong changes nothing and says where (sheet, row, column).
 */
export async function uploadWorkbook(ctx: ServiceContext, campaignId: string, expectedVersion: number, file: UploadedFile): Promise<UploadResult> {
  requireAccess(ctx.actor, 'FormEdit');
  const form = await loadForm(ctx, campaignId);
  const { definition, campaign } = form;
  if (!definition.workbook) throw new NotFound();
  // Uploading is the workbook way: a form typed in switches first (with its confirmation), never silently.
  if (form.entryMode !== 'WORKBOOK') return { kind: 'rejected', problems: [{ kind: 'file', error: { code: 'entry.switch_first', params: {} } }] };
  // Counted before the file is read (reading is the costly part), whatever the outcome.
  const limited = await rateLimited(ctx);
  if (limited) return limited;
  const params = campaign.params as Record<string, unknown>;
  const read = await readWorkbook(file.content, {
    definition,
    measure: campaign.measure,
    reportYear: campaign.report_year,
    templateVersion: definition.workbook.templateVersion,
    kbo: form.organisation.kbo,
    params,
  });
  if (!read.ok) return { kind: 'rejected', problems: read.errors.map((error): UploadProblem => ({ kind: 'file', error })) };
  const tables = workbookTables(definition, 'WORKBOOK');
  const raw = withWorkbookRows(definition, form.raw, read.tables);
  const evaluation = evaluate({ definition, raw, refs: form.refs, params, reportYear: campaign.report_year });
  const problems: UploadProblem[] = evaluation.issues
    .filter((issue) => issue.severity === 'error' && tables.has(issue.path.split('.')[0]))
    .map(
      (issue): UploadProblem => ({ kind: 'row', at: locateIssue(definition, read.rowNumbers, issue.path), issue, found: cellValue(read.tables, issue.path) }),
    );
  if (problems.length > 0) return { kind: 'rejected', problems };
  const hash = sha256(file.content);
  try {
    return await changeContent(ctx, campaignId, expectedVersion, (current) => ({
      raw: withWorkbookRows(definition, current.stored, read.tables),
      entryMode: 'WORKBOOK',
      workbook: { upload: file, sha256: hash },
      audit: { type: 'WORKBOOK_UPLOADED', payload: { fileName: file.fileName, sha256: hash, sizeBytes: file.content.length } },
    }));
  } catch (error) {
    // Over the OCMW's quota even after pruning: the whole change was rolled back, the form is as it was.
    if (!(error instanceof KeptFilesQuotaExceeded)) throw error;
    const megabytes = (bytes: number) => String(Math.ceil(bytes / (1024 * 1024)));
    return refusal('workbook.kept.quota', { megabytes: megabytes(error.quotaBytes) }, 422);
  }
}

function refusal(code: string, params: Record<string, string>, status: number): UploadResult {
  return { kind: 'rejected', problems: [{ kind: 'file', error: { code, params } }], status };
}

/** The upload rate limit of the person (KEPT_FILES): a refusal saying when to try again, or null. */
async function rateLimited(ctx: ServiceContext): Promise<UploadResult | null> {
  const { uploads, windowEndsAt } = await countUpload(ctx.db, ctx.actor.personId, 'WORKBOOK', ctx.now, KEPT_FILES.windowMs);
  if (uploads <= KEPT_FILES.uploadsPerWindow) return null;
  const minutes = Math.max(1, Math.ceil((windowEndsAt.getTime() - ctx.now.getTime()) / 60_000));
  return refusal(
    minutes === 1 ? 'workbook.kept.rate_limited_one' : 'workbook.kept.rate_limited_other',
    { count: String(KEPT_FILES.uploadsPerWindow), window: String(Math.round(KEPT_FILES.windowMs / 60_000)), minutes: String(minutes) },
    429,
  );
}

/** Switches between typing and the workbook: the rows of the workbook tables of the other way are wiped. */
export async function setEntryMode(ctx: ServiceContext, campaignId: string, expectedVersion: number, mode: EntryMode): Promise<SaveResult> {
  const { definition } = await formDefinitionFor(ctx, campaignId);
  if (!definition.workbook) throw new NotFound();
  return changeContent(ctx, campaignId, expectedVersion, (current) => {
    const unchanged = current.entryMode === mode;
    return {
      raw: unchanged ? current.stored : withWorkbookRows(definition, current.stored, {}),
      entryMode: mode,
      workbook: unchanged ? { keep: current.workbook?.id ?? null, sha256: current.workbook?.sha256 ?? null } : { keep: null, sha256: null },
      audit: {
        type: 'ENTRY_MODE_CHANGED',
        payload: { from: current.entryMode, to: mode, wipedRows: unchanged ? 0 : workbookRowCount(definition, current.stored) },
      },
    };
  });
}

/** What the workbook's cell of an issue holds (a period: both dates), to quote it; undefined when empty or not a cell. */
export function cellValue(tables: Record<string, Array<Record<string, string>>>, path: string): string | undefined {
  const [table, index, column] = path.split('.');
  if (column === undefined) return undefined;
  const row = tables[table]?.[Number(index)];
  if (!row) return undefined;
  const value = row[column] ?? [row[`${column}.from`], row[`${column}.to`]].filter((v) => v !== undefined && v.trim() !== '').join(' – ');
  return value.trim() === '' ? undefined : value.trim();
}
