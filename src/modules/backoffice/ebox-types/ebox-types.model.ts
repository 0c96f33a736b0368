/** A document type of the e-Box (portal.md §4.2) as the back office shows it. */
export interface EboxTypeRow {
  code: string;
  legislations: string[];
  validityMonths: number;
  changedAt: Date | null;
  /** who changed the validity last (first and last name), null for the default */
  changedBy: string | null;
}

/** Why a typed validity is refused. */
export type ValidityError = 'required' | 'not_whole' | 'out_of_range';

/** What the form holds: the typed validity per type code, as text (kept as typed when refused). */
export type ValidityValues = Record<string, string>;

export type ValiditySave = { kind: 'saved'; changed: string[] } | { kind: 'unchanged' } | { kind: 'invalid'; errors: Record<string, ValidityError> };

/** The range of a validity in months (the table's check). */
export const MIN_VALIDITY_MONTHS = 1;
export const MAX_VALIDITY_MONTHS = 240;
