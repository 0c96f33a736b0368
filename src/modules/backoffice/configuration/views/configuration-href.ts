import type { ConfigurationFilter } from '../configuration.model.ts';

export const CONFIGURATION_BASE = '/backoffice/configuration';

/** The filter as a query string (no JavaScript needed: the filters live in the URL, kept by the pages and the exports). */
function query(filter: ConfigurationFilter, page: number): string {
  const query = new URLSearchParams();
  if (filter.search) query.set('q', filter.search);
  if (filter.supplier) query.set('supplier', filter.supplier);
  if (filter.state) query.set('state', filter.state);
  if (filter.newMerged) query.set('merged', '1');
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The list's address with this filter and page. */
export function listHref(filter: ConfigurationFilter, page: number): string {
  return `${CONFIGURATION_BASE}${query(filter, page)}`;
}

/** The export of the whole filtered list (every page). */
export function exportHref(filter: ConfigurationFilter, format: 'csv' | 'xlsx'): string {
  return `${CONFIGURATION_BASE}.${format}${query(filter, 1)}`;
}
