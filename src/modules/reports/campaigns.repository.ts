import type { Db, Tx } from '../../db/database.ts';

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

export type CampaignPhase = 'planned' | 'open' | 'late' | 'closed';

/** What one OCMW may do beyond the campaign's own dates (granted by POD MI). */
export interface OcmwAllowance {
  /** a late submission allowed by a beheerder until this moment, also after the campaign was closed */
  lateUntil?: Date | null;
  /** POD MI sent the submitted form back for correction: editable until resubmitted (or until `lateUntil`) */
  correctionRequested?: boolean;
}

/** Has the late allowance (also the deadline POD MI sets for a correction) run out? */
export function allowanceExpired(allowance: OcmwAllowance, now: Date): boolean {
  return allowance.lateUntil != null && now > new Date(allowance.lateUntil);
}

/**
 * Where a campaign stands at a moment, for one OCMW: forms can be edited and signed while open or late. A closed
 * campaign stays open ("late") for an OCMW with a late submission allowed, or with a correction requested — until
 * the deadline POD MI set for it with a late allowance, if any; a settled campaign is closed for everyone.
 */
export function campaignPhase(campaign: { status: string; opens_at: Date; closes_at: Date }, now: Date, allowance: OcmwAllowance = {}): CampaignPhase {
  if (campaign.status === 'SETTLED') return 'closed';
  const allowed = allowance.lateUntil != null ? !allowanceExpired(allowance, now) : allowance.correctionRequested === true;
  if (campaign.status === 'CLOSED') return allowed ? 'late' : 'closed';
  if (campaign.status === 'PLANNED' || now < new Date(campaign.opens_at)) return allowed && campaign.status !== 'PLANNED' ? 'late' : 'planned';
  return now > new Date(campaign.closes_at) ? 'late' : 'open';
}

export function isEditablePhase(phase: CampaignPhase): boolean {
  return phase === 'open' || phase === 'late';
}
