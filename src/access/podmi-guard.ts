import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { type Permission, requireAccess } from './access.ts';
import { loadPodMiRights } from './grants.repository.ts';

/**
 * preValidation hook of the POD MI pages: anonymous visitors go to the login; the person's POD MI roles are read
 * from the database (one query, grants in the POD MI organisation) and must give the permission, else 403.
 */
export function podmiGuard(deps: { db: Db; clock: { now(): Date } }, permission: Permission) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.actor) return reply.redirect('/login', 303);
    request.actor = { ...request.actor, podmiRights: await loadPodMiRights(deps.db, request.actor.personId, deps.clock.now()) };
    requireAccess(request.actor, permission);
  };
}
