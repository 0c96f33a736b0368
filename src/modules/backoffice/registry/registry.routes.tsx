import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../platform/deps.ts';

/** The organisation registry in the back office (issue 13): /backoffice/registry. */
export async function registryRoutes(_app: FastifyInstance, _deps: AppDeps) {}
