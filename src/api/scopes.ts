import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiScopeName } from './api-clients.ts';
import { BEARER_REALM } from './bearer.ts';
import { sendLocalProblem } from './problem.ts';

/** The OpenAPI security scheme of the API: OAuth2 client credentials at the token endpoint (ADR 0046). */
export const SECURITY_SCHEME = 'oauth2';

/**
 * The onRequest hook that follows `authenticate`: the token must grant every scope named, else 403 problem+json
 * with `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` (RFC 6750, 3.1).
 */
export function requireScopes(...scopes: ApiScopeName[]) {
  return async function scopeCheck(request: FastifyRequest, reply: FastifyReply) {
    const client = request.apiClient;
    if (!client) throw new Error('requireScopes runs after authenticate');
    if (scopes.every((s) => client.scopes.includes(s))) return;
    const needed = scopes.join(' ');
    reply.header('www-authenticate', `Bearer realm="${BEARER_REALM}", error="insufficient_scope", scope="${needed}"`);
    return sendLocalProblem(request, reply, 'insufficientScope', 'scopes', { scopes: needed });
  };
}

/** The OpenAPI security requirement of an operation that needs a token with these scopes (none: any valid token). */
export function security(...scopes: ApiScopeName[]) {
  return [{ [SECURITY_SCHEME]: scopes }];
}
