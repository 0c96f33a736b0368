import type { Language } from '../../../i18n/language.ts';
import { foldAccents } from '../../shared/fold-accents.ts';
import { inszProblem as sharedInszProblem, isValidEmail, maskInsz } from '../../shared/identifiers.ts';

/**
 * The person an access change names, as typed in a form or read from a line of a list: the INSZ identifies the
 * person; the names are used only when the INSZ is not known yet (a person added before they ever log in);
 * e-mail and language are the organisation's contact data of that person (access_members).
 */
export interface PersonInput {
  insz: string;
  firstName: string;
  lastName: string;
  email: string;
  language: string;
}

export type PersonField = keyof PersonInput;

/** The problems of a person's data, by field: the code of the message (texts.ts). */
export type PersonProblem =
  | 'insz_required'
  | 'insz_format'
  | 'insz_checksum'
  | 'first_name_required'
  | 'last_name_required'
  | 'name_too_long'
  | 'email_required'
  | 'email_invalid'
  | 'language_invalid';

export const MAX_NAME_LENGTH = 100;
export const LANGUAGES: readonly Language[] = ['nl', 'fr', 'de'];

/** The INSZ's eleven digits: dots, dashes and spaces (as printed on the eID) left out; anything else unchanged. */
export function normaliseInsz(raw: string | number | null | undefined): string {
  if (typeof raw === 'number') return String(raw).padStart(11, '0');
  return String(raw ?? '').replace(/[\s.-]/g, '');
}

/** Why an INSZ is refused, or null: eleven digits whose last two are the mod-97 check (before or after 2000). */
export function inszProblem(raw: string): PersonProblem | null {
  const problem = sharedInszProblem(normaliseInsz(raw));
  return problem ? `insz_${problem}` : null;
}

/**
 * A language as typed: the code (`nl`, `FR`) or the language's name in Dutch, French or German; empty is the
 * fallback (the organisation's language); anything else null.
 */
export function parseLanguage(raw: string, fallback: Language): Language | null {
  const text = foldAccents(raw.trim());
  if (text === '') return fallback;
  const names: Record<string, Language> = {
    nl: 'nl',
    nederlands: 'nl',
    neerlandais: 'nl',
    niederlandisch: 'nl',
    dutch: 'nl',
    fr: 'fr',
    frans: 'fr',
    francais: 'fr',
    franzosisch: 'fr',
    french: 'fr',
    de: 'de',
    duits: 'de',
    allemand: 'de',
    deutsch: 'de',
    german: 'de',
  };
  return names[text] ?? null;
}

/**
 * Checks a person's data. `known`: the INSZ names a person already in the registry (their names are kept, so the
 * typed ones need not be given). Returns the problems by field; none when the data may be used.
 */
export function personProblems(input: PersonInput, known: boolean, fallbackLanguage: Language): Partial<Record<PersonField, PersonProblem>> {
  const problems: Partial<Record<PersonField, PersonProblem>> = {};
  const insz = inszProblem(input.insz);
  if (insz) problems.insz = insz;
  if (!known) {
    if (input.firstName.trim() === '') problems.firstName = 'first_name_required';
    if (input.lastName.trim() === '') problems.lastName = 'last_name_required';
  }
  if (input.firstName.trim().length > MAX_NAME_LENGTH) problems.firstName = 'name_too_long';
  if (input.lastName.trim().length > MAX_NAME_LENGTH) problems.lastName = 'name_too_long';
  if (input.email.trim() === '') problems.email = 'email_required';
  else if (!isValidEmail(input.email)) problems.email = 'email_invalid';
  if (parseLanguage(input.language, fallbackLanguage) === null) problems.language = 'language_invalid';
  return problems;
}

/** An INSZ shown in a list, an overview of someone else or the audit trail: the application's one mask. */
export { maskInsz };
