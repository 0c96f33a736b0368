import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../access/access.ts';
import type { Config } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import type { Language } from '../db/types.ts';
import type { Clock } from './clock.ts';
import { type SessionRow, deleteSession, findSessionWithPerson, insertSession, setSessionOrganisation, touchSession } from './sessions.repository.ts';

export interface SessionInfo {
  idHash: string;
  personId: string;
  /** the last OCMW opened in this session: where "/" leads (the OCMW of a page is in its URL) */
  organisationId: string | null;
  language: Language | null;
  personLanguage: Language | null;
  organisationLanguage: Language | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
    actor: Actor | null;
  }
}

const TOUCH_AFTER_MS = 60_000;

export function sessionCookieName(config: Pick<Config, 'cookieSecure'>): string {
  return config.cookieSecure ? '__Host-uv_session' : 'uv_session';
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface SessionDeps {
  config: Config;
  db: Db;
  clock: Clock;
}

/** Resolves the DB-backed session of every request into request.session and request.actor. */
export const sessionsPlugin = fp(async (app: FastifyInstance, { config, db, clock }: SessionDeps) => {
  const cookieName = sessionCookieName(config);
  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[cookieName];
    if (!token || token.length > 100) return;
    const idHash = hashToken(token);
    const row = await findSessionWithPerson(db, idHash);
    if (!row) return;
    const now = clock.now();
    const idleLimit = new Date(row.last_seen_at).getTime() + config.sessionIdleMinutes * 60_000;
    if (now.getTime() >= idleLimit || now >= new Date(row.expires_at)) {
      await deleteSession(db, idHash);
      return;
    }
    if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) await touchSession(db, idHash, now);
    request.session = {
      idHash,
      personId: row.person_id,
      organisationId: row.organisation_id,
      language: row.language,
      personLanguage: row.person_language,
      organisationLanguage: row.organisation_language,
    };
    request.actor = {
      principalKind: 'PERSON',
      personId: row.person_id,
      name: `${row.first_name} ${row.last_name}`,
      // The OCMW and the roles held there come from the URL of an OCMW page (ocmw-scope), never from the session.
      organisationId: null,
      rights: [],
      // POD MI's roles are grants in the POD MI organisation, read per request by the scopes that need them.
      podmiRights: [],
      authMethod: row.auth_method,
      authenticatedAt: new Date(row.authenticated_at),
      acr: row.acr,
      // The last step-up before signing (ADR 0034); requireFreshAuthentication decides whether it still counts.
      stepUp:
        row.step_up_acr && row.step_up_at && row.step_up_auth_time && row.step_up_organisation_id
          ? {
              acr: row.step_up_acr,
              authTime: new Date(row.step_up_auth_time),
              at: new Date(row.step_up_at),
              organisationId: row.step_up_organisation_id,
              provider: row.provider,
            }
          : null,
    };
  });
});

/** A session to write under a new id: who, how they authenticated, the last OCMW, the last step-up. */
export type NewSession = Omit<SessionRow, 'idHash' | 'now' | 'expiresAt'> & { expiresAt?: Date };

/**
 * Writes a session under a new random id and deletes the browser's previous one (SES-1: at login, step-up and change
 * of organisation). The absolute expiry is carried over when given (a rotation does not lengthen a session). Called by
 * the auth service's establishSession only (src/auth/auth.service.ts).
 */
export async function rotateSession(deps: SessionDeps, request: FastifyRequest, reply: FastifyReply, session: NewSession): Promise<void> {
  const cookieName = sessionCookieName(deps.config);
  const previous = request.cookies[cookieName];
  if (previous && previous.length <= 100) await deleteSession(deps.db, hashToken(previous));
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = session.expiresAt ?? new Date(now.getTime() + deps.config.sessionAbsoluteHours * 3_600_000);
  await insertSession(deps.db, { ...session, idHash: hashToken(token), now, expiresAt });
  reply.setCookie(cookieName, token, {
    path: '/',
    httpOnly: true,
    secure: deps.config.cookieSecure,
    sameSite: 'lax',
  });
}

export async function endSession(deps: SessionDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) await deleteSession(deps.db, request.session.idHash);
  reply.clearCookie(sessionCookieName(deps.config), { path: '/', secure: deps.config.cookieSecure, httpOnly: true, sameSite: 'lax' });
}

/** Remembers the last OCMW opened in the request's session (where "/" leads); nothing without a session. */
export async function rememberSessionOrganisation(db: Db, request: FastifyRequest, organisationId: string): Promise<void> {
  if (!request.session || request.session.organisationId === organisationId) return;
  await setSessionOrganisation(db, request.session.idHash, organisationId);
  request.session.organisationId = organisationId;
}
