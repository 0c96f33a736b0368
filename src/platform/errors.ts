import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AccessDenied } from '../access/access.ts';
import type { Language } from '../db/types.ts';
import { isLanguage, translator } from '../i18n/i18n.ts';
import { NotFound } from '../modules/shared/errors.ts';
import { ErrorPage } from '../views/error.view.tsx';
import type { PageContext } from '../views/layout.tsx';
import { sendPage } from '../views/render.ts';
import { LANGUAGE_COOKIE } from './request-language.ts';
import { pageContext } from './route-context.ts';
import { ForbiddenOrigin, SECURITY_HEADERS } from './security.ts';

interface ErrorKind {
  status: number;
  titleKey: string;
  textKey: string;
}

const NOT_FOUND: ErrorKind = { status: 404, titleKey: 'error.not_found_title', textKey: 'error.not_found_text' };
const BAD_REQUEST_KEYS = { titleKey: 'error.bad_request_title', textKey: 'error.bad_request_text' };

function classify(error: FastifyError): ErrorKind {
  // A person blocked in the OCMW (temporary absence) is told so, at the first click after the block (portal.md §3.6).
  if (error instanceof AccessDenied && error.reason === 'blocked') return { status: 403, titleKey: 'error.blocked_title', textKey: 'error.blocked_text' };
  // A person removed from the OCMW (every right withdrawn) is told that their access was withdrawn.
  if (error instanceof AccessDenied && error.reason === 'withdrawn') return { status: 403, titleKey: 'error.withdrawn_title', textKey: 'error.withdrawn_text' };
  // An OCMW fully merged into its successor (after the transition): its people work in the successor now.
  if (error instanceof AccessDenied && error.reason === 'merged') return { status: 403, titleKey: 'error.merged_title', textKey: 'error.merged_text' };
  if (error instanceof AccessDenied || error instanceof ForbiddenOrigin)
    return { status: 403, titleKey: 'error.forbidden_title', textKey: 'error.forbidden_text' };
  if (error instanceof NotFound) return NOT_FOUND;
  if (error.statusCode === 429) return { status: 429, titleKey: 'error.rate_title', textKey: 'error.rate_text' };
  if (error.statusCode === 415) return { status: 415, ...BAD_REQUEST_KEYS };
  if (error.statusCode === 413) return { status: 413, titleKey: 'error.too_large_title', textKey: 'error.too_large_text' };
  if (error.statusCode === 404) return NOT_FOUND;
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return { status: error.statusCode, ...BAD_REQUEST_KEYS };
  return { status: 500, titleKey: 'error.server_title', textKey: 'error.server_text' };
}

const LANGUAGE_COOKIE_PATTERN = new RegExp(`(?:^|;)\\s*${LANGUAGE_COOKIE}=([a-z]{2})\\s*(?:;|$)`);

/**
 * The language of an error page when the request's own language is not known (refused before the session was read,
 * or outside the web scope): the language cookie, else Dutch — the rule of every page before login.
 */
export function fallbackLanguage(headers: FastifyRequest['headers']): Language {
  const cookie = LANGUAGE_COOKIE_PATTERN.exec(String(headers.cookie ?? ''))?.[1];
  return isLanguage(cookie) ? cookie : 'nl';
}

/**
 * The page context of an error page. The language switch comes back to the homepage, never to the request's own
 * URL: an error page reflects nothing the request sent.
 */
function errorContext(request: FastifyRequest): PageContext {
  // Decorated by the web scope's language hook; absent when the request was refused before it (or outside any scope).
  const resolved: unknown = request.t;
  if (resolved) return { ...pageContext(request), path: '/' };
  const lang = fallbackLanguage(request.headers);
  return { t: translator(lang), lang, path: '/' };
}

/** Sends the generic error page: a title, a text, the request id to quote to the helpdesk; never a detail of the error. */
export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, kind: ErrorKind): FastifyReply {
  // Input refused before any route could show it next to its field (too large, malformed): said in a summary.
  const inputRefused = kind.status === 400 || kind.status === 413 || kind.status === 414 || kind.status === 415;
  try {
    return sendPage(
      reply,
      ErrorPage({ ctx: errorContext(request), titleKey: kind.titleKey, textKey: kind.textKey, correlationId: request.id, inputRefused }),
      kind.status,
    );
  } catch (error) {
    request.log.error({ err: error }, 'error page failed');
    return reply.code(kind.status).type('text/plain; charset=utf-8').send(`Error ${kind.status} (${request.id})`);
  }
}

/** The error handler of the HTML pages: details only in the log. */
export async function htmlErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const kind = classify(error);
  if (kind.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ status: kind.status, code: error.code }, 'request refused');
  return sendErrorPage(request, reply, kind);
}

export async function htmlNotFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendErrorPage(request, reply, NOT_FOUND);
}

/**
 * Generic error pages in the user's language with the request id as correlation id, for the scope it is registered
 * in (the web scope; the root keeps the HTML error handler too, for its static files and health check).
 */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler(htmlErrorHandler);
  app.setNotFoundHandler(htmlNotFoundHandler);
});

/**
 * Fastify's framework errors (a URL that does not decode, a parameter too long) are answered before any hook runs:
 * the security headers are set here from the same table, and the page says only that the request was refused.
 */
export function frameworkErrorPage(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.log.info({ code: error.code }, 'request refused by the framework');
  reply.headers({ ...SECURITY_HEADERS, 'cache-control': 'no-store' });
  // A failing asynchronous route constraint is the server's fault; everything else Fastify refuses here is the URL's.
  if (error.code === 'FST_ERR_ASYNC_CONSTRAINT')
    return sendErrorPage(request, reply, { status: 500, titleKey: 'error.server_title', textKey: 'error.server_text' });
  return sendErrorPage(request, reply, { status: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400, ...BAD_REQUEST_KEYS });
}

/**
 * A request Node's HTTP parser refuses (malformed request line or headers) never reaches Fastify: the answer is
 * written on the socket, with the security headers and without any of the request's bytes.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : [400, 'Bad Request'];
  const body = reason;
  const headers = {
    ...SECURITY_HEADERS,
    'cache-control': 'no-store',
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}\r\n${body}`,
    );
  }
  socket.destroy(error);
}
