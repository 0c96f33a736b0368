/** Where a campaign stands for one OCMW at a moment: pure, shared by the pages, the follow-up and the reminders. */

export type CampaignPhase = 'planned' | 'open' | 'late' | 'closed';

/** What one OCMW may do beyond the campaign's own dates (granted by POD MI). */
export interface LateSubmissionState {
  /** a late submission allowed by a beheerder until this moment, also after the campaign was closed */
  lateUntil?: Date | null;
  /** POD MI sent the submitted form back for correction: editable until resubmitted (or until `lateUntil`) */
  correctionRequested?: boolean;
}

/** Has the late submission (also the deadline POD MI sets for a correction) run out? */
export function lateSubmissionExpired(late: LateSubmissionState, now: Date): boolean {
  return late.lateUntil != null && now > new Date(late.lateUntil);
}

/**
 * Where a campaign stands at a moment, for one OCMW: forms can be edited and signed while open or late. A closed
 * campaign stays open ("late") for an OCMW with a late submission allowed, or with a correction requested — until
 * the deadline POD MI set for it with a late submission, if any; a settled campaign is closed for everyone.
 */
export function campaignPhase(campaign: { status: string; opens_at: Date; closes_at: Date }, now: Date, late: LateSubmissionState = {}): CampaignPhase {
  if (campaign.status === 'SETTLED') return 'closed';
  const allowed = late.lateUntil != null ? !lateSubmissionExpired(late, now) : late.correctionRequested === true;
  if (campaign.status === 'CLOSED') return allowed ? 'late' : 'closed';
  if (campaign.status === 'PLANNED' || now < new Date(campaign.opens_at)) return allowed && campaign.status !== 'PLANNED' ? 'late' : 'planned';
  return now > new Date(campaign.closes_at) ? 'late' : 'open';
}

export function isEditablePhase(phase: CampaignPhase): boolean {
  return phase === 'open' || phase === 'late';
}
