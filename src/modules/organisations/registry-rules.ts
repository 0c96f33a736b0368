import type { MergerScenario, OrganisationStatus } from '../shared/domain.ts';

/**
 * The registry's rules on a day (portal.md §1.2–1.3, rules ORG-3 and MRG-3): pure functions of an organisation's
 * validity and of the merger it disappears in. Days are ISO `YYYY-MM-DD` strings in Brussels, which compare as text.
 */
export interface Lifetime {
  /** first legal day */
  validFrom: string;
  /** last legal day; null while it exists */
  validTo: string | null;
  /** end of the transition of the merger it disappears in (null: "voorlopig"); undefined when it is in no merger */
  transitionEndsOn?: string | null;
  /** does the organisation disappear in a merger (then it has a successor) */
  disappears: boolean;
}

/**
 * ORG-3: ACTIVE while legally in existence; from the day after its last legal day DISAPPEARING when a successor
 * exists, until the end of the transition (set by POD MI, may stay empty); MERGED from then on. An organisation
 * that ends without a successor is MERGED at once (nothing stays available).
 */
export function organisationStatus(org: Lifetime, day: string): OrganisationStatus {
  if (org.validTo === null || day <= org.validTo) return 'ACTIVE';
  if (!org.disappears) return 'MERGED';
  const end = org.transitionEndsOn ?? null;
  return end !== null && day >= end ? 'MERGED' : 'DISAPPEARING';
}

/** MRG-3: the campaign of report year N is offered iff the organisation was legally active at some moment of N. */
export function activeInReportYear(org: Pick<Lifetime, 'validFrom' | 'validTo'>, year: number): boolean {
  return org.validFrom <= `${year}-12-31` && (org.validTo === null || org.validTo >= `${year}-01-01`);
}

/** The report years an organisation files, among these (MRG-3). */
export function reportYearsOf(org: Pick<Lifetime, 'validFrom' | 'validTo'>, years: readonly number[]): number[] {
  return years.filter((y) => activeInReportYear(org, y));
}

/** May the OCMW's people still change anything there (forms, access, data)? Not once it is MERGED (portal.md §1.2). */
export function isReadOnly(status: OrganisationStatus): boolean {
  return status === 'MERGED';
}

/** The day before an ISO day (a disappearing partner's last legal day is the day before the merger). */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The day after an ISO day (a disappearing partner's successor takes over the day after its last legal day). */
export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Does the merged OCMW keep a partner's KBO number (scenarios 2 and 3) or get a new one (scenario 1)? */
export function keepsKbo(scenario: MergerScenario): boolean {
  return scenario !== 'S1_NEW_KBO_NEW_NIS';
}

/** Does the merged OCMW get a new NIS code (scenarios 1 and 2)? */
export function newNis(scenario: MergerScenario): boolean {
  return scenario !== 'S3_KEEP_KBO_KEEP_NIS';
}
