import { z } from 'zod';
import type { OrganisationsTable } from '../../db/types.ts';
import { isBlank, text } from '../shared/posted-text.ts';
import { ibanBicConsistent, isValidBelgianIban, isValidBic, isValidEmail, isValidPhone, normaliseBic, normaliseIban } from '../shared/identifiers.ts';
import { type BelgianBank, belgianBankOf, bicBelongsTo } from './belgian-bank-codes.ts';

/** Field names of the OCMW data form, in display order. */
export const OCMW_DATA_FIELDS = ['iban', 'bic', 'contactLastName', 'contactFirstName', 'contactEmail', 'contactPhone'] as const;
export type OcmwDataField = (typeof OCMW_DATA_FIELDS)[number];
export type OcmwDataInput = Record<OcmwDataField, string>;
/** A message next to a field: a text key, or a text key with the values it names. */
export type FieldMessage = string | { key: string; values: Record<string, string> };
export type OcmwDataErrors = Partial<Record<OcmwDataField, FieldMessage>>;

/** Required text: something visible must remain once spaces and invisible characters are taken away. */
const required = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'issue.text_too_long')
    .refine((v) => !isBlank(v), 'issue.required');

/** Messages are i18n keys; the route translates them next to the field. */
export const ocmwDataSchema = z.object({
  // the form first (BE + 14 digits), then the check digits: a typing error in a digit says so (issue 14, item 7)
  iban: required(42)
    .transform(normaliseIban)
    .refine((v) => /^BE\d{14}$/.test(v), 'ocmw.error_iban')
    .refine(isValidBelgianIban, 'ocmw.error_iban_check'),
  bic: required(20).transform(normaliseBic).refine(isValidBic, 'ocmw.error_bic'),
  contactLastName: required(100),
  contactFirstName: required(100),
  contactEmail: required(254).refine(isValidEmail, 'ocmw.error_email'),
  contactPhone: required(20).refine(isValidPhone, 'ocmw.error_phone'),
});

/** The bank of a valid Belgian IBAN, when its bank code is in the reference list. */
function bankOf(rawIban: string): BelgianBank | undefined {
  const iban = normaliseIban(rawIban);
  return isValidBelgianIban(iban) ? belgianBankOf(iban) : undefined;
}

/**
 * The BIC must be the IBAN's country's and, for a Belgian bank code the reference list knows, that bank's (issue 14,
 * item 7); an unknown bank code accepts any well-formed BIC. Checked even when other fields are wrong, so all
 * messages show at once.
 */
function bicBankError(input: OcmwDataInput): FieldMessage | undefined {
  const iban = normaliseIban(input.iban);
  const bic = normaliseBic(input.bic);
  if (!isValidBic(bic) || !/^[A-Z]{2}/.test(iban)) return undefined;
  if (!ibanBicConsistent(iban, bic)) return 'ocmw.error_bic_country';
  const bank = bankOf(iban);
  if (bank && !bicBelongsTo(bic, bank)) return { key: 'ocmw.error_bic_bank', values: { bank: bank.name, expected: bank.bic } };
  return undefined;
}

/**
 * An empty BIC beside a valid Belgian IBAN of a known bank is filled in from the bank code (the page says so);
 * anything typed is kept as typed. Returns the input to validate and the bank whose BIC was filled in, if any.
 */
export function fillBicFromIban(input: OcmwDataInput): { input: OcmwDataInput; filledFrom: BelgianBank | undefined } {
  if (!isBlank(input.bic)) return { input, filledFrom: undefined };
  const bank = bankOf(input.iban);
  return bank ? { input: { ...input, bic: bank.bic }, filledFrom: bank } : { input, filledFrom: undefined };
}

/** Reads the posted fields as strings; anything else posted is ignored (no mass assignment). */
export function readOcmwDataInput(body: unknown): OcmwDataInput {
  const source = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(OCMW_DATA_FIELDS.map((f) => [f, text(source[f])])) as OcmwDataInput;
}

export function validateOcmwData(input: OcmwDataInput) {
  const parsed = ocmwDataSchema.safeParse(input);
  const bankError = bicBankError(input);
  if (parsed.success && !bankError) return { ok: true as const, data: parsed.data };
  const errors: OcmwDataErrors = bankError ? { bic: bankError } : {};
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0] as OcmwDataField;
    errors[field] ??= issue.message;
  }
  return { ok: false as const, errors };
}

export type OcmwDataRow = Pick<OrganisationsTable, 'iban' | 'bic' | 'contact_last_name' | 'contact_first_name' | 'contact_email' | 'contact_phone'>;

/** The stored OCMW data as form input (what the edit page shows). */
export function ocmwDataInputOf(row: OcmwDataRow): OcmwDataInput {
  return {
    iban: row.iban ?? '',
    bic: row.bic ?? '',
    contactLastName: row.contact_last_name ?? '',
    contactFirstName: row.contact_first_name ?? '',
    contactEmail: row.contact_email ?? '',
    contactPhone: row.contact_phone ?? '',
  };
}

/** G-OCMW-1: a form cannot be signed while the bank account or the contact person are missing or invalid. */
export function isOcmwDataComplete(row: OcmwDataRow): boolean {
  return validateOcmwData(ocmwDataInputOf(row)).ok;
}
