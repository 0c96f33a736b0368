import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, can } from '../access/access.ts';
import type { ServiceContext } from '../access/service-context.ts';
import type { OcmwTransition, PageContext } from '../views/layout.tsx';
import type { Language } from '../db/types.ts';
import type { AppDeps } from './deps.ts';
import { mailBaseUrl } from '../config/config.ts';

/** The OCMW of a request to an OCMW page, resolved from its URL (/ocmw/{kbo}/…, modules/organisations/ocmw-scope). */
export interface RequestOcmw {
  id: string;
  kbo: string;
  language: Language;
  /** the path prefix of this OCMW's pages, e.g. /ocmw/0212000154 */
  base: string;
  /** POD MI staff reading a page of an OCMW they are no member of: read only, and written in its audit trail */
  podmiReading: boolean;
  /** the person holds rights in another organisation too (or is POD MI staff): the header offers another OCMW */
  switchable: boolean;
  /** a disappearing (or, for POD MI, merged) OCMW: its last legal day and its successor, for the banner of its pages */
  transition: OcmwTransition | null;
  /** the e-Box's unread count for the header's link (someone of the OCMW who reads its e-Box); absent: no link */
  eboxUnread?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    ocmw?: RequestOcmw;
    /** the embedded demo identity provider runs in this process: pages say DEMO (set by the web scope) */
    demoBanner?: boolean;
  }
}

export function pageContext(request: FastifyRequest, organisationName?: string): PageContext {
  return {
    t: request.t,
    lang: request.lang,
    path: request.url,
    personName: request.actor?.name,
    organisationName,
    canUseBackoffice: request.actor ? can(request.actor, 'BackofficeRead') : false,
    ocmwBase: request.ocmw?.base,
    podmiReadOnly: request.ocmw?.podmiReading ?? false,
    canSwitchOcmw: request.ocmw?.switchable ?? false,
    transition: request.ocmw?.transition ?? null,
    eboxUnread: request.ocmw?.eboxUnread,
    demo: request.demoBanner ?? false,
  };
}

export function serviceContext(request: FastifyRequest, deps: AppDeps): ServiceContext {
  return { actor: request.actor as Actor, db: deps.db, now: deps.clock.now(), publicUrl: mailBaseUrl(deps.config) };
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

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/** The prefix of the current OCMW's pages (/ocmw/{kbo}); only on routes of the OCMW scope. */
export function ocmwBase(request: FastifyRequest): string {
  if (!request.ocmw) throw new Error('Not an OCMW page: no OCMW bound to this request');
  return request.ocmw.base;
}
