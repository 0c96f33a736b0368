import { formatIsoDate, formatNumeric } from '../../i18n/format.ts';
import type { T } from '../../i18n/i18n.ts';
import type { Language } from '../../i18n/language.ts';
import { assumedParams } from '../campaigns/assumptions.ts';

/** How an OCMW reads each parameter that can be an assumption (a parameter not listed here is named by its key). */
const LABELS: Record<string, string> = {
  classTable: 'assumption.param.classTable',
  tpEndDate: 'assumption.param.tpEndDate',
  periodFrom: 'assumption.param.periodFrom',
};

function paramValue(t: T, lang: Language, value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatIsoDate(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => t('assumption.class_row', { class: k, fte: formatNumeric('fte', typeof v === 'number' ? v : null, lang) }))
      .join('; ');
  return String(value);
}

/**
 * The campaign's parameters that are this application's assumptions (issue 14, item 22), as label and value in the
 * reader's language: shown on the form's pages and printed in its PDF.
 */
export function assumptionLines(t: T, lang: Language, params: Record<string, unknown>): Array<{ label: string; value: string }> {
  return assumedParams(params).map((key) => ({ label: LABELS[key] ? t(LABELS[key]) : key, value: paramValue(t, lang, params[key]) }));
}
