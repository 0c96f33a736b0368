/**
 * The order of the measures wherever an OCMW sees them together: the forms' numbering of forms.md §1 (F1–F15), which
 * for the current measures is the circular's: gas and electricity fund, art. 40, PSA, GPMI, GPMI temporary protection.
 */
export const MEASURE_ORDER: readonly string[] = [
  'HUURWAARBORGEN',
  'GROTE_STEDEN',
  'CLUSTERS',
  'GAS_ELEK',
  'PERSONEELSKOSTEN',
  'SOC_CULT',
  'PSA',
  'GPMI',
  'GPMI_TB',
  'COVID_PREMIE',
  'VOEDSELHULP',
  'JONGEREN_STUDENTEN',
  'COVID_TOELAGE',
  'PSY_WELZIJN',
  'OVEREENKOMST',
];

/** Sorts by MEASURE_ORDER; a measure not listed comes after, by its code. */
export function byMeasureOrder(a: { measure: string }, b: { measure: string }): number {
  const rank = (m: string) => {
    const i = MEASURE_ORDER.indexOf(m);
    return i === -1 ? MEASURE_ORDER.length : i;
  };
  return rank(a.measure) - rank(b.measure) || a.measure.localeCompare(b.measure);
}
