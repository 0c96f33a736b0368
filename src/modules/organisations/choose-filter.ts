import type { Language } from '../../i18n/language.ts';

import { foldAccents } from '../shared/fold-accents.ts';
import { organisationName } from '../shared/organisation-name.ts';

export { foldAccents };

export interface ChoosableRow {
  id: string;
  kbo: string;
  name_nl: string;
  name_fr: string;
  name_de: string;
  language?: string | null;
  administration_language?: string | null;
}

/**
 * The organisation chooser's filter (portal.md §2.3 step 6, "by name or KBO number"): every word of the query must
 * appear in the name in one of the three languages (accent- and case-insensitive), or the query's digits (dots,
 * spaces and a BE prefix ignored) in the KBO number. An empty query keeps every row.
 */
export function filterChoosable<T extends ChoosableRow>(rows: T[], query: string): T[] {
  const folded = foldAccents(query.trim());
  if (!folded) return rows;
  const digits = folded.replace(/^be/, '').replace(/[\s./-]/g, '');
  const words = folded.split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (/^\d+$/.test(digits) && row.kbo.includes(digits.length === 9 ? `0${digits}` : digits)) return true;
    const names = [row.name_nl, row.name_fr, row.name_de].map(foldAccents);
    return names.some((name) => words.every((w) => name.includes(w)));
  });
}

/** Sorted by the name shown to the reader: the official name (ADR 0043), else the one in the reader's language. */
export function sortChoosable<T extends ChoosableRow>(rows: T[], lang: Language): T[] {
  const key = (r: T) => foldAccents(organisationName(r, lang));
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)));
}
