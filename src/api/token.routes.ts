import type { FastifyError, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { decodeJwt, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { ApiScope } from './api.scope.ts';
import { ACCESS_TOKEN_LIFETIME_SECONDS, API_SCOPES, clientKeySet, isApiScope, newAccessToken, tokenHash } from './api-clients.ts';
import { noteCall } from './api-calls.ts';
import { BEARER_REALM } from './bearer.ts';
import { setCaller } from './caller.ts';
import { jsonResponse, problemErrorHandler, problemResponse } from './problem.ts';

export const TOKEN_PATH = '/oauth/token';
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The signature algorithms a client assertion may use (asymmetric only: the server never holds a client's secret). */
export const ASSERTION_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'ES512'];
/** The longest life of a client assertion (exp − iat), and the clock skew tolerated between the client and us. */
export const ASSERTION_MAX_LIFETIME_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 30;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the API's rate limit counts this route's calls once the body is parsed (its key is the assertion's client) */
    rateLimitAfterBody?: boolean;
  }
}

type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_scope' | 'unsupported_grant_type';

const oauthErrorSchema = z
  .object({
    error: z.enum(['invalid_request', 'invalid_client', 'invalid_grant', 'invalid_scope', 'unsupported_grant_type']),
    error_description: z.string().optional(),
  })
  .meta({ id: 'OAuthError' });

const tokenSchema = z
  .object({
    access_token: z.string().describe('opaque; send it as Authorization: Bearer <token>'),
    token_type: z.enum(['Bearer']),
    expires_in: z.number().int().describe('seconds'),
    scope: z.string().describe('the scopes granted, space-separated'),
  })
  .meta({ id: 'AccessToken' });

const tokenRequest = z.looseObject({
  grant_type: z.string().max(100).describe('client_credentials'),
  client_assertion_type: z.string().max(200).describe(JWT_BEARER),
  client_assertion: z.string().max(16_384).describe("a JWT signed with one of the client's registered keys (RFC 7523, 2.2)"),
  scope: z.string().max(1000).optional().describe("space-separated; a subset of the client's scopes (default: all of them)"),
  client_id: z.string().max(100).optional().describe("if sent, the assertion's iss and sub"),
});

/** An OAuth2 error answer (RFC 6749, 5.2): JSON, never problem+json; the descriptions are ours, never the client's input. */
function oauthError(reply: FastifyReply, error: OAuthError, description: string): FastifyReply {
  const status = error === 'invalid_client' ? 401 : 400;
  if (status === 401) reply.header('www-authenticate', `Bearer realm="${BEARER_REALM}", error="invalid_client"`);
  noteCall(reply.request, { error });
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .header('pragma', 'no-cache')
    .serializer(JSON.stringify)
    .send({ error, error_description: description });
}

/** The token endpoint's errors before its handler (an unknown content type, a missing parameter) as OAuth2 errors too. */
async function tokenErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const names = [...new Set(error.validation.map((v) => v.instancePath.split('/')[1]).filter(Boolean))].join(', ');
    return oauthError(
      reply,
      'invalid_request',
      names ? `Missing, repeated or invalid parameter: ${names}.` : 'The body must be an application/x-www-form-urlencoded form.',
    );
  }
  if (error.statusCode === 400 || error.statusCode === 415)
    return oauthError(reply, 'invalid_request', 'The body must be an application/x-www-form-urlencoded form (RFC 6749, 4.4.2).');
  return problemErrorHandler(error, request, reply);
}

/** Parses a form body; a parameter sent twice becomes a list, which the schema refuses (RFC 6749, 3.2). */
function parseForm(text: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = form[name];
    form[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return form;
}

function assertionFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The client assertion has expired.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The client assertion's "${error.claim}" claim is not valid.`;
  if (error instanceof joseErrors.JWKSTimeout) return "The client's JWKS could not be fetched in time.";
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWSSignatureVerificationFailed)
    return "The client assertion is not signed with one of the client's registered keys.";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return `The client assertion must be signed with one of ${ASSERTION_ALGORITHMS.join(', ')}.`;
  return 'The client assertion is not a valid signed JWT.';
}

/** Where the token endpoint is, and the issuer a client assertion may name as its audience too. */
export interface TokenEndpoint {
  tokenUrl: string;
  issuer: string;
}

/**
 * The token endpoint (RFC 6749 4.4, client credentials; RFC 7523 2.2, private_key_jwt client authentication) in a
 * scope of its own: a urlencoded body parser (the only one of the API), OAuth2 JSON errors, and the API's rate limit
 * run once the body is known (keyed by the assertion's client).
 */
