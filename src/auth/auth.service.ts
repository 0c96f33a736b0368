import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PODMI_ORGANISATION_ID, loadPodMiRights } from '../access/grants.repository.ts';
import { type AuditEventType, appendAudit } from '../audit/audit.ts';
import { type Db, withTransaction } from '../db/database.ts';
import { isLanguage } from '../i18n/i18n.ts';
import { levelNumber, meansOfAcr } from '../modules/shared/fas-levels.ts';
import { isValidInsz } from '../modules/shared/identifiers.ts';
import type { AppDeps } from '../platform/deps.ts';
import { hashToken, rotateSession } from '../platform/sessions.ts';
import { findSession } from '../platform/sessions.repository.ts';
import { auditLogin } from './login-audit.ts';
import { ProviderAnswerRefused, type RelyingParty, newChecks } from './relying-party.ts';

/** Everything the auth service needs: the application's dependencies and its relying party. */
export interface AuthDeps extends AppDeps {
  rp: RelyingParty;
}

/** How long a login or step-up may stay at the provider. */
const PENDING_MS = 10 * 60_000;

export function pendingCookieName(config: AppDeps['config']): string {
  return config.cookieSecure ? '__Host-uv_oidc' : 'uv_oidc';
}

// ---------------------------------------------------------------------------------------------------------------
// One way into a session
// ---------------------------------------------------------------------------------------------------------------

/** What a new session id carries: the person, how and when they authenticated, the last OCMW and step-up. */
export interface SessionFacts {
  personId: string;
  /** the means (eid, itsme, code) */
  authMethod: string;
  authenticatedAt: Date;
  acr: string | null;
  provider: string | null;
  idToken: string | null;
  organisationId: string | null;
  language: 'nl' | 'fr' | 'de' | null;
  stepUp: { acr: string; authTime: Date; at: Date; organisationId: string } | null;
  /** kept from the session it replaces: a rotation never lengthens a session's absolute lifetime */
  expiresAt?: Date;
}

/**
 * The one way into a session (issue 12): the OIDC login, the step-up and the organisation chooser all end here. The
 * session gets a new random id and the browser's previous one is deleted (SES-1).
 */
export async function establishSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, facts: SessionFacts): Promise<void> {
  await rotateSession(deps, request, reply, facts);
}

/** The facts of the request's current session, to carry over to a new id. */
async function currentFacts(db: Db, idHash: string): Promise<SessionFacts | undefined> {
  const row = await findSession(db, idHash);
  if (!row) return undefined;
  return {
    personId: row.person_id,
    authMethod: row.auth_method,
    authenticatedAt: new Date(row.authenticated_at),
    acr: row.acr,
    provider: row.provider,
    idToken: row.id_token,
    organisationId: row.organisation_id,
    language: row.language,
    stepUp:
      row.step_up_acr && row.step_up_auth_time && row.step_up_at && row.step_up_organisation_id
        ? { acr: row.step_up_acr, authTime: new Date(row.step_up_auth_time), at: new Date(row.step_up_at), organisationId: row.step_up_organisation_id }
        : null,
    expiresAt: new Date(row.expires_at),
  };
}

