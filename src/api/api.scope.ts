import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../platform/deps.ts';
import { type BearerVerifier, bearerAuthentication, noTokensVerifier } from './bearer.ts';
import { type BuildInfo, readBuildInfo } from './build-info.ts';
import { problemErrorHandler, problemNotFoundHandler } from './problem.ts';
import { systemRoutes } from './system.routes.ts';

/** Where the API lives; a breaking change gets /api/v2 beside it. */
export const API_PREFIX = '/api/v1';

/** Requests per minute per client address over every operation of the API, unless the app says otherwise. */
export const API_RATE_LIMIT_PER_MINUTE = 300;

export type ApiInstance = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface ApiOptions {
  deps: AppDeps;
  /** who a bearer token stands for (default: no token is known) */
  verifier?: BearerVerifier;
  /** requests per minute per client address (default API_RATE_LIMIT_PER_MINUTE) */
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
  /** onRequest hook of the operations that need a bearer token */
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
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

  // One limit over the whole scope, counted first: before a route's bearer check (token guessing is limited too)
  // and for unknown operations alike. Per client address until the API clients of a later issue have their own.
  await api.register(rateLimit, { global: false, max: options.rateLimitPerMinute ?? API_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' });
  api.addHook('onRequest', api.rateLimit());
  api.setNotFoundHandler(problemNotFoundHandler);

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
        description: 'Errors are application/problem+json (RFC 9457). Operations marked with a security requirement need a bearer token.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  const scope: ApiScope = { api, deps: options.deps, authenticate: bearerAuthentication(options.verifier ?? noTokensVerifier) };
  await systemRoutes(scope, options.buildInfo);
  await options.extend?.(scope);

  api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
}
