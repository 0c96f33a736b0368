import { z } from 'zod';

const MAX_FIELD_LENGTH = 10_000;

/**
 * A posted field as text: the first value when a field is posted twice, control characters (which no
 * keyboard types and PostgreSQL refuses, like NUL) removed, at most MAX_FIELD_LENGTH characters.
 */
export function text(value: unknown): string {
  const first = Array.isArray(value) ? value.find((v) => typeof v === 'string') : value;
  if (typeof first !== 'string') return '';
  const clean = first.replace(CONTROL_CHARACTERS, '');
  return clean.length > MAX_FIELD_LENGTH ? clean.slice(0, MAX_FIELD_LENGTH) : clean;
}

// C0 controls except tab, line feed and carriage return; DEL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Nothing visible once spaces and invisible characters (zero-width spaces, BOM) are taken away: a required field left empty. */
export function isBlank(value: string): boolean {
  return value.replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '') === '';
}

/**
 * A posted text field for a route's body schema (platform/schemas.ts): `text` of what was posted, empty when absent.
 * Marked pure so that a bundle using only `text` (the form engine's, ADR 0039) leaves zod out.
 */
export const PostedText = /* @__PURE__ */ z.unknown().optional().transform(text);
