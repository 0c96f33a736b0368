import type { Db, Tx } from '../../db/database.ts';
import { campaignPhase } from './campaign-phase.ts';

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export async function findCampaign(db: Db | Tx, campaignId: string) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', campaignId).executeTakeFirst();
}

/** Every campaign, most recent report year first; a few dozen rows per year. */
export async function listAllCampaigns(db: Db) {
  return db.selectFrom('campaigns').selectAll().orderBy('report_year', 'desc').orderBy('opens_at').orderBy('measure').execute();
}

export async function listReportYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('campaigns').select('report_year').distinct().orderBy('report_year', 'desc').execute();
  return rows.map((r) => r.report_year);
}

/** A report year is closed when it has campaigns and all of them are closed or settled. */
export async function isReportYearClosed(db: Db | Tx, reportYear: number, now: Date): Promise<boolean> {
  const rows = await db.selectFrom('campaigns').selectAll().where('report_year', '=', reportYear).execute();
  return rows.length > 0 && rows.every((r) => campaignPhase(r, now) === 'closed');
}
