import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AccessDenied } from '../../access/access.ts';
import { translator } from '../../i18n/i18n.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { Kbo } from '../../platform/schemas.ts';
import { rememberSessionOrganisation } from '../../platform/sessions.ts';
import { NotFound } from '../shared/errors.ts';
import { logPodMiRead } from './podmi-reads.ts';
import { ocmwPath } from '../shared/ocmw-path.ts';
import { findOrganisation, findOrganisationForPerson } from './organisations.repository.ts';
import { dayAfter } from './registry-rules.ts';

/**
 * Every page of an OCMW lives under /ocmw/{kbo}/… (ADR 0026): the OCMW a request acts for comes from its URL,
 * never from the session, so two tabs on two OCMWs work side by side and a form posted for one OCMW cannot
 * land in another. The session only remembers the last OCMW opened, for "/" and the chooser.
 */
export const OCMW_PREFIX = '/ocmw/:kbo';

export { ocmwPath };

/** The path parameters of every OCMW page; a route adds its own (`OcmwParams.extend({ campaignId: Uuid })`). */
export const OcmwParams = z.object({ kbo: Kbo });

/**
 * preValidation hook of every OCMW page: a logged-in person who holds rights in the URL's OCMW now (read per request),
 * or POD MI staff (read only; every such read is written in the OCMW's audit trail). Anyone else: 403.
 */
async function bindOcmw(deps: AppDeps, request: FastifyRequest, reply: FastifyReply) {
  const actor = request.actor;
  if (!actor) return reply.redirect('/login', 303);
  const params = OcmwParams.safeParse(request.params);
  if (!params.success) throw new NotFound();
  const organisation = await findOrganisationForPerson(deps.db, params.data.kbo, actor.personId, deps.clock.now());
  if (!organisation) throw new NotFound();
  const { rights, podmiRights } = organisation;
  const podmiReading = rights.length === 0 && !organisation.blocked && podmiRights.length > 0;
  // Blocked, removed, or never a member: refused here, whatever the page (a blocked or removed person is told so).
  if (rights.length === 0 && !podmiReading) throw new AccessDenied('FormRead', organisation.blocked ? 'blocked' : organisation.member ? 'withdrawn' : 'none');
  // After the transition only POD MI opens a merged OCMW (portal.md §1.2), read only.
  if (organisation.status === 'MERGED' && !podmiReading && podmiRights.length === 0) throw new AccessDenied('FormRead', 'merged');
  const transition =
    organisation.status === 'ACTIVE' || organisation.lastDay === null
      ? null
      : { status: organisation.status, lastDay: organisation.lastDay, mergedOn: dayAfter(organisation.lastDay), successor: organisation.successor };
  request.actor = { ...actor, organisationId: organisation.id, rights: organisation.status === 'MERGED' ? [] : rights, podmiRights };
  request.ocmw = {
    id: organisation.id,
    kbo: organisation.kbo,
    language: organisation.language,
    base: ocmwPath(organisation.kbo),
    podmiReading: podmiReading || organisation.status === 'MERGED',
    switchable: organisation.elsewhere || podmiRights.length > 0,
    transition,
  };
  // The OCMW's language when the person chose none.
  if (!request.session?.personLanguage && request.lang !== organisation.language) {
    request.lang = organisation.language;
    request.t = translator(organisation.language);
  }
  await rememberSessionOrganisation(deps.db, request, organisation.id);
  if (podmiReading) await logPodMiRead(deps, request.actor, organisation.id, request);
}

/** Registers routes under /ocmw/{kbo}, each bound to that OCMW for the person of the session. */
export async function ocmwRoutes(app: FastifyInstance, deps: AppDeps, routes: (scope: FastifyInstance) => Promise<void> | void) {
  await app.register(
    async (scope) => {
      // Before the route's schemas are checked: the visitor logs in first, and a person who may not read this OCMW
      // gets 403 whatever the rest of the URL says (a malformed id then answers like a missing one, ADR 0027).
      scope.addHook('preValidation', async (request, reply) => bindOcmw(deps, request, reply));
      await routes(scope);
    },
    { prefix: OCMW_PREFIX },
  );
}

/** Addresses before the OCMW was in the URL (bookmarks, e-mails already sent) and "/": to the last OCMW opened. */
const LEGACY_PATHS: Array<[string, (rest: string) => string]> = [
  ['/', () => ''],
  ['/forms/*', (rest) => `/forms/${rest}`],
  ['/ebox', () => '/ebox'],
  ['/ebox/*', (rest) => `/ebox/${rest}`],
  ['/documents', () => '/ebox'],
  ['/documents/*', (rest) => `/ebox/${rest}/files/1`],
  ['/ocmw/edit', () => '/details'],
  ['/ocmw/history', () => '/details/history'],
];

/** GET only: a post must name its OCMW; these answer 303 to the same page of the last OCMW opened. */
export function legacyOcmwRedirects(app: FastifyInstance, deps: AppDeps) {
  for (const [path, target] of LEGACY_PATHS) {
    app.get(path, async (request, reply) => {
      if (!request.actor) return reply.redirect('/login', 303);
      const last = request.session?.organisationId ? await findOrganisation(deps.db, request.session.organisationId) : undefined;
      if (!last) return reply.redirect('/choose-ocmw', 303);
      const rest = encodeURI((request.params as { '*'?: string })['*'] ?? '');
      const q = request.url.indexOf('?');
      return reply.redirect(ocmwPath(last.kbo, target(rest)) + (q >= 0 ? request.url.slice(q) : ''), 303);
    });
  }
}
