import type { FormStateFilter, OcmwFilter, OcmwSort } from '../follow-up.model.ts';

/** What the OCMW list's URL carries: the year, the dashboard's filters, a form's state, the search, sort and page. */
export interface OcmwListLocation {
  year: number;
  filter: OcmwFilter;
  form?: { measure: string; state: FormStateFilter } | null;
  search?: string;
  sort?: OcmwSort;
  descending?: boolean;
  page?: number;
}

/**
 * The OCMW list's URL (a GET the list's schema reads back): the dashboard's counts link here with their measure and
 * state, the list's sort links, pages and "remove this filter" links too. Defaults are left out.
 */
export function ocmwListHref(l: OcmwListLocation): string {
  const query = new URLSearchParams({ year: String(l.year) });
  if (l.filter.region) query.set('region', l.filter.region);
  if (l.filter.province) query.set('province', l.filter.province);
  if (l.filter.language) query.set('language', l.filter.language);
  if (l.form) {
    query.set('measure', l.form.measure);
    query.set('state', l.form.state);
  }
  if (l.search) query.set('q', l.search);
  if (l.sort && (l.sort !== 'name' || l.descending)) {
    query.set('sort', l.sort);
    query.set('dir', l.descending ? 'desc' : 'asc');
  }
  if (l.page && l.page > 1) query.set('page', String(l.page));
  return `/backoffice/ocmws?${query.toString()}`;
}
