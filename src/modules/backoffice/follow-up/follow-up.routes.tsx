import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../platform/deps.ts';

/** Routes of this back-office area (being built). */
export async function followUpRoutes(_app: FastifyInstance, _deps: AppDeps) {}
