import { eboxHeaderCount } from './modules/ebox/ebox.service.ts';
import { eboxSettingsRoutes } from './modules/ebox/ebox-settings.routes.tsx';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { API_PREFIX, type ApiOptions, apiScope, isApiUrl } from './api/api.scope.ts';
import { frameworkProblem } from './api/problem.ts';
import { authRoutes } from './auth/auth.routes.tsx';
import { demoInteractionRoutes } from './auth/demo-provider/interaction.routes.tsx';
import { createDemoProvider, mountDemoProvider } from './auth/demo-provider/provider.ts';
import { type OidcFetch, inProcessFetch } from './auth/in-process-fetch.ts';
import { createRelyingParty } from './auth/relying-party.ts';
import { accessManagementRoutes } from './modules/access-management/access-management.routes.tsx';
import { backofficeRoutes } from './modules/backoffice/backoffice.routes.tsx';
import { eboxRoutes } from './modules/ebox/ebox.routes.tsx';
import { configRoutes } from './modules/ocmw-config/config.routes.tsx';
import { organisationsRoutes } from './modules/organisations/organisations.routes.tsx';
import { referenceDataRoutes } from './modules/reference-data/reference-data.routes.tsx';
import { reportsRoutes } from './modules/reports/reports.routes.tsx';
import type { AppDeps } from './platform/deps.ts';
import { clientErrorHandler, errorsPlugin, frameworkErrorPage, htmlErrorHandler } from './platform/errors.ts';
import { requestLanguagePlugin } from './platform/request-language.ts';
import { webValidatorCompiler } from './platform/schemas.ts';
import { securityHeadersPlugin, webRequestGuardPlugin } from './platform/security.ts';
import { sessionsPlugin } from './platform/sessions.ts';

/** The largest file a user may upload (a workbook of a few thousand rows is well below 2 MB). */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** Log paths never written: the session cookie wherever a logger may print request headers. */
export const LOG_REDACT = ['req.headers.cookie', 'res.headers["set-cookie"]', 'busboyOptions.headers.cookie', 'req.headers.authorization'];

export interface BuildOptions {
  logger?: boolean | object;
  /** called for every route registered (tests list the routes to probe them all) */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
  /** registers extra routes in the web scope, with its sessions and error pages (benchmarks) */
  extendWeb?: (web: FastifyInstance) => void;
  /** the API scope's options beyond the dependencies (tests: a bearer verifier, a rate limit, extra operations) */
  api?: Omit<ApiOptions, 'deps'>;
  /** how the relying party reaches its OpenID Provider (tests: a hostile provider in memory); default the network */
  oidcFetch?: OidcFetch;
}

/** Errors Fastify answers before any hook or scope: a problem on an API path, the error page everywhere else. */
function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return isApiUrl(request.raw.url) ? frameworkProblem(error, request, reply) : frameworkErrorPage(error, request, reply);
}

/**
 * Builds the application exactly as production runs it (ADR 0022): the root sets what every answer carries (security
 * headers, framework errors), then two scopes — `web` (HTML pages, form bodies, cookie sessions, HTML error pages,
 * the origin check) and `api` under /api/v1 (JSON, problem+json errors, bearer tokens, OpenAPI). Tests call this too.
 */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel, redact: LOG_REDACT },
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
    clientErrorHandler,
  });
  const onRoute = options.onRoute;
  if (onRoute) app.addHook('onRoute', (route) => onRoute({ method: route.method, url: route.url }));
  await app.register(securityHeadersPlugin);
  // The root's own routes (static files, the health check of the load balancer) fail as HTML pages too.
  app.setErrorHandler(htmlErrorHandler);
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('../public/', import.meta.url)),
    prefix: '/static/',
    maxAge: '1h',
    index: false,
  });
  app.get('/health', async () => ({ ok: true }));

  // The embedded demo OpenID Provider (ADR 0030), a party of its own under /idp; the relying party reaches it in
  // process (in-process-fetch.ts). Elsewhere the relying party talks to the configured issuer over the network.
  const demoProvider = deps.config.demoIdentityProvider ? await createDemoProvider(deps.config, deps.db) : undefined;
  if (demoProvider) await mountDemoProvider(app, demoProvider);
  const oidcFetch = options.oidcFetch ?? (demoProvider ? inProcessFetch(() => app, demoProvider.issuer) : undefined);
  const rp = createRelyingParty(deps.config, { fetch: oidcFetch, clientSecret: demoProvider?.clientSecret });

  await app.register(async (web) => {
    // Routes declare their params, query and body with zod; a URL that breaks its schema names nothing: 404 (ADR 0027).
    web.setValidatorCompiler(webValidatorCompiler);
    await web.register(cookie);
    await web.register(formbody);
    // Uploads (workbooks, reference data): one file of at most 10 MB per request, a few small fields.
    await web.register(multipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 20, fieldSize: 10_000, parts: 25 } });
    await web.register(webRequestGuardPlugin);
    await web.register(sessionsPlugin, deps);
    await web.register(requestLanguagePlugin);
    await web.register(errorsPlugin);
    if (demoProvider) {
      // Every page says DEMO while the demo provider runs (portal.md ID-6): a request property, not a hook per request.
      web.decorateRequest('demoBanner', true);
      await web.register(async (scope) => demoInteractionRoutes(scope, deps, demoProvider));
    }
    // The header of an OCMW page links to its e-Box with the unread count (bindOcmw ran at preValidation).
    web.addHook('preHandler', async (request) => {
      if (request.ocmw && request.actor && request.method === 'GET') request.ocmw.eboxUnread = await eboxHeaderCount(deps.db, request.actor);
    });
    await web.register(async (scope) => authRoutes(scope, { ...deps, rp }));
    await web.register(async (scope) => organisationsRoutes(scope, deps));
    await web.register(async (scope) => reportsRoutes(scope, deps));
    await web.register(async (scope) => referenceDataRoutes(scope, deps));
    await web.register(async (scope) => backofficeRoutes(scope, deps));
    await web.register(async (scope) => eboxRoutes(scope, deps));
    await web.register(async (scope) => eboxSettingsRoutes(scope, deps));
    await web.register(async (scope) => configRoutes(scope, deps));
    await web.register(async (scope) => accessManagementRoutes(scope, deps));
    options.extendWeb?.(web);
  });

  await app.register(async (api) => apiScope(api, { ...options.api, deps }), { prefix: API_PREFIX });
  return app;
}
