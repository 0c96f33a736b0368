import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, can } from '../access/access.ts';
import type { ServiceContext } from '../modules/context.ts';
import type { PageContext } from '../views/layout.tsx';
import type { AppDeps } from './deps.ts';

export function pageContext(request: FastifyRequest, organisationName?: string): PageContext {
  return {
    t: request.t,
    lang: request.lang,
    path: request.url,
    personName: request.actor?.name,
    organisationName,
    canUseBackoffice: request.actor ? can(request.actor, 'BackofficeRead') : false,
  };
}

export function serviceContext(request: FastifyRequest, deps: AppDeps): ServiceContext {
  return { actor: request.actor as Actor, db: deps.db, now: deps.clock.now() };
}

/** preHandler: a logged-in person working for a chosen OCMW, else to the login or the OCMW choice. */
export async function requireOrganisation(request: FastifyRequest, reply: FastifyReply) {
  if (!request.actor) return reply.redirect('/login', 303);
  if (!request.actor.organisationId) return reply.redirect('/choose-ocmw', 303);
}

export async function requireLogin(request: FastifyRequest, reply: FastifyReply) {
  if (!request.actor) return reply.redirect('/login', 303);
}

/** A local path to return to after an action; anything else falls back to the homepage. */
export function safeReturnPath(value: unknown): string {
  // Printable ASCII only (browsers drop tabs and newlines, turning "/\t/x" into "//x"), one leading slash.
  if (typeof value !== 'string' || value.length > 500 || !/^\/(?![/\\])[\x21-\x7E]*$/.test(value) || value.includes('\\')) return '/';
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}
