import type { ReferenceImportProblem, ReferenceImportState } from '../../shared/domain.ts';
import type { T } from '../../../i18n/i18n.ts';
import type { ProblemCode } from '../reference-rows.ts';

/** Texts of the reference-data screens that depend on a code: written out so every key stays a literal. */

export const STATE_KEYS: Record<ReferenceImportState, string> = {
  STAGED: 'refdata.state.STAGED',
  COMMITTED: 'refdata.state.COMMITTED',
  DISCARDED: 'refdata.state.DISCARDED',
};

const PROBLEM_KEYS: Record<ProblemCode, string> = {
  empty_file: 'refdata.problem.empty_file',
  missing_identifier_column: 'refdata.problem.missing_identifier_column',
  no_value_columns: 'refdata.problem.no_value_columns',
  unknown_column: 'refdata.problem.unknown_column',
  duplicate_column: 'refdata.problem.duplicate_column',
  missing_identifier: 'refdata.problem.missing_identifier',
  unknown_ocmw: 'refdata.problem.unknown_ocmw',
  identifier_mismatch: 'refdata.problem.identifier_mismatch',
  duplicate_ocmw: 'refdata.problem.duplicate_ocmw',
  wrong_year: 'refdata.problem.wrong_year',
  negative: 'refdata.problem.negative',
  malformed_money: 'refdata.problem.malformed_money',
  malformed_count: 'refdata.problem.malformed_count',
  malformed_decimal: 'refdata.problem.malformed_decimal',
  too_large: 'refdata.problem.too_large',
  above_100: 'refdata.problem.above_100',
};

/** The message of one problem of the validation report. */
export function problemText(t: T, problem: ReferenceImportProblem): string {
  const key = PROBLEM_KEYS[problem.code as ProblemCode] ?? 'refdata.problem.other';
  return t(key, { value: problem.value ?? '', ...(problem.params ?? {}) });
}

/** "2022 — Covid-19: Tijdelijke premie" (the measure code when no form definition is known). */
export function campaignLabel(t: T, campaign: { reportYear: number; measure: string; titleKey: string | null }): string {
  return `${campaign.reportYear} — ${campaign.titleKey ? t(campaign.titleKey) : campaign.measure}`;
}

/** A file size in kB with one decimal, Belgian notation (`12,3 kB`). */
export function fileSize(bytes: number): string {
  return `${(bytes / 1024).toFixed(1).replace('.', ',')} kB`;
}
