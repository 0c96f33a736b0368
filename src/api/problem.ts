import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccessDenied } from '../access/access.ts';
import { isLanguage, translator } from '../i18n/i18n.ts';
import type { Language } from '../i18n/language.ts';
import { NotFound } from '../modules/shared/errors.ts';
import { SECURITY_HEADERS } from '../platform/security.ts';
import { callerOf } from './caller.ts';

/** The media type of every error the API answers (RFC 9457). */
export const PROBLEM_JSON = 'application/problem+json';

/** Problem types of this API; an HTTP status with no more to say is `about:blank` (RFC 9457, 4.2.1). */
export const PROBLEM_TYPES = {
  invalidRequest: 'urn:uniek-verslag:problem:invalid-request',
  unauthorized: 'urn:uniek-verslag:problem:unauthorized',
  insufficientScope: 'urn:uniek-verslag:problem:insufficient-scope',
} as const;

export const problemSchema = z
  .object({
    type: z.string().describe('URI of the problem type; about:blank when the HTTP status says it all'),
    title: z.string().describe("short summary of the problem type: in the client's language (nl, fr, de), else Accept-Language's, else English"),
    status: z.number().int().describe('the HTTP status code'),
    detail: z.string().optional().describe('what happened to this request, in the language of the title'),
    instance: z.string().describe('this occurrence: urn:uuid:<request id>, the correlation id to quote to the helpdesk'),
    errors: z
      .array(z.object({ in: z.string(), pointer: z.string(), message: z.string() }))
      .optional()
      .describe('invalid-request only: which parameter failed which rule'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

/** A problem response of an operation's schema, documented in OpenAPI under its own media type. */
export function problemResponse(description: string) {
  return { description, content: { [PROBLEM_JSON]: { schema: problemSchema } } };
}

/** A JSON response of an operation's schema, with the description OpenAPI shows for it. */
export function jsonResponse<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * A problem for this request. `instance` names the occurrence by the request id, never by the request's path:
 * the answer reflects nothing the client sent beyond the names of the parameters it got wrong.
 */
export function problem(request: FastifyRequest, status: number, detail?: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    instance: `urn:uuid:${request.id}`,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  // Serialised here, not by a route's response schema: the error may come from any route, or from none.
  return reply.code(body.status).type(PROBLEM_JSON).serializer(JSON.stringify).send(body);
}

/**
 * The problems the API's own code raises, with their texts: English when the caller asked for no language of the
 * application, else the i18n texts (src/i18n/<lang>/api.json) in the authenticated client's language, or the
 * request's Accept-Language before a client is known. The type URN stays the machine-readable part.
 */
const LOCAL_PROBLEMS = {
  unauthorized: {
    status: 401,
    type: PROBLEM_TYPES.unauthorized,
    title: ['api.problem.unauthorized.title', 'Unauthorized'],
    details: {
      missing: ['api.problem.unauthorized.missing', 'This operation needs a bearer token (Authorization: Bearer <token>).'],
      invalid: ['api.problem.unauthorized.invalid', 'The bearer token is not valid.'],
    },
  },
  insufficientScope: {
    status: 403,
    type: PROBLEM_TYPES.insufficientScope,
    title: ['api.problem.insufficient_scope.title', 'Insufficient scope'],
    details: { scopes: ['api.problem.insufficient_scope.detail', 'The access token does not grant the scope(s) this operation needs: {{scopes}}.'] },
  },
  tooManyRequests: {
    status: 429,
    type: 'about:blank',
    title: ['api.problem.too_many_requests.title', 'Too Many Requests'],
    details: { wait: ['api.problem.too_many_requests.detail', 'Too many requests; wait before trying again (see Retry-After).'] },
  },
} as const satisfies Record<string, { status: number; type: string; title: readonly [string, string]; details: Record<string, readonly [string, string]> }>;

type LocalProblems = typeof LOCAL_PROBLEMS;
export type LocalProblem = keyof LocalProblems;

/** The language of a request's problems: the client's, else the first of nl/fr/de in Accept-Language, else none (English). */
export function problemLanguage(request: FastifyRequest): Language | undefined {
  const known = request.apiClient?.language ?? callerOf(request)?.language;
  if (known) return known;
  const header = request.headers['accept-language'];
  if (typeof header !== 'string' || header.length > 500) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(/^\s*q=([0-9.]+)\s*$/.exec(params.find((p) => /^\s*q=/.test(p)) ?? '')?.[1] ?? 1);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((r) => isLanguage(r.lang))?.lang as Language | undefined;
}

function english(text: string, params: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => params[name] ?? '');
}

/** One of the API's own problems for this request, in the request's language; `lang` is undefined for English. */
export function localProblem<P extends LocalProblem>(
  request: FastifyRequest,
  name: P,
  detail: keyof LocalProblems[P]['details'],
  params: Record<string, string> = {},
): { body: Problem; lang: Language | undefined } {
  const spec = LOCAL_PROBLEMS[name];
  const [detailKey, detailText] = (spec.details as Record<string, readonly [string, string]>)[detail as string];
  const lang = problemLanguage(request);
  const t = lang ? translator(lang) : undefined;
  const title = t ? t(spec.title[0]) : spec.title[1];
  const text = t ? t(detailKey, params) : english(detailText, params);
  return { body: problem(request, spec.status, text, { type: spec.type, title }), lang };
}

/** Sends one of the API's own problems in the request's language (with Content-Language when not English). */
export function sendLocalProblem<P extends LocalProblem>(
  request: FastifyRequest,
  reply: FastifyReply,
  name: P,
  detail: keyof LocalProblems[P]['details'],
  params: Record<string, string> = {},
): FastifyReply {
  const { body, lang } = localProblem(request, name, detail, params);
  reply.header('content-language', lang ?? 'en');
  return sendProblem(reply, body);
}

const VALIDATION_PLACES: Record<string, string> = { querystring: 'query', params: 'path', body: 'body', headers: 'header' };

function problemOf(error: FastifyError, request: FastifyRequest): Problem {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const place = VALIDATION_PLACES[error.validationContext ?? ''] ?? 'request';
    return problem(request, 400, `The ${place} parameters do not match this operation's schema.`, {
      type: PROBLEM_TYPES.invalidRequest,
      title: 'Invalid request',
      errors: error.validation.map((v) => ({ in: place, pointer: v.instancePath, message: v.message ?? 'invalid' })),
    });
  }
  if (error instanceof AccessDenied) return problem(request, 403);
  if (error instanceof NotFound) return problem(request, 404);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const details: Record<number, string> = {
      404: 'No operation of this API answers this method and path.',
      413: 'The request body is larger than this API accepts.',
      415: 'This API accepts application/json request bodies only.',
    };
    return problem(request, status, details[status]);
  }
  return problem(request, 500, 'The request failed on our side; quote the instance to the helpdesk.');
}

/** The API scope's error handler: every error as application/problem+json, details only in the log. */
export async function problemErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // The rate limit's refusal (per client, ADR 0046) in the client's language.
  if (error.statusCode === 429) {
    request.log.info({ status: 429 }, 'api request refused: rate limit');
    return sendLocalProblem(request, reply, 'tooManyRequests', 'wait');
  }
  const body = problemOf(error, request);
  if (body.status >= 500) request.log.error({ err: error }, 'api request failed');
  else request.log.info({ status: body.status, code: error.code }, 'api request refused');
  return sendProblem(reply, body);
}

export async function problemNotFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, problem(request, 404, 'No operation of this API answers this method and path.'));
}

/** Fastify's framework errors on an API path (answered before any hook runs): a problem with the security headers. */
export function frameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.log.info({ code: error.code }, 'api request refused by the framework');
  reply.headers({ ...SECURITY_HEADERS, 'cache-control': 'no-store' });
  const status = error.code === 'FST_ERR_ASYNC_CONSTRAINT' ? 500 : error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  return sendProblem(reply, problem(request, status, status === 500 ? undefined : 'The request URL is not valid.'));
}
