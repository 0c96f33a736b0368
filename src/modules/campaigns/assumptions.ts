/**
 * Parameters of a campaign that are this application's assumptions, not values POD MI published (forms.md `[A]`: the
 * gas fund's class table, the end of temporary protection after 4 March 2025). They are listed in the campaign's own
 * parameters under `assumedParams` (from the per-year data), shown as such to every OCMW that sees them (issue 14,
 * item 22), and POD MI confirms one by taking it out of that list in the back office (or changes the value there).
 */
export const ASSUMED_PARAMS_KEY = 'assumedParams';

/** The assumed parameters of a campaign that it really has (a name without a parameter is ignored). */
export function assumedParams(params: Record<string, unknown>): string[] {
  const listed = params[ASSUMED_PARAMS_KEY];
  if (!Array.isArray(listed)) return [];
  return listed.filter((key): key is string => typeof key === 'string' && key !== ASSUMED_PARAMS_KEY && key in params);
}
