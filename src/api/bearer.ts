import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, PROBLEM_TYPES, sendProblem } from './problem.ts';

/** A caller of the API, known by its bearer token (software suppliers, the e-Box publication API later). */
export interface ApiClient {
  clientId: string;
  name: string;
  /** what the client may do, as the token grants it (e.g. `ebox:publish`) */
  scopes: string[];
}

/**
 * Turns a bearer token into the client it stands for, or null for a token it does not know (unknown, expired,
 * revoked). The OAuth2 clients of a later issue implement this; until then the API knows no tokens.
 */
export interface BearerVerifier {
  verify(token: string): Promise<ApiClient | null>;
}

export const noTokensVerifier: BearerVerifier = {
  async verify() {
    return null;
  },
};

declare module 'fastify' {
  interface FastifyRequest {
    /** the API client of a bearer-authenticated request (routes that opt into `authenticate`), else null */
    apiClient: ApiClient | null;
  }
}

export const BEARER_REALM = 'uniek-verslag';

/** RFC 6750's token68 syntax; anything else is not a bearer token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const MAX_TOKEN_LENGTH = 4096;

/**
 * The onRequest hook a route opts into to require a bearer token (RFC 6750). No token: 401 with a bare
 * `WWW-Authenticate: Bearer` challenge; a token the verifier does not know: 401 with `error="invalid_token"`.
 * Cookies are never read: a browser session does not authenticate an API call.
 */
export function bearerAuthentication(verifier: BearerVerifier) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization;
    const match = header === undefined || header.length > MAX_TOKEN_LENGTH + 7 ? null : BEARER.exec(header);
    if (!match) {
      reply.header('www-authenticate', `Bearer realm="${BEARER_REALM}"`);
      return sendProblem(
        reply,
        problem(request, 401, 'This operation needs a bearer token (Authorization: Bearer <token>).', {
          type: PROBLEM_TYPES.unauthorized,
          title: 'Unauthorized',
        }),
      );
    }
    const client = await verifier.verify(match[1]);
    if (!client) {
      reply.header('www-authenticate', `Bearer realm="${BEARER_REALM}", error="invalid_token", error_description="The access token is not valid"`);
      return sendProblem(reply, problem(request, 401, 'The bearer token is not valid.', { type: PROBLEM_TYPES.unauthorized, title: 'Unauthorized' }));
    }
    request.apiClient = client;
  };
}
