import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type {
  FastifyBaseLogger,
  onRequestHookHandler,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { decodeJwt } from 'jose';
import type { AppDeps } from '../platform/deps.ts';
import { apiCallAudit } from './api-calls.ts';
import { apiDocsRoute } from './api-docs.ts';
import { API_SCOPES, type ApiScopeName, databaseVerifier } from './api-clients.ts';
import { type BearerVerifier, bearerAuthentication, clientOfToken } from './bearer.ts';
import { type BuildInfo, readBuildInfo } from './build-info.ts';
import { eboxRoutes } from './ebox.routes.ts';
import { problemErrorHandler, problemNotFoundHandler } from './problem.ts';
import { SECURITY_SCHEME, requireScopes } from './scopes.ts';
import { systemRoutes } from './system.routes.ts';
import { TOKEN_PATH, tokenRoutes } from './token.routes.ts';

/** Where the API lives; a breaking change gets /api/v2 beside it. */
export const API_PREFIX = '/api/v1';

/** Requests per minute per client (per address before a client is known) over the whole API, unless the app says otherwise. */
export const API_RATE_LIMIT_PER_MINUTE = 300;

export type ApiInstance = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface ApiOptions {
  deps: AppDeps;
  /** who a bearer token stands for (default: the access tokens the token endpoint issued, `databaseVerifier`) */
  verifier?: BearerVerifier;
  /** requests per minute per client, or per address for calls without a known client (default API_RATE_LIMIT_PER_MINUTE) */
  rateLimitPerMinute?: number;
  /** name, version and commit for /version (default: read from package.json and the checkout) */
  buildInfo?: BuildInfo;
  /** registers more operations in the scope (tests) */
  extend?: (scope: ApiScope) => void | Promise<void>;
}

/** What a route module of the API receives. */
export interface ApiScope {
  api: ApiInstance;
  deps: AppDeps;
  /** onRequest hook of the operations that need a bearer token (any scope) */
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  /**
   * The onRequest hooks of an operation that needs a token granting these scopes: `authenticate`, then
   * `requireScopes`. The operation's schema says the same with `security: security(...scopes)` (scopes.ts).
   */
  protect: (...scopes: ApiScopeName[]) => Array<(request: FastifyRequest, reply: FastifyReply) => Promise<unknown>>;
}

/** Is this raw request URL one of the API's? (For answers given before routing, e.g. a URL that does not decode.) */
export function isApiUrl(url: string | undefined): boolean {
  return url !== undefined && (url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) || url.startsWith(`${API_PREFIX}?`));
}

/**
 * The API scope, registered with `prefix: API_PREFIX` (ADR 0022): JSON in and out, every error as
 * application/problem+json, bearer authentication per operation, its own rate limit, an OpenAPI document generated
 * from the operations' zod schemas. None of the web scope's plugins reach it: no cookies, sessions, form bodies,
 * origin check or HTML error pages.
 */
export async function apiScope(app: FastifyInstance, options: ApiOptions) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.setValidatorCompiler(validatorCompiler);
  api.setSerializerCompiler(serializerCompiler);
  api.setErrorHandler(problemErrorHandler);
  // JSON bodies only: Fastify's text/plain parser answers 415 here (there is no form or multipart parser in this scope).
  api.removeContentTypeParser('text/plain');

  const deps = options.deps;
  const verifier = options.verifier ?? databaseVerifier(deps);
  const publicUrl = deps.config.publicUrl.replace(/\/+$/, '');
  const endpoint = { issuer: `${publicUrl}${API_PREFIX}`, tokenUrl: `${publicUrl}${API_PREFIX}${TOKEN_PATH}` };

  // One limit over the whole scope, per client (ADR 0046): the client of the bearer token (asked once, the operation's
  // check reuses the answer), the client an assertion names at the token endpoint, else the address — so guessing
  // tokens is limited too, and one client's burst does not stop another. Counted before a route's bearer check and
  // for unknown operations alike; at the token endpoint once its body is read.
  await api.register(rateLimit, {
    global: false,
    max: options.rateLimitPerMinute ?? API_RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    keyGenerator: async (request) => {
      if (isAfterBody(request)) {
        const assertion = (request.body as Record<string, unknown> | undefined)?.client_assertion;
        const iss = typeof assertion === 'string' ? claimedClient(assertion) : undefined;
        return iss ? `client:${iss}` : `address:${request.ip}`;
      }
      const client = await clientOfToken(request, verifier);
      return client ? `client:${client.clientId}` : `address:${request.ip}`;
    },
  });
  const limit = api.rateLimit() as unknown as (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  api.addHook('onRequest', async (request, reply) => {
    if (!isAfterBody(request)) await limit(request, reply);
  });
  api.setNotFoundHandler(problemNotFoundHandler);
  // Every call, answered by an operation, the token endpoint or as a problem: one api_calls row.
  api.addHook('onResponse', apiCallAudit(deps));

  api.decorateRequest('apiClient', null);
  // Answers of the API may carry personal data (the e-Box later): never kept by a cache.
  api.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });

  await api.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Uniek Verslag API',
        version: (options.buildInfo ?? readBuildInfo()).version,
        description: [
          "Errors are application/problem+json (RFC 9457), their title and detail in the client's language (nl, fr, de;",
          "before a client is known, Accept-Language's, else English) — except the token endpoint, which answers OAuth2 errors",
          '(RFC 6749 5.2). Operations with a security requirement need a bearer token from the token endpoint',
          `(${endpoint.tokenUrl}: client credentials with a private_key_jwt client assertion, RFC 7523) granting the scopes listed.`,
          'Calls are limited per client and audited.',
        ].join(' '),
      },
      components: {
        securitySchemes: {
          [SECURITY_SCHEME]: {
            type: 'oauth2',
            description: 'Client credentials; the client authenticates with a JWT signed by its private key (private_key_jwt, RFC 7523).',
            flows: { clientCredentials: { tokenUrl: endpoint.tokenUrl, scopes: { ...API_SCOPES } } },
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  const authenticate = bearerAuthentication(verifier);
  const scope: ApiScope = { api, deps, authenticate, protect: (...scopes) => [authenticate, requireScopes(...scopes)] };
  await tokenRoutes(scope, endpoint, limit as unknown as onRequestHookHandler);
  await systemRoutes(scope, options.buildInfo);
  await eboxRoutes(scope);
  await options.extend?.(scope);

  api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
  apiDocsRoute(api);
}

/** The token endpoint counts its calls once the body is read (the assertion names the client). */
function isAfterBody(request: FastifyRequest): boolean {
  return request.routeOptions.config?.rateLimitAfterBody === true;
}

/** The client_id an assertion claims (not yet verified: good enough for a rate limit's key), if it is one. */
function claimedClient(assertion: string): string | undefined {
  try {
    const iss = decodeJwt(assertion).iss;
    return typeof iss === 'string' && /^[A-Za-z0-9._-]{3,100}$/.test(iss) ? iss : undefined;
  } catch {
    return undefined;
  }
}
