import { createHash } from 'node:crypto';

/** JSON with sorted keys, NFC-normalised strings and no insignificant whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('Canonical content holds integers only (cents, hundredths)');
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k.normalize('NFC'))}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`Unsupported value in canonical content: ${typeof value}`);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface SignedContent {
  measure: string;
  definitionVersion: number;
  organisationKbo: string;
  /** the bank account the balance is paid to: part of what is signed */
  payment: { iban: string | null; bic: string | null };
  reportYear: number;
  values: unknown;
  tables: unknown;
  refs: unknown;
  /** the uploaded workbook the rows come from, when the form is justified by workbook */
  workbook?: { sha256: string | null };
}

/** The SHA-256 hash a signature is bound to: definition and version, OCMW and its bank account, report year, values. */
export function contentHash(content: SignedContent): string {
  return sha256Hex(canonicalJson(content));
}
