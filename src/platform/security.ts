import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACCEPTED_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

export class ForbiddenOrigin extends Error {}

/** Responses that may carry personal data: never kept by a browser or proxy cache. */
const NO_STORE_TYPES = ['text/html', 'application/pdf', 'text/csv', 'application/vnd.openxmlformats'];

/** A multipart body needs a non-empty boundary; without one the parser would see an empty form. */
function hasBoundary(header: string | undefined): boolean {
  return /;\s*boundary\s*=\s*("?)[^";\s]+\1/i.test(header ?? '');
}

/** The media type of a Content-Type header, lower-cased, without parameters; '' when absent. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Security headers, strict content types on unsafe methods, and CSRF defence in depth: SameSite=Lax session
 * cookie plus a same-origin check on Sec-Fetch-Site and Origin.
 */
export const securityPlugin = fp(async (app: FastifyInstance) => {
  await app.register(helmet, {
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
  });

  app.addHook('onRequest', async (request, reply) => {
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
    if (!ACCEPTED_TYPES.has(type)) {
      reply.code(415).type('text/plain; charset=utf-8').send('Unsupported Media Type');
      return reply;
    }
    if (type === 'multipart/form-data' && !hasBoundary(request.headers['content-type'])) {
      reply.code(400).type('text/plain; charset=utf-8').send('Bad Request');
      return reply;
    }
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (NO_STORE_TYPES.some((t) => type.startsWith(t))) reply.header('cache-control', 'no-store');
    return payload;
  });
});
