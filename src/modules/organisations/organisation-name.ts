/** An OCMW's name in a language (its names are kept in Dutch, French and German). */
export function organisationName(org: { name_nl: string; name_fr: string; name_de: string }, language: string): string {
  return language === 'fr' ? org.name_fr : language === 'de' ? org.name_de : org.name_nl;
}