/** "Ander OCMW kiezen": the same person and authentication under a new session id, with the chosen OCMW. */
export async function changeOrganisation(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, organisationId: string): Promise<boolean> {
  if (!request.session) return false;
  const facts = await currentFacts(deps.db, request.session.idHash);
  if (!facts) return false;
  await establishSession(deps, request, reply, { ...facts, organisationId });
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Audit of logins and step-ups
// ---------------------------------------------------------------------------------------------------------------

/**
 * A refused login goes to the chain of the registry's operator, POD MI (a refused person may belong to no OCMW, or
 * be nobody we know); a step-up goes to the chain of the OCMW it was asked in.
 */
async function auditAuthEvent(
  db: Db,
  event: { organisationId: string; personId: string | null; type: AuditEventType; payload: Record<string, unknown>; at: Date },
) {
  await withTransaction(db, async (tx) => {
    await appendAudit(tx, {
      organisationId: event.organisationId,
      actorPersonId: event.personId,
      type: event.type,
      subjectId: event.personId,
      payload: event.payload,
      at: event.at,
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Login and step-up at the provider
// ---------------------------------------------------------------------------------------------------------------

interface PendingStart {
  purpose: 'LOGIN' | 'STEP_UP';
  sessionIdHash?: string;
  personId?: string;
  organisationId?: string;
  returnTo?: string;
}

/** Keeps state, nonce and PKCE verifier server-side (oidc_logins), bound to this browser by a cookie; returns the provider's URL. */
async function begin(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply, start: PendingStart): Promise<string> {
  const checks = newChecks();
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const stepUp = start.purpose === 'STEP_UP';
  const url = await deps.rp.authorizationUrl({
    ...checks,
    acrValues: stepUp ? deps.config.oidcSigningAcrs : [deps.config.oidcLoginAcr],
    forceLogin: stepUp,
    uiLocales: request.lang,
  });
  await deps.db.deleteFrom('oidc_logins').where('expires_at', '<', now).execute();
  await deps.db
    .insertInto('oidc_logins')
    .values({
      id_hash: hashToken(token),
      purpose: start.purpose,
      state: checks.state,
      nonce: checks.nonce,
      code_verifier: checks.codeVerifier,
      session_id_hash: start.sessionIdHash ?? null,
      person_id: start.personId ?? null,
      organisation_id: start.organisationId ?? null,
      return_to: start.returnTo ?? null,
      started_at: now,
      // the provider's auth_time is on the wall clock, as is openid-client's check of the token's times
      started_epoch: Math.floor(Date.now() / 1000),
      expires_at: new Date(now.getTime() + PENDING_MS),
    })
    .execute();
  reply.setCookie(pendingCookieName(deps.config), token, {
    path: '/',
    httpOnly: true,
    secure: deps.config.cookieSecure,
    sameSite: 'lax',
    maxAge: PENDING_MS / 1000,
  });
  return url.href;
}

export function beginLogin(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply): Promise<string> {
  return begin(deps, request, reply, { purpose: 'LOGIN' });
}

/** The step-up before signing: the signing levels and a forced re-authentication, for this session, person and OCMW. */
export function beginStepUp(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply, organisationId: string, returnTo: string): Promise<string> {
  const session = request.session;
  if (!session || !request.actor) throw new Error('A step-up needs a session');
  return begin(deps, request, reply, { purpose: 'STEP_UP', sessionIdHash: session.idHash, personId: request.actor.personId, organisationId, returnTo });
}

export type Outcome =
  | { kind: 'logged_in'; landing: string }
  | { kind: 'no_access' }
  | { kind: 'refused'; reason: string }
  | { kind: 'stepped_up'; returnTo: string }
  | { kind: 'step_up_refused'; reason: string; returnTo: string };

/** Takes (and deletes: one use) the pending login of this browser's cookie. */
async function takePending(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply) {
  const token = request.cookies[pendingCookieName(deps.config)];
  reply.clearCookie(pendingCookieName(deps.config), { path: '/', secure: deps.config.cookieSecure, httpOnly: true, sameSite: 'lax' });
  if (!token || token.length > 100) return undefined;
  const row = await deps.db.deleteFrom('oidc_logins').where('id_hash', '=', hashToken(token)).returningAll().executeTakeFirst();
  if (!row || new Date(row.expires_at) <= deps.clock.now()) return undefined;
  return row;
}

function refusalReason(error: unknown): { reason: string; detail?: string } {
  if (error instanceof ProviderAnswerRefused) return { reason: error.reason, detail: error.detail };
  const e = error as { name?: string; code?: string; error?: string; message?: string };
  // openid-client's errors: the provider's own error (access_denied…), a failed check, an unreachable provider.
  if (e?.name === 'AuthorizationResponseError' || e?.name === 'ResponseBodyError') return { reason: 'provider_error', detail: String(e.error ?? e.code ?? '') };
  if (e?.code) return { reason: 'validation_failed', detail: `${e.code}: ${String(e.message ?? '').slice(0, 200)}` };
  return { reason: 'provider_unreachable', detail: String(e?.message ?? error).slice(0, 200) };
}

/**
 * The callback of a login or step-up: the browser's pending row, then openid-client's checks (state, issuer,
 * code and PKCE at the token endpoint, the ID token's signature, audience, expiry and nonce), then ours: the INSZ
 * claim and its checksum, the level, and for a step-up the same person, a signing level and a fresh auth_time.
 */
export async function finishAuthorization(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply): Promise<Outcome> {
  const { config, db, clock } = deps;
  const now = clock.now();
  const pending = await takePending(deps, request, reply);
  const refuseLogin = async (reason: string, personId: string | null, detail?: string): Promise<Outcome> => {
    await auditAuthEvent(db, {
      organisationId: PODMI_ORGANISATION_ID,
      personId,
      type: 'LOGIN_REFUSED',
      payload: { reason, provider: config.oidcIssuer, ...(detail ? { detail } : {}) },
      at: now,
    });
    return { kind: 'refused', reason };
  };
  if (!pending) return refuseLogin('no_pending_login', null);
  const stepUp = pending.purpose === 'STEP_UP';
  const returnTo = pending.return_to ?? '/';
  const refuseStepUp = async (reason: string, detail?: string): Promise<Outcome> => {
    await auditAuthEvent(db, {
      organisationId: pending.organisation_id!,
      personId: pending.person_id,
      type: 'STEP_UP_REFUSED',
      payload: { reason, provider: config.oidcIssuer, ...(detail ? { detail } : {}) },
      at: now,
    });
    return { kind: 'step_up_refused', reason, returnTo };
  };
  const refuse = (reason: string, detail?: string) => (stepUp ? refuseStepUp(reason, detail) : refuseLogin(reason, null, detail));

  let answer: Awaited<ReturnType<RelyingParty['callback']>>;
  try {
    const callbackUrl = new URL(request.url, config.publicUrl);
    answer = await deps.rp.callback(callbackUrl, { state: pending.state, nonce: pending.nonce, codeVerifier: pending.code_verifier });
  } catch (error) {
    const { reason, detail } = refusalReason(error);
    request.log.warn({ reason, detail }, 'OpenID Connect answer refused');
    return refuse(reason, detail);
  }
  const { claims } = answer;
  const insz = claims[config.oidcInszClaim];
  if (typeof insz !== 'string') return refuse('insz_missing');
  if (!/^\d{11}$/.test(insz) || !isValidInsz(insz)) return refuse('insz_invalid');
  const acr = typeof claims.acr === 'string' ? claims.acr : null;
  if (levelNumber(acr) < levelNumber(config.oidcLoginAcr)) return refuse('acr_too_low', String(acr ?? ''));
  const authTime = typeof claims.auth_time === 'number' ? new Date(claims.auth_time * 1000) : null;
  const person = await db.selectFrom('persons').select(['id', 'first_name', 'last_name', 'language', 'email']).where('insz', '=', insz).executeTakeFirst();

  if (stepUp) {
    if (!person || person.id !== pending.person_id) return refuseStepUp('other_person');
    if (!acr || !config.oidcSigningAcrs.includes(acr)) return refuseStepUp('acr_not_signing', String(acr ?? ''));
    if (!authTime || typeof claims.auth_time !== 'number' || claims.auth_time < Number(pending.started_epoch)) return refuseStepUp('not_fresh');
    // The step-up belongs to the session that asked it; a session ended (or rotated) meanwhile gets nothing.
    const facts = request.session?.idHash === pending.session_id_hash ? await currentFacts(db, pending.session_id_hash) : undefined;
    if (!facts || facts.personId !== person.id) return refuseStepUp('session_changed');
    await establishSession(deps, request, reply, {
      ...facts,
      provider: answer.issuer,
      stepUp: { acr, authTime, at: now, organisationId: pending.organisation_id! },
    });
    await auditAuthEvent(db, {
      organisationId: pending.organisation_id!,
      personId: person.id,
      type: 'STEP_UP_OK',
      payload: { acr, authTime: authTime.toISOString(), provider: answer.issuer },
      at: now,
    });
    return { kind: 'stepped_up', returnTo };
  }

  if (!person) {
    // Nobody added this INSZ: no session, and nothing about any OCMW is said (portal.md §2.3, step 5).
    await refuseLogin('unknown_person', null);
    return { kind: 'no_access' };
  }
  // First login: the name, e-mail and language the access manager left empty come from the provider's claims.
  const str = (name: string) =>
    typeof claims[name] === 'string' && (claims[name] as string).trim() !== '' ? (claims[name] as string).trim().slice(0, 200) : null;
  const language = str('prefLanguage')?.toLowerCase().slice(0, 2);
  const updates: Record<string, string | Date> = {};
  if (!person.first_name && str('givenName')) updates.first_name = str('givenName')!;
  if (!person.last_name && str('surname')) updates.last_name = str('surname')!;
  if (!person.email && str('mail') && /^[^\s@]+@[^\s@]+$/.test(str('mail')!)) updates.email = str('mail')!.toLowerCase();
  if (!person.language && isLanguage(language)) updates.language = language;
  if (Object.keys(updates).length > 0) await db.updateTable('persons').set(updates).where('id', '=', person.id).execute();
  await db.updateTable('persons').set({ first_login_at: now }).where('id', '=', person.id).where('first_login_at', 'is', null).execute();

  const method = meansOfAcr(acr);
  await establishSession(deps, request, reply, {
    personId: person.id,
    authMethod: method,
    authenticatedAt: authTime ?? now,
    acr,
    provider: answer.issuer,
    idToken: answer.idToken,
    organisationId: null,
    language: null,
    stepUp: null,
  });
  await auditLogin(db, person.id, method, now);
  const podmi = await loadPodMiRights(db, person.id, now);
  return { kind: 'logged_in', landing: podmi.length > 0 ? '/backoffice' : '/choose-ocmw' };
}

/** Logout: our session ends; the provider's end-session URL (with the ID token as hint) when it has one. */
export async function logoutUrl(deps: AuthDeps, request: FastifyRequest): Promise<string | null> {
  if (!request.session) return null;
  const row = await findSession(deps.db, request.session.idHash);
  if (!row?.provider) return null;
  const url = await deps.rp.endSessionUrl(row.id_token);
  return url?.href ?? null;
}
