import { IncomingMessage, type OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACCEPTED_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

export class ForbiddenOrigin extends Error {}

/** A request refused by the web scope's transport rules (content type, multipart boundary): the error page says so. */
export class RefusedRequest extends Error {
  constructor(
    readonly statusCode: 400 | 415,
    readonly code: string,
  ) {
    super(code);
  }
}

/** Responses that may carry personal data: never kept by a browser or proxy cache. */
const NO_STORE_TYPES = ['text/html', 'application/pdf', 'text/csv', 'application/vnd.openxmlformats'];

/**
 * The security headers of every response. `frame-ancestors 'none'` and `X-Frame-Options: DENY` say the same: no
 * page of the application may be framed, not even by itself.
 */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
  referrerPolicy: { policy: 'same-origin' },
  crossOriginEmbedderPolicy: false,
  xFrameOptions: { action: 'deny' },
} satisfies HelmetOptions;

/**
 * The same headers as a fixed table, for the answers Fastify gives outside the request pipeline (a malformed URL,
 * a malformed HTTP request), where no hook runs. Computed once by helmet itself, so both paths always agree.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = (() => {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  helmet(HELMET_OPTIONS)(res.req, res, () => {});
  const headers: OutgoingHttpHeaders = res.getHeaders();
  return Object.freeze(Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])));
})();

/** A multipart body needs a non-empty boundary; without one the parser would see an empty form. */
function hasBoundary(header: string | undefined): boolean {
  return /;\s*boundary\s*=\s*("?)[^";\s]+\1/i.test(header ?? '');
}

/** The media type of a Content-Type header, lower-cased, without parameters; '' when absent. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Security headers on every response of both scopes; no-store on everything that may carry personal data. */
export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
  await app.register(fastifyHelmet, HELMET_OPTIONS);
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (NO_STORE_TYPES.some((t) => type.startsWith(t))) reply.header('cache-control', 'no-store');
    return payload;
  });
});

/**
 * The web scope's request rules: strict form content types on unsafe methods, and CSRF defence in depth beside the
 * SameSite=Lax session cookie: a same-origin check on Sec-Fetch-Site and Origin. Refusals are thrown, so the error
 * page of the scope answers them in the person's language.
 */
export const webRequestGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    if (!UNSAFE.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new ForbiddenOrigin();
    const origin = request.headers.origin;
    if (origin !== undefined) {
      const expected = `${request.protocol}://${request.host}`;
      if (origin !== expected) throw new ForbiddenOrigin();
    }
    const type = mediaType(request.headers['content-type']);
    const length = Number(request.headers['content-length'] ?? 0);
    if (type === '' && length === 0 && request.headers['transfer-encoding'] === undefined) return;
    if (!ACCEPTED_TYPES.has(type)) throw new RefusedRequest(415, 'UNSUPPORTED_MEDIA_TYPE');
    if (type === 'multipart/form-data' && !hasBoundary(request.headers['content-type'])) throw new RefusedRequest(400, 'MULTIPART_WITHOUT_BOUNDARY');
  });
});
