/**
 * The names of an organisation as rows carry them: one per language, and — when the row selected them — its language
 * of administration (`nl`, `fr`, `de`, or `nl+fr` for a bilingual Brussels OCMW) and its language.
 */
export interface NamedRow<Name> {
  name_nl: Name;
  name_fr: Name;
  name_de: Name;
  administration_language?: string | null;
  language?: string | null;
}

/**
 * An OCMW's name on a page or in a text in `language` (ADR 0043): its official name, the one in its own language —
 * "CPAS de Villedemo" on a Dutch or German page too, "OCMW Demostad" on a French one. A bilingual (Brussels) OCMW has
 * two official names: the Dutch one in Dutch, the French one in French, both ("Dutch / French") in German. The
 * OCMW's language is its language of administration, else its language; a row that carries neither (a list of
 * labels, a query that did not select it) gets the name in `language` (Dutch for any other), as does an OCMW whose
 * official name is missing.
 */
export function organisationName<Name extends string | null>(org: NamedRow<Name>, language: string): Name {
  const inLanguage = language === 'fr' ? org.name_fr : language === 'de' ? org.name_de : org.name_nl;
  const own = org.administration_language ?? org.language;
  if (own === 'nl+fr') {
    if (language === 'nl' || language === 'fr') return inLanguage || org.name_nl || org.name_fr;
    if (org.name_nl && org.name_fr && org.name_nl !== org.name_fr) return `${org.name_nl} / ${org.name_fr}` as Name;
    return org.name_nl || org.name_fr || inLanguage;
  }
  const official = own === 'nl' ? org.name_nl : own === 'fr' ? org.name_fr : own === 'de' ? org.name_de : null;
  return official || inLanguage;
}
