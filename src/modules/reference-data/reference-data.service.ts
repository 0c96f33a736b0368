import { randomUUID } from 'node:crypto';
import { requireAccess } from '../../access/access.ts';
import { type AuditEventType, appendAudit } from '../../audit/audit.ts';
import { withTransaction } from '../../db/database.ts';
import type { StagedReferenceRow } from '../../db/types.ts';
import type { ServiceContext } from '../../access/service-context.ts';
import type { RefField } from '../forms/definition.ts';
import { allDefinitions } from '../forms/registry.ts';
import { type CampaignRow, findCampaign, listAllCampaigns } from '../campaigns/campaigns.repository.ts';
import { NotFound } from '../shared/errors.ts';
import {
  findOrganisationNames,
  insertReferenceImport,
  listOrganisationKeys,
  listReferenceImports,
  lockCampaignStatus,
  lockReferenceValues,
  mergeReferenceValues,
} from './reference-data.repository.ts';
import { validateReferenceTable } from './reference-rows.ts';
import { discardStagedImport, fileFacts, lockForCommit, readUploadedTable, stagedImportFacts, stagedImportSummary } from './staged-import.ts';
import { findStagedImport, markStagedImport } from './staged-import.repository.ts';
import type { ReferenceUpload } from './upload.ts';
import type { CampaignChoice, ReferenceImportDetail, UploadError } from './reference-data.model.ts';

export type { CampaignChoice, PreviewRow, ReferenceImportDetail, UploadError } from './reference-data.model.ts';

/**
 * POD MI loads reference values (allocation, advances, counts…) per OCMW × campaign from a file: the file is
 * staged with its validation report, then committed all at once (or discarded). forms.md §2.1, §0.2 `Ref`.
 */

/** Not (yet) in AUDIT_EVENT_TYPES of audit.ts: the audit type of a commit, one event per OCMW whose values changed. */
export const REFERENCE_VALUES_LOADED: AuditEventType = 'REFERENCE_VALUES_LOADED';

/** How many past imports the overview lists. */
const HISTORY_LIMIT = 100;
/** How many lines the preview of an import shows. */
export const PREVIEW_LINES = 100;

/** The campaign's form definition, if this application knows it (a campaign could name one it does not). */
function definitionOf(campaign: Pick<CampaignRow, 'measure' | 'definition_version'>) {
  return allDefinitions().find((d) => d.measure === campaign.measure && d.version === campaign.definition_version) ?? null;
}

/** The reference values of a campaign: the RefField items of its definition, in form order. */
export function referenceFieldsOf(campaign: Pick<CampaignRow, 'measure' | 'definition_version'>): RefField[] {
  const definition = definitionOf(campaign);
  return definition ? definition.sections.flatMap((s) => s.items.filter((i): i is RefField => i.kind === 'ref')) : [];
}

function choiceOf(campaign: CampaignRow): CampaignChoice {
  return {
    id: campaign.id,
    reportYear: campaign.report_year,
    measure: campaign.measure,
    titleKey: definitionOf(campaign)?.titleKey ?? null,
    fields: referenceFieldsOf(campaign),
  };
}

/** The upload screen: every campaign (newest report year first) and the most recent imports. */
export async function referenceDataOverview(ctx: ServiceContext) {
  requireAccess(ctx.actor, 'ReferenceDataLoad');
  const [campaigns, imports] = await Promise.all([listAllCampaigns(ctx.db), listReferenceImports(ctx.db, HISTORY_LIMIT)]);
  return {
    campaigns: campaigns.map(choiceOf),
    imports: imports.map((i) => ({
      ...stagedImportSummary(i),
      reportYear: i.report_year,
      measure: i.measure,
      titleKey: definitionOf(i)?.titleKey ?? null,
    })),
  };
}

export type StageResult = { kind: 'staged'; importId: string } | { kind: 'invalid'; errors: { campaign?: UploadError; file?: UploadError } };

/**
 * Reads and validates an uploaded file for a campaign and stages it with its validation report. A file that
 * cannot be read at all (no file, too large, macros, not a workbook or CSV) is refused and not staged.
 */
