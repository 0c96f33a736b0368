/** An OCMW's name in a language (its names are kept in Dutch, French and German; Dutch for any other). */
export function organisationName<Name>(org: { name_nl: Name; name_fr: Name; name_de: Name }, language: string): Name {
  return language === 'fr' ? org.name_fr : language === 'de' ? org.name_de : org.name_nl;
}
