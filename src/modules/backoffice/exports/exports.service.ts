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
import type { ExportsOverview } from './exports.model.ts';

/** POD MI's exports of submitted data per measure and year (BackofficeRead; forms.md §6.4). */

export type { ExportChoice, ExportsOverview } from './exports.model.ts';

/**
 * The campaigns of one report year (and one measure, when chosen) with their files: the page offers a year and a
 * measure to choose (a GET form) rather than every campaign's links at once. Without a valid year: the latest year
 * with a submitted form, else the latest year.
 */
export async function exportsOverview(ctx: ServiceContext, choice: { year: number | null; measure: string | null }): Promise<ExportsOverview> {
  requireAccess(ctx.actor, 'BackofficeRead');
  const [all, counts] = await Promise.all([listAllCampaigns(ctx.db), unsafeCountSubmitted(ctx.db)]);
  const years = [...new Set(all.map((c) => c.report_year))].sort((a, b) => b - a);
  const measures = [...new Set(all.map((c) => c.measure))].sort();
  const year =
    choice.year !== null && years.includes(choice.year) ? choice.year : (all.find((c) => (counts.get(c.id) ?? 0) > 0)?.report_year ?? years[0] ?? null);
  const measure = choice.measure !== null && measures.includes(choice.measure) ? choice.measure : null;
  const campaigns = all
    .filter((c) => c.report_year === year && (measure === null || c.measure === measure))
    .map((c) => ({
      id: c.id,
      measure: c.measure,
      reportYear: c.report_year,
      status: c.status,
      submitted: counts.get(c.id) ?? 0,
      tables: tablesOf(getDefinition(c.measure, c.definition_version)).map((t) => ({ key: t.key, labelKey: t.labelKey })),
    }));
  return { years, year, measures, measure, campaigns };
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
