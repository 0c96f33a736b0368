import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Schemas at the edge (ADR 0027): every route of the web scope declares its params, query and body with zod; the
 * handlers and services receive typed values. The rules, per part of the request:
 * - path parameters (and a query parameter that names an object) are strict: a value that breaks its schema names
 *   nothing, and answers exactly like a missing object — the not-found page (webValidatorCompiler);
 * - every other query parameter and every posted field is lenient: the first value when it is sent twice, and a
 *   fallback when it is absent or malformed (a stale version, the default year, no flash) — it never fails, so the
 *   page or the field's own message says what is wrong, never a bare 400.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An object's id: a UUID, in either case (PostgreSQL reads both). */
export const Uuid = z.string().regex(UUID);

/** A KBO number as it stands in a URL (/ocmw/{kbo}/…): 10 digits. */
export const Kbo = z.string().regex(/^\d{10}$/);

/** The value of a field sent more than once (`a=1&a=2` arrives as an array): its first string. */
export function firstValue(value: unknown): unknown {
  return Array.isArray(value) ? value.find((v) => typeof v === 'string') : value;
}

const WHOLE_NUMBER = z
  .string()
  .trim()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/** The version a form was read at (optimistic locking): absent or malformed is -1, a stale version (conflict page). */
export const Version = z.preprocess(firstValue, WHOLE_NUMBER).catch(-1);

/** A version that may be left out (no check then): absent or malformed is null. */
export const OptionalVersion = z.preprocess(firstValue, WHOLE_NUMBER.nullable()).catch(null);

/** A report year chosen in a query (?year=2024): anything else is null, the page's default year. */
export const ReportYear = z
  .preprocess(
    firstValue,
    z
      .string()
      .trim()
      .regex(/^\d{4}$/)
      .transform(Number)
      .nullable(),
  )
  .catch(null);

/** A positive whole number in a query (a page, a year filter): anything else is null. */
export const PositiveInt = z.preprocess(firstValue, WHOLE_NUMBER.refine((n) => n > 0).nullable()).catch(null);

/** One of a closed list (a flash code ?m=, a choice): anything else is undefined, as if it were not sent. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(firstValue, z.enum(values)).optional().catch(undefined);
}

/** The keys of a table of flash messages, for oneOf (a code not in the table shows nothing). */
export function keysOf(table: Record<string, unknown>): [string, ...string[]] {
  const keys = Object.keys(table);
  if (keys.length === 0) throw new Error('keysOf: an empty table');
  return keys as [string, ...string[]];
}

/** An id posted in a form (a person, an OCMW chosen): absent or malformed is undefined, which names nothing. */
export const PostedId = z.preprocess(firstValue, Uuid).optional().catch(undefined);

/** A posted field as it was sent (its first value); absent is the empty string. */
export const PostedField = z.preprocess(firstValue, z.string()).catch('');

/** A small raw value from a closed vocabulary the handler compares itself (a mode, a role): the first string, or undefined. */
export const PostedString = z.preprocess(firstValue, z.string()).optional().catch(undefined);

/** A urlencoded body: a request without a body reads as an empty form (every field then takes its fallback). */
export function formBody<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess((body) => body ?? {}, z.object(shape));
}

/**
 * A urlencoded body whose other fields a parser of its own reads (the form engine's `f.*`/`t.*`, a campaign's
 * parameters): the declared fields typed, the others kept as posted.
 */
export function looseFormBody<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess((body) => body ?? {}, z.looseObject(shape));
}

/** A URL that names nothing: the web scope's not-found page, exactly as for a missing object. */
function notFound(): Error {
  return Object.assign(new Error('Not Found'), { statusCode: 404, code: 'FST_ERR_NOT_FOUND' });
}

/**
 * The validator compiler of the web scope: zod's, with the rule of the URL — path and query parameters that break
 * their schema answer 404 (the query's lenient parameters never do); a body that breaks its schema stays a 400 (the
 * bodies' fields are lenient, so only a body that is not a form at all gets there).
 */
export const webValidatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = validatorCompiler(route);
  if (route.httpPart !== 'params' && route.httpPart !== 'querystring') return validate;
  return (data: unknown) => {
    const result = validate(data) as { error?: Error; value?: unknown };
    return result.error ? { error: notFound() } : result;
  };
};
