/** The filters of the e-Box list as they stand in its address (only those set). */
export interface EboxFilter {
  type?: string;
  legislation?: string;
  period?: string;
  state?: string;
  q?: string;
}

/** The address of a page of the e-Box with these filters. */
export function eboxHref(base: string, filter: EboxFilter, page = 1): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `${base}/ebox${query ? `?${query}` : ''}`;
}
