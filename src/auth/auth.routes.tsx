import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadPodMiRights } from '../access/grants.repository.ts';
import { isLanguage } from '../i18n/i18n.ts';
import { isChoosable, listChoosableOrganisations } from '../modules/organisations/organisations.repository.ts';
import { organisationName } from '../modules/organisations/organisation-name.ts';
import { ocmwPath } from '../modules/organisations/ocmw-scope.ts';
import { formatKbo } from '../modules/shared/identifiers.ts';
import type { AppDeps } from '../platform/deps.ts';
import { LANGUAGE_COOKIE } from '../platform/request-language.ts';
import { pageContext, requireLogin, safeReturnPath } from '../platform/route-context.ts';
import { PostedField, PostedId, PostedString, formBody } from '../platform/schemas.ts';
import { endSession, startSession } from '../platform/sessions.ts';
import { setSessionOrganisation } from '../platform/sessions.repository.ts';
import { sendPage } from '../views/render.ts';
import { findDemoPerson, listDemoPersons, setPersonLanguage } from './demo.repository.ts';
import { auditLogin } from './login-audit.ts';
import { ChooseOcmwPage, LoginPage } from './views/login.view.tsx';

const RIGHT_ORDER = ['UV_ENCODER', 'UV_CHAIR', 'UV_DIRECTOR', 'UV_READER', 'HTB', 'CO_HTB', 'TB', 'CO_TB'];

type DemoPersonRow = Awaited<ReturnType<typeof listDemoPersons>>[number];

/** Demo persons grouped by OCMW, then by role as the manual introduces them; then access managers; POD MI staff last. */
function demoOrder(a: DemoPersonRow, b: DemoPersonRow): number {
  const key = (p: DemoPersonRow) => {
    const g = p.grants[0];
    if (!g) return 'x';
    const orgs = new Set(p.grants.map((x) => x.name_nl)).size;
    return `${g.type === 'PODMI' ? 'z' : 'a'}${orgs > 1 ? 'y' : 'a'}${g.name_nl}${String(RIGHT_ORDER.indexOf(g.right_code)).padStart(2, '0')}`;
  };
  return key(a).localeCompare(key(b));
}

const DemoLoginBody = formBody({ personId: PostedId });
const ChooseOcmwBody = formBody({ organisationId: PostedId });
const LanguageBody = formBody({ lang: PostedString, returnTo: PostedField });

export async function authRoutes(scope: FastifyInstance, deps: AppDeps) {
  const { config, db } = deps;
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get('/login', async (request, reply) => {
    const ctx = pageContext(request);
    const persons = config.demoMode ? await listDemoPersons(db, deps.clock.now()) : [];
    const demoPersons = [...persons].sort(demoOrder).map((p) => ({
      id: p.id,
      name: `${p.first_name} ${p.last_name}`,
      roles: p.grants.map((g) => `${request.t(`right.${g.right_code}`)} (${organisationName(g, request.lang)})`),
    }));
    return sendPage(reply, <LoginPage ctx={ctx} demo={config.demoMode} persons={demoPersons} />);
  });

  if (config.demoMode) {
    await app.register(async (instance) => {
      const demo = instance.withTypeProvider<ZodTypeProvider>();
      await demo.register(rateLimit, { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' });
      demo.post('/auth/demo', { schema: { body: DemoLoginBody } }, async (request, reply) => {
        const { personId } = request.body;
        const person = personId ? await findDemoPerson(db, personId) : undefined;
        if (!person) return reply.redirect('/login', 303);
        await startSession(deps, request, reply, person.id, 'demo');
        await auditLogin(db, person.id, 'demo', deps.clock.now());
        // POD MI staff work in the back office; OCMW staff choose their OCMW (if they have several).
        const podmi = await loadPodMiRights(db, person.id, deps.clock.now());
        return reply.redirect(podmi.length > 0 ? '/backoffice' : '/choose-ocmw', 303);
      });
    });
  }

  app.post('/logout', async (request, reply) => {
    await endSession(deps, request, reply);
    return reply.redirect('/login', 303);
  });

  app.get('/choose-ocmw', { preValidation: requireLogin }, async (request, reply) => {
    const actor = request.actor!;
    const podmi = await loadPodMiRights(db, actor.personId, deps.clock.now());
    const rows = await listChoosableOrganisations(db, actor.personId, deps.clock.now(), podmi.length > 0);
    if (rows.length === 1 && !request.session?.organisationId && request.session) {
      await setSessionOrganisation(db, request.session.idHash, rows[0].id);
      return reply.redirect(ocmwPath(rows[0].kbo), 303);
    }
    const organisations = rows.map((o) => ({ id: o.id, name: organisationName(o, request.lang), kbo: formatKbo(o.kbo) }));
    return sendPage(reply, <ChooseOcmwPage ctx={pageContext(request)} organisations={organisations} />);
  });

  app.post('/choose-ocmw', { preValidation: requireLogin, schema: { body: ChooseOcmwBody } }, async (request, reply) => {
    const actor = request.actor!;
    const { organisationId } = request.body;
    const podmi = await loadPodMiRights(db, actor.personId, deps.clock.now());
    const chosen = organisationId ? await isChoosable(db, actor.personId, organisationId, deps.clock.now(), podmi.length > 0) : undefined;
    if (!chosen) return reply.redirect('/choose-ocmw', 303);
    await setSessionOrganisation(db, request.session!.idHash, chosen.id);
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
