import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadPodMiRights } from '../access/grants.repository.ts';
import { isLanguage } from '../i18n/i18n.ts';
import { isChoosable, listChoosableOrganisations } from '../modules/organisations/organisations.repository.ts';
import { organisationName } from '../modules/shared/organisation-name.ts';
import { ocmwPath } from '../modules/organisations/ocmw-scope.ts';
import { formatKbo } from '../modules/shared/identifiers.ts';
import { LANGUAGE_COOKIE } from '../platform/request-language.ts';
import { pageContext, requireLogin, safeReturnPath } from '../platform/route-context.ts';
import { Kbo, PostedField, PostedId, PostedString, formBody, keysOf, oneOf } from '../platform/schemas.ts';
import { endSession } from '../platform/sessions.ts';
import { setSessionOrganisation } from '../platform/sessions.repository.ts';
import { sendPage } from '../views/render.ts';
import { type AuthDeps, beginLogin, beginStepUp, changeOrganisation, finishAuthorization, logoutUrl } from './auth.service.ts';
import { setPersonLanguage } from './demo.repository.ts';
import { auditSessionEvent } from './login-audit.ts';
import { AuthRefusedPage, LoginPage, NoAccessPage } from './views/login.view.tsx';
import { ChooseOcmwPage } from '../modules/organisations/views/choose-ocmw.view.tsx';
import { filterChoosable, sortChoosable } from '../modules/organisations/choose-filter.ts';

/** Messages of the login page after a redirect (?m=): a closed list. */
const LOGIN_MESSAGES: Record<string, string> = { logged_out: 'auth.logged_out' };
const LoginQuery = z.object({ m: oneOf(keysOf(LOGIN_MESSAGES)) });
/** The step-up before a signature: the OCMW it is asked in and the page to come back to. */
const StepUpQuery = z.object({ ocmw: Kbo, returnTo: PostedField });

/** The words of a refused login, by reason (the audit event keeps the reason itself). */
function refusalText(reason: string): string {
  if (reason === 'no_pending_login') return 'auth.refused.expired';
  if (reason === 'acr_too_low') return 'auth.refused.level';
  if (reason === 'insz_missing' || reason === 'insz_invalid') return 'auth.refused.identity';
  if (reason === 'provider_error') return 'auth.refused.provider_error';
  if (reason === 'provider_unreachable') return 'auth.refused.unreachable';
  return 'auth.refused.generic';
}

/** The provider's URL; a path when the provider is this application's own /idp (same origin). */
function providerLocation(url: string, publicUrl: string): string {
  return url.startsWith(`${publicUrl}/`) ? url.slice(publicUrl.length) : url;
}

/** Appends the flash code a page shows after the step-up. */
function withMessage(path: string, code: string): string {
  const safe = safeReturnPath(path);
  return `${safe}${safe.includes('?') ? '&' : '?'}m=${code}`;
}

const ChooseOcmwBody = formBody({ organisationId: PostedId });
const ChooseQuery = z.object({ q: PostedField });
const LanguageBody = formBody({ lang: PostedString, returnTo: PostedField });

