import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { authRoutes } from './auth/auth.routes.tsx';
import { backofficeRoutes } from './modules/backoffice/backoffice.routes.tsx';
import { eboxRoutes } from './modules/ebox/ebox.routes.tsx';
import { organisationsRoutes } from './modules/organisations/organisations.routes.tsx';
import { referenceDataRoutes } from './modules/reference-data/reference-data.routes.tsx';
import { reportsRoutes } from './modules/reports/reports.routes.tsx';
import type { AppDeps } from './platform/deps.ts';
import { errorsPlugin } from './platform/errors.ts';
import { requestLanguagePlugin } from './platform/request-language.ts';
import { securityPlugin } from './platform/security.ts';
import { sessionsPlugin } from './platform/sessions.ts';

/** The largest file a user may upload (a workbook of a few thousand rows is well below 2 MB). */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** Log paths never written: the session cookie wherever a logger may print request headers. */
export const LOG_REDACT = ['req.headers.cookie', 'res.headers["set-cookie"]', 'busboyOptions.headers.cookie'];

export interface BuildOptions {
  logger?: boolean | object;
  /** called for every route registered (tests list the routes to probe them all) */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
}

/** Builds the application exactly as production runs it: platform → auth → modules. Tests call this too. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel, redact: LOG_REDACT },
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const onRoute = options.onRoute;
  if (onRoute) app.addHook('onRoute', (route) => onRoute({ method: route.method, url: route.url }));
  await app.register(cookie);
  await app.register(formbody);
  // Uploads (workbooks, reference data): one file of at most 10 MB per request, a few small fields.
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 20, fieldSize: 10_000, parts: 25 } });
  await app.register(securityPlugin);
  await app.register(sessionsPlugin, deps);
  await app.register(requestLanguagePlugin);
  await app.register(errorsPlugin);
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('../public/', import.meta.url)),
    prefix: '/static/',
    maxAge: '1h',
    index: false,
  });
  app.get('/health', async () => ({ ok: true }));
  await app.register(async (scope) => authRoutes(scope, deps));
  await app.register(async (scope) => organisationsRoutes(scope, deps));
  await app.register(async (scope) => reportsRoutes(scope, deps));
  await app.register(async (scope) => referenceDataRoutes(scope, deps));
  await app.register(async (scope) => backofficeRoutes(scope, deps));
  await app.register(async (scope) => eboxRoutes(scope, deps));
  return app;
}