export async function tokenRoutes({ api, deps }: ApiScope, endpoint: TokenEndpoint, rateLimit: onRequestHookHandler) {
  await api.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 32_768 }, (_request, body, done) => {
      done(null, parseForm(String(body)));
    });
    scope.setErrorHandler(tokenErrorHandler);

    scope.post(
      TOKEN_PATH,
      {
        config: { rateLimitAfterBody: true },
        preValidation: rateLimit,
        schema: {
          summary: 'An access token for a client (OAuth2 client credentials, private_key_jwt)',
          description: [
            'RFC 6749 4.4 with RFC 7523 2.2 client authentication: the client signs a JWT with its private key',
            `(${ASSERTION_ALGORITHMS.join(', ')}) with iss = sub = its client_id, aud = ${endpoint.tokenUrl} (or ${endpoint.issuer}),`,
            `exp at most ${ASSERTION_MAX_LIFETIME_SECONDS} seconds after iat, and a jti used once.`,
            `The access token lives ${ACCESS_TOKEN_LIFETIME_SECONDS} seconds.`,
            'Unlike the other operations, this endpoint answers its errors as OAuth2 JSON (RFC 6749 5.2: error, error_description),',
            'not as application/problem+json; only a rate-limit refusal (429) and a failure on our side (5xx) are problems.',
          ].join(' '),
          tags: ['oauth'],
          consumes: ['application/x-www-form-urlencoded'],
          body: tokenRequest,
          response: {
            200: jsonResponse('The access token', tokenSchema),
            400: jsonResponse('invalid_request, invalid_grant (a replayed assertion), invalid_scope, unsupported_grant_type', oauthErrorSchema),
            401: jsonResponse('invalid_client: the client or its assertion is not valid', oauthErrorSchema),
            429: problemResponse('Too many requests from this client; see Retry-After'),
          },
        },
      },
      async (request, reply) => {
        const body = request.body as z.output<typeof tokenRequest>;
        if (body.grant_type !== 'client_credentials') return oauthError(reply, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
        if (body.client_assertion_type !== JWT_BEARER) return oauthError(reply, 'invalid_request', `client_assertion_type must be ${JWT_BEARER}.`);

        let claimed: string;
        try {
          const claims = decodeJwt(body.client_assertion);
          if (typeof claims.iss !== 'string' || claims.iss !== claims.sub) throw new Error('iss and sub differ');
          claimed = claims.iss;
        } catch {
          return oauthError(reply, 'invalid_client', 'The client assertion must be a JWT whose iss and sub are the client_id.');
        }
        if (body.client_id !== undefined && body.client_id !== claimed)
          return oauthError(reply, 'invalid_client', "client_id is not the client assertion's iss.");
        noteCall(request, { client_id: claimed.slice(0, 100) });

        const client = await deps.db
          .selectFrom('api_clients')
          .select(['id', 'client_id', 'scopes', 'jwks', 'jwks_uri', 'language', 'revoked_at'])
          .where('client_id', '=', claimed)
          .executeTakeFirst();
        if (!client || client.revoked_at) return oauthError(reply, 'invalid_client', 'The client is unknown or revoked.');

        const now = deps.clock.now();
        const nowSeconds = Math.floor(now.getTime() / 1000);
        let exp: number;
        let jti: string;
        try {
          const { payload } = await jwtVerify(body.client_assertion, clientKeySet(client), {
            algorithms: ASSERTION_ALGORITHMS,
            issuer: client.client_id,
            subject: client.client_id,
            audience: [endpoint.tokenUrl, endpoint.issuer],
            requiredClaims: ['exp', 'jti'],
            currentDate: now,
            clockTolerance: CLOCK_TOLERANCE_SECONDS,
          });
          exp = payload.exp as number;
          jti = payload.jti as string;
          const issuedAt = typeof payload.iat === 'number' ? payload.iat : nowSeconds;
          if (issuedAt > nowSeconds + CLOCK_TOLERANCE_SECONDS) return oauthError(reply, 'invalid_client', 'The client assertion is issued in the future.');
          if (exp - issuedAt > ASSERTION_MAX_LIFETIME_SECONDS)
            return oauthError(
              reply,
              'invalid_client',
              `The client assertion must expire at most ${ASSERTION_MAX_LIFETIME_SECONDS} seconds after it is issued.`,
            );
          if (typeof jti !== 'string' || jti.length < 1 || jti.length > 200)
            return oauthError(reply, 'invalid_client', 'The client assertion needs a jti of 1 to 200 characters.');
        } catch (error) {
          request.log.info({ client: client.client_id, reason: (error as Error).name }, 'api token: client assertion refused');
          return oauthError(reply, 'invalid_client', assertionFailure(error));
        }
        setCaller(request, { id: client.id, clientId: client.client_id, language: client.language });

        const asked = (body.scope ?? '').split(' ').filter((s) => s !== '');
        const scopes = asked.length === 0 ? client.scopes.filter(isApiScope) : [...new Set(asked)];
        if (scopes.some((s) => !isApiScope(s) || !client.scopes.includes(s)))
          return oauthError(reply, 'invalid_scope', `The client may ask for: ${client.scopes.filter(isApiScope).join(' ') || '(none)'}.`);
        if (scopes.length === 0) return oauthError(reply, 'invalid_scope', `The client holds none of the scopes ${Object.keys(API_SCOPES).join(', ')}.`);

        const token = newAccessToken();
        const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000);
        const replayed = await deps.db.transaction().execute(async (tx) => {
          // The assertions and tokens of this client that expired are of no use any more: gone at its next token.
          await tx
            .deleteFrom('api_assertion_ids')
            .where('client_id', '=', client.id)
            .where('expires_at', '<', new Date(now.getTime() - CLOCK_TOLERANCE_SECONDS * 1000))
            .execute();
          await tx.deleteFrom('api_access_tokens').where('client_id', '=', client.id).where('expires_at', '<', now).execute();
          const seen = await tx
            .insertInto('api_assertion_ids')
            .values({ client_id: client.id, jti, expires_at: new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000) })
            .onConflict((oc) => oc.columns(['client_id', 'jti']).doNothing())
            .returning('jti')
            .executeTakeFirst();
          if (!seen) return true;
          await tx
            .insertInto('api_access_tokens')
            .values({ token_sha256: tokenHash(token), client_id: client.id, scopes, issued_at: now, expires_at: expiresAt })
            .execute();
          return false;
        });
        if (replayed) return oauthError(reply, 'invalid_grant', 'This client assertion (its jti) was used before.');
        return reply
          .header('pragma', 'no-cache')
          .send({ access_token: token, token_type: 'Bearer' as const, expires_in: ACCESS_TOKEN_LIFETIME_SECONDS, scope: scopes.join(' ') });
      },
    );
  });
}
