import { requireAccess } from '../../../access/access.ts';
import type { Language } from '../../../db/types.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { campaignPhase } from '../../campaigns/campaign-phase.ts';
import { listReportYears } from '../../campaigns/campaigns.repository.ts';
import {
  type Cell,
  type CellState,
  type FormFilter,
  type OcmwFilter,
  type OcmwSort,
  listProvinces,
  listYearCampaigns,
  unsafeCountOrganisations,
  unsafeCountStates,
  unsafeListCells,
  unsafeListOcmwPage,
  unsafeSubmissionsPerDay,
} from './follow-up.repository.ts';
import { CELL_STATES, type FormStateFilter, type MeasureCounts } from './follow-up.model.ts';

export const PAGE_SIZE = 100;

/** The requested report year when it has campaigns; else the most recent one with a campaign open now, else the latest. */
async function chooseYear(ctx: ServiceContext, requested: number | null) {
  const years = await listReportYears(ctx.db);
  if (requested !== null && years.includes(requested)) return { years, year: requested, campaigns: await listYearCampaigns(ctx.db, requested) };
  for (const year of years) {
    const campaigns = await listYearCampaigns(ctx.db, year);
    if (campaigns.some((c) => campaignPhase(c, ctx.now) === 'open')) return { years, year, campaigns };
  }
  const year = years[0] ?? ctx.now.getUTCFullYear();
  return { years, year, campaigns: await listYearCampaigns(ctx.db, year) };
}

/** The dashboard of a report year: per measure how many OCMWs are in each state, and submissions per day. */
export async function getDashboard(ctx: ServiceContext, requestedYear: number | null, filter: OcmwFilter) {
  requireAccess(ctx.actor, 'BackofficeRead');
  const { years, year, campaigns } = await chooseYear(ctx, requestedYear);
  const [counts, ocmws, perDay, provinces] = await Promise.all([
    unsafeCountStates(ctx.db, year, ctx.now, filter),
    unsafeCountOrganisations(ctx.db, year, filter),
    unsafeSubmissionsPerDay(ctx.db, year, filter),
    listProvinces(ctx.db),
  ]);
  const measures: MeasureCounts[] = campaigns.map((campaign) => {
    const rows = counts.filter((c) => c.campaign_id === campaign.id);
    const byState = Object.fromEntries(CELL_STATES.map((s) => [s, rows.find((r) => r.state === s)?.count ?? 0])) as Record<CellState, number>;
    return { campaign, byState, late: rows.reduce((n, r) => n + r.late, 0), corrections: rows.reduce((n, r) => n + r.corrections, 0) };
  });
  return { years, year, measures, ocmws, perDay, provinces, filter };
}

export interface OcmwListRequest {
  year: number | null;
  /** the dashboard's filters, carried by its links */
  filter: OcmwFilter;
  /** a dashboard count: the measure and the state of its form (ignored unless both are given and the year has the measure) */
  measure: string | null;
  state: FormStateFilter | null;
  search: string;
  sort: OcmwSort;
  descending: boolean;
  page: number;
  lang: Language;
}

/** One page of the OCMW list with the state of each form of the year. */
export async function getOcmwList(ctx: ServiceContext, request: OcmwListRequest) {
  requireAccess(ctx.actor, 'BackofficeRead');
  const { years, year, campaigns } = await chooseYear(ctx, request.year);
  const page = Math.max(1, request.page);
  const campaign = request.state ? campaigns.find((c) => c.measure === request.measure) : undefined;
  const form: FormFilter | null = campaign && request.state ? { campaignId: campaign.id, measure: campaign.measure, state: request.state } : null;
  const { total, rows } = await unsafeListOcmwPage(ctx.db, {
    reportYear: year,
    now: ctx.now,
    filter: request.filter,
    form,
    search: request.search,
    sort: request.sort,
    descending: request.descending,
    lang: request.lang,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const cells = await unsafeListCells(
    ctx.db,
    year,
    ctx.now,
    rows.map((r) => r.id),
  );
  const byKey = new Map<string, Cell>(cells.map((c) => [`${c.organisation_id}:${c.campaign_id}`, c]));
  const ocmws = rows.map((r) => ({ ...r, cells: campaigns.map((c) => byKey.get(`${r.id}:${c.id}`) ?? null) }));
  return { years, year, campaigns, ocmws, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), filter: request.filter, form };
}
