import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../i18n/language.ts';
import { setCaller } from './caller.ts';
import { sendLocalProblem } from './problem.ts';

/** A caller of the API, known by its bearer token (POD MI's own systems first, software suppliers later). */
export interface ApiClient {
  /** the client's registration (api_clients.id): what api_calls and the e-Box's messages refer to */
  id: string;
  /** the OAuth2 client_id the client authenticates with */
  clientId: string;
  name: string;
  /** what the client may do, as the token grants it (e.g. `ebox:publish`) */
  scopes: string[];
  /** what the e-Box records as the publishing application of the client's messages (NOVAPRIMA…) */
  senderApplication: string;
  /** the language of the client's problems */
  language: Language;
}

/**
 * Turns a bearer token into the client it stands for, or null for a token it does not know (unknown, expired,
 * revoked). `databaseVerifier` (api-clients.ts) reads the tokens the token endpoint issued.
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

/** The bearer token of a request's Authorization header, or undefined when there is none (or not one of RFC 6750). */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined || header.length > MAX_TOKEN_LENGTH + 7) return undefined;
  return BEARER.exec(header)?.[1];
}

/** Who a request's token stands for, asked once per request (the rate limit asks first, then the operation's hook). */
const resolved = new WeakMap<FastifyRequest, Promise<ApiClient | null>>();

export function clientOfToken(request: FastifyRequest, verifier: BearerVerifier): Promise<ApiClient | null> {
  let client = resolved.get(request);
  if (!client) {
    const token = bearerToken(request);
    client = token === undefined ? Promise.resolve(null) : verifier.verify(token);
    resolved.set(request, client);
    client.then((known) => known && setCaller(request, known)).catch(() => undefined);
  }
  return client;
}

/**
 * The onRequest hook a route opts into to require a bearer token (RFC 6750). No token: 401 with a bare
 * `WWW-Authenticate: Bearer` challenge; a token the verifier does not know: 401 with `error="invalid_token"`.
 * Cookies are never read: a browser session does not authenticate an API call.
 */
export function bearerAuthentication(verifier: BearerVerifier) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    if (bearerToken(request) === undefined) {
      reply.header('www-authenticate', `Bearer realm="${BEARER_REALM}"`);
      return sendLocalProblem(request, reply, 'unauthorized', 'missing');
    }
    const client = await clientOfToken(request, verifier);
    if (!client) {
      reply.header('www-authenticate', `Bearer realm="${BEARER_REALM}", error="invalid_token", error_description="The access token is not valid"`);
      return sendLocalProblem(request, reply, 'unauthorized', 'invalid');
    }
    request.apiClient = client;
  };
}
