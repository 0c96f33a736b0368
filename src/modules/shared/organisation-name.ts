import { type RawBuilder, sql } from 'kysely';

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

/**
 * `organisationName` as an SQL expression over the organisation aliased `alias` (its `name_nl/fr/de`, `language` and
 * `administration_language`), for a list sorted (and paged) in SQL by the name it shows. The same rule, clause by
 * clause: an empty name counts as missing, as `||` does above.
 */
export function organisationNameSql(alias: string, language: string): RawBuilder<string> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const present = (name: string) => sql`NULLIF(${col(name)}, '')`;
  const inLanguage = col(language === 'fr' ? 'name_fr' : language === 'de' ? 'name_de' : 'name_nl');
  const own = sql`COALESCE(${col('administration_language')}, ${col('language')})`;
  const bilingual =
    language === 'nl' || language === 'fr'
      ? sql`COALESCE(NULLIF(${inLanguage}, ''), ${present('name_nl')}, ${col('name_fr')})`
      : sql`CASE WHEN ${present('name_nl')} IS NOT NULL AND ${present('name_fr')} IS NOT NULL AND ${col('name_nl')} <> ${col('name_fr')}
          THEN ${col('name_nl')} || ' / ' || ${col('name_fr')}
          ELSE COALESCE(${present('name_nl')}, ${present('name_fr')}, ${inLanguage}) END`;
  return sql<string>`CASE ${own}
    WHEN 'nl+fr' THEN ${bilingual}
    WHEN 'nl' THEN COALESCE(${present('name_nl')}, ${inLanguage})
    WHEN 'fr' THEN COALESCE(${present('name_fr')}, ${inLanguage})
    WHEN 'de' THEN COALESCE(${present('name_de')}, ${inLanguage})
    ELSE ${inLanguage} END`;
}
