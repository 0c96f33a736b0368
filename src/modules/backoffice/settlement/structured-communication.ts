/**
 * The Belgian structured communication (gestructureerde mededeling / communication structurée) of a
 * settlement: +++ddd/dddd/ddddd+++, ten digits followed by their remainder modulo 97 (97 when it is 0).
 *
 * The ten digits say what is paid or reclaimed: the report year (2 digits), the measure (3 digits, its form
 * number of forms.md plus 100) and the OCMW's NIS code (5 digits) — unique per campaign × OCMW, readable by a
 * person who reconciles the bank statement.
 */
const MEASURE_CODES: Record<string, number> = {
  HUURWAARBORGEN: 101,
  GROTE_STEDEN: 102,
  CLUSTERS: 103,
  GAS_ELEK: 104,
  PERSONEELSKOSTEN: 105,
  SOC_CULT: 106,
  PSA: 107,
  GPMI: 108,
  GPMI_TB: 109,
  COVID_PREMIE: 110,
  VOEDSELHULP: 111,
  JONGEREN_STUDENTEN: 112,
  COVID_TOELAGE: 113,
  PSY_WELZIJN: 114,
  OVEREENKOMST: 115,
};
const UNKNOWN_MEASURE = 999;

/** The check digits of ten digits: their remainder modulo 97, 97 for a remainder of 0. */
export function mod97CheckDigits(tenDigits: string): string {
  if (!/^\d{10}$/.test(tenDigits)) throw new Error('Ten digits expected');
  const remainder = Number(BigInt(tenDigits) % 97n);
  return String(remainder === 0 ? 97 : remainder).padStart(2, '0');
}

/** Formats ten digits and their check digits as +++123/4567/89012+++. */
export function formatStructuredCommunication(tenDigits: string): string {
  const all = tenDigits + mod97CheckDigits(tenDigits);
  return `+++${all.slice(0, 3)}/${all.slice(3, 7)}/${all.slice(7)}+++`;
}

/** Is this a well-formed structured communication with correct check digits? */
export function isValidStructuredCommunication(text: string): boolean {
  const m = /^\+\+\+(\d{3})\/(\d{4})\/(\d{5})\+\+\+$/.exec(text);
  if (!m) return false;
  const digits = m[1] + m[2] + m[3];
  return mod97CheckDigits(digits.slice(0, 10)) === digits.slice(10);
}

/** The communication of the settlement of one OCMW (by its NIS code) for one measure and report year. */
export function settlementCommunication(reportYear: number, measure: string, nis: string): string {
  const year = String(reportYear % 100).padStart(2, '0');
  const code = String(MEASURE_CODES[measure] ?? UNKNOWN_MEASURE);
  const nisDigits = nis.replace(/\D/g, '').padStart(5, '0').slice(-5);
  return formatStructuredCommunication(`${year}${code}${nisDigits}`);
}
