import { sql } from 'kysely';
import { z } from 'zod';
import type { ApiScope } from './api.scope.ts';
import { type BuildInfo, readBuildInfo } from './build-info.ts';
import { jsonResponse, problem, problemResponse, sendProblem } from './problem.ts';
import { security } from './scopes.ts';

/** What any operation may answer besides its own responses. */
const COMMON = {
  400: problemResponse('A parameter the operation does not know, or one that breaks its rules'),
  429: problemResponse('Too many requests from this client (or address, without a token); see Retry-After'),
};

/** No operation here takes a parameter: an unknown one is refused, so a client's typo does not pass unnoticed. */
const noQuery = z.strictObject({});

const healthSchema = z.object({ status: z.enum(['ok']), database: z.enum(['ok']) }).meta({ id: 'Health' });
const versionSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    commit: z.string().optional().describe('the git commit the server runs, when known'),
  })
  .meta({ id: 'Version' });
const clientSchema = z.object({ clientId: z.string(), name: z.string(), scopes: z.array(z.string()) }).meta({ id: 'ApiClient' });

/** The system operations of the API: health (with the database), version, and who the bearer token stands for. */
export async function systemRoutes({ api, deps, authenticate }: ApiScope, buildInfo: BuildInfo = readBuildInfo()) {
  api.get(
    '/health',
    {
      schema: {
        summary: 'Is the service up, and does its database answer?',
        tags: ['system'],
        querystring: noQuery,
        response: { ...COMMON, 200: jsonResponse('The service and its database answer', healthSchema), 503: problemResponse('The database does not answer') },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(deps.db);
      } catch (error) {
        request.log.error({ err: error }, 'api health: the database does not answer');
        return sendProblem(reply, problem(request, 503, 'The database does not answer.'));
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );

  api.get(
    '/version',
    {
      schema: {
        summary: 'The name and version of the application, and the commit it runs when known',
        tags: ['system'],
        querystring: noQuery,
        response: { ...COMMON, 200: jsonResponse('The running application', versionSchema) },
      },
    },
    async () => buildInfo,
  );

  api.get(
    '/whoami',
    {
      onRequest: authenticate,
      schema: {
        summary: 'The API client the bearer token stands for',
        tags: ['system'],
        security: security(),
        querystring: noQuery,
        response: {
          ...COMMON,
          200: jsonResponse('The client of the token', clientSchema),
          401: problemResponse('No bearer token, or one the API does not know'),
        },
      },
    },
    async (request) => request.apiClient!,
  );
}