export async function stageReferenceImport(ctx: ServiceContext, upload: ReferenceUpload): Promise<StageResult> {
  requireAccess(ctx.actor, 'ReferenceDataLoad');
  const errors: { campaign?: UploadError; file?: UploadError } = {};
  const campaign = upload.campaignId ? await findCampaign(ctx.db, upload.campaignId) : undefined;
  const fields = campaign ? referenceFieldsOf(campaign) : [];
  if (!campaign) errors.campaign = { key: 'refdata.error.no_campaign' };
  else if (fields.length === 0) errors.campaign = { key: 'refdata.error.no_reference_fields' };
  else if (campaign.status === 'SETTLED') errors.campaign = { key: 'refdata.error.settled' };
  if (upload.tooLarge) errors.file = { key: 'refdata.error.too_large' };
  else if (!upload.file) errors.file = { key: 'refdata.error.no_file' };
  if (!campaign || errors.campaign || !upload.file || errors.file) return { kind: 'invalid', errors };

  const table = await readUploadedTable(upload.file);
  if (!table.ok) return { kind: 'invalid', errors: { file: table.error } };
  const result = validateReferenceTable({ rows: table.rows, fields, organisations: await listOrganisationKeys(ctx.db), reportYear: campaign.report_year });
  const importId = randomUUID();
  await insertReferenceImport(ctx.db, {
    id: importId,
    campaignId: campaign.id,
    ...fileFacts(upload.file),
    uploadedBy: ctx.actor.personId,
    uploadedAt: ctx.now,
    rowCount: result.lineCount,
    rows: result.rows,
    problems: result.problems,
  });
  return { kind: 'staged', importId };
}

/** One import with its report and the preview of its first lines. */
export async function getReferenceImport(ctx: ServiceContext, importId: string): Promise<ReferenceImportDetail> {
  requireAccess(ctx.actor, 'ReferenceDataLoad');
  const row = await findStagedImport(ctx.db, 'reference_imports', importId);
  if (!row) throw new NotFound();
  const campaign = await findCampaign(ctx.db, row.campaign_id);
  if (!campaign) throw new NotFound();
  const rows = row.rows as StagedReferenceRow[];
  const shown = rows.slice(0, PREVIEW_LINES);
  const names = new Map(
    (
      await findOrganisationNames(
        ctx.db,
        shown.map((r) => r.organisationId),
      )
    ).map((o) => [o.id, o]),
  );
  const choice = choiceOf(campaign);
  const present = new Set(rows.flatMap((r) => Object.keys(r.values)));
  return {
    ...stagedImportFacts(row),
    campaign: choice,
    fields: choice.fields.filter((f) => present.has(f.key)),
    preview: shown.map((r) => ({ line: r.line, organisation: names.get(r.organisationId) ?? null, values: r.values })),
    loadableRows: rows.length,
  };
}

export type CommitResult = 'committed' | 'not_staged' | 'has_problems' | 'settled';

/**
 * Loads a staged import in one transaction: every line or none. The import is locked first, so a second
 * commit (a double click) waits and then finds it COMMITTED. The values of the file are merged into the
 * OCMW's present values for the campaign; every OCMW whose values change gets an audit event.
 */
export async function commitReferenceImport(ctx: ServiceContext, importId: string): Promise<CommitResult> {
  requireAccess(ctx.actor, 'ReferenceDataLoad');
  return withTransaction(ctx.db, async (tx) => {
    const staged = await lockForCommit(tx, 'reference_imports', importId);
    if (typeof staged === 'string') return staged;
    // A settled campaign's amounts are final (its letters are issued): serialised with the settlement.
    if ((await lockCampaignStatus(tx, staged.campaign_id)) === 'SETTLED') return 'settled';
    // One order for every lock (reference values, then audit heads): concurrent commits cannot deadlock.
    const rows = [...(staged.rows as StagedReferenceRow[])].sort((a, b) => a.organisationId.localeCompare(b.organisationId));
    const existing = await lockReferenceValues(
      tx,
      staged.campaign_id,
      rows.map((r) => r.organisationId),
    );
    const before = new Map(existing.map((e) => [e.organisation_id, e.data as Record<string, number>]));
    await mergeReferenceValues(tx, staged.campaign_id, rows, ctx.now);
    for (const row of rows) {
      const old = before.get(row.organisationId) ?? {};
      const changes = Object.fromEntries(
        Object.entries(row.values)
          .filter(([key, value]) => old[key] !== value)
          .map(([key, value]) => [key, { old: old[key] ?? null, new: value }]),
      );
      if (Object.keys(changes).length === 0) continue;
      await appendAudit(tx, {
        organisationId: row.organisationId,
        actorPersonId: ctx.actor.personId,
        type: REFERENCE_VALUES_LOADED,
        subjectId: staged.id,
        payload: {
          campaignId: staged.campaign_id,
          importId: staged.id,
          fileName: staged.file_name,
          fileSha256: staged.file_sha256,
          line: row.line,
          values: changes,
        },
        at: ctx.now,
      });
    }
    await markStagedImport(tx, 'reference_imports', staged.id, 'COMMITTED', ctx.actor.personId, ctx.now);
    return 'committed';
  });
}

/** Discards a staged import: nothing is loaded; it stays in the history. */
export async function discardReferenceImport(ctx: ServiceContext, importId: string): Promise<'discarded' | 'not_staged'> {
  requireAccess(ctx.actor, 'ReferenceDataLoad');
  return discardStagedImport(ctx, 'reference_imports', importId);
}
