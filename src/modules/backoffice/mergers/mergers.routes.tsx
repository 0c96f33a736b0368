import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../platform/deps.ts';

/** The mergers in the back office (issue 13): /backoffice/mergers. */
export async function mergerRoutes(_app: FastifyInstance, _deps: AppDeps) {}
