import { requireAccess } from '../../../access/access.ts';
import type { Language } from '../../../db/types.ts';
import type { T } from '../../../i18n/i18n.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { getDefinition } from '../../forms/registry.ts';
import { findCampaign, listAllCampaigns } from '../../campaigns/campaigns.repository.ts';
import { NotFound } from '../../shared/errors.ts';
import { tablesOf } from '../../forms/definition.ts';
import { exportCsv, exportXlsx } from './export-files.ts';
import { exportLayout } from './export-rows.ts';
import { unsafeCountSubmitted } from './exports.repository.ts';
import type { ExportChoice } from './exports.model.ts';

/** POD MI's exports of submitted data per measure and year (BackofficeRead; forms.md §6.4). */

export type { ExportChoice } from './exports.model.ts';

export async function exportsOverview(ctx: ServiceContext): Promise<ExportChoice[]> {
  requireAccess(ctx.actor, 'BackofficeRead');
  const [campaigns, counts] = await Promise.all([listAllCampaigns(ctx.db), unsafeCountSubmitted(ctx.db)]);
  return campaigns.map((c) => ({
    id: c.id,
    measure: c.measure,
    reportYear: c.report_year,
    status: c.status,
    submitted: counts.get(c.id) ?? 0,
    tables: tablesOf(getDefinition(c.measure, c.definition_version)).map((t) => ({ key: t.key, labelKey: t.labelKey })),
  }));
}

async function campaignOf(ctx: ServiceContext, campaignId: string) {
  requireAccess(ctx.actor, 'BackofficeRead');
  const campaign = await findCampaign(ctx.db, campaignId);
  if (!campaign) throw new NotFound();
  return campaign;
}

function fileBase(campaign: { measure: string; report_year: number }) {
  return `export-${campaign.measure.toLowerCase()}-${campaign.report_year}`;
}

export async function campaignXlsx(ctx: ServiceContext, campaignId: string, t: T, lang: Language) {
  const campaign = await campaignOf(ctx, campaignId);
  return { fileName: `${fileBase(campaign)}.xlsx`, content: await exportXlsx(ctx.db, exportLayout(campaign, t, lang)) };
}

/** The summary as CSV, or one table (`table` = its key); an unknown table is not found. */
export async function campaignCsv(ctx: ServiceContext, campaignId: string, table: string | undefined, t: T, lang: Language) {
  const campaign = await campaignOf(ctx, campaignId);
  const key = table || 'summary';
  const content = await exportCsv(ctx.db, exportLayout(campaign, t, lang), key);
  if (content === null) throw new NotFound();
  return { fileName: `${fileBase(campaign)}-${key}.csv`, content };
}