export async function authRoutes(scope: FastifyInstance, deps: AuthDeps) {
  const { config, db } = deps;
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get('/login', { schema: { querystring: LoginQuery } }, async (request, reply) => {
    const { m } = request.query;
    return sendPage(reply, <LoginPage ctx={pageContext(request)} message={m ? LOGIN_MESSAGES[m] : undefined} />);
  });

  // Starting a login and coming back from the provider: rate-limited per address, like the demo login was.
  await app.register(async (instance) => {
    const limited = instance.withTypeProvider<ZodTypeProvider>();
    await limited.register(rateLimit, { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' });

    /** "Aanmelden / Se connecter / Anmelden": to the provider, with state, nonce and PKCE kept here. */
    limited.post('/auth/login', async (request, reply) => {
      try {
        return reply.redirect(providerLocation(await beginLogin(deps, request, reply), config.publicUrl), 303);
      } catch (error) {
        request.log.warn({ err: error }, 'OpenID Provider unreachable');
        return sendPage(reply, <AuthRefusedPage ctx={pageContext(request)} text="auth.refused.unreachable" />, 503);
      }
    });

    /** The step-up before a signature: the signing levels and a forced re-authentication. */
    limited.get('/auth/step-up', { preValidation: requireLogin, schema: { querystring: StepUpQuery } }, async (request, reply) => {
      const { ocmw, returnTo } = request.query;
      const organisation = await db.selectFrom('organisations').select('id').where('kbo', '=', ocmw).executeTakeFirst();
      if (!organisation) return reply.redirect('/', 303);
      try {
        return reply.redirect(providerLocation(await beginStepUp(deps, request, reply, organisation.id, safeReturnPath(returnTo)), config.publicUrl), 303);
      } catch (error) {
        request.log.warn({ err: error }, 'OpenID Provider unreachable');
        return sendPage(reply, <AuthRefusedPage ctx={pageContext(request)} text="auth.refused.unreachable" />, 503);
      }
    });

    /** The provider's answer: every check passed, or a clear page, no session and an audit event. */
    limited.get('/auth/callback', async (request, reply) => {
      const outcome = await finishAuthorization(deps, request, reply);
      switch (outcome.kind) {
        case 'logged_in':
          return reply.redirect(outcome.landing, 303);
        case 'stepped_up':
          return reply.redirect(withMessage(outcome.returnTo, 'stepped_up'), 303);
        case 'step_up_refused':
          return reply.redirect(withMessage(outcome.returnTo, outcome.reason === 'acr_not_signing' ? 'step_up_level' : 'step_up_refused'), 303);
        case 'no_access':
          return sendPage(reply, <NoAccessPage ctx={pageContext(request)} />, 403);
        default:
          return sendPage(reply, <AuthRefusedPage ctx={pageContext(request)} text={refusalText(outcome.reason)} />, 403);
      }
    });
  });

  /** Logout ends our session, then the provider's (its end-session endpoint, with the ID token as hint). */
  app.post('/logout', async (request, reply) => {
    const providerLogout = await logoutUrl(deps, request).catch(() => null);
    if (request.actor) await auditSessionEvent(db, request.actor.personId, 'LOGGED_OUT', {}, deps.clock.now());
    await endSession(deps, request, reply);
    return reply.redirect(providerLogout ? providerLocation(providerLogout, config.publicUrl) : '/login?m=logged_out', 303);
  });

  /**
   * The organisation chooser (portal.md §2.3): no OCMW → whom to ask (nothing about any OCMW); one → straight in;
   * several → name and KBO number, filterable by either (`q`).
   */
  app.get('/choose-ocmw', { preValidation: requireLogin, schema: { querystring: ChooseQuery } }, async (request, reply) => {
    const actor = request.actor!;
    const now = deps.clock.now();
    const podmi = await loadPodMiRights(db, actor.personId, now);
    const rows = await listChoosableOrganisations(db, actor.personId, now, podmi.length > 0);
    if (rows.length === 0) return sendPage(reply, <NoAccessPage ctx={pageContext(request)} />, 403);
    if (rows.length === 1 && !request.session?.organisationId && request.session) {
      await setSessionOrganisation(db, request.session.idHash, rows[0].id);
      return reply.redirect(ocmwPath(rows[0].kbo), 303);
    }
    const query = request.query.q.slice(0, 200);
    const shown = sortChoosable(filterChoosable(rows, query), request.lang);
    const organisations = shown.map((o) => ({
      id: o.id,
      name: organisationName(o, request.lang),
      kbo: formatKbo(o.kbo),
      status: o.status,
      successor:
        o.successor_kbo !== null
          ? {
              name: organisationName(
                {
                  name_nl: o.successor_name_nl ?? '',
                  name_fr: o.successor_name_fr ?? '',
                  name_de: o.successor_name_de ?? '',
                  language: o.successor_language,
                  administration_language: o.successor_administration_language,
                },
                request.lang,
              ),
              kbo: formatKbo(o.successor_kbo),
            }
          : null,
    }));
    return sendPage(reply, <ChooseOcmwPage ctx={pageContext(request)} organisations={organisations} total={rows.length} query={query} />);
  });

  app.post('/choose-ocmw', { preValidation: requireLogin, schema: { body: ChooseOcmwBody } }, async (request, reply) => {
    const actor = request.actor!;
    const { organisationId } = request.body;
    const podmi = await loadPodMiRights(db, actor.personId, deps.clock.now());
    const chosen = organisationId ? await isChoosable(db, actor.personId, organisationId, deps.clock.now(), podmi.length > 0) : undefined;
    if (!chosen) return reply.redirect('/choose-ocmw', 303);
    // Another OCMW, the same login: a new session id (SES-1).
    await changeOrganisation(deps, request, reply, chosen.id);
    return reply.redirect(ocmwPath(chosen.kbo), 303);
  });

  app.post('/language', { schema: { body: LanguageBody } }, async (request, reply) => {
    const { lang, returnTo } = request.body;
    if (isLanguage(lang)) {
      if (request.actor) await setPersonLanguage(db, request.actor.personId, lang);
      else reply.setCookie(LANGUAGE_COOKIE, lang, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, maxAge: 31_536_000 });
    }
    return reply.redirect(safeReturnPath(returnTo), 303);
  });
}
