/** The path of an OCMW page: ocmwPath('0212000154', '/forms/…') → /ocmw/0212000154/forms/… (ADR 0026). */
export function ocmwPath(kbo: string, path = ''): string {
  return `/ocmw/${kbo}${path}`;
}
